#!/usr/bin/env bash
# First Quick-start command: installs what is missing, builds, and prices a bundled
# example deal (deterministic base case, then a Monte Carlo run).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target offtake-cli
deal="${1:-examples/thacker-pass-gm.yaml}"
build/release/apps/offtake run "$deal"
build/release/apps/offtake run "$deal" --paths 20000 --seed 42
