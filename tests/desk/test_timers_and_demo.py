#!/usr/bin/env python3
"""Timers the library cannot compute and long atonements: reported or kept whole, never lost.

usage: test_timers_and_demo.py SVCR_DESK TEST [SVCR_DESK_LONG_OFFERS]

Each TEST is one meson test (desk_<TEST>); see the functions named test_<TEST> below.
"""
import json
import os
import sqlite3
import subprocess
import sys

import desk_test
from desk_test import Failure, check

T0 = "2026-11-02T09:00:00Z"          # a Monday
LATE = "9999-12-31T16:00:00Z"        # 16 business hours later is past year 9999
LATE_EPOCH = 253402300800 - 8 * 3600  # LATE in epoch seconds
# What tests/desk/long_offers.c appends to every offer's summary.
LONG_TAIL = (" + a handwritten note from the team lead + a call back within the hour from the same agent"
             " + priority handling of the next three orders + a free upgrade at the next delivery: END")


def desk(db, *args, expect=0, exe=None):
    proc = subprocess.run([exe or desk_test.DESK, "--db", db, *args], capture_output=True, text=True)
    if expect is not None and proc.returncode != expect:
        raise Failure(f"svcr-desk {' '.join(args)}: exit {proc.returncode}, expected {expect}\n"
                      f"stdout: {proc.stdout}\nstderr: {proc.stderr}")
    return proc


def digest(db):
    return b"".join(open(p, "rb").read() for p in (db, db + "-wal") if os.path.exists(p))


def test_timer_past_year_9999(tmp):
    """The resolution timer of a case opened late on 9999-12-31 would fall due after year 9999.
    Before, the desk dropped that timer in silence (open exited 0, show and the agenda had no
    resolution timer); now writes are refused naming the case and the timer, and a case stored
    that way earlier is reported wherever its timers are read."""
    db = os.path.join(tmp, "t.db")
    desk(db, "open", "C-1", "--expectation", "x", "--at", T0)
    before = digest(db)
    proc = desk(db, "open", "Y-9", "--expectation", "x", "--at", LATE, expect=2)
    check("case Y-9: timer resolution: " in proc.stderr and "years 0001-9999" in proc.stderr,
          f"open: the message names neither the case nor the timer: {proc.stderr!r}")
    check(digest(db) == before, "open: the database changed")

    # A case written so before the desk checked (its times moved into year 9999 in the file).
    desk(db, "open", "L-1", "--expectation", "x", "--at", T0)
    con = sqlite3.connect(db)
    row = con.execute("SELECT json FROM cases WHERE id = 'L-1'").fetchone()
    con.execute("UPDATE cases SET json = ?, opened_at = ?, updated_at = ? WHERE id = 'L-1'",
                (row[0].replace(T0, LATE), LATE_EPOCH, LATE_EPOCH))
    con.commit()
    con.close()
    proc = desk(db, "show", "L-1", "--at", LATE, expect=None)
    check("case L-1: timer resolution: " in proc.stderr,
          f"show: the timer that cannot be computed is not reported: {proc.stderr!r}")
    check("not shown" in proc.stdout, f"show: the timers are listed as if complete: {proc.stdout}")
    proc = desk(db, "--json", "show", "L-1", "--at", LATE, expect=None)
    check("case L-1: timer resolution: " in proc.stderr, f"show --json: {proc.stderr!r}")
    check(json.loads(proc.stdout)["timers"] is None, f"show --json: timers listed as if complete: {proc.stdout}")
    proc = desk(db, "report", "--at", LATE, expect=2)
    check("case L-1: timer resolution: " in proc.stderr, f"report: the message names no case: {proc.stderr!r}")
    before = digest(db)
    proc = desk(db, "apply", "L-1", "apologized", "--at", "9999-12-31T16:10:00Z", expect=2)
    check("case L-1: timer resolution: " in proc.stderr, f"apply: {proc.stderr!r}")
    check(digest(db) == before, "apply: the database changed")


def test_demo_long_atonement(tmp, long_offers_desk):
    """The demo records each atonement as the offer engine words it, however long. Before, it
    copied it into a 160-byte buffer: a summary longer than that lost its end."""
    db = os.path.join(tmp, "demo.db")
    desk(db, "demo", exe=os.path.abspath(long_offers_desk))
    out = desk(db, "export").stdout
    atonements = [json.loads(line)["case"]["facts"].get("atonement") for line in out.splitlines()]
    long_ones = [a for a in atonements if a is not None and a.endswith(LONG_TAIL)]
    cut = [a for a in atonements if a is not None and not a.endswith(LONG_TAIL)
           and a.startswith(("refund", "credit", "voucher", "gift", "none")) and len(a) > 100]
    check(long_ones, f"no atonement recorded whole; the longest: {max(atonements, key=lambda a: len(a or ''))!r}")
    check(not cut, f"atonements cut: {cut[:3]}")
    check(all(len(a) > 160 for a in long_ones), "the long atonements are not longer than the old buffer")


def main(argv):
    return desk_test.run_named_test(argv, globals())


if __name__ == "__main__":
    sys.exit(main(sys.argv))
