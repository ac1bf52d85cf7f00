#!/usr/bin/env python3
"""Drive svcr-desk as a user would, on a temporary database.

usage: desk_test.py SVCR_DESK TEST [CHARTS_SCRIPT]

Each TEST is one meson test; see the functions named test_<TEST> below. With
SVCR_DESK_TEST_STORE=postgres in the environment, the tests that take their databases from
new_db() run on a throwaway PostgreSQL cluster instead of SQLite files (pg_cluster.py), and the
test is skipped (exit 77) when no server can be started.
"""
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

import pg_cluster

DESK = None
STORE = os.environ.get("SVCR_DESK_TEST_STORE", "sqlite")
CLUSTER = None  # the throwaway PostgreSQL cluster when STORE is "postgres"
_databases = 0
T0 = "2026-11-02T09:00:00Z"  # a Monday


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def desk(db, *args, expect=0, stdin=None):
    """Run the desk on @db; check the exit status; return (stdout, stderr)."""
    proc = subprocess.run([DESK, "--db", db, *args], input=stdin, capture_output=True, text=True)
    if proc.returncode != expect:
        raise Failure(f"svcr-desk {' '.join(args)}: exit {proc.returncode}, expected {expect}\n"
                      f"stdout: {proc.stdout}\nstderr: {proc.stderr}")
    if expect == 2:
        check(proc.stderr.startswith("svcr-desk: "), f"no message on stderr: {proc.stderr!r}")
    return proc.stdout, proc.stderr


def desk_json(db, *args):
    out, _ = desk(db, "--json", *args)
    return json.loads(out)


def new_db(tmp, name):
    """A database for a test, called @name: a file in @tmp, or a new PostgreSQL database."""
    global _databases
    if CLUSTER is None:
        return os.path.join(tmp, name)
    _databases += 1
    return CLUSTER.new_database(f"desk_{_databases}_" + "".join(c if c.isalnum() else "_"
                                                                 for c in name))


def is_url(db):
    return db.startswith("postgresql://") or db.startswith("postgres://")


def files_digest(db):
    """The bytes of the database and any WAL, as one digest (PostgreSQL: every row)."""
    if is_url(db):
        return hashlib.sha256(CLUSTER.digest(db).encode()).hexdigest()
    h = hashlib.sha256()
    for path in (db, db + "-wal"):
        if os.path.exists(path):
            with open(path, "rb") as f:
                h.update(path[-4:].encode() + f.read())
    return h.hexdigest()


def integrity(db):
    if is_url(db):
        return CLUSTER.count_cases(db)
    con = sqlite3.connect(db)
    try:
        result = con.execute("PRAGMA integrity_check").fetchone()[0]
        cases = con.execute("SELECT count(*) FROM cases").fetchone()[0]
    finally:
        con.close()
    check(result == "ok", f"integrity_check: {result}")
    return cases


def at(hours):
    """T0 plus @hours, as epoch seconds text in the desk's explicit form "@SECONDS"."""
    return "@" + str(1793610000 + int(hours * 3600))


def walk_to_follow_up(db, case_id, start_hours=0.0, **open_args):
    extra = []
    for name, value in open_args.items():
        extra += [f"--{name}", str(value)]
    desk(db, "open", case_id, "--expectation", "Parcel delivered by Friday", "--at",
         at(start_hours), *extra)
    desk(db, "apply", case_id, "apologized", "--at", at(start_hours + 0.2))
    desk(db, "apply", case_id, "listened", "--at", at(start_hours + 0.3))
    desk(db, "apply", case_id, "fixed", "--fact", "customer_wish=Send a replacement",
         "--at", at(start_hours + 2))
    desk(db, "apply", case_id, "atoned", "--fact", "atonement=gift card",
         "--fact", "compensation=25.00 EUR", "--at", at(start_hours + 2.5))


# ---- tests -----------------------------------------------------------------------------------

def test_lifecycle(tmp):
    """A whole case from open to closed, with a failed follow-up and a refused guard on the way."""
    db = new_db(tmp, "desk.db")
    out, _ = desk(db, "open", "C-1", "--expectation", "Parcel delivered by Friday",
                  "--customer", "K-17", "--tier", "gold", "--severity", "3", "--at", T0)
    check("apologize" in out, f"open did not reach apologize:\n{out}")
    check(desk_json(db, "show", "C-1")["state"] == "apologize", "state after open")
    desk(db, "apply", "C-1", "apologized", "--at", "2026-11-02T09:10:00Z", "--note", "I'm sorry")
    desk(db, "apply", "C-1", "listened", "--at", "2026-11-02T09:20:00Z")
    _, err = desk(db, "apply", "C-1", "fixed", "--at", "2026-11-02T10:00:00Z", expect=2)
    check("customer_wish" in err, f"guard message does not name the fact: {err}")
    desk(db, "apply", "C-1", "fixed", "--fact", "customer_wish=Send a replacement by courier",
         "--at", "2026-11-02T11:00:00Z")
    desk(db, "apply", "C-1", "atoned", "--fact", "atonement=voucher",
         "--fact", "compensation=20.00 EUR", "--at", "2026-11-02T11:05:00Z")
    desk(db, "apply", "C-1", "not_satisfied", "--at", "2026-11-03T11:00:00Z",
         "--note", "replacement arrived damaged")
    desk(db, "apply", "C-1", "fixed", "--at", "2026-11-03T15:00:00Z")
    desk(db, "apply", "C-1", "atoned", "--at", "2026-11-03T15:05:00Z")
    _, err = desk(db, "apply", "C-1", "satisfied", "--at", "2026-11-04T15:00:00Z", expect=2)
    check("root_cause" in err, f"guard message does not name root_cause: {err}")
    desk(db, "apply", "C-1", "satisfied", "--fact", "root_cause=carrier damage",
         "--at", "2026-11-04T15:00:00Z")
    view = desk_json(db, "show", "C-1")
    check(view["state"] == "closed", f"state {view['state']}")
    check(view["kind"] == "closed", "kind")
    check(len(view["log"]) == 9, f"log has {len(view['log'])} entries")
    check(view["facts"]["root_cause"] == "carrier damage", "root cause fact")
    check(view["facts"]["compensation"] == {"amount_minor": 2000, "currency": "EUR"}, "money")
    check(view["customer"] == "K-17" and view["tier"] == "gold" and view["severity"] == 3,
          "customer data")
    check([e["event"] for e in view["next"]] == ["reopen"], f"next: {view['next']}")
    timers = {t["timer"]: t["status"] for t in view["timers"]}
    check(timers == {"first_response": "met", "resolution": "met", "follow_up": "met"},
          f"timers: {view['timers']}")
    text, _ = desk(db, "show", "C-1")
    check("closed" in text and "carrier damage" in text, f"show text:\n{text}")
    # Reopened within the grace period; after it, refused.
    desk(db, "apply", "C-1", "reopen", "--at", "2026-11-10T09:00:00Z")
    view = desk_json(db, "show", "C-1", "--at", "2026-11-10T10:00:00Z")
    check(view["state"] == "fix", "reopen")
    resolution = [t for t in view["timers"] if t["timer"] == "resolution"][0]
    check(resolution["status"] == "running" and "due_at" in resolution, f"resumed: {resolution}")
    check(integrity(db) == 1, "one case")


SMALL_TABLE = """table small
hit-policy first

| rule  | severity: number | price: money || kind         | amount        | approval   |
|-------|------------------|--------------||--------------|---------------|------------|
| big   | >= 3             | -            || refund       | 100% of price | supervisor |
| small | -                | -            || apology_only | -             | agent      |
"""


def test_offer_and_reply(tmp):
    """offer sizes the atonement with the seed table or a file; check-reply finds phrases."""
    db = new_db(tmp, "desk.db")
    desk(db, "open", "C-1", "--expectation", "Parcel on Friday", "--tier", "gold",
         "--severity", "3", "--price", "120.00 EUR", "--at", T0)
    offer = desk_json(db, "offer", "C-1")
    check(offer["table"] == "severity-value", "seed table")
    check([(o["kind"], o["amount"], o["approval"]) for o in offer["offers"]] ==
          [("partial_refund", {"amount_minor": 4800, "currency": "EUR"}, "supervisor")],
          f"offers: {offer['offers']}")
    check(offer["authority"] == {"acting": "agent", "allowed": False, "escalate_to": "supervisor"},
          f"authority: {offer['authority']}")
    check(desk_json(db, "offer", "C-1", "--authority", "manager")["authority"]["allowed"],
          "a manager may make it")
    text, _ = desk(db, "offer", "C-1", "--explain")
    check("48.00 EUR" in text and "escalate to supervisor" in text and "did not match" in text, text)
    table = os.path.join(tmp, "small.table")
    with open(table, "w") as f:
        f.write(SMALL_TABLE)
    offer = desk_json(db, "offer", "C-1", "--table", table)
    check(offer["offers"][0]["kind"] == "refund" and offer["total"]["amount_minor"] == 12000,
          f"own table: {offer}")
    with open(table, "w") as f:
        f.write(SMALL_TABLE.replace(">= 3 ", "=>> 3"))
    _, err = desk(db, "offer", "C-1", "--table", table, expect=2)
    check("line 6, column" in err, f"no position in: {err}")
    desk(db, "offer", "C-1", "--authority", "intern", expect=2)
    desk(db, "offer", "C-9", expect=2)

    reply = desk_json(db, "check-reply", "I understand. I know how you feel! Sorry.")
    check(reply["found"] == 2, f"phrases: {reply}")
    check(reply["matches"][1]["phrase"] == "I know how you feel", "second phrase")
    check("I can only imagine how you feel" in reply["matches"][0]["suggestions"], "suggestion")
    check(desk_json(db, "check-reply", "That must be so frustrating.")["found"] == 0, "clean")
    desk(db, "check-reply", expect=2)


def test_agenda_and_report(tmp):
    """due lists running timers in due order; report counts causes, breaches and maturity."""
    db = new_db(tmp, "desk.db")
    walk_to_follow_up(db, "C-1", 0, customer="K-1", tier="gold", severity=2)   # follow-up due +26.5h
    walk_to_follow_up(db, "C-2", 1, customer="K-1", tier="basic", severity=4)  # due +27.5h
    walk_to_follow_up(db, "C-3", 2, customer="K-2", tier="silver", severity=1)
    desk(db, "open", "C-4", "--expectation", "Callback", "--at", at(3))
    # Running: three follow-ups (a day after atoning) and C-4's first response (1 business hour,
    # Monday 9-17 by default) and resolution (16 business hours: Wednesday 12:00).
    agenda = desk_json(db, "due", "--at", at(27), "--within", "1h")
    check(agenda["running"] == 5, f"running timers: {agenda}")
    check([(e["case"], e["timer"]) for e in agenda["overdue"]] ==
          [("C-4", "first_response"), ("C-1", "follow_up")], f"overdue: {agenda['overdue']}")
    check([e["case"] for e in agenda["due"]] == ["C-2"], f"due: {agenda['due']}")
    check(agenda["overdue"][1]["customer"] == "K-1", "customer on the agenda")
    check(agenda["overdue"][0]["due_at"] == "2026-11-02T13:00:00Z", "business hour")
    desk(db, "due", "--within", "soon", expect=2)

    # C-1 followed up late (breached), C-2 in time; C-3 stays in follow-up past its deadline.
    desk(db, "apply", "C-1", "satisfied", "--fact", "root_cause=carrier delay", "--at", at(40))
    desk(db, "apply", "C-2", "satisfied", "--fact", "root_cause=carrier delay", "--at", at(20))
    report = desk_json(db, "report", "--at", at(100))
    check(report["cases"] == 4, f"cases: {report['cases']}")
    causes = report["pareto"]["causes"]
    check(causes == [{"cause": "carrier delay", "count": 2, "share": 1.0, "cumulative_share": 1.0,
                      "vital_few": True, "owner": None}], f"pareto: {causes}")
    weekly = report["timer_breaches"]["weekly"]
    # C-1's and C-3's follow-ups, C-4's first response and resolution
    check(sum(w["total"] for w in weekly) == 4, f"breaches: {weekly}")
    check(weekly[0]["by_timer"] == {"follow_up": 2, "first_response": 1, "resolution": 1} or
          weekly[0]["by_timer"] == {"first_response": 1, "resolution": 1, "follow_up": 2}, weekly)
    check(weekly[0]["week"] == "2026-11-02", f"week: {weekly}")
    check(report["maturity"]["stage"] == 1, "no questionnaire: Moribund")
    check("root_cause_share" in report["maturity"]["from_data"], report["maturity"])
    questionnaire = os.path.join(tmp, "answers.json")
    with open(questionnaire, "w") as f:
        json.dump({"answers": {"complaint_channel": True, "complaints_recorded": True}}, f)
    report = desk_json(db, "report", "--at", at(100), "--questionnaire", questionnaire)
    check(report["maturity"]["stage"] == 2, f"stage: {report['maturity']}")
    with open(questionnaire, "w") as f:
        f.write('{"answers": {"complaint_channel": "maybe"}}')
    desk(db, "report", "--questionnaire", questionnaire, expect=2)
    text, _ = desk(db, "report", "--at", at(100))
    check("carrier delay" in text and "Moribund" in text, text)


def test_rejected_event_unchanged(tmp):
    """Every kind of refused command leaves the database files byte-identical."""
    db = new_db(tmp, "desk.db")
    walk_to_follow_up(db, "C-1", customer="K-1", tier="silver", severity=2)
    desk(db, "open", "C-2", "--expectation", "Room ready at check-in", "--at", at(1))
    before = files_digest(db)
    refused = [
        ("apply", "C-1", "satisfied", "--at", at(30)),                  # guard: root_cause
        ("apply", "C-1", "fixed", "--at", at(30)),                      # state does not allow it
        ("apply", "C-1", "no_such_event", "--at", at(30)),              # unknown event
        ("apply", "C-1", "not_satisfied", "--at", at(1)),               # time before last event
        ("apply", "C-1", "not_satisfied", "--role", "intern", "--at", at(30)),  # unknown role
        ("apply", "C-1", "not_satisfied", "--fact", "nope=1", "--at", at(30)),  # unknown fact
        ("apply", "C-1", "not_satisfied", "--fact", "compensation=12 euros", "--at", at(30)),
        ("apply", "C-1", "satisfied", "--fact", "customer_wish=changed", "--at", at(30)),
        ("apply", "C-9", "apologized", "--at", at(30)),                 # unknown case
        ("apply", "C-2", "apologized", "--at", "2026-02-30T10:00:00Z"),  # malformed time
        ("open", "C-1", "--expectation", "again", "--at", at(30)),      # duplicate id
        ("open", "C-3", "--expectation", "x", "--tier", "diamond"),     # unknown tier
        ("open", "C-3", "--expectation", "x", "--severity", "9"),       # bad severity
        ("import",),                                                    # bad line (stdin below)
    ]
    for args in refused:
        stdin = '{"case":{"workflow":"five-step","id":"Z"}}\n' if args == ("import",) else None
        desk(db, *args, expect=2, stdin=stdin)
        check(files_digest(db) == before, f"database changed by refused: {' '.join(args)}")
    check(desk_json(db, "show", "C-1")["state"] == "follow_up", "state unchanged")


def test_bad_input(tmp):
    """Bad command lines exit 2 with a message; a file that is not a database too."""
    db = os.path.join(tmp, "desk.db")
    desk(db, "frobnicate", expect=2)
    desk(db, "open", expect=2)
    desk(db, "open", "C-1", expect=2)                                # no --expectation
    desk(db, "open", "C-1", "--expectation", expect=2)               # missing value
    desk(db, "show", expect=2)
    desk(db, "show", "C-1", "--at", "yesterday", expect=2)
    desk(db, "apply", "C-1", expect=2)
    desk(db, "export", "extra", expect=2)
    desk(db, "import", os.path.join(tmp, "missing.jsonl"), expect=2)
    not_db = os.path.join(tmp, "notes.txt")
    with open(not_db, "w") as f:
        f.write("these are not the cases you are looking for\n" * 100)
    _, err = desk(not_db, "export", expect=2)
    check("not a database" in err, err)
    out, _ = desk(db, "--help")
    check("usage" in out, "help")


def test_killed_import(tmp):
    """kill -9 in the middle of an import leaves the database as it was, and usable."""
    db = os.path.join(tmp, "desk.db")
    walk_to_follow_up(db, "C-1", customer="K-1", tier="gold", severity=4)
    line, _ = desk(db, "export")
    before = desk(db, "export")[0]
    template = line.strip()
    lines = [template.replace('"id":"C-1"', f'"id":"K-{i:06d}"') for i in range(20000)]
    proc = subprocess.Popen([DESK, "--db", db, "import"], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
    # Feed half the lines and keep the pipe open: the desk is now inside its transaction,
    # waiting for the rest. Wait until it has spilled pages into the WAL, then kill it.
    proc.stdin.write("\n".join(lines[:10000]) + "\n")
    proc.stdin.flush()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if os.path.exists(db + "-wal") and os.path.getsize(db + "-wal") > 1 << 20:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    try:
        proc.stdin.close()
    except BrokenPipeError:
        pass
    check(integrity(db) == 1, "cases after the killed import")
    check(desk(db, "export")[0] == before, "export differs after the killed import")
    # The database is still usable: a complete import goes through.
    out, _ = desk(db, "import", stdin="\n".join(lines[:500]) + "\n")
    check("imported 500" in out, out)
    check(integrity(db) == 501, "cases after the complete import")


def test_concurrent(tmp):
    """Two desks writing the same database at once, and a third reading, all succeed."""
    db = new_db(tmp, "desk.db")
    desk(db, "import", stdin="")  # create the database (a command that only reads never does)
    script = ("import subprocess, sys\n"
              "desk, db, prefix = sys.argv[1:4]\n"
              "for i in range(15):\n"
              "    cid = f'{prefix}-{i}'\n"
              "    for args in (['open', cid, '--expectation', 'late', '--at', '@1793610000'],\n"
              "                 ['apply', cid, 'apologized', '--at', '@1793610600']):\n"
              "        r = subprocess.run([desk, '--db', db, *args], capture_output=True)\n"
              "        if r.returncode: sys.exit(r.stderr.decode())\n"
              "    r = subprocess.run([desk, '--db', db, 'export'], capture_output=True)\n"
              "    if r.returncode: sys.exit(r.stderr.decode())\n")
    workers = [subprocess.Popen([sys.executable, "-c", script, DESK, db, prefix])
               for prefix in ("A", "B", "C")]
    for w in workers:
        check(w.wait() == 0, "a concurrent desk failed")
    check(integrity(db) == 45, "cases after concurrent desks")
    states = {json.loads(l)["case"]["state"] for l in desk(db, "export")[0].splitlines()}
    check(states == {"listen"}, f"states {states}")


def test_roundtrip(tmp):
    """export, import into a fresh database, export again: the same bytes."""
    db = new_db(tmp, "desk.db")
    walk_to_follow_up(db, "C-1", customer="K-1", tier="gold", severity=4, price="99.90 EUR")
    walk_to_follow_up(db, "C-2", 1, customer="K-2", tier="basic", severity=1)
    desk(db, "apply", "C-2", "satisfied", "--fact", "root_cause=warehouse picking error",
         "--at", at(30), "--note", "customer happy: \"thanks!\" \u2713")
    desk(db, "apply", "C-2", "reopen", "--at", at(60))
    desk(db, "open", "C-3", "--expectation", "Refund within 5 days", "--at", at(2))
    first, _ = desk(db, "export")
    check(len(first.splitlines()) == 3, "three lines")
    copy = new_db(tmp, "copy.db")
    desk(copy, "import", stdin=first)
    second, _ = desk(copy, "export")
    check(first == second, f"round trip differs:\n{first}\n{second}")
    export_file = os.path.join(tmp, "cases.jsonl")
    with open(export_file, "w") as f:
        f.write(first)
    desk(copy, "import", export_file)  # importing again replaces, it does not duplicate
    check(integrity(copy) == 3, "import replaced")
    check(desk(db, "show", "C-2")[0] == desk(copy, "show", "C-2")[0], "show differs")


def test_demo(tmp):
    """The demo runs to the end on a fresh database and leaves a database to explore."""
    db = new_db(tmp, "demo.db")
    out, _ = desk(db, "demo")
    check(len(out.splitlines()) > 40, "demo output is short")
    count = integrity(db)
    check(count >= 50, f"demo made only {count} cases")
    desk(db, "demo", expect=2)  # again: refused, the database is not empty
    out2, _ = desk(db, "demo", "--replace")  # unless told to replace its contents
    check(integrity(db) == count, "demo is not repeatable")
    other = new_db(tmp, "real.db")
    desk(other, "open", "C-1", "--expectation", "x")
    desk(other, "demo", expect=2)  # never overwrites a database with the user's cases


def test_charts(tmp, charts_script, python):
    """desk_charts.py draws the demo's Pareto chart and weekly breaches into PNG files."""
    db = os.path.join(tmp, "demo.db")
    desk(db, "demo")
    report, _ = desk(db, "--json", "report")
    path = os.path.join(tmp, "report.json")
    with open(path, "w") as f:
        f.write(report)
    outdir = os.path.join(tmp, "charts")
    subprocess.run([python, charts_script, path, "--out-dir", outdir], check=True)
    for name in ("pareto.png", "timer-breaches.png"):
        png = os.path.join(outdir, name)
        check(os.path.exists(png), f"{name} missing")
        with open(png, "rb") as f:
            data = f.read()
        check(data[:8] == b"\x89PNG\r\n\x1a\n", f"{name} is not a PNG")
        check(len(data) > 10000, f"{name} is only {len(data)} bytes")


def run_named_test(argv, namespace, prefix="svcr-desk-", cleanup=None):
    """The main of every desk test script: argv is [script, SVCR_DESK, TEST, extra...]; runs
    namespace["test_" + TEST](tmp, *extra) in a new temporary directory, then cleanup(tmp) if given.
    Returns the exit status: 0 passed, 1 failed, 2 no such test."""
    global DESK
    DESK = os.path.abspath(argv[1])
    name = argv[2]
    test = namespace.get("test_" + name)
    if test is None:
        print(f"unknown test {name}", file=sys.stderr)
        return 2
    global CLUSTER
    # A test killed by meson's timeout still stops its cluster (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    if STORE == "postgres":
        if pg_cluster.server_bin() is None:
            print(f"skip {name}: no PostgreSQL server binaries (initdb, pg_ctl)", file=sys.stderr)
            return pg_cluster.SKIP
        if not pg_cluster.desk_has_postgres(DESK):
            print(f"skip {name}: this svcr-desk was built without libpq", file=sys.stderr)
            return pg_cluster.SKIP
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        try:
            if STORE == "postgres":
                CLUSTER = pg_cluster.Cluster(tmp).__enter__()
            test(tmp, *argv[3:])
        except Failure as e:
            print(f"FAIL {name}: {e}", file=sys.stderr)
            return 1
        finally:
            if CLUSTER is not None:
                CLUSTER.__exit__(None, None, None)
                CLUSTER = None
            if cleanup is not None:
                cleanup(tmp)
    print(f"ok {name}")
    return 0


def main(argv):
    return run_named_test(argv, globals())


if __name__ == "__main__":
    sys.exit(main(sys.argv))
