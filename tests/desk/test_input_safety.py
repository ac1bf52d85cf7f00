#!/usr/bin/env python3
"""What enters the desk is checked at entry: nothing is accepted and then lost or misread.

usage: test_input_safety.py SVCR_DESK TEST

Each TEST is one meson test (desk_input_<TEST>); see the functions named test_<TEST> below.
Arguments holding invalid UTF-8 are passed as bytes, as a shell passes $'K\\xff17'.
"""
import json
import os
import subprocess
import sys

import desk_test
from desk_test import Failure, check, files_digest

BAD = b"K\xff17"  # not UTF-8: 0xFF never occurs in it


def run(db, *args, expect=0, stdin=None):
    """Run the desk with str or bytes arguments; check the exit status; return (stdout, stderr)
    as text (bytes that are not UTF-8 shown as U+FFFD)."""
    proc = subprocess.run([desk_test.DESK, "--db", db, *args], input=stdin, capture_output=True)
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != expect:
        shown = " ".join(a if isinstance(a, str) else repr(a) for a in args)
        raise Failure(f"svcr-desk {shown}: exit {proc.returncode}, expected {expect}\n"
                      f"stdout: {out}\nstderr: {err}")
    if expect == 2:
        check(err.startswith("svcr-desk: "), f"no message on stderr: {err!r}")
    return out, err


def refused(db, *args, says, stdin=None):
    """The command exits 2 with @says in its message and leaves the database as it was."""
    before = files_digest(db)
    _, err = run(db, *args, expect=2, stdin=stdin)
    check(says in err, f"{args}: message {err!r} lacks {says!r}")
    check(files_digest(db) == before, f"{args}: the database changed")
    return err


def show(db, case_id):
    out, _ = run(db, "--json", "show", case_id)
    return json.loads(out)


def write(path, data):
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    return path


def opened(db, case_id, *args):
    run(db, "open", case_id, "--expectation", "Parcel by Friday", "--at", desk_test.T0, *args)


def exported_line(tmp, **options):
    """One exported line of a fresh case, as a dict."""
    db = os.path.join(tmp, "source.db")
    args = [a for k, v in options.items() for a in (f"--{k}", v)]
    opened(db, "E-1", *args)
    out, _ = run(db, "export")
    os.remove(db)
    return out.splitlines()[0]


# ---- item 3: invalid UTF-8 is refused at entry, naming the argument -----------------------------

def test_utf8(tmp):
    db = os.path.join(tmp, "u.db")
    opened(db, "C-1")
    refused(db, "open", "U-2", "--expectation", "ok", "--customer", BAD, says="--customer")
    refused(db, "open", b"U\xfe3", "--expectation", "ok", says="case id")
    refused(db, "open", "U-4", "--expectation", b"late \xc3", says="--expectation")
    refused(db, "apply", "C-1", "apologized", "--note", BAD, says="--note")
    refused(db, "apply", "C-1", "apologized", "--role", BAD, says="--role")
    refused(db, "apply", "C-1", "apologized", "--fact", b"compensation=5\xa0EUR", says="--fact")
    refused(db, "apply", "C-1", b"apolog\xffized", says="event")
    _, err = run(db, "check-reply", b"I understand \xff", expect=2)
    check("not valid UTF-8" in err, err)
    # The message shows the bad byte, so the user can find it.
    err = refused(db, "open", "U-5", "--expectation", "ok", "--customer", BAD, says="not valid UTF-8")
    check("K\\xFF17" in err, err)

    # An import line or a workflow file that is not UTF-8 is refused with its place.
    line = exported_line(tmp).replace('"E-1"', '"E-\u00e91"').encode().replace(b"\xc3\xa9", b"\xe9")
    refused(db, "import", write(os.path.join(tmp, "latin1.jsonl"), line + b"\n"),
            says="latin1.jsonl: line 1, column ")
    with open(os.path.join(os.path.dirname(__file__), "..", "..", "lib", "workflow", "builtin",
                           "four-step.json"), "rb") as f:
        flow = f.read().replace(b'"four-step"', b'"caf\xe9-flow"')
    refused(db, "open", "U-6", "--expectation", "ok",
            "--workflow", write(os.path.join(tmp, "latin1.json"), flow), says="--workflow")

    # Valid UTF-8 goes all the way through: export, import, show keep the customer.
    run(db, "open", "U-7", "--expectation", "Zimmer \u00fcberbucht", "--customer", "K-\u00f617",
        "--at", desk_test.T0)
    out, _ = run(db, "export")
    other = os.path.join(tmp, "other.db")
    run(other, "import", stdin=out.encode())
    check(show(other, "U-7").get("customer") == "K-\u00f617", f"customer lost: {show(other, 'U-7')}")


# ---- item 4: one range of times, 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z ------------------

def test_year_range(tmp):
    db = os.path.join(tmp, "y.db")
    opened(db, "C-1")
    for when in ("0000-06-01T00:00:00Z", "0000-12-31T23:59:59Z", "0001-01-01T00:30:00+01:00",
                 "10000-01-01T00:00:00Z", "@-62135596801", "@253402300800", "@9223372036854775807"):
        refused(db, "open", "Y-0", "--expectation", "x", "--at", when, says="--at")
    refused(db, "apply", "C-1", "apologized", "--at", "0000-06-01", says="outside years 0001-9999")
    # The ends of the range are accepted, and a case there breaks neither report nor agenda.
    run(db, "open", "Y-1", "--expectation", "x", "--at", "0001-01-01T00:00:00Z")
    run(db, "open", "Y-2", "--expectation", "x", "--at", "9999-12-30T09:00:00Z")
    # Later, its timers would fall due after year 9999: refused, naming the case and the timer.
    refused(db, "open", "Y-3", "--expectation", "x", "--at", "9999-12-31T23:00:00Z",
            says="case Y-3: timer first_response: ")
    run(db, "report", "--at", "2026-11-30T00:00:00Z")
    out, _ = run(db, "--json", "due", "--at", "2026-11-30T00:00:00Z")
    due = {entry["case"] for entry in json.loads(out)["overdue"]}
    check({"C-1", "Y-1"} <= due, f"agenda lost timers: {due}")
    # An imported case from year 0 is refused at its line and column.
    line = exported_line(tmp)
    bad = line.replace('"opened_at":"2026-11-02T09:00:00Z"', '"opened_at":"0000-11-02T09:00:00Z"')
    check(bad != line, "the export format changed")
    column = bad.index('"0000-') + 1
    refused(db, "import", write(os.path.join(tmp, "y0.jsonl"), bad + "\n"),
            says=f"y0.jsonl: line 1, column {column}: /case/opened_at: must be a time in years 0001-9999")


# ---- item 8: prices are non-negative amounts in ISO 4217 currencies ----------------------------

def test_money(tmp):
    db = os.path.join(tmp, "m.db")
    opened(db, "C-1")
    refused(db, "open", "M-1", "--expectation", "x", "--price", "-10.00 EUR", says="negative")
    refused(db, "apply", "C-1", "apologized", "--price", "-0.01 EUR", says="negative")
    refused(db, "open", "M-2", "--expectation", "x", "--price", "10.00 ZZZ",
            says='"ZZZ" is not an ISO 4217 currency code')
    refused(db, "apply", "C-1", "apologized", "--fact", "compensation=5.00 XTS", says="XTS")
    run(db, "open", "M-3", "--expectation", "x", "--price", "1500 JPY", "--at", desk_test.T0)
    run(db, "open", "M-4", "--expectation", "x", "--price", "0.00 EUR", "--at", desk_test.T0)
    line = exported_line(tmp, price="120.00 EUR")
    for amount, currency, says in ((-12000, "EUR", "negative"), (100, "ZZZ", '"ZZZ"')):
        bad = line.replace('{"amount_minor":12000,"currency":"EUR"}',
                           f'{{"amount_minor":{amount},"currency":"{currency}"}}')
        check(bad != line, "the export format changed")
        column = bad.index('{"amount_minor"') + 1
        refused(db, "import", write(os.path.join(tmp, "price.jsonl"), bad + "\n"),
                says=f"price.jsonl: line 1, column {column}: price")


# ---- clear errors: import places, NUL bytes, ambiguous times ------------------------------------

def test_import_columns(tmp):
    db = os.path.join(tmp, "i.db")
    opened(db, "C-1")
    line = exported_line(tmp, customer="K-1", tier="gold")
    cases = [
        ('"event":"identified"', '"event":"fixed"', '"fixed"', "/case/log/0/event"),
        ('"tier":"gold"', '"tier":"golden"', '"golden"', 'unknown tier "golden"'),
        ('"customer":"K-1"', '"customer":""', '""', "customer"),
        ('"workflow":"five-step"', '"workflow":"six-step"', '"six-step"', 'workflow "six-step"'),
        ('"at":"2026-11-02T09:00:00Z"', '"at":"soon"', '"soon"', "/case/log/0/at: must be a time"),
    ]
    for find, replace, mark, says in cases:
        bad = line.replace(find, replace)
        check(bad != line, f"the export format changed: no {find}")
        # Padding the line moves every value: the column follows it in the line as written.
        for pad in ("", " " * 40):
            text = bad.replace('"case":', '"case":' + pad)
            column = text.index(mark) + 1
            refused(db, "import", write(os.path.join(tmp, "bad.jsonl"), "\n" + text + "\n"),
                    says=f"bad.jsonl: line 2, column {column}: ")
            refused(db, "import", write(os.path.join(tmp, "bad.jsonl"), text + "\n"), says=says)


def test_import_nul(tmp):
    db = os.path.join(tmp, "n.db")
    opened(db, "C-1")
    line = exported_line(tmp).replace('"E-1"', '"N-1"').encode()
    # Before the fix the desk read the line up to the NUL and imported it.
    for data in (line + b"\x00 trailing text\n", line.replace(b"Parcel", b"Par\x00cel")):
        column = data.index(b"\x00") + 1
        refused(db, "import", write(os.path.join(tmp, "nul.jsonl"), data),
                says=f"nul.jsonl: line 1, column {column}: a NUL byte")
    run(db, "show", "N-1", expect=2)


def test_ambiguous_times(tmp):
    db = os.path.join(tmp, "t.db")
    opened(db, "C-1")
    for when in ("20261123", "2026", "1795424400", "-86400"):
        refused(db, "open", "T-1", "--expectation", "x", "--at", when, says="ambiguous")
        refused(db, "apply", "C-1", "apologized", "--at", when, says="ambiguous")
    run(db, "open", "T-2", "--expectation", "x", "--at", "@1795424400")
    check(show(db, "T-2")["opened_at"] == "2026-11-23T09:00:00Z", f"misread: {show(db, 'T-2')}")
    out, _ = run(db, "--json", "show", "T-2", "--at", "@1795428000")
    check(json.loads(out)["id"] == "T-2", out)


# ---- workflows from files ------------------------------------------------------------------------

def builtin_json(name):
    path = os.path.join(os.path.dirname(__file__), "..", "..", "lib", "workflow", "builtin",
                        name + ".json")
    with open(path) as f:
        return json.load(f)


def test_workflow_file(tmp):
    db = os.path.join(tmp, "w.db")
    flow = builtin_json("four-step")
    flow["name"] = "hotel-flow"
    path = write(os.path.join(tmp, "hotel.json"), json.dumps(flow))
    run(db, "open", "W-1", "--expectation", "Room ready", "--workflow", path, "--at", desk_test.T0)
    os.remove(path)  # stored in the database: later commands do not need the file
    run(db, "apply", "W-1", "apologized", "--at", "2026-11-02T09:10:00Z")
    check(show(db, "W-1")["state"] == "review", show(db, "W-1"))
    run(db, "open", "W-2", "--expectation", "x", "--workflow", "hotel-flow", "--at", desk_test.T0)
    run(db, "due", "--at", "2026-11-03T09:00:00Z")
    run(db, "report", "--at", "2026-11-03T09:00:00Z")
    # Export, then import elsewhere: the import names the workflow it lacks, and takes its file.
    out, _ = run(db, "export")
    other = os.path.join(tmp, "other.db")
    opened(other, "C-1")
    cases = write(os.path.join(tmp, "cases.jsonl"), out)
    refused(other, "import", cases, says='workflow "hotel-flow"')
    path = write(os.path.join(tmp, "hotel.json"), json.dumps(flow))
    run(other, "import", cases, "--workflow", path)
    check(show(other, "W-1")["state"] == "review", show(other, "W-1"))
    # One name, one definition; built-in names are not taken.
    flow["timers"][0]["target"] = "2h"
    changed = write(os.path.join(tmp, "changed.json"), json.dumps(flow))
    refused(db, "open", "W-3", "--expectation", "x", "--workflow", changed,
            says='a different workflow called "hotel-flow"')
    builtin = write(os.path.join(tmp, "mine.json"), json.dumps(builtin_json("five-step")))
    refused(db, "open", "W-4", "--expectation", "x", "--workflow", builtin, says="like a built-in")
    refused(db, "open", "W-5", "--expectation", "x", "--workflow", os.path.join(tmp, "none.json"),
            says="cannot open")
    # Any number of stored workflows: every command loads as many as the cases name.
    for i in range(12):
        flow["name"] = f"flow-{i}"
        path = write(os.path.join(tmp, f"flow-{i}.json"), json.dumps(flow))
        run(db, "open", f"F-{i}", "--expectation", "x", "--workflow", path, "--at", desk_test.T0)
    out, _ = run(db, "export")
    check(len(out.splitlines()) == 14, f"export lost cases: {len(out.splitlines())} lines")
    run(db, "report", "--at", "2026-11-03T09:00:00Z")
    run(db, "due", "--at", "2026-11-03T09:00:00Z")


# ---- opening records only the step that happened ---------------------------------------------

def test_open_records_only_identification(tmp):
    db = os.path.join(tmp, "o.db")
    first = {}
    for flow in ("five-step", "five-phase", "four-step"):
        steps = builtin_json(flow)
        first[flow] = [t for t in steps["transitions"]
                       if t["from"] == next(s["name"] for s in steps["states"]
                                            if s["kind"] == "initial")]
        case_id = "O-" + flow
        run(db, "open", case_id, "--expectation", "late", "--workflow", flow, "--at", desk_test.T0)
        view = json.loads(run(db, "--json", "show", case_id, "--at", "2026-11-02T09:30:00Z")[0])
        events = [entry["event"] for entry in view.get("log", [])]
        only = first[flow][0]
        if only.get("requires") == ["expectation"]:
            check(events == [only["event"]], f"{flow}: log {events}")
        else:  # e.g. four-step's apology: nobody apologized by opening the case
            check(events == [], f"{flow}: opening recorded {events}")
            check(view["state"] == only["from"], f"{flow}: state {view['state']}")
            timers = {t["timer"]: t for t in view["timers"]}
            check(timers["first_response"]["status"] == "running",
                  f"{flow}: first_response {timers['first_response']}")
    out, _ = run(db, "show", "O-four-step", "--at", "2026-11-02T09:30:00Z")
    check("apologized (agent)" not in out and "first_response met" not in out, out)


def main(argv):
    return desk_test.run_named_test(argv, globals(), "svcr-desk-input-")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
