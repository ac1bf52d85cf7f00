#!/usr/bin/env python3
"""Check that the shared library exports exactly the functions listed in the version script.

Usage: check_exports.py LIBRARY.so VERSION_SCRIPT

Fails when a public function was added without listing it in lib/libsvcrecover.map (it would not
be exported), when the map lists a function the library does not define, or when anything other
than svcr_ symbols leaks out of the shared library.
"""
import re
import subprocess
import sys


def listed_symbols(map_path):
    text = open(map_path, encoding="utf-8").read()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    global_part = text.split("global:", 1)[1].split("local:", 1)[0]
    return {name.strip() for name in global_part.split(";") if name.strip()}


def exported_symbols(library):
    out = subprocess.run(["nm", "-D", "--defined-only", library], check=True,
                         capture_output=True, text=True).stdout
    names = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        symbol_type, name = parts[1], parts[2].split("@")[0]
        if symbol_type == "A":  # the version node itself (SVCR_0.2)
            continue
        names.add(name)
    return names


def main():
    library, map_path = sys.argv[1], sys.argv[2]
    listed = listed_symbols(map_path)
    exported = exported_symbols(library)
    problems = []
    for name in sorted(exported - listed):
        problems.append(f"exported but not in the version script: {name}")
    for name in sorted(listed - exported):
        problems.append(f"in the version script but not exported (missing SVCR_EXTERN or definition): {name}")
    for name in sorted(n for n in exported if not n.startswith("svcr_")):
        problems.append(f"non-svcr_ symbol leaks: {name}")
    if problems:
        print("\n".join(problems))
        return 1
    print(f"{len(exported)} exported symbols match the version script")
    return 0


if __name__ == "__main__":
    sys.exit(main())
