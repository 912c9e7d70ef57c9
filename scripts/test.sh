#!/usr/bin/env bash
# Runs every test: installs dependencies, lints the contract, builds and runs all test projects.
# Prints a closing "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh test
bash scripts/buf-lint.sh
# A real Neo4j (3.1.1, auth on) for the graph-store tests; they read .tools/neo4j/env. Stopped on
# exit when this run started it (one found running is left as it was).
trap 'bash scripts/neo4j-test-server.sh stop-if-started; bash scripts/nats-test-server.sh stop-if-started' EXIT
bash scripts/neo4j-test-server.sh
# A real NATS server with JetStream for the cluster tests (CLUSTER_MODE=nats); they read .tools/nats/env.
bash scripts/nats-test-server.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build MedicalImaging.sln -c Release -nologo -v quiet
log=$(mktemp)
set +e
dotnet test MedicalImaging.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# Script-based suites (node:test, TAP output) against a live server: the TypeScript SDK and the
# browser console. Each prints "# pass N" / "# fail N" lines that are added to the totals.
for suite in scripts/test-typescript.sh scripts/test-console.sh; do
  [[ -f "$suite" ]] || continue
  bash "$suite" 2>&1 | tee -a "$log"
  suite_status=${PIPESTATUS[0]}
  (( suite_status == 0 )) || status=$suite_status
done
set -e

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
passed=$((passed + $(grep -Eo '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')))
failed=$((failed + $(grep -Eo '^# fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')))
rm -f "$log"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
