"""The /v1 API against a running `svcr-desk serve`: every status the API promises, tokens, If-Match,
limits, intake mappings, SIGTERM. Run: python3 test_api.py SVCR_DESK TEST [SOURCE_ROOT]."""
import json
import os
import socket
import sqlite3
import sys
import time

import http_fixture as fx
from http_fixture import Server, check, expect, open_case

INTAKE_DIR = None


def serve(tmp, *options):
    server = Server(tmp, *options)
    server.token = fx.add_token(server.db, "alice", "agent")
    return server


def test_open_and_show(tmp):
    with serve(tmp) as s:
        r = open_case(s, "C-1")
        check(r.json["id"] == "C-1" and r.json["state"] == "apologize", f"opened: {r}")
        check(r.header("Location") == "/v1/cases/C-1", f"Location: {r.headers}")
        etag = r.header("ETag")
        check(etag and etag.startswith('"'), f"ETag: {r.headers}")
        g = expect(s.get("/v1/cases/C-1"), 200, "show")
        check(g.header("ETag") == etag, "the ETag of an unchanged case changed")
        for key in ("state", "facts", "timers", "guidance", "next", "log"):
            check(key in g.json, f"the case lacks {key}: {g}")
        expect(s.get("/v1/cases/nope"), 404, "unknown case")
        expect(s.post("/v1/cases", {"id": "C-1", "expectation": "again"}), 409, "an id taken")
        r = expect(s.post("/v1/cases", {"id": "C-2"}), 400, "no expectation")
        check("expectation" in r.error()["message"], f"the message names the field: {r}")
        expect(s.post("/v1/cases", {"id": "C-3", "expectation": "x", "severity": 9}), 400,
               "severity out of range")
        r = expect(s.post("/v1/cases", {"id": "C-4", "expectation": "x", "workflow": "/etc/passwd"}),
                   400, "a workflow file")
        expect(s.post("/v1/cases", {"id": "C-5", "expectation": "x", "workflow": "no-such"}), 400,
               "unknown workflow")
        expect(s.get("/v1/nothing"), 404, "unknown route")
        r = expect(s.request("DELETE", "/v1/cases/C-1"), 405, "a method the route has not")
        check(r.header("Allow") == "GET", f"405 without Allow: {r.headers}")
        check(s.stop() == 0, "serve did not exit 0 on SIGTERM")
    # What the API stored is what the commands see.
    shown = json.loads(fx.desk(os.path.join(tmp, "desk.db"), "--json", "show", "C-1").stdout)
    check(shown["state"] == "apologize", f"svcr-desk show: {shown}")


def test_events(tmp):
    with serve(tmp) as s:
        open_case(s, "C-1")
        r = expect(s.post("/v1/cases/C-1/events", {"event": "fixed"}), 409, "a state that does not allow it")
        check(r.error()["allowed_events"] == ["apologized"], f"409 lists the allowed events: {r}")
        check("does not allow" in r.error()["message"], f"the library's message: {r}")
        r = expect(s.post("/v1/cases/C-1/events", {"event": "apologized", "note": "said sorry"}), 200, "apologized")
        check(r.json["state"] == "listen", f"state after apologized: {r}")
        check(r.json["log"][-1]["note"] == "alice: said sorry", f"the actor in the log: {r.json['log']}")
        expect(s.post("/v1/cases/C-1/events", {"event": "listened"}), 200, "listened")
        r = expect(s.post("/v1/cases/C-1/events", {"event": "fixed"}), 422, "a guard")
        check(r.error()["missing_facts"] == ["customer_wish"], f"422 names the fact: {r}")
        check("customer_wish" in r.error()["message"], f"the message names the fact: {r}")
        expect(s.post("/v1/cases/C-1/events", {"event": "fixed", "facts": {"no_such": "x"}}), 400, "unknown fact")
        expect(s.post("/v1/cases/C-1/events", {"event": "fixed", "facts": ["x"]}), 400, "facts not an object")
        expect(s.post("/v1/cases/C-1/events", {"facts": {}}), 400, "no event")
        expect(s.post("/v1/cases/nope/events", {"event": "fixed"}), 404, "unknown case")
        r = expect(s.post("/v1/cases/C-1/events", {"event": "fixed", "facts": {"customer_wish": "a new cup"}}),
                   200, "fixed")
        check(r.json["state"] == "atone" and r.json["facts"]["customer_wish"] == "a new cup", f"{r}")
        # The role comes from the token: a role the workflow does not have may not fire events.
        intern = fx.add_token(s.db, "ivan", "intern")
        r = expect(s.post("/v1/cases/C-1/events", {"event": "atoned", "facts": {"atonement": "a voucher"}},
                          token=intern), 403, "a role of no workflow")
        check("intern" in r.error()["message"], f"the message names the role: {r}")
        # The spending limit: more compensation than the table's offer needs a manager.
        r = expect(s.post("/v1/cases/C-1/events", {"event": "atoned", "facts": {
            "atonement": "refund", "compensation": "400.00 EUR"}}), 403, "over the spending limit")
        check("spending limit" in r.error()["message"] and r.error()["needs"] == "manager", f"{r}")
        manager = fx.add_token(s.db, "maria", "manager")
        r = expect(s.post("/v1/cases/C-1/events", {"event": "atoned", "facts": {
            "atonement": "refund", "compensation": "400.00 EUR"}}, token=manager), 200, "a manager")
        check(r.json["log"][-1]["role"] == "manager", f"the token's role in the log: {r.json['log'][-1]}")
        # Nothing a refused request sent was kept.
        g = s.get("/v1/cases/C-1").json
        check(len(g["log"]) == 5, f"log after refusals: {g['log']}")


def test_if_match(tmp):
    with serve(tmp) as s:
        etag = open_case(s, "C-1").header("ETag")
        r = expect(s.post("/v1/cases/C-1/events", {"event": "apologized"}, headers={"If-Match": etag}),
                   200, "If-Match with the current ETag")
        fresh = r.header("ETag")
        check(fresh and fresh != etag, "a write gives the new ETag")
        check(s.get("/v1/cases/C-1").header("ETag") == fresh, "GET gives the ETag the write returned")
        r = expect(s.post("/v1/cases/C-1/events", {"event": "listened"}, headers={"If-Match": etag}),
                   412, "If-Match with a stale ETag")
        check(r.error()["etag"] == fresh, f"412 gives the current ETag: {r}")
        check(s.get("/v1/cases/C-1").json["state"] == "listen", "a 412 changed the case")
        expect(s.post("/v1/cases/C-1/events", {"event": "listened"}, headers={"If-Match": "*"}), 200, "If-Match *")


def test_auth(tmp):
    with serve(tmp) as s:
        open_case(s, "C-1")
        for token, what in ((None, "no token"), ("svcr_wrong", "a wrong token"), ("", "an empty token")):
            r = expect(s.get("/v1/cases/C-1", token=token), 401, what)
            check(r.header("WWW-Authenticate", ) is not None, f"{what}: no WWW-Authenticate")
        expect(s.get("/v1/cases/C-1", token=None, headers={"Authorization": "Basic " + s.token}), 401,
               "not a bearer token")
        expect(s.post("/v1/cases", {"id": "C-9", "expectation": "x"}, token=None), 401, "write without token")
        # Only a hash is stored; revoking takes effect at once.
        stored = sqlite3.connect(s.db).execute("SELECT value FROM meta WHERE key='tokens'").fetchone()[0]
        check(s.token not in stored and s.token[5:] not in stored, "the token itself is stored")
        listed = fx.desk(s.db, "token", "list").stdout
        check("alice" in listed and s.token not in listed, f"token list: {listed}")
        fx.desk(s.db, "token", "revoke", "alice")
        expect(s.get("/v1/cases/C-1"), 401, "a revoked token")
        r = fx.desk(s.db, "token", "add", "bad name", "--role", "agent", check_status=False)
        check(r.returncode == 2 and "name" in r.stderr, f"a bad token name: {r.stderr}")
        r = fx.desk(s.db, "token", "revoke", "nobody", check_status=False)
        check(r.returncode == 2, f"revoking an unknown token: {r.stderr}")


def test_lists(tmp):
    with serve(tmp) as s:
        open_case(s, "C-1", severity=4, tier="gold", price="120.00 EUR")
        r = expect(s.get("/v1/due?within=2d"), 200, "due")
        check(r.json["within_seconds"] == 172800, f"due: {r}")
        check(any(e["case"] == "C-1" for e in r.json["due"] + r.json["overdue"]), f"due lists C-1: {r}")
        r = expect(s.get("/v1/due?within=soon"), 400, "a bad duration")
        check("within" in r.error()["message"], f"{r}")
        expect(s.get("/v1/due?within=--table=x"), 400, "an option as a value")
        r = expect(s.get("/v1/cases/C-1/offer"), 200, "offer")
        check(r.json["offers"] and r.json["authority"]["acting"] == "agent", f"offer: {r}")
        check(r.json["authority"]["allowed"] in (True, False), f"offer approval: {r}")
        expect(s.get("/v1/cases/nope/offer"), 404, "offer of an unknown case")
        r = expect(s.get("/v1/report"), 200, "report")
        check(r.json["cases"] == 1 and "maturity" in r.json and "pareto" in r.json, f"report: {r}")
        r = expect(s.post("/v1/check-reply", {"text": "I understand. I know how you feel."}), 200, "check-reply")
        check(r.json["found"] == 2 and r.json["matches"][0]["suggestions"], f"check-reply: {r}")
        r = expect(s.post("/v1/check-reply", {"text": "I'm so sorry, we will fix it."}), 200, "a good reply")
        check(r.json["found"] == 0, f"{r}")
        expect(s.post("/v1/check-reply", {"draft": "x"}), 400, "check-reply without text")


# The payload Zammad's documentation shows for a trigger's webhook (trimmed to what the mapping
# reads, plus a few fields around it).
ZAMMAD = {
    "ticket": {"id": 81, "number": "10081", "title": "Webhook-Test", "state": "open",
               "priority": {"id": 2, "name": "2 normal"},
               "customer": {"email": "emily@example.com", "firstname": "Emily", "vip": False},
               "group": {"name": "Service Desk"}},
    "article": {"body": "This is a simple Webhook Test.", "from": "Emily Adams <emily@example.com>"},
}

# The body a Zendesk trigger sends with the placeholders in examples/desk/intake/zendesk.json.
ZENDESK = {"ticket": {"id": "35436", "title": "Printer on fire", "priority": "urgent", "status": "open",
                      "requester": {"email": "jo@example.com"}, "organization": "Acme"}}


def test_intake(tmp, source_root):
    intake = os.path.join(source_root, "examples", "desk", "intake")
    with serve(tmp, "--intake", os.path.join(intake, "zammad.json"),
               "--intake", os.path.join(intake, "zendesk.json")) as s:
        r = expect(s.post("/v1/intake?map=zammad", ZAMMAD), 201, "a new Zammad ticket")
        check(r.json["id"] == "zammad-10081" and r.json["severity"] == 3 and r.json["tier"] == "basic"
              and r.json["customer"] == "emily@example.com"
              and r.json["facts"]["expectation"] == "Webhook-Test", f"zammad case: {r}")
        check(r.json["intake"]["action"] == "opened", f"{r}")
        again = expect(s.post("/v1/intake?map=zammad", ZAMMAD), 200, "the same ticket again")
        check(again.json["intake"]["action"] == "unchanged", f"{again}")
        ZAMMAD["ticket"]["priority"]["name"] = "3 high"
        ZAMMAD["ticket"]["customer"]["vip"] = True
        r = expect(s.post("/v1/intake?map=zammad", ZAMMAD), 200, "the ticket's priority raised")
        check(r.json["severity"] == 4 and r.json["tier"] == "gold" and r.json["intake"]["action"] == "updated", f"{r}")
        check(len(r.json["log"]) == 1, "an update must not apply events")
        r = expect(s.post("/v1/intake?map=zendesk", ZENDESK), 201, "a Zendesk ticket")
        check(r.json["id"] == "zendesk-35436" and r.json["severity"] == 5, f"zendesk case: {r}")
        r = expect(s.post("/v1/intake?map=zendesk", {"ticket": {"title": "no id"}}), 422, "no id")
        check("id" in r.error()["message"], f"{r}")
        r = expect(s.post("/v1/intake?map=zendesk", {"ticket": {"id": 7, "priority": "urgent"}}), 422,
                   "a new case without an expectation")
        r = expect(s.post("/v1/intake?map=zendesk", {"ticket": {"id": 8, "title": "x", "priority": "mild"}}),
                   422, "a value the mapping does not know")
        check("mild" in r.error()["message"], f"{r}")
        expect(s.post("/v1/intake?map=zendesk", {"ticket": {"id": "../x", "title": "x"}}), 400, "a path as id")
        expect(s.post("/v1/intake?map=osticket", ZENDESK), 404, "an unknown mapping")
        expect(s.post("/v1/intake", ZENDESK), 404, "two mappings and none named")
    # A bad mapping file is refused at start, naming the file and the field.
    bad = os.path.join(tmp, "bad.json")
    with open(bad, "w") as f:
        json.dump({"name": "x", "fields": {"id": "/a", "colour": "/b"}}, f)
    r = fx.desk(os.path.join(tmp, "other.db"), "serve", "--listen", "127.0.0.1:0", "--intake", bad,
                check_status=False)
    check(r.returncode == 2 and "colour" in r.stderr and "bad.json" in r.stderr, f"a bad mapping: {r.stderr}")


def test_limits(tmp):
    with serve(tmp, "--body-limit", "1000") as s:
        big = {"id": "C-1", "expectation": "x" * 2000}
        r = expect(s.post("/v1/cases", big), 413, "a body over the limit")
        check("1000" in r.error()["message"], f"413 names the limit: {r}")
        expect(s.get("/v1/cases/C-1"), 404, "a refused body opened a case")
        r = expect(s.post("/v1/cases", raw=b'{"id": "C-1",\n "expectation": }'), 400, "malformed JSON")
        check(r.error()["line"] == 2 and r.error()["column"] > 0, f"400 gives line and column: {r}")
        check("line 2" in r.error()["message"], f"{r}")
        expect(s.post("/v1/cases", raw=b'[1, 2]'), 400, "not an object")
        expect(s.post("/v1/cases", {"id": "C-1", "expectation": "x"}, content_type="text/plain"), 415,
               "wrong content type")
        expect(s.post("/v1/cases", {"id": "C-1", "expectation": "x"}, content_type=None), 415,
               "no content type")
        expect(s.post("/v1/cases", {"id": "C-1", "expectation": "x"},
                      content_type="application/json; charset=utf-8"), 201, "JSON with a charset")


def test_connection_limit(tmp):
    with serve(tmp, "--connections", "2", "--threads", "1") as s:
        held = [socket.create_connection(("127.0.0.1", s.port)) for _ in range(2)]
        time.sleep(0.3)
        third = socket.create_connection(("127.0.0.1", s.port))
        third.settimeout(5)
        try:
            third.sendall(b"GET /v1/report HTTP/1.1\r\nHost: x\r\n\r\n")
            data = third.recv(100)
        except OSError:
            data = b""
        check(data == b"", f"a connection over the limit was served: {data!r}")
        for c in held + [third]:
            c.close()
        time.sleep(0.3)
        expect(s.get("/v1/report"), 200, "served again once connections closed")


def test_sigterm_finishes_in_flight(tmp):
    with serve(tmp) as s:
        open_case(s, "C-1")
        body = json.dumps({"event": "apologized", "note": "in flight"}).encode()
        c = socket.create_connection(("127.0.0.1", s.port))
        head = (f"POST /v1/cases/C-1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {s.token}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode()
        c.sendall(head + body[:10])
        time.sleep(0.5)
        s.proc.send_signal(fx.signal.SIGTERM)
        time.sleep(0.5)
        check(s.proc.poll() is None, "the server stopped with a request in flight")
        c.sendall(body[10:])
        c.settimeout(10)
        reply = c.recv(65536).decode()
        c.close()
        check(reply.startswith("HTTP/1.1 200"), f"the request in flight was not finished: {reply[:200]}")
        check(s.stop() == 0, "exit status after SIGTERM")
        try:
            socket.create_connection(("127.0.0.1", s.port), timeout=2).close()
            refused = False
        except OSError:
            refused = True
        check(refused, "still listening after SIGTERM")
    shown = json.loads(fx.desk(os.path.join(tmp, "desk.db"), "--json", "show", "C-1").stdout)
    check(shown["state"] == "listen", f"the request finished during shutdown was stored: {shown}")


def test_page(tmp):
    with serve(tmp) as s:
        r = s.get("/", token=None)
        check(r.status == 200 and "text/html" in r.header("Content-Type") and "<label" in r.raw, f"{r}")
        check("default-src 'self'" in (r.header("Content-Security-Policy") or ""), "no CSP")
        for name, kind in (("/desk.js", "javascript"), ("/desk.css", "css")):
            r = s.get(name, token=None)
            check(r.status == 200 and kind in r.header("Content-Type"), f"{name}: {r}")
        expect(s.get("/../../etc/passwd", token=None), 404, "a file outside the page")
        expect(s.get("/desk.db", token=None), 404, "the database")
    r = fx.desk(os.path.join(tmp, "x.db"), "serve", "--listen", "nowhere", check_status=False)
    check(r.returncode == 2 and "ADDRESS:PORT" in r.stderr, f"a bad --listen: {r.stderr}")
    r = fx.desk(os.path.join(tmp, "x.db"), "serve", "--listen", "127.0.0.1:0", "--threads", "0",
                check_status=False)
    check(r.returncode == 2 and "--threads" in r.stderr, f"a bad --threads: {r.stderr}")


if __name__ == "__main__":
    sys.exit(fx.run_named_test(sys.argv, globals()))
