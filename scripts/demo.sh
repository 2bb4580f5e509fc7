#!/usr/bin/env bash
# First Quick-start command: installs what is missing, builds, and prices a bundled
# example deal (deterministic base case, then a Monte Carlo run), printing a readable
# summary. Usage: scripts/demo.sh [DEAL]   (default examples/thacker-pass-gm.yaml)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target offtake-cli >/dev/null
deal="${1:-examples/thacker-pass-gm.yaml}"
tool=build/release/apps/offtake
banner() { printf '\n=== %s ===\n\n' "$1"; }

banner "Deal file: $deal"
"$tool" validate "$deal"
banner "Deterministic base case (the deal file's price deck)"
"$tool" run "$deal"
banner "Monte Carlo: 20,000 simulated price paths"
"$tool" run "$deal" --paths 20000 --seed 42
printf '\nMore: %s --help, docs/getting-started.md, docs/cli.md\n' "$tool"
