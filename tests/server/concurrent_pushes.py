#!/usr/bin/env python3
"""Concurrent pushes of one record through (up to) two server instances.

Usage: concurrent_pushes.py LOGIN PASSWORD ACCOUNT_ID PORT [PORT ...]

Eight devices of LOGIN each push twelve single-change batches that update two fields of
ACCOUNT_ID, all at once, spread over the given server ports. Every push must be answered
200, and afterwards a new device's full pull must hold, for each field, the value with the
greatest stamp ever pushed (no merge worked on a stale copy), and the scope digest must be
the XOR of sha256(entity \\n id \\n max stamp) over the records pulled (the owners' kept
digests stayed right under concurrency). Prints "ok" or exits 1 with the reason.
"""
import hashlib
import json
import random
import sys
import threading
import time
import urllib.error
import urllib.request

LOGIN, PASSWORD, ACCOUNT = sys.argv[1], sys.argv[2], sys.argv[3]
PORTS = sys.argv[4:]
# The versions the server speaks, from its health endpoint (the newest schema it accepts).
with urllib.request.urlopen(f"http://127.0.0.1:{PORTS[0]}/v1/health", timeout=30) as _r:
    _health = json.loads(_r.read())
HEADERS = {"Content-Type": "application/json", "X-Fieldbook-Protocol": str(_health["protocol"]),
           "X-Fieldbook-Schema": str(max(_health["schema"]))}
DEVICES = 8
PUSHES = 12


def post(port, path, body, token=None):
    headers = dict(HEADERS)
    if token:
        headers["Authorization"] = "Bearer " + token
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", json.dumps(body).encode(), headers)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def device_id(n):
    return "0190a000-0000-7000-8000-%012d" % (900 + n)


def sign_in(n):
    status, body = post(PORTS[n % len(PORTS)], "/v1/auth/sign-in",
                        {"login": LOGIN, "password": PASSWORD, "device_id": device_id(n)})
    if status != 200:
        sys.exit(f"sign-in of device {n}: {status} {body}")
    return body["token"], body["last_seq"]


def stamp(wall, dev):
    return "%016x-%04x-%s" % (wall, 0, dev)


now = int(time.time() * 1000)
sessions = [sign_in(n) for n in range(DEVICES)]
pushed = {"region": [], "notes": []}  # (stamp, value)
errors = []
lock = threading.Lock()
start = threading.Barrier(DEVICES)


def work(n):
    token, last = sessions[n]
    dev = device_id(n)
    rng = random.Random(n)
    start.wait()
    for i in range(PUSHES):
        field = "region" if (i + n) % 2 == 0 else "notes"
        value = f"d{n}-{i}"
        # Stamps within ±30 s of now (inside the server's clamp tolerance), distinct per device.
        s = stamp(now - 30000 + rng.randrange(60000), dev)
        change = {"seq": last + i + 1, "entity": "account", "id": ACCOUNT, "op": "update",
                  "fields": {field: value}, "hlc": s}
        status, body = post(PORTS[(n + i) % len(PORTS)], "/v1/sync/push",
                            {"device_id": dev, "changes": [change]}, token)
        with lock:
            if status != 200:
                errors.append(f"device {n} push {i}: {status} {body}")
                return
            outcome = body["results"][0]["outcome"]
            if outcome not in ("applied", "merged"):
                errors.append(f"device {n} push {i}: {body}")
                return
            pushed[field].append((s, value))


threads = [threading.Thread(target=work, args=(n,)) for n in range(DEVICES)]
for t in threads:
    t.start()
for t in threads:
    t.join()
if errors:
    sys.exit("\n".join(errors))

reader = DEVICES + 1
token, _ = sign_in(reader)
records, cursor, scope = [], "", None
while True:
    status, page = post(PORTS[0], "/v1/sync/pull", {"device_id": device_id(reader), "cursor": cursor, "limit": 2000}, token)
    if status != 200:
        sys.exit(f"pull: {status} {page}")
    records += page["records"]
    cursor = page["cursor"]
    if not page["more"]:
        scope = page["scope"]
        break

account = next((r for r in records if r["entity"] == "account" and r["id"] == ACCOUNT), None)
if account is None:
    sys.exit("the account is missing from the pull")
for field, writes in pushed.items():
    want = max(writes)[1]
    got = account["fields"].get(field)
    if got != want:
        sys.exit(f"{field}: the server holds {got!r}, but the latest stamp pushed carried {want!r}")

acc = bytearray(32)
for r in records:
    stamps = [r["hlc"]] if r["fields"] and r["hlc"] else []
    stamps += list(r["clocks"].values())
    line = f"{r['entity']}\n{r['id']}\n{max(stamps) if stamps else ''}".encode()
    for i, b in enumerate(hashlib.sha256(line).digest()):
        acc[i] ^= b
if scope["count"] != len(records) or scope["hash"] != acc.hex():
    sys.exit(f"scope digest {scope} does not match the {len(records)} records pulled ({acc.hex()})")
print(f"ok: {DEVICES * PUSHES} concurrent pushes over {len(PORTS)} instance(s); latest stamps won; digest kept")
