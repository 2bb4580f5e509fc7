"""Checks what leaves libofftake.so: its SONAME, that every C function the header
declares is exported, that every exported unmangled symbol is an offtake_ C function
declared in the header, and that every exported C++ symbol belongs to namespace offtake.

Usage: check_exports.py <libofftake.so> <offtake.h> <expected SONAME>
"""
import re
import subprocess
import sys


def main():
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
    c_symbols = {n for n in exported if not n.startswith("_Z")}
    cpp_symbols = [n for n in exported if n.startswith("_Z")]

    for name in sorted(declared - c_symbols):
        failures.append(f"declared but not exported: {name}")
    for name in sorted(c_symbols - declared):
        failures.append(f"exported but not a declared C API function: {name}")

    if cpp_symbols:
        demangled = subprocess.run(["c++filt"], input="\n".join(cpp_symbols),
                                   capture_output=True, text=True, check=True).stdout
        for mangled, name in zip(cpp_symbols, demangled.splitlines()):
            # Functions, typeinfo and vtables of the library's own C++ API only.
            plain = re.sub(r"^(typeinfo name for|typeinfo for|vtable for|VTT for) ", "", name)
            if not plain.startswith("offtake::"):
                failures.append(f"foreign C++ symbol exported: {name} ({mangled})")

    for failure in failures:
        print(failure)
    print(f"{len(c_symbols)} C symbols, {len(cpp_symbols)} C++ symbols exported; "
          f"{len(declared)} functions declared; {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
