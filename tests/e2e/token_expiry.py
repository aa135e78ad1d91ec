#!/usr/bin/env python3
"""Token expiry and renewal with the real binaries over real HTTP.

Usage: token_expiry.py FIELDBOOK_SERVER FIELDBOOK_TOOL

fieldbook-server runs with a 6-second token lifetime; a phone is a database driven by
`fieldbook-tool sync` (the app's engine). Checks what a rep would live through, in seconds
instead of weeks:
- a phone that syncs more often than the lifetime renews its token during the sync and is
  never asked to sign in again, long after its first token expired;
- the token a renewal replaced stops working once the new one has been used;
- a phone left unused for longer than the lifetime gets "token_expired", keeps what it
  wrote, and after signing in again sends it;
- revocation is immediate, renewal or not: the next sync wipes the phone.
Exit 0 only when every check passed.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from e2e_common import free_port, last_json, query

SERVER, TOOL = sys.argv[1], sys.argv[2]
LIFETIME_S = 6
TMP = tempfile.mkdtemp(prefix="fieldbook-token.")
DATA = os.path.join(TMP, "server")
PASSWORD_FILE = os.path.join(TMP, "password")
DB = os.path.join(TMP, "phone.db")
failures = []
checks = 0


def check(what, ok, detail=""):
    global checks
    checks += 1
    print(("ok   " if ok else "FAIL ") + what + ("" if ok or not detail else ": " + detail), flush=True)
    if not ok:
        failures.append(what)


PORT = free_port()
URL = "http://127.0.0.1:%d" % PORT


def state(key):
    rows = query(DB, "SELECT value FROM sync_state WHERE key = ?", (key,))
    return rows[0][0] if rows else ""


def kept_token():
    """The token the phone keeps in the 0600 file beside its database (never in it)."""
    path = DB + "-token"
    if not os.path.exists(path):
        return ""
    check_once("the token file is the user's alone (0600)", (os.stat(path).st_mode & 0o777) == 0o600)
    lines = open(path, encoding="utf-8").read().splitlines()
    return lines[3] if len(lines) == 4 else ""


checked_once = set()


def check_once(what, ok):
    if what not in checked_once:
        checked_once.add(what)
        check(what, ok)


def outbox():
    return query(DB, "SELECT count(*) FROM outbox")[0][0]


def sync(*extra):
    r = subprocess.run([TOOL, "sync", "--db", DB, "--timeout-ms", "20000"] + list(extra),
                       capture_output=True, text=True, timeout=120)
    return r.returncode, last_json(r.stdout)


def sign_in():
    return sync("--server", URL, "--login", "rep1", "--password-file", PASSWORD_FILE, "--device-name", "phone")


def pull_with(token, device_id):
    body = json.dumps({"device_id": device_id}).encode()
    request = urllib.request.Request(URL + "/v1/sync/pull", data=body, method="POST", headers={
        "Content-Type": "application/json", "X-Fieldbook-Protocol": "2",
        "X-Fieldbook-Schema": str(schema_version), "Authorization": "Bearer " + token})
    try:
        with urllib.request.urlopen(request, timeout=20) as reply:
            return reply.status, {}
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def add_account(name):
    r = subprocess.run([TOOL, "add", "--db", DB, name], capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        raise RuntimeError("add: " + r.stdout + r.stderr)
    return r.stdout.strip()


def device_id():
    return query(DB, "SELECT device_id FROM device")[0][0]


with open(PASSWORD_FILE, "w") as f:
    f.write("demo1234\n")
subprocess.run([SERVER, "admin", "--data", DATA, "demo", "--reps", "1", "--accounts-per-rep", "5"], check=True,
               stdout=subprocess.DEVNULL)
server = subprocess.Popen([SERVER, "--data", DATA, "--port", str(PORT), "--token-lifetime", str(LIFETIME_S)],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
try:
    line = server.stdout.readline()
    if "listening on" not in line:
        raise RuntimeError("the server did not start: " + line)
    with urllib.request.urlopen(URL + "/v1/health", timeout=10) as reply:
        schema_version = json.loads(reply.read())["schema"][-1]

    code, summary = sign_in()
    check("sign-in and first sync", code == 0 and summary.get("status") == "ok", json.dumps(summary))
    first = kept_token()
    device = device_id()
    stored = b"".join(open(f, "rb").read() for f in (DB, DB + "-wal") if os.path.exists(f))
    check("the token is kept, and not in the database file", first != "" and first.encode() not in stored)

    # Sync every 3.5 s (more than half the lifetime apart) for 14 s: each sync renews.
    tokens = [first]
    started = time.monotonic()
    for i in range(4):
        time.sleep(LIFETIME_S * 0.58)
        add_account("续期客户 %d" % i)
        code, summary = sync()
        check("sync %d after %.1f s is ok" % (i + 1, time.monotonic() - started),
              code == 0 and summary.get("status") == "ok", json.dumps(summary))
        tokens.append(kept_token())
        check("sync %d renewed the token" % (i + 1), tokens[-1] != tokens[-2])
    check("the phone synced for more than twice the lifetime without signing in", time.monotonic() - started > 2 * LIFETIME_S)
    check("nothing waits after the renewing syncs", outbox() == 0)
    status, body = pull_with(first, device)
    check("the first token no longer works", status == 401, "%d %s" % (status, body))
    status, body = pull_with(tokens[-2], device)
    check("the token a renewal replaced stops once the new one was used", status == 401, "%d %s" % (status, body))
    status, _ = pull_with(tokens[-1], device)
    check("the current token works", status == 200, str(status))

    # Unused for longer than the lifetime: signed out with token_expired, nothing lost.
    waiting = add_account("过期期间的客户")
    time.sleep(LIFETIME_S + 0.5)
    code, summary = sync()
    check("a sync after the lifetime is refused as token_expired",
          code != 0 and summary.get("status") == "signed_out" and summary.get("error_code") == "token_expired",
          json.dumps(summary))
    check("the expired phone keeps its waiting change", outbox() == 1)
    check("the expired phone forgot its token (the app shows the sign-in form)", kept_token() == "")
    code, summary = sign_in()
    check("signing in again sends the waiting change", code == 0 and summary.get("status") == "ok" and outbox() == 0,
          json.dumps(summary))
    r = subprocess.run([TOOL, "check", "--db", DB], capture_output=True, text=True, timeout=120)
    check("fieldbook-tool check is clean, digest equal to the server's", r.returncode == 0, r.stdout + r.stderr)
    r = subprocess.run([TOOL, "show", "--db", DB, waiting], capture_output=True, text=True, timeout=60)
    check("the account written while expired is on the phone", "过期期间的客户" in r.stdout, r.stdout)

    # Revocation is immediate, even with a renewal due.
    time.sleep(LIFETIME_S * 0.55)
    subprocess.run([SERVER, "admin", "--data", DATA, "revoke-device", device], check=True, stdout=subprocess.DEVNULL)
    code, summary = sync()
    check("a revoked phone is wiped at its next sync", summary.get("status") == "revoked" and outbox() == 0,
          json.dumps(summary))
    check("the server stayed up", server.poll() is None)
finally:
    server.terminate()
    server.wait(timeout=30)

print("%d passed, %d failed" % (checks - len(failures), len(failures)))
if not failures:
    shutil.rmtree(TMP, ignore_errors=True)
sys.exit(1 if failures else 0)
