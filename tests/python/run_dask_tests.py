#!/usr/bin/env python3
"""The meson suite `dask`: pytest on tests/python/test_dask*.py with a real LocalCluster.

Exits 77 (meson's "skipped") when dask or distributed is not installed (Debian: python3-dask,
python3-distributed; .ci/run's dask stage installs them and requires this suite to pass).
"""

import os
import pathlib
import sys


def main() -> int:
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as e:
        print(f"skipped: {e} (install python3-dask and python3-distributed)")
        return 77

    import pytest

    here = pathlib.Path(__file__).resolve().parent
    os.environ["SVCR_DASK_SUITE"] = "1"
    tests = sorted(str(p) for p in here.glob("test_dask*.py"))
    # Debian's distributed calls a tornado API tornado deprecates: not ours to fix.
    quiet = ["-W", "ignore:make_current is deprecated:DeprecationWarning"]
    return pytest.main(["-q", "-p", "no:cacheprovider", "--rootdir", str(here), *quiet, *tests, *sys.argv[1:]])


# Dask's worker processes start by importing this file again (multiprocessing's spawn): only the
# process that was run as the script runs the tests.
if __name__ == "__main__":
    sys.exit(main())
