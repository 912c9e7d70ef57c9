#!/usr/bin/env bash
# Merges the test projects' coverlet reports (cobertura) into one, prints line and branch coverage per
# project of src/ and in total, and fails when total line coverage is under the floor.
# Usage: scripts/coverage-report.sh RESULTS_DIR   (COVERAGE_MIN_LINE, default 85)
set -euo pipefail
cd "$(dirname "$0")/.."
results=${1:?usage: coverage-report.sh RESULTS_DIR}
floor=${COVERAGE_MIN_LINE:-85}
tool=.tools/reportgenerator
if [[ ! -x $tool/reportgenerator ]]; then
  dotnet tool install --tool-path "$tool" dotnet-reportgenerator-globaltool --version 5.6.0 >/dev/null
fi
reports=$(find "$results" -name 'coverage.cobertura.xml' | paste -sd ';')
[[ -n $reports ]] || { echo "coverage: no coverage reports under $results" >&2; exit 1; }
out="$results/report"
"$tool/reportgenerator" "-reports:$reports" "-targetdir:$out" "-reporttypes:TextSummary;Cobertura" \
  -verbosity:Warning >/dev/null
# Per project: name, line %, branch %.
python3 - "$out/Cobertura.xml" "$floor" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
floor = float(sys.argv[2])
print("coverage (src/, generated code excluded):")
print(f"  {'project':32} {'lines':>8} {'branches':>9}")
for pkg in sorted(root.iter('package'), key=lambda p: p.get('name')):
    print(f"  {pkg.get('name'):32} {float(pkg.get('line-rate'))*100:7.1f}% {float(pkg.get('branch-rate'))*100:8.1f}%")
line = float(root.get('line-rate')) * 100
branch = float(root.get('branch-rate')) * 100
print(f"  {'total':32} {line:7.1f}% {branch:8.1f}%   (floor: {floor:.0f}% of lines)")
if line < floor:
    print(f"coverage: FAILED — line coverage {line:.1f}% is under the {floor:.0f}% floor", file=sys.stderr)
    sys.exit(1)
PY
