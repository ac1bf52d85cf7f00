#!/usr/bin/env python3
"""The desk's HTTP service on SQLite: requests/s and p50/p99 of GET /v1/cases/{id} and
POST /v1/cases/{id}/events with 16 clients (bench_http.c), on a new database in a temporary
directory. Goal (issue 20): >= 10,000 reads/s and >= 2,000 writes/s on a 2-core machine.

Usage: bench_http.py SVCR_DESK BENCH_HTTP [SECONDS] (default BENCH_SECONDS or 5)
Prints `figure http_read_requests: ...` etc. (tests/bench/run collects them)."""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "http"))
import http_fixture as fx  # noqa: E402

CLIENTS = int(os.environ.get("BENCH_HTTP_CLIENTS", "16"))


def main(argv):
    fx.DESK = os.path.abspath(argv[1])
    client = os.path.abspath(argv[2])
    seconds = argv[3] if len(argv) > 3 else os.environ.get("BENCH_SECONDS", "5")
    threads = os.environ.get("BENCH_HTTP_THREADS", "16")
    with tempfile.TemporaryDirectory(prefix="svcr-bench-http-") as tmp:
        server = fx.Server(tmp, "--threads", threads, "--connections", "1024")
        server.token = fx.add_token(server.db, "bench", "agent")
        try:
            for i in range(CLIENTS):
                fx.expect(server.post("/v1/cases", {"id": f"B-{i}", "expectation": "bench"}), 201, "open")
                for event in ("apologized", "listened"):
                    fx.expect(server.post(f"/v1/cases/B-{i}/events", {"event": event}), 200, event)
            status = 0
            for mode in ("read", "write"):
                r = subprocess.run([client, str(server.port), server.token, mode, str(CLIENTS), seconds],
                                   capture_output=True, text=True)
                sys.stdout.write(r.stdout)
                sys.stderr.write(r.stderr)
                status = status or r.returncode
            print(f"server threads: {threads}; store: SQLite (WAL, synchronous=FULL)")
        finally:
            server.stop()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
