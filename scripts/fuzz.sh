#!/usr/bin/env bash
# Fuzzes one target of fuzz/ (SharpFuzz harnesses) with AFL++ for N minutes, then minimises the corpus.
#   scripts/fuzz.sh TARGET MINUTES        TARGET: dicom | rle | jpeg-lossless | jpeg-ls | raster
#   scripts/fuzz.sh seed                  (re)writes the starting corpora under fuzz/corpus/ from synthetic files
# Needs: apt afl++ (afl-fuzz, afl-cmin), dcmtk + libgdcm-tools (seed), the SharpFuzz.CommandLine dotnet tool 2.3.0
# (installed here if missing). Work files go to ${FUZZ_WORK:-~/.cache/medimg-fuzz}: the instrumented build, AFL's
# output (findings in $FUZZ_WORK/TARGET/out/default/crashes and hangs). The minimised corpus replaces
# fuzz/corpus/TARGET/; crashes are not copied there: turn each into a regression test (docs/FUZZING.md).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${FUZZ_WORK:-$HOME/.cache/medimg-fuzz} # afl-cmin refuses to run under /tmp
target=${1:?usage: scripts/fuzz.sh TARGET MINUTES | seed}
bin="$work/bin"

build() {
  # A Release build of its own, instrumented by SharpFuzz (the repo's normal build stays uninstrumented).
  if [ ! -f "$bin/.instrumented" ] || [ -n "$(find "$repo/src/Dicom" "$repo/src/Imaging" "$repo/fuzz" -name '*.cs' -newer "$bin/.instrumented" | head -1)" ]; then
    rm -rf "$bin"
    dotnet publish "$repo/fuzz/Fuzz.csproj" -c Release -o "$bin" -v q | { grep -E "error|warn" || true; }
    command -v sharpfuzz >/dev/null || dotnet tool install -g SharpFuzz.CommandLine --version 2.3.0 >/dev/null
    export PATH="$PATH:$HOME/.dotnet/tools"
    sharpfuzz "$bin/MedicalImaging.Dicom.dll"
    sharpfuzz "$bin/MedicalImaging.Imaging.dll"
    touch "$bin/.instrumented"
  fi
}

if [ "$target" = seed ]; then
  # Instrumented code only runs under afl-fuzz: seeds come from the ordinary (uninstrumented) build.
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  bash "$repo/scripts/make-dicom-corpus.sh" "$tmp/dicom" >/dev/null
  dotnet run --project "$repo/fuzz/Fuzz.csproj" -v q -- seed "$tmp/dicom" "$repo/fuzz/corpus"
  exit 0
fi

minutes=${2:?usage: scripts/fuzz.sh TARGET MINUTES}
command -v afl-fuzz >/dev/null || { echo "missing afl-fuzz: apt-get install afl++" >&2; exit 3; }
[ -d "$repo/fuzz/corpus/$target" ] || { echo "no corpus fuzz/corpus/$target: run scripts/fuzz.sh seed first" >&2; exit 3; }
# dotnet is not AFL-instrumented itself (SharpFuzz instruments our assemblies and speaks AFL's protocol), and
# this machine's core_pattern and CPU governor are not ours to change.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1
export DOTNET_TieredPGO=0 DOTNET_TC_QuickJitForLoops=1
dotnet=$(command -v dotnet) # afl-cmin wants the target's full path
build
dir="$work/$target"
# FUZZ_MINIMISE_ONLY=1 redoes only the minimisation of the last run's queue.
if [ "${FUZZ_MINIMISE_ONLY:-}" != 1 ]; then
rm -rf "$dir"
mkdir -p "$dir"
# -t 5000: an input that takes 5 s is a hang (a finding), -m none: the CLR reserves far more than it uses.
afl-fuzz -i "$repo/fuzz/corpus/$target" -o "$dir/out" -t 5000 -m none -V $((minutes * 60)) \
  -- "$dotnet" "$bin/MedicalImaging.Fuzz.dll" "$target" > "$dir/afl.log" 2>&1 || { tail -30 "$dir/afl.log" >&2; exit 1; }

stats="$dir/out/default/fuzzer_stats"
awk -F' *: *' -v t="$target" '
  $1 == "execs_done" {e=$2} $1 == "execs_per_sec" {s=$2} $1 == "run_time" {r=$2}
  $1 == "saved_crashes" {c=$2} $1 == "saved_hangs" {h=$2} $1 == "corpus_count" {q=$2} $1 == "bitmap_cvg" {b=$2}
  END {printf "%s: %s execs in %s s (%.0f/s over the run, %s/s at the end), corpus %s, coverage %s, crashes %s, hangs %s\n", t, e, r, e / (r > 0 ? r : 1), s, q, b, c, h}' "$stats" | tee "$dir/summary.txt"
fi

# Keep the smallest set of inputs that covers the same edges.
rm -rf "$dir/min"
afl-cmin -i "$dir/out/default/queue" -o "$dir/min" -t 5000 -m none -- "$dotnet" "$bin/MedicalImaging.Fuzz.dll" "$target" > "$dir/cmin.log" 2>&1 \
  || { tail -20 "$dir/cmin.log" >&2; exit 1; }
rm -rf "$repo/fuzz/corpus/$target"
mkdir -p "$repo/fuzz/corpus/$target"
i=0
for f in "$dir/min"/*; do
  cp "$f" "$repo/fuzz/corpus/$target/$(printf '%04d' $i)-$(sha1sum "$f" | cut -c1-8)"
  i=$((i + 1))
done
echo "$target: corpus minimised to $i files ($(du -sh --apparent-size "$repo/fuzz/corpus/$target" | cut -f1)) in fuzz/corpus/$target"
ls "$dir/out/default/crashes" "$dir/out/default/hangs" 2>/dev/null | grep -v README || true
