#!/usr/bin/env python3
"""What the desk prints never loses, cuts or misstates data, and never acts on the reader.

usage: test_output_safety.py SVCR_DESK TEST

Each TEST is one meson test (suite 'desk', named desk_output_TEST); see test_<TEST> below.
"""
import json
import os
import shlex
import subprocess
import sys

import desk_test
from desk_test import check, desk, desk_json

T0 = 1793610000  # 2026-11-02T09:00:00Z, a Monday
WEEK = 7 * 86400


def run(db, *args, stdout=None):
    """Run the desk with stdout sent to @stdout (a path); return (exit status, stderr)."""
    with open(stdout, "w") if stdout else subprocess.DEVNULL as out:
        proc = subprocess.run([desk_test.DESK, "--db", db, *args], stdout=out,
                              stderr=subprocess.PIPE, text=True)
    check("runtime error" not in proc.stderr, f"sanitizer report:\n{proc.stderr}")
    return proc.returncode, proc.stderr


def no_sanitizer_report(err):
    check("runtime error" not in err, f"sanitizer report:\n{err}")


# ---- item 5: no table drops data -------------------------------------------------------------

def test_report_weeks(tmp):
    """80 weekly cases, each with a breached first response: the report shows all 80 weeks."""
    db = os.path.join(tmp, "desk.db")
    for w in range(80):
        desk(db, "open", f"W-{w:02d}", "--expectation", "an answer within the hour",
             "--at", "@" + str(T0 + w * WEEK))
    at = "@" + str(T0 + 80 * WEEK)
    report = desk_json(db, "report", "--at", at)
    weekly = report["timer_breaches"]["weekly"]
    check(len(weekly) == 80, f"{len(weekly)} weeks in the JSON report, 80 expected")
    check(weekly[0]["week"] == "2026-11-02" and weekly[-1]["week"] == "2028-05-08",
          f"first and last week: {weekly[0]['week']} {weekly[-1]['week']}")
    check(all(w["by_timer"].get("first_response") == 1 for w in weekly), "one breach a week")
    text, _ = desk(db, "report", "--at", at)
    lines = [l for l in text.splitlines() if l.startswith("  20") and "first_response" in l]
    check(len(lines) == 80, f"{len(lines)} weeks in the text report, 80 expected")
    check("2028-05-08" in text, "the newest week is missing from the text report")


def test_long_text(tmp):
    """Long facts, notes and ids are shown whole in text output and messages, and the report says
    which cases it left out."""
    db = os.path.join(tmp, "desk.db")
    expectation = "deliver " + "very " * 300 + "soon (end)"
    note = "sorry " * 250 + "(end of note)"
    long_id = "L-" + "x" * 1500 + "-end"
    desk(db, "open", "C-1", "--expectation", expectation, "--at", "@" + str(T0))
    desk(db, "apply", "C-1", "apologized", "--note", note, "--at", "@" + str(T0 + 60))
    out, _ = desk(db, "show", "C-1")
    check(expectation in out, "the expectation fact is cut in show")
    check(note in out, "the note is cut in show")
    _, err = desk(db, "show", long_id, expect=2)
    check(long_id + '"' in err, f"the message is cut: ...{err[-80:]!r}")
    desk(db, "open", "C-2", "--expectation", "x", "--at", "@" + str(T0 + WEEK))
    out, _ = desk(db, "report", "--at", "@" + str(T0 + 3600))
    check("1 case" in out.splitlines()[0] and "1 opened later not counted" in out,
          f"the report does not say what it left out:\n{out}")
    check(desk_json(db, "report", "--at", "@" + str(T0 + 3600))["cases_opened_later"] == 1,
          "cases_opened_later")


# ---- item 6: time arithmetic -----------------------------------------------------------------

def test_due_far_future(tmp):
    """due at the last representable second: refused, or every timer overdue; never "0 overdue"."""
    db = os.path.join(tmp, "desk.db")
    desk(db, "open", "C-1", "--expectation", "x", "--at", "@" + str(T0))
    for at in ("@9223372036854775807", "@9223372036854775000"):
        for within in ([], ["--within", "2d"]):
            proc = subprocess.run([desk_test.DESK, "--db", db, "--json", "due", "--at", at, *within],
                                  capture_output=True, text=True)
            no_sanitizer_report(proc.stderr)
            if proc.returncode == 0:
                agenda = json.loads(proc.stdout)
                check(len(agenda["overdue"]) == 2 and not agenda["due"],
                      f"due --at {at}: {agenda}")
                check(all(e["seconds_left"] < 0 for e in agenda["overdue"]),
                      f"seconds_left wrapped: {agenda}")
            else:
                check(proc.returncode == 2 and proc.stderr.startswith("svcr-desk: ")
                      and "--at" in proc.stderr,
                      f"due --at {at}: exit {proc.returncode}: {proc.stderr}")
    # --within as large as the desk takes, at a time the desk takes, still adds up.
    agenda = desk_json(db, "due", "--at", "@" + str(T0), "--within", "3650d")
    check(len(agenda["due"]) == 2, f"far within: {agenda}")


# ---- item 7: exit statuses and output errors -------------------------------------------------

def test_output_errors(tmp):
    """A stored change whose output is lost exits 3 and says it was stored; any lost output is an
    error, for every command and --help."""
    db = os.path.join(tmp, "desk.db")
    status, err = run(db, "open", "X", "--expectation", "x", "--at", "@" + str(T0), stdout="/dev/full")
    check(status == 3, f"open > /dev/full: exit {status}, expected 3: {err}")
    check("stored" in err and "output" in err, f"message does not say it was stored: {err}")
    check(desk_json(db, "show", "X")["state"] == "apologize", "the case was not stored")
    status, err = run(db, "apply", "X", "apologized", "--at", "@" + str(T0 + 60), stdout="/dev/full")
    check(status == 3 and "stored" in err, f"apply > /dev/full: exit {status}: {err}")
    check(desk_json(db, "show", "X")["state"] == "listen", "the event was not stored")
    # A refused command stays a refusal (2), whatever happens to its output.
    status, err = run(db, "apply", "X", "fixed", "--at", "@" + str(T0 + 120), stdout="/dev/full")
    check(status == 2, f"refused apply > /dev/full: exit {status}: {err}")
    # Read commands and --help: non-zero, with a message, never 0.
    for args in (["show", "X"], ["--json", "show", "X"], ["due", "--at", "@" + str(T0)],
                 ["report", "--at", "@" + str(T0)], ["export"], ["offer", "X"], ["--help"], ["help"],
                 ["--version"], ["check-reply", "Sorry"]):
        status, err = run(db, *args, stdout="/dev/full")
        check(status == 3, f"{' '.join(args)} > /dev/full: exit {status}, expected 3: {err!r}")
        check("output" in err, f"{' '.join(args)} > /dev/full: no message: {err!r}")
    # The documented statuses are in --help.
    out, _ = desk(db, "--help")
    check("3 " in out and "stored" in out, f"--help does not document exit status 3:\n{out}")


# ---- item 9: offer's command to paste back ---------------------------------------------------

MANY_OFFERS = """table many
hit-policy collect

| rule | severity: number || kind                            | amount    | approval |
|------|------------------||---------------------------------|-----------|----------|
| r1   | -                || refund_of_the_delivery_charge   | 12.34 EUR | agent    |
| r2   | -                || voucher_for_the_next_booking    | 25.00 EUR | agent    |
| r3   | -                || goodwill_credit_on_the_account  | 10.00 EUR | agent    |
| r4   | -                || "it's a partial $(refund)"      | 7.50 EUR  | agent    |
| r5   | -                || upgrade_on_the_next_order       | 3.21 EUR  | agent    |
| r6   | -                || last_offer_in_the_table         | 99.99 EUR | agent    |
"""


def record_command(text, db):
    """The "record it:" line of offer's output, as a shell command running this build's desk on
    @db; and whether the line names @db itself."""
    line = [l for l in text.splitlines() if l.startswith("record it: ")]
    check(len(line) == 1, f"no record-it line:\n{text}")
    command = line[0][len("record it: "):]
    check(command.startswith("svcr-desk "), f"record-it line: {command}")
    words = command.split(" ", 3)  # (the temporary path holds no space)
    names_db = words[1] == "--db" and shlex.split(words[2]) == [db]
    runnable = shlex.quote(desk_test.DESK) + command[len("svcr-desk"):]
    if not names_db:
        runnable = shlex.quote(desk_test.DESK) + " --db " + shlex.quote(db) + command[len("svcr-desk"):]
    return runnable, names_db


def test_offer_quoted_id(tmp):
    """An id like "C-9 $(touch x);" pasted back from offer's record-it line runs nothing and
    records the atonement on that case, in the database the offer was read from."""
    db = os.path.join(tmp, "desk.db")
    hostile = "C-9 $(touch pwned); `touch pwned2` 'q' \\"
    desk(db, "open", hostile, "--expectation", "x", "--severity", "2", "--tier", "gold",
         "--price", "50.00 EUR", "--at", "@" + str(T0))
    for step, hours in (("apologized", 0.1), ("listened", 0.2)):
        desk(db, "apply", hostile, step, "--at", "@" + str(T0 + int(hours * 3600)))
    desk(db, "apply", hostile, "fixed", "--fact", "customer_wish=a refund",
         "--at", "@" + str(T0 + 3600))
    text, _ = desk(db, "offer", hostile)
    command, names_db = record_command(text, db)
    proc = subprocess.run(["sh", "-c", command], cwd=tmp, capture_output=True, text=True)
    check(not os.path.exists(os.path.join(tmp, "pwned"))
          and not os.path.exists(os.path.join(tmp, "pwned2")),
          f"the pasted command ran a command substitution: {command}")
    check(proc.returncode == 0, f"pasted command failed: {command}\n{proc.stderr}")
    check(names_db, f"the record-it line does not name the database --db {db}: {command}")
    view = desk_json(db, "show", hostile)
    check(view["state"] == "follow_up", f"state after the pasted command: {view['state']}")
    check(view["facts"]["atonement"] == "credit 10.00 EUR", f"atonement: {view['facts']}")


def test_offer_record_command(tmp):
    """The printed command is quoted for the shell and carries the whole atonement."""
    db = os.path.join(tmp, "desk.db")
    table = os.path.join(tmp, "many.table")
    with open(table, "w") as f:
        f.write(MANY_OFFERS)
    hostile = "C-9 $(touch pwned); `touch pwned2` 'q' \\"
    desk(db, "open", hostile, "--expectation", "x", "--severity", "2", "--at", "@" + str(T0))
    for step, hours in (("apologized", 0.1), ("listened", 0.2)):
        desk(db, "apply", hostile, step, "--at", "@" + str(T0 + int(hours * 3600)))
    desk(db, "apply", hostile, "fixed", "--fact", "customer_wish=a refund",
         "--at", "@" + str(T0 + 3600))
    offer = desk_json(db, "offer", hostile, "--table", table)
    kinds = ["refund_of_the_delivery_charge", "voucher_for_the_next_booking",
             "goodwill_credit_on_the_account", "it's a partial $(refund)",
             "upgrade_on_the_next_order", "last_offer_in_the_table"]
    amounts = ["12.34 EUR", "25.00 EUR", "10.00 EUR", "7.50 EUR", "3.21 EUR", "99.99 EUR"]
    whole = " + ".join(f"{k} {a}" for k, a in zip(kinds, amounts))
    check(offer["atonement"] == whole, f"atonement cut: {offer['atonement']!r}")
    text, _ = desk(db, "offer", hostile, "--table", table)
    command, names_db = record_command(text, db)
    check(names_db, f"the record-it line does not name the database: {command}")
    proc = subprocess.run(["sh", "-c", command], cwd=tmp, capture_output=True, text=True)
    check(proc.returncode == 0, f"pasted command failed: {command}\n{proc.stderr}")
    check(not os.path.exists(os.path.join(tmp, "pwned"))
          and not os.path.exists(os.path.join(tmp, "pwned2")),
          f"the pasted command ran a command substitution: {command}")
    view = desk_json(db, "show", hostile)
    check(view["state"] == "follow_up", f"state after the pasted command: {view['state']}")
    check(view["facts"]["atonement"] == whole, f"stored atonement: {view['facts']['atonement']!r}")
    check(view["facts"]["compensation"] == {"amount_minor": 15804, "currency": "EUR"},
          f"compensation: {view['facts']['compensation']}")


def test_offer_control_characters(tmp):
    """An id with an ESC: the record-it line shows no raw control character and, pasted into
    bash, still names the case."""
    db = os.path.join(tmp, "desk.db")
    case_id = "E-1\x1b]0;owned\x07 'x'"
    desk(db, "open", case_id, "--expectation", "x", "--at", "@" + str(T0))
    for step, hours in (("apologized", 0.1), ("listened", 0.2)):
        desk(db, "apply", case_id, step, "--at", "@" + str(T0 + int(hours * 3600)))
    desk(db, "apply", case_id, "fixed", "--fact", "customer_wish=a refund", "--at", "@" + str(T0 + 3600))
    text, _ = desk(db, "offer", case_id)
    check("\x1b" not in text and "\x07" not in text, f"raw control characters:\n{text!r}")
    command, _ = record_command(text, db)
    proc = subprocess.run(["bash", "-c", command], cwd=tmp, capture_output=True, text=True)
    check(proc.returncode == 0, f"pasted command failed: {command}\n{proc.stderr}")
    check(desk_json(db, "show", case_id)["state"] == "follow_up", "not recorded")


# ---- control characters in human output ------------------------------------------------------

def test_control_characters(tmp):
    """Ids, customers, notes and facts with ESC, BEL, newline or a C1 control are shown escaped
    in text output and messages; JSON keeps them exactly."""
    db = os.path.join(tmp, "desk.db")
    case_id = "K-1\x1b[31m\nfake line"
    customer = "cust\x07\u009b2J"
    desk(db, "open", case_id, "--expectation", "on time\x1b[2J", "--customer", customer,
         "--at", "@" + str(T0))
    desk(db, "apply", case_id, "apologized", "--note", "sorry\x1b[1A", "--at", "@" + str(T0 + 60))
    raw = ("\x1b", "\x07", "\u009b", "fake line\n")
    for args in (["show", case_id, "--at", "@" + str(T0 + 7200)], ["due", "--at", "@" + str(T0 + 7200)],
                 ["report", "--at", "@" + str(T0 + 7200)], ["offer", case_id]):
        out, _ = desk(db, *args)
        for r in raw:
            check(r not in out, f"{args[0]}: raw {r!r} in:\n{out}")
    out, _ = desk(db, "show", case_id, "--at", "@" + str(T0 + 7200))
    check("K-1\\x1b[31m\\x0afake line" in out, f"id not escaped as \\x1b:\n{out}")
    check("cust\\x07\\u009b2J" in out, f"customer not escaped:\n{out}")
    check("sorry\\x1b[1A" in out and "on time\\x1b[2J" in out, f"note/fact not escaped:\n{out}")
    _, err = desk(db, "show", "nothing\x1b[2J", expect=2)
    check("\x1b" not in err and "nothing\\x1b[2J" in err, f"message not escaped: {err!r}")
    view = desk_json(db, "show", case_id)
    check(view["id"] == case_id and view["customer"] == customer, f"JSON changed: {view}")
    check(view["facts"]["expectation"] == "on time\x1b[2J", "JSON fact changed")


def main(argv):
    return desk_test.run_named_test(argv, globals(), "svcr-desk-output-")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
