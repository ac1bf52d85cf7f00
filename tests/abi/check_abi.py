#!/usr/bin/env python3
"""Check that the shared library keeps the ABI recorded in tests/abi/libsvcrecover.abi.

Usage: check_abi.py LIBRARY.so DUMP.abi HEADERS_DIR...

Runs abidiff between the recorded dump (made by tests/abi/update-dump) and LIBRARY, looking only at
types declared in the public headers under HEADERS_DIR. Added functions are allowed (a minor
release may add them); a removed or changed function, or a changed public struct, enum or typedef,
fails the test with abidiff's report. After an intended change of the public API, run
tests/abi/update-dump and commit the new dump.

Fails (exit 1), never skips, when abidiff/abidw are not installed or LIBRARY has no debug info:
a run without the tools must not pass as if the ABI had been checked. Install abigail-tools
(Debian, Ubuntu) or libabigail (Fedora), and build with debug info (the default buildtype
debugoptimized has it).
"""
import os
import shutil
import subprocess
import sys
import tempfile

FAIL = 1
# abidiff's exit status is a bit set (libabigail's abidiff_status).
ABIDIFF_ERROR = 1
ABIDIFF_USAGE_ERROR = 2
ABIDIFF_ABI_CHANGE = 4
ABIDIFF_ABI_INCOMPATIBLE_CHANGE = 8


def has_debug_info(library):
    out = subprocess.run(["readelf", "-S", "-W", library], capture_output=True, text=True)
    return out.returncode == 0 and ".debug_info" in out.stdout


def main():
    if len(sys.argv) < 4:
        print(__doc__.strip().splitlines()[2])
        return 2
    library, dump, headers = sys.argv[1], sys.argv[2], sys.argv[3:]
    # ABIDIFF and ABIDW name other programs (or ones that do not exist, to test the failure).
    abidiff = shutil.which(os.environ.get("ABIDIFF", "abidiff"))
    abidw = shutil.which(os.environ.get("ABIDW", "abidw"))
    if abidiff is None or abidw is None:
        print("abidiff or abidw not found: cannot check the ABI (Debian: apt-get install abigail-tools)")
        return FAIL
    if not has_debug_info(library):
        print(f"{library} has no debug info: cannot check the ABI (build with -g, e.g. buildtype "
              "debugoptimized or debug)")
        return FAIL
    # Dump the library the way tests/abi/update-dump does and compare dump with dump: abidiff
    # reading the library directly overlooks some changes of structs reached through pointers.
    with tempfile.TemporaryDirectory() as scratch:
        current = os.path.join(scratch, "current.abi")
        command = [abidw, "--drop-private-types", "--no-corpus-path", "--no-comp-dir-path",
                   "--no-show-locs", "--out-file", current, library]
        for directory in headers:
            command[1:1] = ["--headers-dir", directory]
        made = subprocess.run(command, capture_output=True, text=True)
        if made.returncode != 0:
            print(f"abidw failed (status {made.returncode}):\n{made.stdout}{made.stderr}")
            return 1
        result = subprocess.run([abidiff, "--no-added-syms", dump, current], capture_output=True, text=True)
    status = result.returncode
    if status & (ABIDIFF_ERROR | ABIDIFF_USAGE_ERROR):
        print(f"abidiff failed (status {status}):\n{result.stdout}{result.stderr}")
        return 1
    if status & (ABIDIFF_ABI_CHANGE | ABIDIFF_ABI_INCOMPATIBLE_CHANGE):
        kind = "an incompatible" if status & ABIDIFF_ABI_INCOMPATIBLE_CHANGE else "a"
        print(f"{kind} change of the public ABI against {dump}:\n{result.stdout}{result.stderr}")
        print("If the change is intended (and the version says so), regenerate the dump with "
              "tests/abi/update-dump and commit it.")
        return 1
    print(f"the public ABI matches {dump} (added functions, if any, are allowed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
