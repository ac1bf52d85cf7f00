#!/usr/bin/env python3
"""The desk on PostgreSQL: the same output as on SQLite, round trips between the stores, many
desks writing the same cases at once, and every way a server can refuse or fail.

usage: test_postgres.py SVCR_DESK TEST

Each TEST is one meson test of the suite `postgres` (desk_pg_<TEST>), run on a throwaway cluster
(pg_cluster.py); skipped (exit 77) when no PostgreSQL server binaries are installed.
"""
import json
import os
import random
import re
import subprocess
import sys
import time

os.environ["SVCR_DESK_TEST_STORE"] = "postgres"
import desk_test  # noqa: E402  (reads the store above)
from desk_test import Failure, check, desk, at  # noqa: E402


def run(db, *args, stdin=None, env=None):
    proc = subprocess.run([desk_test.DESK, "--db", db, *args], input=stdin, capture_output=True,
                          text=True, env=env)
    return proc.returncode, proc.stdout, proc.stderr


def expect(db, status, *args, says=None, stdin=None):
    code, out, err = run(db, *args, stdin=stdin)
    check(code == status, f"svcr-desk {' '.join(args)} on {db}: exit {code}, expected {status}\n"
                          f"stdout: {out[-1500:]}\nstderr: {err}")
    if status != 0:
        check(err.startswith("svcr-desk: "), f"no message: {err!r}")
    if says is not None:
        check(re.search(says, err) is not None, f"message does not say {says!r}: {err}")
    return out, err


def session(db):
    """A day at the desk: every command, text and JSON, refusals included; the outputs."""
    outputs = []

    def record(*args, status=0, stdin=None):
        code, out, err = run(db, *args, stdin=stdin)
        outputs.append((args, code, out.replace(db, "DB"), err.replace(db, "DB")))
        check(code == status, f"{' '.join(args)}: exit {code}\n{err}")

    desk_test.DESK = desk_test.DESK  # the runner set it
    record("import", stdin="")
    for i, (customer, tier, severity) in enumerate([("K-1", "gold", 4), ("K-2", "basic", 1),
                                                   ("K-1", "silver", 3)]):
        cid = f"C-{i + 1}"
        record("open", cid, "--expectation", "Parcel by Friday", "--customer", customer, "--tier",
               tier, "--severity", str(severity), "--price", "80.00 EUR", "--at", at(i))
        record("apply", cid, "apologized", "--at", at(i + 0.2), "--note", "sorry \u2713")
        record("apply", cid, "listened", "--at", at(i + 0.3))
    record("apply", "C-1", "fixed", "--fact", "customer_wish=A new parcel", "--at", at(2))
    record("apply", "C-1", "atoned", "--fact", "atonement=voucher", "--fact",
           "compensation=20.00 EUR", "--at", at(3))
    record("apply", "C-1", "satisfied", "--at", at(30), status=2)
    record("apply", "C-1", "satisfied", "--fact", "root_cause=carrier", "--at", at(30))
    record("apply", "C-2", "fixed", "--at", at(4), status=2)
    record("apply", "C-9", "fixed", status=2)
    record("open", "C-1", "--expectation", "again", status=2)
    record("open", "C-4", "--expectation", "Call back", "--at", at(5))
    for fmt in ([], ["--json"]):
        record(*fmt, "show", "C-1", "--at", at(40))
        record(*fmt, "show", "C-2", "--at", at(40))
        record(*fmt, "due", "--at", at(6), "--within", "2d")
        record(*fmt, "offer", "C-3")
        record(*fmt, "offer", "C-3", "--explain", "--authority", "manager")
        record(*fmt, "report", "--at", at(100))
        record(*fmt, "export")
    return outputs


def test_same_output(tmp):
    """Every command prints the same on PostgreSQL as on SQLite, refusals included."""
    sqlite_outputs = session(os.path.join(tmp, "desk.db"))
    pg_outputs = session(desk_test.new_db(tmp, "desk"))
    check(len(sqlite_outputs) == len(pg_outputs), "not the same commands")
    for s, p in zip(sqlite_outputs, pg_outputs):
        check(s == p, f"{' '.join(s[0])} differs:\nSQLite: {s[1:]}\nPostgreSQL: {p[1:]}")
    # The demo plays the same month into both: the same cases, agenda and report.
    lite, pg = os.path.join(tmp, "demo.db"), desk_test.new_db(tmp, "demo")
    demo_lite, _ = desk(lite, "demo")
    demo_pg, _ = desk(pg, "demo")
    check(demo_lite.replace(lite, "DB") == demo_pg.replace(pg, "DB"), "the demo's story differs")
    for args in (("export",), ("--json", "report", "--at", "2026-10-30T17:00:00Z"),
                 ("due", "--at", "2026-10-30T17:00:00Z", "--within", "7d")):
        check(desk(lite, *args)[0] == desk(pg, *args)[0], f"{' '.join(args)} differs after the demo")


def test_cross_store_roundtrip(tmp):
    """export from one store, import into the other, export again: the same bytes, both ways."""
    lite = os.path.join(tmp, "demo.db")
    desk(lite, "demo")
    first, _ = desk(lite, "export")
    pg = desk_test.new_db(tmp, "copy")
    desk(pg, "import", stdin=first)
    second, _ = desk(pg, "export")
    check(first == second, "SQLite -> PostgreSQL export differs")
    back = os.path.join(tmp, "back.db")
    desk(back, "import", stdin=second)
    check(desk(back, "export")[0] == first, "PostgreSQL -> SQLite export differs")
    # Importing again replaces, it does not duplicate; the rows' versions move on.
    desk(pg, "import", stdin=first)
    check(desk_test.integrity(pg) == len(first.splitlines()), "import duplicated cases")
    check(desk(pg, "export")[0] == first, "a second import changed the cases")
    versions = desk_test.CLUSTER.psql(desk_test.CLUSTER.database_of(pg),
                                      "SELECT DISTINCT version FROM cases")
    check(versions == [["2"]], f"row versions after two imports: {versions}")


# ---- many desks at once --------------------------------------------------------------------------

WORKERS = 8
CASES = 50
SECONDS = float(os.environ.get("SVCR_DESK_CONCURRENCY_SECONDS", "15"))
# The events of the loop follow_up -> fix -> atone -> follow_up; worker w applies only
# CYCLE[w % 3], so that it knows which events it may apply; the state decides whether it can.
CYCLE = ["not_satisfied", "fixed", "atoned"]

WORKER = r"""
import json, random, subprocess, sys, time
desk, db, worker, event, cases, seconds, out = sys.argv[1:8]
worker, cases, seconds = int(worker), int(cases), float(seconds)
rng = random.Random(worker)
results = []
end = time.monotonic() + seconds
n = 0
while time.monotonic() < end:
    n += 1
    case = f"C-{rng.randrange(cases):02d}"
    note = f"w{worker}-{n}"
    r = subprocess.run([desk, "--db", db, "apply", case, event, "--note", note],
                       capture_output=True, text=True)
    results.append([case, note, r.returncode, r.stderr[-300:]])
with open(out, "w") as f:
    json.dump(results, f)
"""


def test_concurrency(tmp):
    """8 desks apply events to the same 50 cases for a bounded time: every successful command is
    in exactly one case's history, once; no refused command is; every case replays."""
    db = desk_test.new_db(tmp, "busy")
    desk_test.walk_to_follow_up(db, "C-00", 0)
    template = desk(db, "export")[0].strip()
    desk(db, "import", stdin="".join(template.replace('"id":"C-00"', f'"id":"C-{i:02d}"') + "\n"
                                     for i in range(CASES)))
    setup_log = {json.loads(l)["case"]["id"]: len(json.loads(l)["case"]["log"])
                 for l in desk(db, "export")[0].splitlines()}
    workers = []
    for w in range(WORKERS):
        out = os.path.join(tmp, f"worker-{w}.json")
        workers.append((out, subprocess.Popen(
            [sys.executable, "-c", WORKER, desk_test.DESK, db, str(w), CYCLE[w % 3], str(CASES),
             str(SECONDS), out])))
    for _, proc in workers:
        check(proc.wait() == 0, "a worker failed")
    results = []
    for out, _ in workers:
        with open(out) as f:
            results += json.load(f)
    succeeded = {note: case for case, note, code, _ in results if code == 0}
    refused = [r for r in results if r[2] == 2]
    conflicts = [r for r in results if r[2] == 4]
    other = [r for r in results if r[2] not in (0, 2, 4)]
    check(not other, f"commands that failed otherwise: {other[:5]}")
    for case, note, code, err in refused:
        check("apply" in err or "not allowed" in err or "state" in err, f"refused: {err}")
    for case, note, code, err in conflicts:
        check("other desks changed the same case" in err, f"conflict message: {err}")
    exported = desk(db, "export")[0]
    seen = {}
    for line in exported.splitlines():
        case = json.loads(line)["case"]
        log = case["log"]
        check(len(log) >= setup_log[case["id"]], f"{case['id']} lost events")
        check([e["seq"] for e in log] == list(range(1, len(log) + 1)), f"{case['id']}: seq gaps")
        for entry in log[setup_log[case["id"]]:]:
            note = entry.get("note")
            check(note is not None, f"{case['id']}: an event without a worker's note: {entry}")
            check(note not in seen, f"{note} is in the history twice ({seen.get(note)}, "
                                    f"{case['id']})")
            seen[note] = case["id"]
    check(set(seen) == set(succeeded), f"lost: {sorted(set(succeeded) - set(seen))[:5]}, "
                                       f"never succeeded: {sorted(set(seen) - set(succeeded))[:5]}")
    for note, case in succeeded.items():
        check(seen[note] == case, f"{note} applied to {case} is in {seen[note]}'s history")
    # Every case replays: import validates each history against the workflow.
    replay = os.path.join(tmp, "replay.db")
    desk(replay, "import", stdin=exported)
    check(desk(replay, "export")[0] == exported, "the cases do not replay to the same export")
    print(f"figure concurrency_commands: {len(results)} commands by {WORKERS} desks in "
          f"{SECONDS:.0f} s on {CASES} cases")
    print(f"figure concurrency_succeeded: {len(succeeded)}")
    print(f"figure concurrency_refused_by_state: {len(refused)}")
    print(f"figure concurrency_refused_with_conflict: {len(conflicts)}")
    # Each worker applies an event in one state of three: a third of its commands may succeed.
    check(len(succeeded) >= WORKERS, f"only {len(succeeded)} commands succeeded")


def test_conflict_gives_up(tmp):
    """A case that changes under every attempt: the command gives up after its retries, exit 4,
    saying so, and nothing is written."""
    db = desk_test.new_db(tmp, "desk")
    desk(db, "open", "C-1", "--expectation", "x", "--at", at(0))
    name = desk_test.CLUSTER.database_of(db)
    # A trigger that drops every write-back of the case, as if another desk always won the race.
    desk_test.CLUSTER.psql(name, "CREATE FUNCTION always_lose() RETURNS trigger LANGUAGE plpgsql "
                                 "AS $$ BEGIN RETURN NULL; END $$;"
                                 "CREATE TRIGGER always_lose BEFORE UPDATE ON cases FOR EACH ROW "
                                 "EXECUTE FUNCTION always_lose()")
    before = desk_test.files_digest(db)
    _, err = expect(db, 4, "apply", "C-1", "apologized", "--at", at(1),
                    says="other desks changed the same case while this command ran, 12 times")
    check("nothing was changed" in err, err)
    check(desk_test.files_digest(db) == before, "the refused command changed the database")


def test_conflict_retried(tmp):
    """Another desk commits a change of the case between this command's read and its write: the
    write-back finds a newer version, the command runs again from its read, and both changes are
    kept (no lost update)."""
    cluster = desk_test.CLUSTER
    db = desk_test.new_db(tmp, "desk")
    desk(db, "open", "C-1", "--expectation", "x", "--customer", "K-1", "--at", at(0))
    name = cluster.database_of(db)
    # The other desk: a transaction that changes the case's customer and version, held open.
    other = subprocess.Popen([os.path.join(cluster.bin, "psql"), "-X", "-q", "-h", cluster.dir,
                              "-U", "postgres", "-d", name, "-v", "ON_ERROR_STOP=1"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    other.stdin.write("BEGIN;\nUPDATE cases SET customer = 'K-2', version = version + 1 "
                      "WHERE id = 'C-1';\nSELECT pg_sleep(0);\n")
    other.stdin.flush()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and cluster.psql(
            name, "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                  "WHERE c.relname = 'cases' AND l.mode = 'RowExclusiveLock'")[0][0] == "0":
        time.sleep(0.05)
    # This desk reads version 1 (readers do not wait) and blocks on its write-back.
    proc = subprocess.Popen([desk_test.DESK, "--db", db, "apply", "C-1", "apologized", "--at",
                             at(1)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    while time.monotonic() < deadline and cluster.psql(
            name, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'svcr-desk' "
                  "AND wait_event_type = 'Lock'")[0][0] == "0":
        if proc.poll() is not None:
            raise Failure(f"the desk did not wait for the row: {proc.communicate()}")
        time.sleep(0.05)
    other.stdin.write("COMMIT;\n")
    other.stdin.close()
    check(other.wait(timeout=60) == 0, "the other desk's transaction failed")
    out, err = proc.communicate(timeout=120)
    check(proc.returncode == 0, f"exit {proc.returncode}: {err}")
    view = desk_test.desk_json(db, "show", "C-1")
    check(view["customer"] == "K-2", f"the other desk's change was lost: {view['customer']}")
    check([e["event"] for e in view["log"]] == ["identified", "apologized"], f"{view['log']}")
    check(cluster.psql(name, "SELECT version FROM cases") == [["3"]], "versions: 1, other, this")


# ---- bad input -----------------------------------------------------------------------------------

READS = [("show", "C-1"), ("due",), ("report",), ("export",), ("offer", "C-1")]
WRITES = [("open", "C-9", "--expectation", "x"), ("apply", "C-1", "apologized"), ("import",),
          ("demo",)]


def test_unreachable(tmp):
    """No server where the URL points: exit 1, saying the server cannot be reached."""
    cluster = desk_test.CLUSTER
    for url in (f"postgresql://postgres@/desk?host={tmp}/nowhere",
                cluster.url("postgres").replace("?host=", "?port=1&host=")):
        for args in READS[:1] + WRITES[:1]:
            expect(url, 1, *args, says="cannot reach the PostgreSQL server")


def test_refused_login(tmp):
    """A wrong password, a role or a database that does not exist: exit 2, never the password."""
    cluster = desk_test.CLUSTER
    db = desk_test.new_db(tmp, "desk")
    desk(db, "open", "C-1", "--expectation", "x")
    name = cluster.database_of(db)
    cases = [(cluster.url(name, "password_user", "wrong-secret"), "refused the connection"),
             (cluster.url(name, "no_such_role"), "refused the connection"),
             (cluster.url("no_such_database"), "refused the connection")]
    for url, says in cases:
        for args in READS[:1] + WRITES[:2]:
            _, err = expect(url, 2, *args, says=says)
            check("wrong-secret" not in err, f"the password is in the message: {err}")
    # The right password works (and is not printed either).
    cluster.psql(name, "GRANT ALL ON ALL TABLES IN SCHEMA public TO password_user")
    right = cluster.url(name, "password_user", "right-password")
    check(desk_test.desk_json(right, "show", "C-1")["id"] == "C-1", "the right password")
    _, err = expect(right, 2, "show", "C-9")
    check("right-password" not in err and "***" in err, f"the password in a message: {err}")
    # SVCR_DESK_DB when there is no --db.
    proc = subprocess.run([desk_test.DESK, "show", "C-1"], capture_output=True, text=True,
                          env={**os.environ, "SVCR_DESK_DB": db}, cwd=tmp)
    check(proc.returncode == 0 and "C-1" in proc.stdout, f"SVCR_DESK_DB: {proc.stderr}")
    check(os.listdir(tmp) == ["pg"], f"SVCR_DESK_DB: a file was made: {os.listdir(tmp)}")


def test_foreign_database(tmp):
    """A database that is not the desk's: every command exit 2, the database untouched."""
    cluster = desk_test.CLUSTER
    invoices = desk_test.new_db(tmp, "invoices")
    cluster.psql(cluster.database_of(invoices),
                 "CREATE TABLE invoices(a int); INSERT INTO invoices VALUES (1)")
    other_app = desk_test.new_db(tmp, "other")
    desk(other_app, "open", "C-1", "--expectation", "x")
    cluster.psql(cluster.database_of(other_app), "UPDATE desk_schema SET application_id = 1234")
    newer = desk_test.new_db(tmp, "newer")
    desk(newer, "open", "C-1", "--expectation", "x")
    cluster.psql(cluster.database_of(newer), "UPDATE desk_schema SET version = 99")
    for db, says in ((invoices, "not the desk's"), (other_app, "another program"),
                     (newer, "schema version 99.*newer")):
        before = cluster.digest(db)
        for args in READS + WRITES + [("demo", "--replace")]:
            expect(db, 2, *args, says=says, stdin="")
            check(cluster.digest(db) == before, f"{' '.join(args)} changed {db}")


def test_older_schema(tmp):
    """A desk database of schema version 1 is read as it is and migrated by the first write, in
    its transaction."""
    cluster = desk_test.CLUSTER
    db = desk_test.new_db(tmp, "old")
    desk_test.walk_to_follow_up(db, "C-1")
    name = cluster.database_of(db)
    cluster.psql(name, "ALTER TABLE cases DROP COLUMN version; UPDATE desk_schema SET version = 1")
    before = cluster.digest(db)
    exported = desk(db, "export")[0]
    for args in READS:
        desk(db, *args)
    expect(db, 2, "apply", "C-1", "no_such_event")
    check(cluster.digest(db) == before, "a read or a refused write changed it")
    desk(db, "apply", "C-1", "satisfied", "--fact", "root_cause=x", "--at", at(40))
    check(cluster.psql(name, "SELECT version FROM desk_schema") == [["2"]], "not migrated")
    check(cluster.psql(name, "SELECT id, version FROM cases") == [["C-1", "2"]], "row versions")
    check(desk(db, "export")[0] != exported, "the write is lost")


def test_dropped_connection(tmp):
    """The server ends the desk's connection in the middle of an import: the command fails
    (exit 1, saying nothing was changed), and nothing of it is in the database."""
    cluster = desk_test.CLUSTER
    db = desk_test.new_db(tmp, "desk")
    desk_test.walk_to_follow_up(db, "C-1", customer="K-1", tier="gold", severity=4)
    template = desk(db, "export")[0].strip()
    before = cluster.digest(db)
    lines = [template.replace('"id":"C-1"', f'"id":"K-{i:06d}"') for i in range(6000)]
    proc = subprocess.Popen([desk_test.DESK, "--db", db, "import"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # The first batches are sent to the server inside the import's transaction.
    proc.stdin.write("\n".join(lines[:5000]) + "\n")
    proc.stdin.flush()
    name = cluster.database_of(db)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        rows = cluster.psql("postgres", "SELECT count(*) FROM pg_locks l JOIN pg_class c ON "
                                        "c.oid = l.relation JOIN pg_stat_activity a ON a.pid = "
                                        "l.pid WHERE a.application_name = 'svcr-desk' AND "
                                        f"a.datname = '{name}' AND c.relname = 'cases' AND "
                                        "l.mode = 'RowExclusiveLock'")
        if rows[0][0] != "0":
            break
        time.sleep(0.05)
    cluster.psql("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                             f"application_name = 'svcr-desk' AND datname = '{name}'")
    try:
        proc.stdin.write("\n".join(lines[5000:]) + "\n")
        proc.stdin.close()
    except BrokenPipeError:
        pass
    out = proc.stdout.read()
    err = proc.stderr.read()
    code = proc.wait()
    check(code == 1, f"exit {code}: {out} {err}")
    check("connection to the PostgreSQL server was lost" in err and "nothing was changed" in err,
          err)
    check("imported" not in out, f"it says it imported: {out}")
    check(cluster.digest(db) == before, "part of the import was written")
    out, _ = desk(db, "import", stdin="\n".join(lines[:100]) + "\n")
    check("imported 100" in out, "the database is not usable afterwards")


def test_read_only_server(tmp):
    """A server that takes no writes (default_transaction_read_only): commands that read work;
    commands that write exit 2 saying so, and nothing changes."""
    cluster = desk_test.CLUSTER
    db = desk_test.new_db(tmp, "desk")
    desk_test.walk_to_follow_up(db, "C-1")
    name = cluster.database_of(db)
    cluster.psql("postgres", f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    before = cluster.digest(db)
    for args in READS:
        desk(db, *args)
    for args in WRITES:
        expect(db, 2, *args, says="read-only", stdin="")
    check(cluster.digest(db) == before, "a write went through")
    # A new database on a read-only server: no tables are made.
    empty = desk_test.new_db(tmp, "empty")
    cluster.psql("postgres", 'ALTER DATABASE "' + cluster.database_of(empty) +
                 '" SET default_transaction_read_only = on')
    expect(empty, 2, "open", "C-1", "--expectation", "x", says="read-only")
    check(cluster.digest(empty) == "", "tables were made on a read-only server")


def main(argv):
    return desk_test.run_named_test(argv, globals(), "svcr-desk-pg-")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
