#!/usr/bin/env bash
# Second Quick-start command, and what CI runs: installs what is missing, builds and
# runs the whole test suite through ctest, then fuzzes the input boundaries briefly and
# runs the suite again under AddressSanitizer + UndefinedBehaviorSanitizer, and the
# multi-threaded test programs under ThreadSanitizer (docs/hardening.md).
#   OFFTAKE_QUICK=1   only the normal build and test run (for day-to-day work)
#   OFFTAKE_FUZZ_SECONDS=N   seconds per fuzz target (default 30; five targets)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
stage() { printf '\n== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }

stage "dependencies"
scripts/install-deps.sh --test

stage "build (default preset)"
cmake --preset default >/dev/null
cmake --build --preset default -j "$jobs"
stage "tests (default preset)"
ctest --preset default -j "$jobs"

if [[ "${OFFTAKE_QUICK:-0}" == 1 ]]; then exit 0; fi

stage "fuzzing"
scripts/fuzz.sh "${OFFTAKE_FUZZ_SECONDS:-30}"

stage "build (asan preset)"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
stage "tests (asan preset)"
ctest --preset asan -j "$jobs"

# Only the programs that start threads (Monte Carlo runner, C API, progress bar): the
# whole suite under TSan is `cmake --workflow --preset tsan` (about 6 more minutes).
stage "build (tsan-threads preset)"
cmake --preset tsan >/dev/null
cmake --build --preset tsan-threads -j "$jobs"
stage "tests (tsan-threads preset)"
ctest --preset tsan-threads -j "$jobs"
stage "done"
