"""Checks what leaves libofftake.so: its SONAME, that every C function the header
declares is exported, and that nothing else is: every exported symbol is an offtake_ C
function declared in the header. The shared library's interface is the C API only
(docs/c-api.md, "What the shared library exports"): no C++ symbol may leave it, not the
library's own classes and not a standard-library template instantiated on them (such
as std::__do_uninit_fill_n<offtake::QuantileSketch*, ...>, whose demangled name starts
with its return type `offtake::` and so once passed a prefix check).

Usage: check_exports.py <libofftake.so> <offtake.h> <expected SONAME>
       check_exports.py --self-test    (the classification on known symbol names)
"""
import re
import subprocess
import sys


def export_problems(exported, declared):
    """Problems with a list of exported symbol names (versions stripped) against the
    set of declared C API functions."""
    problems = []
    c_symbols = {n for n in exported if not n.startswith("_Z")}
    cpp_symbols = sorted(n for n in exported if n.startswith("_Z"))
    for name in sorted(declared - c_symbols):
        problems.append(f"declared but not exported: {name}")
    for name in sorted(c_symbols - declared):
        problems.append(f"exported but not a declared C API function: {name}")
    if cpp_symbols:
        demangled = subprocess.run(["c++filt"], input="\n".join(cpp_symbols), capture_output=True,
                                   text=True, check=True).stdout.splitlines()
        for mangled, name in zip(cpp_symbols, demangled):
            problems.append(f"C++ symbol exported (the interface is the C API only): {name} ({mangled})")
    return problems


def self_test():
    declared = {"offtake_version", "offtake_simulate"}
    cases = [
        # (exported names, number of problems expected)
        (["offtake_version", "offtake_simulate"], 0),
        # The case found by the hostile test: a libstdc++ template on our type.
        (["offtake_version", "offtake_simulate",
          "_ZSt18__do_uninit_fill_nIPN7offtake14QuantileSketchEmS1_ET_S3_T0_RKT1_"], 1),
        # The library's own C++ API, its typeinfo and vtables: not exported either.
        (["offtake_version", "offtake_simulate", "_ZN7offtake12DealDocument10set_numberERKNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEEd",
          "_ZTIN7offtake9DealErrorE", "_ZTVN7offtake9DealErrorE"], 3),
        (["offtake_version"], 1),                       # a declared function missing
        (["offtake_version", "offtake_simulate", "offtake_internal_helper", "yaml_parser_parse"], 2),
    ]
    failures = 0
    for exported, expected in cases:
        got = export_problems(exported, declared)
        if len(got) != expected:
            failures += 1
            print(f"self-test: {exported}: {len(got)} problems, expected {expected}: {got}")
    if not any("std::__do_uninit_fill_n<offtake::QuantileSketch*" in p
               for p in export_problems(cases[1][0], declared)):
        failures += 1
        print("self-test: the std::__do_uninit_fill_n case is not named")
    print(f"self-test: {len(cases)} cases, {failures} failed")
    return 1 if failures else 0


def main():
    if sys.argv[1:2] == ["--self-test"]:
        return self_test()
    library, header, soname = sys.argv[1:4]
    failures = []

    dynamic = subprocess.run(["readelf", "-d", library], capture_output=True, text=True,
                             check=True).stdout
    found = re.search(r"\(SONAME\)\s+Library soname: \[([^\]]+)\]", dynamic)
    if not found or found.group(1) != soname:
        failures.append(f"SONAME is {found.group(1) if found else None}, expected {soname}")

    text = open(header, encoding="utf-8").read()
    declared = set(re.findall(r"OFFTAKE_API[^;{]*?\b(offtake_\w+)\s*\(", text))
    if len(declared) < 10:
        failures.append(f"only {len(declared)} functions parsed from the header")

    nm = subprocess.run(["nm", "-D", "--defined-only", library], capture_output=True,
                        text=True, check=True).stdout
    # Skip "A" entries: they name symbol-version nodes (LIBOFFTAKE_0), not symbols.
    exported = [line.split()[-1] for line in nm.splitlines()
                if line.strip() and line.split()[-2] != "A"]
    # Versioned symbols print as name@@VERSION.
    exported = [name.split("@")[0] for name in exported]
    failures += export_problems(exported, declared)

    for failure in failures:
        print(failure)
    c_count = sum(1 for n in exported if not n.startswith("_Z"))
    print(f"{c_count} C symbols, {len(exported) - c_count} C++ symbols exported; "
          f"{len(declared)} functions declared; {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
