"""The desk's server started as a user would: `svcr-desk serve --listen 127.0.0.1:0` on a temporary
database, talked to over loopback with http.client (no proxy in between), stopped with SIGTERM.

Every test script in tests/http is run as `python3 SCRIPT SVCR_DESK TEST [extra...]` and runs
test_TEST(tmp, *extra) in a new temporary directory (run_named_test)."""
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import traceback

DESK = None


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def desk(db, *args, check_status=True):
    """Run a desk command; returns the CompletedProcess."""
    result = subprocess.run([DESK, "--db", db, *args], capture_output=True, text=True, timeout=60)
    if check_status and result.returncode != 0:
        raise Failure(f"svcr-desk {' '.join(args)} exited {result.returncode}: {result.stderr}")
    return result


def add_token(db, name, role="agent"):
    """`token add`: the token is the last line of its output."""
    out = desk(db, "token", "add", name, "--role", role).stdout
    return out.strip().splitlines()[-1]


class Reply:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.raw = body
        try:
            self.json = json.loads(body) if body else None
        except ValueError:
            self.json = None

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def error(self):
        return (self.json or {}).get("error", {})

    def __repr__(self):
        return f"{self.status} {self.raw[:400]!r}"


class Server:
    def __init__(self, tmp, *options, db=None):
        self.db = db or os.path.join(tmp, "desk.db")
        self.tmp = tmp
        self.stderr_path = os.path.join(tmp, "serve.stderr")
        self.stderr = open(self.stderr_path, "w")
        self.proc = subprocess.Popen(
            [DESK, "--db", self.db, "serve", "--listen", "127.0.0.1:0", *options],
            stdout=subprocess.PIPE, stderr=self.stderr, text=True)
        line = self.proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not match:
            self.proc.kill()
            self.proc.wait()
            raise Failure(f"the server did not start: {line!r} {open(self.stderr_path).read()}")
        self.port = int(match.group(1))
        self.token = None

    def connection(self, timeout=30):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def request(self, method, path, body=None, token="default", headers=None, raw=None,
                content_type="application/json", conn=None):
        """One request; body is JSON-encoded unless raw bytes are given."""
        own = conn is None
        conn = conn or self.connection()
        h = dict(headers or {})
        if token == "default":
            token = self.token
        if token is not None:
            h["Authorization"] = "Bearer " + token
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
        if data is not None and content_type is not None:
            h["Content-Type"] = content_type
        conn.request(method, path, body=data, headers=h)
        response = conn.getresponse()
        reply = Reply(response.status, response.getheaders(), response.read().decode("utf-8", "replace"))
        if own:
            conn.close()
        return reply

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    def stop(self, timeout=40):
        """SIGTERM; returns the exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            status = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise Failure("the server did not stop within %d s of SIGTERM" % timeout)
        self.proc.stdout.close()
        self.stderr.close()
        return status

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.stop()


def expect(reply, status, what):
    check(reply.status == status, f"{what}: expected {status}, got {reply}")
    if status >= 400:
        error = reply.error()
        check(error.get("status") == status and isinstance(error.get("message"), str)
              and error["message"], f"{what}: the error body is not {{error: {{status, message}}}}: "
              f"{reply}")
    return reply


def open_case(server, case_id, **fields):
    body = {"id": case_id, "expectation": "the coffee arrived cold", "customer": "ann",
            "tier": "gold", "severity": 3, "price": "40.00 EUR"}
    body.update(fields)
    return expect(server.post("/v1/cases", body), 201, f"open {case_id}")


def run_named_test(argv, namespace):
    global DESK
    DESK = os.path.abspath(argv[1])
    name = argv[2]
    test = namespace.get("test_" + name)
    if test is None:
        print(f"unknown test {name}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="svcr-http-") as tmp:
        try:
            test(tmp, *argv[3:])
        except Failure as e:
            print(f"FAIL {name}: {e}", file=sys.stderr)
            for f in os.listdir(tmp):
                if f.endswith(".stderr"):
                    print(f"--- {f}:\n" + open(os.path.join(tmp, f)).read()[-3000:], file=sys.stderr)
            return 1
        except SystemExit:
            raise
        except BaseException:
            traceback.print_exc()
            return 1
    print(f"ok {name}")
    return 0
