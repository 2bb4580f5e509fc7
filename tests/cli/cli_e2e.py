#!/usr/bin/env python3
"""End-to-end tests of the `offtake` tool: run it as a user would, parse what it prints,
check exit codes (docs/cli.md) and the files it writes.

Usage: cli_e2e.py --offtake PATH --source REPO_ROOT --group GROUP
Each group is one ctest entry; prints 'N passed, N failed' and exits non-zero on failure.
"""
import argparse
import csv
import io
import json
import math
import os
import signal
import subprocess
import sys
import tempfile
import time

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_INPUT, EXIT_CANCELLED = 0, 1, 2, 3, 130

ARGS = None
GROUPS = {}


def group(name):
    def register(fn):
        GROUPS.setdefault(name, []).append(fn)
        return fn
    return register


def src(*parts):
    return os.path.join(ARGS.source, *parts)


def offtake(*args, check=None, timeout=240):
    """Runs the tool; returns (exit code, stdout, stderr)."""
    proc = subprocess.run([ARGS.offtake, *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ARGS.source)
    if check is not None and proc.returncode != check:
        raise AssertionError(f"offtake {' '.join(args)}: exit {proc.returncode}, expected "
                             f"{check}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")
    return proc.returncode, proc.stdout, proc.stderr


def expect(cond, message):
    if not cond:
        raise AssertionError(message)


# --- usage -------------------------------------------------------------------------

@group("usage")
def version_prints_library_version():
    _, out, _ = offtake("--version", check=EXIT_OK)
    expect(out.startswith("offtake ") and "libofftake" in out, out)


@group("usage")
def help_lists_commands_and_exit_codes():
    _, out, _ = offtake("--help", check=EXIT_OK)
    expect("Exit codes" in out and "Example" in out, out)


@group("usage")
def no_command_is_bad_usage():
    code, _, err = offtake()
    expect(code == EXIT_USAGE, f"exit {code}")
    expect("subcommand" in err.lower(), err)


@group("usage")
def unknown_command_is_bad_usage():
    code, _, err = offtake("frobnicate")
    expect(code == EXIT_USAGE, f"exit {code}: {err}")


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--offtake", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--group", required=True, choices=sorted(GROUPS))
    ARGS = parser.parse_args()
    passed = failed = 0
    for test in GROUPS[ARGS.group]:
        started = time.monotonic()
        try:
            test()
            passed += 1
            print(f"ok   {test.__name__} ({time.monotonic() - started:.1f} s)")
        except Exception as e:  # noqa: BLE001 - report every failure, keep going
            failed += 1
            print(f"FAIL {test.__name__}: {e}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
