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
# The commands the tool offers (each must have --help with an example).
COMMANDS = ["validate"]
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



EXAMPLES = ["examples/thacker-pass-gm.yaml", "examples/rhyolite-ridge.yaml",
            "examples/copper-prepay.yaml", "examples/procurement/fixed.yaml",
            "examples/procurement/collar-prepay.yaml",
            "examples/procurement/index-equity-eca.yaml"]


def bad_inputs():
    folder = src("tests", "bad_inputs")
    if not os.path.isdir(folder):
        return []
    return sorted(os.path.join("tests", "bad_inputs", f) for f in os.listdir(folder)
                  if f.endswith((".yaml", ".yml")))


def write_bad_deal(folder):
    """A deal with three independent problems, to check that validate lists them all."""
    with open(src("examples", "thacker-pass-gm.yaml")) as f:
        text = f.read()
    text = text.replace("gearing: 0.65", "gearing: 1.40")          # above 100 %
    text = text.replace("tax_rate: 0.21", "tax_rate: high")        # wrong type
    text = text.replace("  mine_life_years: 46", "  mine_life_years: 46\n  colour: blue")  # unknown key
    path = os.path.join(folder, "three-problems.yaml")
    with open(path, "w") as f:
        f.write(text)
    return path


# --- validate ----------------------------------------------------------------------

@group("validate")
def every_example_is_valid():
    for deal in EXAMPLES:
        _, out, _ = offtake("validate", deal, check=EXIT_OK)
        expect("valid" in out, out)


@group("validate")
def validate_json_lists_files():
    _, out, _ = offtake("validate", *EXAMPLES[:2], "--format", "json", check=EXIT_OK)
    report = json.loads(out)
    expect([r["file"] for r in report] == EXAMPLES[:2], out)
    expect(all(r["valid"] and r["problems"] == [] for r in report), out)


@group("validate")
def validate_reports_every_problem_with_line_and_field():
    with tempfile.TemporaryDirectory() as tmp:
        path = write_bad_deal(tmp)
        out_file = os.path.join(tmp, "report.txt")
        code, out, err = offtake("validate", path, "--out", out_file)
        expect(code == EXIT_INPUT, f"exit {code}")
        expect(not os.path.exists(out_file), "an invalid deal must not produce an output file")
        for field in ("debt.gearing", "project.tax_rate", "project.colour"):
            expect(field in err, f"{field} missing from:\n{err}")
        # file:line:column: prefixes with real line numbers (the file has > 50 lines).
        lines = [l for l in err.splitlines() if "three-problems.yaml:" in l]
        expect(len(lines) >= 3, err)
        for l in lines:
            where = l.split("three-problems.yaml:")[1].split(":")
            expect(int(where[0]) > 0 and int(where[1]) > 0, l)


@group("validate")
def missing_file_is_bad_input():
    code, out, err = offtake("validate", "no/such/deal.yaml")
    expect(code == EXIT_INPUT, f"exit {code}")
    expect("no/such/deal.yaml" in err, err)


@group("validate")
def bad_inputs_are_rejected_without_output():
    files = bad_inputs()
    with tempfile.TemporaryDirectory() as tmp:
        for deal in files:
            out_file = os.path.join(tmp, "out.json")
            code, _, err = offtake("validate", deal, "--out", out_file)
            expect(code == EXIT_INPUT, f"validate {deal}: exit {code}\n{err}")
            expect(err.strip() != "", f"validate {deal}: no message")
            expect(not os.path.exists(out_file), f"validate {deal} wrote {out_file}")
            code, _, err = offtake("run", deal, "--out", out_file)
            expect(code == EXIT_INPUT, f"run {deal}: exit {code}\n{err}")
            expect(not os.path.exists(out_file), f"run {deal} wrote {out_file}")
            expect(os.listdir(tmp) == [], f"left behind: {os.listdir(tmp)}")


@group("validate")
def bad_usage_is_exit_2():
    for args in (["validate"], ["run"], ["run", EXAMPLES[0], "--format", "xml"],
                 ["run", EXAMPLES[0], "--paths", "0"], ["run", EXAMPLES[0], "--no-such-option"],
                 ["run", EXAMPLES[0], "--measure", "martingale"]):
        code, _, err = offtake(*args)
        expect(code == EXIT_USAGE, f"offtake {' '.join(args)}: exit {code}\n{err}")
        expect(err.strip() != "", f"offtake {' '.join(args)}: no message")


@group("validate")
def every_command_has_help_with_an_example():
    for cmd in COMMANDS:
        _, out, _ = offtake(cmd, "--help", check=EXIT_OK)
        expect("Example" in out and f"offtake {cmd}" in out, f"{cmd} --help:\n{out}")


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
