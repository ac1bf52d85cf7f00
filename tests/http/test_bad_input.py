"""Bad input to `svcr-desk serve`: each gets a clear 4xx, changes nothing, and the server keeps
serving. Run: python3 test_bad_input.py SVCR_DESK TEST."""
import json
import os
import socket
import sys
import threading
import time

import http_fixture as fx
from http_fixture import Server, check, expect, open_case


def serve(tmp, *options):
    server = Server(tmp, *options)
    server.token = fx.add_token(server.db, "alice", "agent")
    return server


def raw_request(server, data, timeout=10):
    """Send bytes as they are; returns the reply's bytes (b"" if the server closed)."""
    c = socket.create_connection(("127.0.0.1", server.port))
    c.settimeout(timeout)
    c.sendall(data)
    chunks = []
    try:
        while True:
            chunk = c.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
            if b"\r\n\r\n" in b"".join(chunks) and b"Connection: close" not in b"".join(chunks):
                head, _, rest = b"".join(chunks).partition(b"\r\n\r\n")
                length = [l for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:")]
                if length and len(rest) >= int(length[0].split(b":")[1]):
                    break
    except OSError:
        pass
    c.close()
    return b"".join(chunks)


def unchanged(server, what):
    r = expect(server.get("/v1/cases/C-1"), 200, what)
    check(len(r.json["log"]) == 1 and r.json["state"] == "apologize", f"{what} changed the case: {r}")


def test_malformed_json(tmp):
    with serve(tmp) as s:
        open_case(s, "C-1")
        for body, line, what in ((b'{"event": "apologized",}', 1, "a trailing comma"),
                                 (b'{"event":\n\n  apologized}', 3, "a bare word"),
                                 (b'', 1, "an empty body"),
                                 (b'{"event": "a", "event": "b"}', 1, "a duplicate key")):
            r = expect(s.post("/v1/cases/C-1/events", raw=body), 400, what)
            check(r.error()["line"] == line and "column" in r.error(), f"{what}: {r}")
        unchanged(s, "malformed JSON")


def test_wrong_content_type(tmp):
    with serve(tmp) as s:
        open_case(s, "C-1")
        for content_type in ("text/plain", "application/x-www-form-urlencoded", "application/jsonp",
                             None):
            r = expect(s.post("/v1/cases/C-1/events", {"event": "apologized"}, content_type=content_type),
                       415, f"Content-Type {content_type}")
        unchanged(s, "a wrong content type")


def test_oversized_body(tmp):
    with serve(tmp) as s:
        open_case(s, "C-1")
        big = json.dumps({"event": "apologized", "note": "x" * (1024 * 1024)}).encode()
        r = expect(s.post("/v1/cases/C-1/events", raw=big), 413, "a declared body over 1 MiB")
        # A client that asks first is refused before it sends the body.
        reply = raw_request(s, b"POST /v1/cases/C-1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                            s.token.encode() + b"\r\nContent-Type: application/json\r\nContent-Length: "
                            b"%d\r\nExpect: 100-continue\r\n\r\n" % len(big))
        check(reply.startswith(b"HTTP/1.1 413"), f"Expect: 100-continue over the limit: {reply[:200]!r}")
        # A chunked body says nothing of its size in advance: it is read, dropped, and refused.
        chunked = b"".join(b"%x\r\n%s\r\n" % (len(big[i:i + 65536]), big[i:i + 65536])
                           for i in range(0, len(big), 65536)) + b"0\r\n\r\n"
        reply = raw_request(s, b"POST /v1/cases/C-1/events HTTP/1.1\r\nHost: x\r\n"
                            b"Authorization: Bearer " + s.token.encode() +
                            b"\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
                            chunked)
        check(reply.startswith(b"HTTP/1.1 413"), f"a chunked body over 1 MiB: {reply[:200]!r}")
        just = json.dumps({"event": "apologized", "note": "y" * (1024 * 1024 - 100)}).encode()
        check(len(just) <= 1024 * 1024, "test body too big")
        expect(s.post("/v1/cases/C-1/events", raw=just), 200, "a body just under 1 MiB")


def test_path_traversal(tmp):
    with serve(tmp) as s:
        open_case(s, "C-1")
        for path in ("/v1/cases/../cases/C-1", "/v1/cases/..", "/v1/cases/%2e%2e", "/v1/cases/./C-1",
                     "/v1/cases/..%2f..%2fetc%2fpasswd", "/v1/cases/%2e%2e/events"):
            reply = raw_request(s, f"GET {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {s.token}"
                                   f"\r\n\r\n".encode())
            status = int(reply.split(b" ")[1]) if reply.startswith(b"HTTP/1.1") else 0
            check(status in (400, 404), f"{path}: {reply[:200]!r}")
        for case_id in ("../etc/passwd", "..", "a/b", "-x", "--table=/etc/passwd", "a\nb", ""):
            expect(s.post("/v1/cases", {"id": case_id, "expectation": "x"}), 400, f"id {case_id!r}")
        r = expect(s.get("/v1/cases/--table=x/offer"), 400, "an id taken for an option")
        count = fx.desk(s.db, "export").stdout.count("\n")
        check(count == 1, f"a refused id was stored ({count} cases)")
        check(sorted(os.listdir(tmp)) == sorted(["desk.db", "desk.db-shm", "desk.db-wal", "serve.stderr"])
              or "passwd" not in " ".join(os.listdir(tmp)), f"files appeared: {os.listdir(tmp)}")


def test_invalid_utf8(tmp):
    with serve(tmp) as s:
        open_case(s, "C-1")
        r = expect(s.post("/v1/cases/C-1/events", raw=b'{"event": "apologized", "note": "caf\xe9"}'), 400,
                   "a Latin-1 byte in the body")
        check(r.error()["line"] == 1 and r.error()["column"] > 0, f"{r}")
        check("UTF-8" in r.error()["message"] or "utf-8" in r.error()["message"].lower(), f"{r}")
        reply = raw_request(s, b"GET /v1/cases/C\xff1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                            s.token.encode() + b"\r\n\r\n")
        check(reply.startswith(b"HTTP/1.1 400") or reply.startswith(b"HTTP/1.1 404"), f"{reply[:200]!r}")
        check(b'"error"' in reply, f"no JSON error: {reply[:300]!r}")
        reply = raw_request(s, b"GET /v1/cases/C%FF1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                            s.token.encode() + b"\r\n\r\n")
        check(reply.startswith(b"HTTP/1.1 400"), f"a percent-encoded bad byte: {reply[:200]!r}")
        unchanged(s, "invalid UTF-8")


def test_slow_client(tmp):
    """One byte a second is cut off by the request timeout while other clients are served."""
    with serve(tmp, "--request-timeout", "3", "--idle-timeout", "2") as s:
        open_case(s, "C-1")
        request = (f"GET /v1/cases/C-1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {s.token}\r\n"
                   "X-Padding: " + "p" * 40 + "\r\n\r\n").encode()
        result = {}

        def drip():
            c = socket.create_connection(("127.0.0.1", s.port))
            start = time.monotonic()
            sent = 0
            try:
                for byte in request:
                    c.sendall(bytes([byte]))
                    sent += 1
                    time.sleep(1.0)
                    if time.monotonic() - start > 15:
                        break
                c.settimeout(2)
                result["reply"] = c.recv(100)
            except OSError as e:
                result["error"] = e
            result["seconds"] = time.monotonic() - start
            result["sent"] = sent
            c.close()

        t = threading.Thread(target=drip)
        t.start()
        served = 0
        deadline = time.monotonic() + 2.5
        while time.monotonic() < deadline:
            expect(s.get("/v1/cases/C-1"), 200, "another client while one drips")
            served += 1
        t.join(30)
        check(served > 10, f"only {served} requests served beside the slow client")
        check(result.get("sent", 0) < len(request), f"the slow client sent all of it: {result}")
        check(result.get("seconds", 99) < 8, f"cut off after {result.get('seconds')} s, not ~3 s")
        check(not result.get("reply", b"").startswith(b"HTTP/1.1 200"), f"the slow client was served: {result}")
        expect(s.get("/v1/cases/C-1"), 200, "served after the slow client")


if __name__ == "__main__":
    sys.exit(fx.run_named_test(sys.argv, globals()))
