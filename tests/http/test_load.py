"""A bounded load test of `svcr-desk serve` on loopback: 16 clients for 20 s (HTTP_LOAD_SECONDS,
HTTP_LOAD_CLIENTS) of mixed reads and writes on 8 shared cases. Passes when no update is lost
(every write answered 200 is in its case's history exactly once, and no refused write is), no
reply is a 5xx or a broken connection, and every case replays (export, then import into a new
database, gives the same states). Prints requests/s and p50/p99 latency.
Run: python3 test_load.py SVCR_DESK run."""
import json
import os
import random
import sys
import threading
import time

import http_fixture as fx
from http_fixture import Server, check, expect

SECONDS = float(os.environ.get("HTTP_LOAD_SECONDS", "20"))
CLIENTS = int(os.environ.get("HTTP_LOAD_CLIENTS", "16"))
CASES = [f"L-{i}" for i in range(8)]

# The five-step workflow's loop from fix back to fix, and the facts each step needs.
NEXT = {"fix": ("fixed", {"customer_wish": "a fresh order"}),
        "atone": ("atoned", {"atonement": "a voucher"}),
        "follow_up": ("not_satisfied", {})}


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))] if values else 0.0


def client(server, number, stop, out):
    rng = random.Random(number)
    conn = server.connection(timeout=30)
    latencies, statuses, written, refused = [], {}, [], []
    n = 0
    while not stop.is_set():
        case = rng.choice(CASES)
        try:
            start = time.perf_counter()
            r = server.get(f"/v1/cases/{case}", conn=conn)
            latencies.append(time.perf_counter() - start)
            statuses[r.status] = statuses.get(r.status, 0) + 1
            if r.status != 200 or rng.random() < 0.6:
                continue
            event, facts = NEXT[r.json["state"]]
            n += 1
            note = f"c{number}-{n}"
            headers = {"If-Match": r.header("ETag")} if rng.random() < 0.5 else {}
            start = time.perf_counter()
            w = server.post(f"/v1/cases/{case}/events", {"event": event, "facts": facts, "note": note},
                            headers=headers, conn=conn)
            latencies.append(time.perf_counter() - start)
            statuses[w.status] = statuses.get(w.status, 0) + 1
            (written if w.status == 200 else refused).append((case, "load: " + note, w.status))
        except Exception as e:  # a broken connection is a failure of the server
            statuses["error: " + type(e).__name__] = statuses.get("error: " + type(e).__name__, 0) + 1
            conn.close()
            conn = server.connection(timeout=30)
    conn.close()
    out[number] = (latencies, statuses, written, refused)


def test_run(tmp):
    with Server(tmp) as s:
        s.token = fx.add_token(s.db, "load", "agent")
        for case in CASES:
            expect(s.post("/v1/cases", {"id": case, "expectation": "a shared case"}), 201, "open")
            for event in ("apologized", "listened"):
                expect(s.post(f"/v1/cases/{case}/events", {"event": event}), 200, event)
        stop, out = threading.Event(), {}
        threads = [threading.Thread(target=client, args=(s, i, stop, out)) for i in range(CLIENTS)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        time.sleep(SECONDS)
        stop.set()
        for t in threads:
            t.join(60)
        elapsed = time.perf_counter() - start
        latencies = [x for v in out.values() for x in v[0]]
        statuses = {}
        for v in out.values():
            for k, c in v[1].items():
                statuses[k] = statuses.get(k, 0) + c
        written = [x for v in out.values() for x in v[2]]
        refused = [x for v in out.values() for x in v[3]]
        print(f"figure http_load_requests: {len(latencies) / elapsed:.0f} requests/s "
              f"({len(latencies)} in {elapsed:.1f} s, {CLIENTS} clients)")
        print(f"figure http_load_p50: {percentile(latencies, 0.50) * 1000:.2f} ms")
        print(f"figure http_load_p99: {percentile(latencies, 0.99) * 1000:.2f} ms")
        print(f"statuses: {json.dumps(statuses, sort_keys=True)}; writes stored {len(written)}, "
              f"refused {len(refused)}")
        check(len(out) == CLIENTS, "a client thread did not finish")
        bad = {k: c for k, c in statuses.items() if not isinstance(k, int) or k >= 500}
        check(not bad, f"5xx replies or broken connections: {bad}")
        check(set(statuses) <= {200, 409, 412}, f"unexpected statuses: {statuses}")
        check(len(written) > 0, "no write succeeded")

        # No lost update: each 200 is in the history exactly once; no refused write is.
        notes = {}
        for case in CASES:
            log = expect(s.get(f"/v1/cases/{case}"), 200, "read back").json["log"]
            for e in log:
                if e["note"]:
                    notes[(case, e["note"])] = notes.get((case, e["note"]), 0) + 1
        for case, note, _ in written:
            check(notes.get((case, note)) == 1, f"write {note} on {case} is in the history "
                  f"{notes.get((case, note), 0)} times")
        for case, note, status in refused:
            check((case, note) not in notes, f"refused write {note} ({status}) is in the history")
        check(sum(1 for k in notes if k[1].startswith("load: ")) == len(written),
              "the history holds writes nobody was told succeeded")
        check(s.stop() == 0, "exit status after SIGTERM")

    # Every case replays: its history, imported into a new database, gives the same case.
    exported = fx.desk(s.db, "export").stdout
    path = os.path.join(tmp, "export.jsonl")
    with open(path, "w") as f:
        f.write(exported)
    again = os.path.join(tmp, "again.db")
    fx.desk(again, "import", path)
    for case in CASES:
        a = json.loads(fx.desk(s.db, "--json", "show", case).stdout)
        b = json.loads(fx.desk(again, "--json", "show", case).stdout)
        check(a["state"] == b["state"] and a["log"] == b["log"] and a["facts"] == b["facts"],
              f"{case} does not replay the same")


if __name__ == "__main__":
    sys.exit(fx.run_named_test(sys.argv, globals()))
