# SPDX-License-Identifier: Apache-2.0
"""crash.py - SIGKILL 'accord serve' under load, N rounds, and check what survived (TAP).

    python3 tests/crash/crash.py ACCORD_BINARY [--rounds N] [--seed S]

One demo hub on disk.  Each round starts 'accord serve' on it (loopback, a port the kernel
picks), runs a mixed load from several threads - a retailer submitting reports, the same
retailer reading each back, the duty officer acknowledging open alerts, and an auditor
signing audit checkpoints with the CLI beside the server - and kills the server with
SIGKILL after a delay drawn from a seeded generator.  Then, with the server dead:

  - `accord audit verify` passes (the hash chain, the tree and every checkpoint);
  - SQLite's integrity check passes;
and with the server started again:
  - every report the server acknowledged (a 201) is there, readable in full;
  - every acknowledgement of an alert answered 204 is there (the alert is acknowledged);
  - nothing half-written: every report the retailer's list holds reads back whole.

What cannot vary between runs is what is checked; the moment of the kill varies, which
is the point.  Standard library only.
"""

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

PASSWORD = "accord-demo-password"
REPORT = {
    "kind": "attempt",
    "occurred_at": "2026-01-10T10:00:00Z",
    "substance": "hydrogen peroxide",
    "concentration": 35,
    "quantity": "4 x 5 L",
    "payment": "cash",
    "indicators": ["nervous", "insists_on_cash"],
}
BUYERS = ["John Smith", "Aisha Begum", "Sean Murphy", "Abdi Hassan", "Chidi Okafor"]

n_tests = 0
n_failed = 0


def ok(cond, desc, diag=""):
    global n_tests, n_failed
    n_tests += 1
    if not cond:
        n_failed += 1
    print(("ok" if cond else "not ok") + " %d - %s" % (n_tests, desc), flush=True)
    if not cond and diag:
        for line in str(diag).splitlines()[:20]:
            print("# " + line, flush=True)


class Client:
    """A signed-in user over one keep-alive connection (reconnects after an error)."""

    def __init__(self, port, username):
        self.port = port
        self.conn = None
        self.headers = {"Accord-Purpose": "crash test"}
        status, body, hdrs = self.call(
            "POST", "/api/v1/session", {"username": username, "password": PASSWORD}
        )
        if status != 201:
            raise RuntimeError("sign-in of %s answered %s: %s" % (username, status, body))
        cookie = [v for k, v in hdrs if k.lower() == "set-cookie"][0].split(";")[0]
        self.headers["Cookie"] = cookie
        self.headers["X-CSRF-Token"] = json.loads(body)["csrf_token"]

    def call(self, method, path, doc=None):
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        body = json.dumps(doc) if doc is not None else None
        headers = dict(self.headers)
        if body is not None:
            headers["Content-Type"] = "application/json"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            r = self.conn.getresponse()
            return r.status, r.read().decode(), r.getheaders()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = None
            raise


def start_server(accord, db, log):
    proc = subprocess.Popen(
        [accord, "--db", db, "serve", "--listen", "127.0.0.1:0", "--threads", "4", "--rate-limit", "0"],
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    # readiness: the server writes its URL once it listens
    for _ in range(600):
        log.flush()
        with open(log.name) as f:
            for line in f:
                if '"event":"listening"' in line and line.startswith("{"):
                    url = json.loads(line)["url"]
                    if proc.poll() is None:
                        return proc, int(url.rsplit(":", 1)[1])
        if proc.poll() is not None:
            raise RuntimeError("accord serve exited with %d" % proc.returncode)
        time.sleep(0.05)
    raise RuntimeError("accord serve did not start")


def load(retailer, duty, acked_reports, acked_alerts, stop, errors, rnd):
    """Reports and reads as the retailer; acknowledgements as the duty officer."""
    while not stop.is_set():
        try:
            doc = dict(REPORT, buyer_name=rnd.choice(BUYERS))
            status, body, _ = retailer.call("POST", "/api/v1/reports", doc)
            if status == 201:
                rid = json.loads(body)["id"]
                acked_reports.append(rid)
                status, body, _ = retailer.call("GET", "/api/v1/reports/" + rid)
                if status != 200:
                    errors.append("a report just acknowledged read back %d" % status)
            elif status != 429:
                errors.append("report answered %d: %s" % (status, body[:200]))
            status, body, _ = duty.call("GET", "/api/v1/alerts?status=open&limit=5")
            if status == 200:
                for al in json.loads(body).get("alerts", [])[:1]:
                    s2, _, _ = duty.call(
                        "POST", "/api/v1/alerts/%s/ack" % al["id"], {"note": "seen"}
                    )
                    if s2 == 204:
                        acked_alerts.append(al["id"])
        except (OSError, http.client.HTTPException):
            if stop.is_set():
                return
            time.sleep(0.01)  # the server is gone: the kill; wait for the stop flag


def checkpoints(accord, db, stop, signed):
    """An auditor's checkpoints from the CLI, beside the server, on the same database."""
    env = dict(os.environ, ACCORD_PASSWORD=PASSWORD)
    while not stop.is_set():
        r = subprocess.run(
            [accord, "--db", db, "--as", "oversight.auditor", "audit", "checkpoint"],
            capture_output=True,
            env=env,
        )
        if r.returncode == 0:
            signed.append(1)
        time.sleep(0.1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("accord")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=3)
    args = ap.parse_args()
    accord = os.path.abspath(args.accord)
    rnd = random.Random(args.seed)
    tmp = tempfile.mkdtemp(prefix="accord-crash.")
    db = os.path.join(tmp, "hub.db")
    env = dict(os.environ, ACCORD_PASSWORD=PASSWORD, ACCORD_NO_PROGRESS="1")
    try:
        r = subprocess.run(
            [accord, "--db", db, "demo", "--persons", "200", "--of-interest", "10",
             "--seed", "4", "--no-work"],
            capture_output=True, env=env, text=True,
        )
        ok(r.returncode == 0, "set-up: a demo hub on disk", r.stderr)
        acked_reports, acked_alerts, signed = [], [], []
        for rnd_no in range(1, args.rounds + 1):
            log = open(os.path.join(tmp, "serve-%d.log" % rnd_no), "w")
            proc, port = start_server(accord, db, log)
            stop = threading.Event()
            errors = []
            # everyone signs in before the load starts, so the kill never meets a sign-in
            workers = [
                threading.Thread(
                    target=load,
                    args=(Client(port, "retail.reporter"), Client(port, "ctp.duty"),
                          acked_reports, acked_alerts, stop, errors, random.Random(rnd.random())),
                )
                for _ in range(args.threads)
            ]
            workers.append(threading.Thread(target=checkpoints, args=(accord, db, stop, signed)))
            before = len(acked_reports)
            for w in workers:
                w.start()
            # the moment of the kill: drawn from the seed, after the load has begun
            delay = 0.5 + rnd.random() * 1.5
            deadline = time.time() + 60
            while len(acked_reports) == before and time.time() < deadline:
                time.sleep(0.01)
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            stop.set()
            for w in workers:
                w.join()
            log.close()
            ok(not errors, "round %d: the load ran without a wrong answer (%d reports so far)"
               % (rnd_no, len(acked_reports)), "\n".join(errors[:5]))
            r = subprocess.run(
                [accord, "--db", db, "--as", "oversight.auditor", "audit", "verify"],
                capture_output=True, env=env, text=True,
            )
            ok(r.returncode == 0, "round %d: after SIGKILL the audit trail verifies" % rnd_no,
               r.stdout + r.stderr)
            r = subprocess.run(["sqlite3", db, "PRAGMA integrity_check;"],
                               capture_output=True, text=True)
            ok(r.stdout.strip() == "ok", "round %d: the database's integrity check passes"
               % rnd_no, r.stdout + r.stderr)

        log = open(os.path.join(tmp, "serve-check.log"), "w")
        proc, port = start_server(accord, db, log)
        try:
            retailer = Client(port, "retail.reporter")
            duty = Client(port, "ctp.duty")
            missing = [rid for rid in acked_reports
                       if retailer.call("GET", "/api/v1/reports/" + rid)[0] != 200]
            ok(acked_reports and not missing,
               "all %d acknowledged reports are there after %d kills"
               % (len(acked_reports), args.rounds), "missing: %s" % missing[:5])
            listed, cursor = [], ""
            while True:
                status, body, _ = retailer.call(
                    "GET", "/api/v1/reports?limit=100" + ("&cursor=" + cursor if cursor else ""))
                doc = json.loads(body)
                listed += [x["id"] for x in doc.get("reports", [])]
                cursor = doc.get("next_cursor") or ""
                if status != 200 or not cursor:
                    break
            broken = []
            for rid in listed:
                status, body, _ = retailer.call("GET", "/api/v1/reports/" + rid)
                if status != 200 or json.loads(body).get("substance") is None:
                    broken.append(rid)
            ok(len(listed) >= len(set(acked_reports)) and not broken,
               "every report held (%d, of which %d acknowledged) reads back whole"
               % (len(listed), len(set(acked_reports))), "broken: %s" % broken[:5])
            lost = []
            for aid in set(acked_alerts):
                status, body, _ = duty.call("GET", "/api/v1/alerts/" + aid)
                if status != 200 or json.loads(body).get("status") != "acknowledged":
                    lost.append(aid)
            ok(not lost, "all %d acknowledgements of alerts are there" % len(set(acked_alerts)),
               "lost: %s" % lost[:5])
            ok(len(signed) > 0, "checkpoints were signed beside the server (%d)" % len(signed))
        finally:
            proc.terminate()
            proc.wait()
            log.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("1..%d" % n_tests)
    print("# %d rounds: %d passed, %d failed" % (args.rounds, n_tests - n_failed, n_failed))
    return 1 if n_failed else 0


if __name__ == "__main__":
    sys.exit(main())
