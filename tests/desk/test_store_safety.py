#!/usr/bin/env python3
"""The desk never damages or loses a file: which files it opens, creates, replaces and reads.

usage: test_store_safety.py SVCR_DESK TEST [CHARTS_SCRIPT PYTHON]

Each TEST is one meson test (desk_store_<TEST>); see the functions named test_<TEST> below.
"""
import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
import time

import desk_test
from desk_test import Failure, check

DESK_APPLICATION_ID = 0x53564352
SCHEMA_VERSION = 2  # the schema this desk writes (examples/desk/desk.h, DESK_SCHEMA_VERSION)
# The schema of version 1, as the desks before row versions made it (examples/desk/store_sqlite.c).
SCHEMA_V1 = (
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE cases(  id TEXT PRIMARY KEY,  workflow TEXT NOT NULL,  state TEXT NOT NULL,"
    "  customer TEXT,  tier TEXT,  severity INTEGER,  price_minor INTEGER,  price_currency TEXT,"
    "  opened_at INTEGER NOT NULL,  updated_at INTEGER NOT NULL,  json TEXT NOT NULL);"
    "CREATE INDEX cases_by_state ON cases(state);"
    "CREATE INDEX cases_by_customer ON cases(customer, opened_at);"
    "CREATE TABLE due(  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
    "  timer TEXT NOT NULL,  due_at INTEGER NOT NULL,  PRIMARY KEY(case_id, timer));"
    "CREATE INDEX due_by_time ON due(due_at);")
SIBLINGS = ("-wal", "-shm", "-journal")
AT = ("--at", "2026-11-04T12:00:00Z")  # fixed, so that outputs can be compared
READ_COMMANDS = [("show", "C-1", *AT), ("due", *AT), ("offer", "C-1"), ("report", *AT), ("export",)]
WRITE_COMMANDS = [("open", "C-9", "--expectation", "x"), ("apply", "C-1", "apologized"),
                  ("import",), ("demo",), ("demo", "--replace")]
# An unprivileged user for the read-only tests when they run as root (root may write anything).
NOBODY = 65534


def run(db, *args, expect=0, stdin="", cwd=None, as_nobody=False):
    """Run the desk; check the exit status (and the message for 2); return (stdout, stderr)."""
    extra = {}
    if as_nobody:
        extra = {"user": NOBODY, "group": NOBODY, "extra_groups": []}
    proc = subprocess.run([desk_test.DESK, "--db", db, *args], input=stdin, capture_output=True,
                          text=True, cwd=cwd, **extra)
    if proc.returncode != expect:
        raise Failure(f"svcr-desk --db {db!r} {' '.join(args)}: exit {proc.returncode}, expected "
                      f"{expect}\nstdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr}")
    if expect == 2:
        check(proc.stderr.startswith("svcr-desk: "), f"no message on stderr: {proc.stderr!r}")
    return proc.stdout, proc.stderr


def snapshot(directory, contents=lambda name: True):
    """Every file in @directory with a digest of its bytes (of those @contents selects)."""
    files = {}
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if not contents(name):
            files[name] = "file"
        elif os.path.isfile(path):
            with open(path, "rb") as f:
                files[name] = hashlib.sha256(f.read()).hexdigest()
        else:
            files[name] = "dir"
    return files


def check_unchanged(directory, before, what, contents=lambda name: True):
    after = snapshot(directory, contents)
    check(after == before, f"{what} changed the files:\nbefore {before}\nafter  {after}")


def new_desk_db(path, cases=1):
    """A desk database with @cases cases (C-1, ...), made by the desk."""
    run(path, "import")  # creates an empty desk database
    for i in range(1, cases + 1):
        run(path, "open", f"C-{i}", "--expectation", "Parcel by Friday", "--at", desk_test.T0)


def sql(path, *statements):
    con = sqlite3.connect(path, isolation_level=None)
    try:
        rows = [con.execute(s).fetchall() for s in statements]
    finally:
        con.close()
    return rows


def header(path):
    """(application_id, user_version, journal mode byte) straight from the file's header."""
    with open(path, "rb") as f:
        h = f.read(100)
    return int.from_bytes(h[68:72], "big"), int.from_bytes(h[60:64], "big"), h[18]


# ---- item 1: foreign files, missing files, older desk databases, the demo ---------------------

def foreign_files(tmp):
    """Files that are not a desk database, each in a directory of its own."""
    made = {}

    def place(name, make):
        directory = os.path.join(tmp, name)
        os.mkdir(directory)
        path = os.path.join(directory, "f.db")
        make(path)
        made[name] = path

    place("invoices", lambda p: sql(p, "CREATE TABLE invoices(a)",
                                    "INSERT INTO invoices VALUES (1)"))
    place("invoices-wal", lambda p: sql(p, "PRAGMA journal_mode=WAL", "CREATE TABLE invoices(a)",
                                        "INSERT INTO invoices VALUES (1)"))
    place("no-tables", lambda p: sql(p, "PRAGMA journal_mode=WAL"))  # one page, no table

    def crashed(p):  # another program's WAL database as a crash left it: the -wal holds commits
        live = p + ".live"
        con = sqlite3.connect(live, isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA wal_autocheckpoint=0")
        con.execute("CREATE TABLE invoices(a)")
        con.execute("INSERT INTO invoices VALUES (1)")
        for suffix in ("", "-wal", "-shm"):
            with open(live + suffix, "rb") as f, open(p + suffix, "wb") as out:
                out.write(f.read())
        con.close()
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(live + suffix):
                os.remove(live + suffix)
    place("crashed-wal", crashed)

    def other_program(p):  # the desk's very tables, but another program's application_id
        new_desk_db(p, cases=1)
        sql(p, "PRAGMA application_id=1234", "PRAGMA journal_mode=DELETE")
    place("other-application", other_program)

    def newer_desk(p):
        new_desk_db(p, cases=1)
        sql(p, f"PRAGMA user_version={SCHEMA_VERSION + 1}", "PRAGMA journal_mode=DELETE")
    place("newer-desk", newer_desk)

    def text(p):
        with open(p, "w") as f:
            f.write("these are not the cases you are looking for\n" * 100)
    place("text", text)
    place("short", lambda p: open(p, "wb").write(b"SQLite format 3\0"))
    return made


def test_foreign_files(tmp):
    """Every command refuses a file that is not a desk database with exit 2, changing nothing."""
    for kind, path in foreign_files(tmp).items():
        directory = os.path.dirname(path)
        # The -shm file is SQLite's shared index of the -wal, rebuilt by any reader: only that it
        # is still there counts.
        before = snapshot(directory, contents=lambda name: not name.endswith("-shm"))
        for args in READ_COMMANDS + WRITE_COMMANDS:
            _, err = run(path, *args, expect=2)
            check(path in err, f"{kind}: {' '.join(args)}: the message does not name it: {err}")
            check_unchanged(directory, before, f"{kind}: {' '.join(args)}",
                            contents=lambda name: not name.endswith("-shm"))
        if kind in ("text", "short"):
            check("not a database" in err, f"{kind}: {err}")


def test_read_never_creates(tmp):
    """Read commands never create a database; writes create one only where there is none."""
    missing = os.path.join(tmp, "typo.db")
    for args in READ_COMMANDS:
        _, err = run(missing, *args, expect=2)
        check(missing in err, f"{' '.join(args)}: message does not name the path: {err}")
        check(os.listdir(tmp) == [], f"{' '.join(args)} created {os.listdir(tmp)}")
    empty = os.path.join(tmp, "empty.db")
    open(empty, "w").close()
    for args in READ_COMMANDS:
        run(empty, *args, expect=2)
        check(os.listdir(tmp) == ["empty.db"] and os.path.getsize(empty) == 0,
              f"{' '.join(args)} changed the empty file")
    # A command that writes makes a desk database of the empty file, and of a missing path.
    run(empty, "open", "C-1", "--expectation", "x")
    check(header(empty)[:2] == (DESK_APPLICATION_ID, SCHEMA_VERSION), f"header {header(empty)}")
    run(missing, "import")
    check(header(missing)[:2] == (DESK_APPLICATION_ID, SCHEMA_VERSION),
          f"header {header(missing)}")
    check(sql(missing, "PRAGMA journal_mode")[0][0][0] == "wal", "a new database is in WAL mode")
    # An empty or missing file beside a WAL file: SQLite would delete the WAL; the desk refuses.
    for name, make_main in (("orphan.db", False), ("emptied.db", True)):
        directory = os.path.join(tmp, name + ".d")
        os.mkdir(directory)
        path = os.path.join(directory, name)
        with open(path + "-wal", "wb") as f:
            f.write(b"\x37\x7f\x06\x82" + b"\0" * 4000)
        if make_main:
            open(path, "w").close()
        before = snapshot(directory)
        for args in WRITE_COMMANDS:
            _, err = run(path, *args, expect=2)
            check("-wal" in err, err)
            check_unchanged(directory, before, f"{name}: {' '.join(args)}")


def version_1_db(path, cases, application_id):
    """A desk database of schema version 1 (no row versions) with @cases cases, as an older desk
    made it: the cases are made by this desk and copied into the version 1 tables."""
    made = path + ".made"
    new_desk_db(made, cases=cases)
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.executescript(SCHEMA_V1)
        con.execute(f"PRAGMA application_id={application_id}")
        con.execute("PRAGMA user_version=1")
        con.execute("ATTACH ? AS made", (made,))
        columns = ("id, workflow, state, customer, tier, severity, price_minor, price_currency, "
                   "opened_at, updated_at, json")
        con.execute(f"INSERT INTO cases SELECT {columns} FROM made.cases")
        con.execute("INSERT INTO due SELECT * FROM made.due")
        con.execute("INSERT INTO meta SELECT * FROM made.meta")
        con.execute("DETACH made")
        con.execute("PRAGMA journal_mode=WAL")
    finally:
        con.close()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(made + suffix):
            os.remove(made + suffix)


def columns_of_cases(db):
    return [row[1] for row in sql(db, "PRAGMA table_info(cases)")[0]]


def test_older_database(tmp):
    """A desk database of schema version 1, with or without the application_id, is read as it is;
    the first command that writes stamps it and migrates it to this desk's schema in its own
    transaction (a refused write leaves it as it was)."""
    db = os.path.join(tmp, "old.db")
    version_1_db(db, cases=2, application_id=0)  # the older desk's: no application_id yet
    check(header(db)[:2] == (0, 1), f"header {header(db)}")
    before = snapshot(tmp)
    for args in READ_COMMANDS:
        run(db, *args)
        check_unchanged(tmp, before, " ".join(args))
    # A refused write leaves it as it was, stamp included.
    run(db, "open", "C-1", "--expectation", "again", expect=2)
    check_unchanged(tmp, before, "a refused open")
    exported = run(db, "export")[0]
    check("version" not in columns_of_cases(db), "a read migrated the schema")
    run(db, "apply", "C-1", "apologized", "--at", "2026-11-02T09:10:00Z")
    check(header(db)[:2] == (DESK_APPLICATION_ID, SCHEMA_VERSION),
          f"not stamped and migrated by a write: {header(db)}")
    check("version" in columns_of_cases(db), "no row versions after the migration")
    check(desk_test.desk_json(db, "show", "C-1")["state"] == "listen", "the write went through")
    check(run(db, "export")[0].splitlines()[1] == exported.splitlines()[1], "C-2 changed")
    check(len(run(db, "export")[0].splitlines()) == 2, "cases kept")
    # A stamped desk database of version 1: a refused write changes nothing; a write migrates.
    stamped_dir = os.path.join(tmp, "stamped")
    os.mkdir(stamped_dir)
    stamped = os.path.join(stamped_dir, "v1.db")
    version_1_db(stamped, cases=1, application_id=DESK_APPLICATION_ID)
    before = snapshot(stamped_dir)
    run(stamped, "apply", "C-1", "no_such_event", expect=2)
    check_unchanged(stamped_dir, before, "a refused apply on a version 1 database")
    run(stamped, "open", "C-2", "--expectation", "y", "--at", desk_test.T0)
    check(header(stamped)[:2] == (DESK_APPLICATION_ID, SCHEMA_VERSION), f"{header(stamped)}")
    check(sql(stamped, "SELECT id, version FROM cases ORDER BY id")[0] == [("C-1", 1), ("C-2", 1)],
          "row versions after the migration")
    # The older desk's database with a changed schema is not the desk's.
    other = os.path.join(tmp, "other")
    os.mkdir(other)
    changed = os.path.join(other, "changed.db")
    new_desk_db(changed, cases=1)
    sql(changed, "PRAGMA application_id=0", "CREATE TABLE extra(a)", "PRAGMA journal_mode=DELETE")
    before = snapshot(other)
    run(changed, "apply", "C-1", "apologized", expect=2)
    run(changed, "show", "C-1", expect=2)
    check_unchanged(other, before, "a changed schema")


def test_demo_keeps_data(tmp):
    """demo never deletes what it did not make: --replace, and only on a desk database."""
    # Settings but no cases: a stored calendar.
    db = os.path.join(tmp, "settings.db")
    run(db, "import")
    sql(db, "INSERT INTO meta(key, value) VALUES ('calendar', '{\"name\": \"ours\", "
            "\"hours\": {\"mon-fri\": [\"07:00-19:00\"]}}')")
    before = snapshot(tmp)
    _, err = run(db, "demo", expect=2)
    check("--replace" in err, f"the refusal does not say how to replace: {err}")
    check_unchanged(tmp, before, "demo on a database with a calendar")
    cases = os.path.join(tmp, "cases.db")
    new_desk_db(cases, cases=1)
    before = snapshot(tmp)
    run(cases, "demo", expect=2)
    check_unchanged(tmp, before, "demo on a database with a case")
    # A foreign file, even with --replace.
    foreign = os.path.join(tmp, "invoices.db")
    sql(foreign, "CREATE TABLE invoices(a)", "INSERT INTO invoices VALUES (1)")
    before = snapshot(tmp)
    run(foreign, "demo", "--replace", expect=2)
    check_unchanged(tmp, before, "demo --replace on a foreign file")
    check(sql(foreign, "SELECT count(*) FROM invoices")[0] == [(1,)], "the invoices")
    # --replace replaces a desk database's contents; the demo's own database is no exception.
    inode = os.stat(cases).st_ino
    run(cases, "demo", "--replace")
    count = desk_test.integrity(cases)
    check(count >= 50, f"demo --replace made {count} cases")
    check(os.stat(cases).st_ino == inode, "the file was deleted and made again")
    run(cases, "demo", expect=2)
    run(cases, "demo", "--replace")
    check(desk_test.integrity(cases) == count, "demo --replace is not repeatable")


# ---- item 2: paths SQLite would not keep on disk ----------------------------------------------

def test_throwaway_paths(tmp):
    """--db '' and --db :memory: (and SQLite URIs, devices) are refused: writes must be kept."""
    for path, why in (("", "--db: empty path"), (":memory:", "--db: \":memory:\" is an in-memory"),
                      ("file::memory:", "is an SQLite URI"), ("file:cases.db?mode=memory", "URI"),
                      ("file:cases.db", "URI"), ("/dev/null", "not a regular file"),
                      (tmp, "not a regular file")):
        for args in (("open", "L-1", "--expectation", "x"), ("import",), ("show", "L-1")):
            _, err = run(path, *args, expect=2, cwd=tmp)
            check(why in err, f"{path!r}: the message does not say why: {err}")
            check(os.listdir(tmp) == [], f"{path!r} {args[0]} created {os.listdir(tmp)}")
    # A file really called "file:cases.db" is reached as ./file:cases.db.
    run("./file:cases.db", "open", "L-1", "--expectation", "x", cwd=tmp)
    check(os.listdir(tmp) == ["file:cases.db"], f"files: {os.listdir(tmp)}")


# ---- item 3: read commands on a database this user may not write -----------------------------

def test_read_only(tmp):
    """show, export, due, report and offer work on a database they may not write, and leave no
    -wal or -shm file behind; a command that writes says the database is read-only."""
    as_nobody = os.geteuid() == 0
    os.chmod(tmp, 0o755)
    layouts = {
        "wal": lambda p: None,
        "rollback": lambda p: sql(p, "PRAGMA journal_mode=DELETE"),
    }
    for name, convert in layouts.items():
        for dir_writable in (False, True):
            where = "dir-writable" if dir_writable else "read-only"
            directory = os.path.join(tmp, f"{name}-{where}")
            os.mkdir(directory)
            db = os.path.join(directory, "desk.db")
            new_desk_db(db, cases=2)
            run(db, "apply", "C-1", "apologized", "--at", "2026-11-02T09:10:00Z")
            convert(db)
            expected = {args: run(db, *args)[0] for args in READ_COMMANDS}
            before = snapshot(directory)
            os.chmod(db, 0o444)
            os.chmod(directory, 0o777 if dir_writable else 0o555)
            for args in READ_COMMANDS:
                out, _ = run(db, *args, as_nobody=as_nobody)
                check(out == expected[args], f"{name}: {' '.join(args)} differs:\n{out}")
                check_unchanged(directory, before, f"{name}: {' '.join(args)}")
            _, err = run(db, "open", "C-3", "--expectation", "x", as_nobody=as_nobody, expect=2)
            check("read-only" in err or "readonly" in err, err)
            check_unchanged(directory, before, f"{name}: a refused open")
            os.chmod(directory, 0o755)
    # Read without locks (a WAL database this user may not write), the read is checked: when a
    # writer changes the file meanwhile, the command fails and says so.
    directory = os.path.join(tmp, "changed")
    os.mkdir(directory)
    db = os.path.join(directory, "desk.db")
    new_desk_db(db, cases=1)
    line = run(db, "export")[0].strip()
    many = "\n".join(line.replace('"id":"C-1"', f'"id":"M-{i:04d}"') for i in range(400)) + "\n"
    run(db, "import", stdin=many)
    os.chmod(db, 0o444)
    os.chmod(directory, 0o555)
    extra = {"user": NOBODY, "group": NOBODY, "extra_groups": []} if as_nobody else {}
    reader = subprocess.Popen([desk_test.DESK, "--db", db, "export"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, **extra)
    reader.stdout.readline()  # it is exporting, and stops when the pipe is full
    time.sleep(0.5)
    os.chmod(directory, 0o755)
    os.chmod(db, 0o644)
    run(db, "apply", "M-0000", "apologized", "--at", "2026-11-02T09:10:00Z")  # and checkpointed
    reader.stdout.read()
    err = reader.stderr.read()
    check(reader.wait() == 1 and "changed while" in err,
          f"a read during a write: exit {reader.returncode}, {err!r}")
    # A database this user may write: reading leaves no -wal or -shm behind either.
    directory = os.path.join(tmp, "writable")
    os.mkdir(directory)
    db = os.path.join(directory, "desk.db")
    new_desk_db(db, cases=2)
    before = snapshot(directory)
    for args in READ_COMMANDS:
        run(db, *args)
        check_unchanged(directory, before, " ".join(args))


# ---- siblings: the charts script writes files too ---------------------------------------------

def test_built_without_postgres(tmp):
    """A desk built without libpq refuses a PostgreSQL URL (exit 2, saying so) and still keeps its
    cases in SQLite."""
    for url in ("postgresql://desk@/cases?host=/nowhere", "postgres://u:secret@db.example/cases"):
        for args in (("show", "C-1"), ("open", "C-1", "--expectation", "x"), ("import",)):
            _, err = run(url, *args, expect=2)
            check("built without PostgreSQL" in err, err)
            check("secret" not in err, f"the password is in the message: {err}")
    out, _ = run(os.path.join(tmp, "desk.db"), "--version")
    check("built without PostgreSQL" in out, out)
    run(os.path.join(tmp, "desk.db"), "open", "C-1", "--expectation", "x")
    check(os.listdir(tmp) == ["desk.db"], f"files: {os.listdir(tmp)}")


def test_charts_files(tmp, charts_script, python):
    """desk_charts.py replaces only its own PNG files, and refuses an --out-dir that is a file."""
    db = os.path.join(tmp, "demo.db")
    run(db, "demo")
    report = os.path.join(tmp, "report.json")
    with open(report, "w") as f:
        f.write(run(db, "--json", "report")[0])

    def charts(*args, expect):
        proc = subprocess.run([python, charts_script, report, *args], capture_output=True,
                              text=True)
        check(proc.returncode == expect, f"desk_charts.py {args}: exit {proc.returncode}, "
                                         f"expected {expect}\n{proc.stderr}")
        if expect == 2:
            check(proc.stderr.startswith("desk_charts: ") and "Traceback" not in proc.stderr,
                  f"no clear message: {proc.stderr}")
        return proc

    # --out-dir names a file: refused, the file is kept.
    notes = os.path.join(tmp, "notes.txt")
    with open(notes, "w") as f:
        f.write("my notes\n")
    charts("--out-dir", notes, expect=2)
    check(open(notes).read() == "my notes\n", "notes changed")
    # A file of the user's where a chart would go: refused, nothing written.
    out = os.path.join(tmp, "charts")
    os.mkdir(out)
    mine = os.path.join(out, "timer-breaches.png")
    with open(mine, "w") as f:
        f.write("not a picture\n")
    before = snapshot(out)
    charts("--out-dir", out, expect=2)
    check_unchanged(out, before, "desk_charts.py over a file of the user's")
    os.remove(mine)
    # Its own charts are replaced, and nothing else is left in the directory.
    charts("--out-dir", out, expect=0)
    charts("--out-dir", out, expect=0)
    check(sorted(os.listdir(out)) == ["pareto.png", "timer-breaches.png"], os.listdir(out))


def make_removable(tmp):
    """Give back the permissions the read-only tests took, so that tmp can be removed."""
    for root, dirs, _ in os.walk(tmp):
        for d in dirs:
            os.chmod(os.path.join(root, d), stat.S_IRWXU)


def main(argv):
    return desk_test.run_named_test(argv, globals(), "svcr-desk-store-", make_removable)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
