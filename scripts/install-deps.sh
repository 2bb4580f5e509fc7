#!/usr/bin/env bash
# Installs the Debian 12 packages libofftake needs, skipping those already present.
# Usage: scripts/install-deps.sh [--test]   (--test adds what the test suite needs)
# Idempotent and quiet when everything is there.
set -euo pipefail

packages=(g++ cmake ninja-build pkg-config
          libquantlib0-dev libboost-dev libfmt-dev libyaml-cpp-dev libyaml-dev
          librandom123-dev libcli11-dev nlohmann-json3-dev
          libgtest-dev libbenchmark-dev
          libjs-chart.js libxlsxwriter-dev libnlopt-dev libglpk-dev)
# libjs-chart.js: Chart.js, embedded at build time in the HTML reports;
# libxlsxwriter-dev: writes the Excel workbooks (docs/reports.md);
# libnlopt-dev: NLopt's C API, the optimiser of negotiate --search nlopt (docs/negotiation.md);
# libglpk-dev: GLPK solves the portfolio optimiser's problem (docs/portfolio.md 5d).
if [[ "${1:-}" == "--test" ]]; then
  # python3: the ctypes binding test; clang + compiler-rt: libFuzzer targets;
  # chromium: opens the HTML reports headless; python3-openpyxl: reads the workbooks back.
  packages+=(python3 clang libclang-rt-14-dev chromium python3-openpyxl)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then SUDO=sudo; else
    echo "install-deps: missing packages (${missing[*]}) and not root; install them as root" >&2
    exit 1
  fi
else
  SUDO=
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
