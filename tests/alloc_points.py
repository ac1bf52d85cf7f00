#!/usr/bin/env python3
"""Sum the allocation points the unit tests exercised, per module and in all.

Every fault-injection scenario prints "alloc points: <test file>/<scenario> <count>" (see
tests/support/test_alloc.c). After `meson test -C build --suite unit`:

    tests/alloc_points.py build/meson-logs/testlog.txt
"""
import collections
import re
import sys


def main(argv):
    path = argv[0] if argv else "build/meson-logs/testlog.txt"
    points = {}
    for line in open(path, encoding="utf-8", errors="replace"):
        m = re.match(r"alloc points: (\S+)/(\S+) (\d+)$", line.strip())
        if m:
            points[(m.group(1), m.group(2))] = int(m.group(3))
    modules = collections.defaultdict(lambda: [0, 0])
    for (test, _), count in points.items():
        module = modules[test.split("_")[0]]
        module[0] += 1
        module[1] += count
    for name in sorted(modules):
        print("%-10s %4d scenarios %7d allocation points" % (name, modules[name][0], modules[name][1]))
    print("%-10s %4d scenarios %7d allocation points" % ("total", len(points), sum(points.values())))
    return 0 if points else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
