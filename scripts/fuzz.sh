#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) and fuzzes each for a bounded time.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 30)
# Seed corpora: tests/fuzz/corpus/<target>/ plus the bundled examples and the catalogue
# of bad inputs. A crash stops with a non-zero exit and leaves the input in fuzz-out/;
# keep it as a regression case in tests/bad_inputs/ (see docs/hardening.md).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
scripts/install-deps.sh --test
cmake --preset fuzz >/dev/null
targets=$(sed -n 's/^ *add_offtake_fuzzer(\([a-z_0-9]*\).*/\1/p' tests/fuzz/CMakeLists.txt 2>/dev/null || true)
if [[ -z "$targets" ]]; then echo "fuzz: no fuzz targets defined"; exit 0; fi
cmake --build --preset fuzz -j "$(nproc)" --target $targets
mkdir -p fuzz-out
for t in $targets; do
  work="fuzz-out/$t"; mkdir -p "$work/corpus"
  seeds=("$work/corpus")
  [[ -d "tests/fuzz/corpus/$t" ]] && seeds+=("tests/fuzz/corpus/$t")
  # tests/fuzz/<target>.seeds: more seed folders, one a line (examples, bad inputs, ...)
  if [[ -f "tests/fuzz/$t.seeds" ]]; then
    while read -r d; do [[ -n "$d" && -d "$d" ]] && seeds+=("$d"); done < "tests/fuzz/$t.seeds"
  fi
  echo "fuzz: $t for ${seconds}s"
  "build/fuzz/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$work/" -print_final_stats=1 "${seeds[@]}" 2>"$work/log.txt" \
    || { echo "fuzz: $t FAILED, see $work/log.txt"; tail -40 "$work/log.txt"; exit 1; }
  grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "$work/log.txt" | tail -2 | sed "s/^/fuzz: $t: /"
done
