#!/usr/bin/env bash
# Installs libofftake into a temporary prefix, builds examples/c/price_deal against it
# twice, with pkg-config (the example's Makefile) and with CMake find_package, runs both
# and checks they print the same lines. Proves the installed package works on its own.
#
# usage: install_example.sh BUILD_DIR SOURCE_DIR WORK_DIR C_COMPILER DEAL PATHS SEED
set -euo pipefail
# On any failure, say which line failed and show the logs written so far.
trap 'status=$?; echo "install_example.sh: line $LINENO failed (status $status)"; tail -n 30 "$work"/*.log "$work"/*.out 2>/dev/null; exit $status' ERR
build=$1 source=$2 work=$3 cc=$4 deal=$5 paths=$6 seed=$7
rm -rf "$work"
mkdir -p "$work"
prefix="$work/prefix"

cmake --install "$build" --prefix "$prefix" --component libofftake >"$work/install.log"
pcdir=$(dirname "$(find "$prefix" -name libofftake.pc | head -n1)")
libdir=$(dirname "$pcdir")

# 1. pkg-config, through the example's own Makefile.
mkdir -p "$work/pkgconfig"
PKG_CONFIG_PATH="$pcdir" make -s -C "$work/pkgconfig" -f "$source/examples/c/Makefile" \
    VPATH="$source/examples/c" CC="$cc" CFLAGS="-std=c99 -O2 -Wall -Wextra -Werror" \
    LDFLAGS="-Wl,-rpath,$libdir"
"$work/pkgconfig/price_deal" "$deal" "$paths" "$seed" >"$work/pkgconfig.out"

# 2. CMake find_package(libofftake), from a configure that knows only the prefix.
cmake -S "$source/examples/c" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=Release >"$work/cmake-configure.log"
cmake --build "$work/cmake" >"$work/cmake-build.log"
"$work/cmake/price_deal" "$deal" "$paths" "$seed" >"$work/cmake.out"

# Both must print the same numbers, and a bankability category.
diff -u "$work/pkgconfig.out" "$work/cmake.out"
grep -q '^bankability.category ' "$work/cmake.out"
# The programs must use the installed library, not the build tree's.
ldd "$work/cmake/price_deal" >"$work/cmake-ldd.log"
ldd "$work/pkgconfig/price_deal" >"$work/pkgconfig-ldd.log"
grep -q "$prefix" "$work/cmake-ldd.log"
grep -q "$prefix" "$work/pkgconfig-ldd.log"
cat "$work/cmake.out"
