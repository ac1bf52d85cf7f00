#!/usr/bin/env python3
"""The desk's two stores side by side: SQLite (a file) and PostgreSQL (a throwaway cluster on a
Unix socket, no TCP: tests/desk/pg_cluster.py), both durable (SQLite synchronous=FULL, PostgreSQL
fsync and synchronous_commit on).

usage: bench_desk_store.py SVCR_DESK

Figures (`figure <name>: <number> <unit>`):
  desk_<store>_commands_1:  commands/s, one desk: open + 6 apply per case, each a process
  desk_<store>_commands_8:  commands/s, 8 desks at once, each on cases of its own
  desk_<store>_import:      cases/s imported (one import of IMPORT_CASES cases of open + 6 apply)
  desk_<store>_import_desk_cpu: the same per second of the desk process's own CPU time
When no PostgreSQL server can be started, its figures are printed as `missing figure ...`.
BENCH_SECONDS scales the work (default 2).
"""
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "desk"))
import pg_cluster  # noqa: E402

DESK = None
T0 = 1793610000  # 2026-11-02T09:00:00Z, a Monday
SCALE = float(os.environ.get("BENCH_SECONDS", "2")) / 2
IMPORT_CASES = int(20000 * max(SCALE, 0.25))
CASES_1 = max(int(12 * SCALE), 3)   # cases for one desk
CASES_8 = max(int(4 * SCALE), 2)    # cases per desk of eight


def case_commands(cid, start=0):
    t = lambda minutes: f"@{T0 + start * 3600 + minutes * 60}"  # noqa: E731
    return [["open", cid, "--expectation", "Parcel by Friday", "--customer", "K-1", "--tier",
             "gold", "--severity", "3", "--price", "80.00 EUR", "--at", t(0)],
            ["apply", cid, "apologized", "--at", t(5)],
            ["apply", cid, "listened", "--at", t(10)],
            ["apply", cid, "fixed", "--fact", "customer_wish=A new parcel", "--at", t(60)],
            ["apply", cid, "atoned", "--fact", "atonement=voucher", "--fact",
             "compensation=20.00 EUR", "--at", t(90)],
            ["apply", cid, "satisfied", "--fact", "root_cause=carrier", "--at", t(1500)],
            ["apply", cid, "reopen", "--at", t(1600)]]


def desk(db, *args, stdin=None):
    proc = subprocess.run([DESK, "--db", db, *args], input=stdin, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"svcr-desk {' '.join(args)}: {proc.stderr}")
    return proc.stdout


WORKER = r"""
import subprocess, sys
desk, db, prefix, cases = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
sys.path.insert(0, sys.argv[5])
import bench_desk_store as b
for i in range(cases):
    for args in b.case_commands(f"{prefix}-{i:04d}", i):
        r = subprocess.run([desk, "--db", db, *args], capture_output=True)
        if r.returncode:
            sys.exit(r.stderr.decode())
"""


def commands_per_second(db, processes, cases):
    desk(db, "import", stdin="")
    here = os.path.dirname(os.path.abspath(__file__))
    start = time.perf_counter()
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, DESK, db, f"P{p}", str(cases),
                                 here]) for p in range(processes)]
    failed = [w for w in workers if w.wait() != 0]
    elapsed = time.perf_counter() - start
    if failed:
        raise RuntimeError("a desk failed")
    return processes * cases * 7 / elapsed


def import_per_second(db, tmp):
    template_db = os.path.join(tmp, f"template-{time.monotonic_ns()}.db")
    for args in case_commands("C-000000"):
        desk(template_db, *args)
    line = desk(template_db, "export").strip()
    path = os.path.join(tmp, "cases.jsonl")
    with open(path, "w") as f:
        for i in range(IMPORT_CASES):
            f.write(line.replace('"id":"C-000000"', f'"id":"C-{i:06d}"') + "\n")
    desk(db, "import", stdin="")
    start = time.perf_counter()
    cpu = os.times()
    out = desk(db, "import", path)
    elapsed = time.perf_counter() - start
    after = os.times()
    if f"imported {IMPORT_CASES} cases" not in out:
        raise RuntimeError(out)
    # The desk's own CPU time too: on a loaded machine the wall clock says more about the load.
    desk_cpu = (after.children_user - cpu.children_user) + (after.children_system -
                                                             cpu.children_system)
    return IMPORT_CASES / elapsed, IMPORT_CASES / max(desk_cpu, 1e-6)


def measure(store, new_db, tmp):
    print(f"figure desk_{store}_commands_1: {commands_per_second(new_db('c1'), 1, CASES_1):.1f} "
          "commands/s", flush=True)
    print(f"figure desk_{store}_commands_8: {commands_per_second(new_db('c8'), 8, CASES_8):.1f} "
          "commands/s", flush=True)
    wall, cpu = import_per_second(new_db('imp'), tmp)
    print(f"figure desk_{store}_import: {wall:.0f} cases/s", flush=True)
    print(f"figure desk_{store}_import_desk_cpu: {cpu:.0f} cases/s", flush=True)


def main(argv):
    global DESK
    DESK = os.path.abspath(argv[1])
    with tempfile.TemporaryDirectory(prefix="svcr-bench-desk-") as tmp:
        measure("sqlite", lambda name: os.path.join(tmp, name + ".db"), tmp)
        why = None
        if pg_cluster.server_bin() is None:
            why = "no PostgreSQL server binaries (initdb, pg_ctl)"
        elif not pg_cluster.desk_has_postgres(DESK):
            why = "svcr-desk built without libpq"
        if why is not None:
            for name in ("commands_1", "commands_8", "import", "import_desk_cpu"):
                print(f"missing figure desk_postgres_{name}: {why}")
            return 0
        with pg_cluster.Cluster(tmp, fsync=True) as cluster:
            measure("postgres", cluster.new_database, tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
