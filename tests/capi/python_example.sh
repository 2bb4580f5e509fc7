#!/usr/bin/env bash
# Runs examples/python/offtake_ctypes.py on the built library and checks it prints
# exactly what the C example printed (the capi_install_example test's output), so
# both bindings read the same numbers through the same C API.
#
# usage: python_example.sh PYTHON SCRIPT LIBRARY C_OUTPUT DEAL PATHS SEED
set -euo pipefail
python=$1 script=$2 library=$3 c_output=$4 deal=$5 paths=$6 seed=$7
out=$(mktemp)
trap 'rm -f "$out"' EXIT
OFFTAKE_LIBRARY="$library" "$python" "$script" "$deal" "$paths" "$seed" >"$out"
diff -u "$c_output" "$out"
grep -q '^bankability.category ' "$out"
echo "python and C print the same $(wc -l <"$out") lines"
