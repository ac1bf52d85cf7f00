#!/usr/bin/env python3
"""Type checks run by meson (suite python), each skipped (exit 77) when mypy is not installed:

  typecheck.py stubtest          python3 -m mypy.stubtest svcrecover: the stubs (.pyi) match the
                                 runtime package, so they cannot drift from it
  typecheck.py examples DIR      mypy --strict on the Python examples, against those stubs
                                 (mypy-examples.ini: dask and distributed read as Any)

The package is found on PYTHONPATH (the build tree's bindings/python).
"""
import importlib.util
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
SKIP = 77


def main(argv: list) -> int:
    if importlib.util.find_spec("mypy") is None:
        print("mypy is not installed (Debian: python3-mypy): skipped")
        return SKIP
    if argv[:1] == ["stubtest"]:
        command = [sys.executable, "-m", "mypy.stubtest", "--mypy-config-file", str(HERE / "mypy-stubtest.ini"),
                   "--allowlist", str(HERE / "stubtest-allowlist.txt"), "svcrecover"]
    elif argv[:1] == ["examples"] and len(argv) == 2:
        examples = sorted(str(p) for p in pathlib.Path(argv[1]).glob("*.py"))
        command = [sys.executable, "-m", "mypy", "--strict", "--config-file", str(HERE / "mypy-examples.ini"),
                   "--no-incremental", "--cache-dir", "/dev/null", *examples]
    else:
        print(__doc__)
        return 2
    print(" ".join(command), flush=True)
    return subprocess.call(command)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
