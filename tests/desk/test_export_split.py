#!/usr/bin/env python3
"""svcr-desk export --split N DIR: N files of about equal size, cases whole, never a file replaced.

usage: test_export_split.py SVCR_DESK TEST

Each TEST is one meson test (desk_export_<TEST>); see the functions named test_<TEST> below.
"""
import hashlib
import json
import os
import subprocess
import sys

import desk_test
from desk_test import Failure, check


def run(db, *args, expect=0):
    proc = subprocess.run([desk_test.DESK, "--db", db, *args], capture_output=True, text=True)
    if proc.returncode != expect:
        raise Failure(f"svcr-desk {' '.join(args)}: exit {proc.returncode}, expected {expect}\n{proc.stderr}")
    if expect == 2:
        check(proc.stderr.startswith("svcr-desk: export --split: "), f"no clear message: {proc.stderr!r}")
    return proc.stdout, proc.stderr


def snapshot(directory):
    """Every file under directory with its content's hash."""
    found = {}
    for root, _, names in os.walk(directory):
        for name in names:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                found[path] = hashlib.sha256(f.read()).hexdigest()
    return found


def demo(tmp):
    db = os.path.join(tmp, "demo.db")
    run(db, "demo")
    return db


def test_split(tmp):
    """The files hold exactly export's lines, in order, whole, in files of about equal size."""
    db = demo(tmp)
    whole, _ = run(db, "export")
    lines = whole.splitlines(keepends=True)
    for n in (1, 4, 7):
        out = os.path.join(tmp, f"split-{n}")
        printed, _ = run(db, "export", "--split", str(n), out)
        check(f"exported {len(lines)} cases" in printed and f"into {n} files" in printed, printed)
        names = sorted(os.listdir(out))
        check(names == [f"cases-{i:04d}.jsonl" for i in range(1, n + 1)], names)
        parts = [open(os.path.join(out, name), encoding="utf-8").read() for name in names]
        check("".join(parts) == whole, f"--split {n}: the files together are not export's output")
        for part in parts:
            check(part == "" or part.endswith("\n"), "a file ends inside a line")
            for line in part.splitlines():
                check("case" in json.loads(line), "a line that is not a whole exported case")
        sizes = [len(p.encode()) for p in parts]
        longest = max(len(line.encode()) for line in lines)
        target = len(whole.encode()) / n
        check(all(abs(size - target) <= longest for size in sizes),
              f"--split {n}: sizes {sizes} are not within a line ({longest} bytes) of {target:.0f}")
    # --json names the files.
    out = os.path.join(tmp, "split-json")
    printed, _ = run(db, "--json", "export", "--split", "2", out)
    summary = json.loads(printed)
    check(summary["cases"] == len(lines) and summary["files"] == [os.path.join(out, "cases-0001.jsonl"),
                                                                   os.path.join(out, "cases-0002.jsonl")], summary)


def test_split_more_files_than_cases(tmp):
    db = os.path.join(tmp, "small.db")
    run(db, "open", "C-1", "--expectation", "parcel on Friday", "--customer", "K-1", "--severity", "4")
    run(db, "open", "C-2", "--expectation", "refund in a week")
    out = os.path.join(tmp, "out")
    os.mkdir(out)  # an empty directory is fine
    run(db, "export", "--split", "5", out)
    parts = [open(os.path.join(out, f"cases-{i:04d}.jsonl")).read() for i in range(1, 6)]
    check(sum(p.count("\n") for p in parts) == 2 and sum(1 for p in parts if p) == 2, parts)


def test_split_never_replaces(tmp):
    """A directory with anything in it, a file in DIR's place, bad counts: refused, nothing changed."""
    db = demo(tmp)
    out = os.path.join(tmp, "out")
    os.mkdir(out)
    mine = os.path.join(out, "cases-0001.jsonl")
    with open(mine, "w") as f:
        f.write("my own data\n")
    before = snapshot(tmp)
    _, err = run(db, "export", "--split", "3", out, expect=2)
    check("is not empty" in err, err)
    # Even a file that is not in the way: the directory is not the desk's.
    os.rename(mine, os.path.join(out, "notes.txt"))
    before = snapshot(tmp)
    run(db, "export", "--split", "3", out, expect=2)
    check(snapshot(tmp) == before, "a refused split changed files")
    a_file = os.path.join(tmp, "plain-file")
    with open(a_file, "w") as f:
        f.write("x\n")
    before = snapshot(tmp)
    _, err = run(db, "export", "--split", "2", a_file, expect=2)
    check("is not a directory" in err, err)
    for bad in ("0", "-1", "10001", "two", "3x", ""):
        run(db, "export", "--split", bad, os.path.join(tmp, "new"), expect=2)
    run(db, "export", "--split", "2", expect=2)
    run(db, "export", "--split", "2", os.path.join(tmp, "a"), "extra", expect=2)
    check(snapshot(tmp) == before and not os.path.exists(os.path.join(tmp, "new")), "a refused split left files")
    # A missing parent: a clear failure, nothing made.
    _, err = run(db, "export", "--split", "2", os.path.join(tmp, "no", "such", "dir"), expect=1)
    check("cannot create" in err, err)


def main(argv):
    return desk_test.run_named_test(argv, globals(), "svcr-desk-export-")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
