#!/usr/bin/env python3
"""Independent conformance test of fieldbook-server against docs/sync-protocol.md.

usage: conformance.py FIELDBOOK_SERVER

Written from the protocol document alone (plus `fieldbook-server --help` for the admin
commands). It speaks only the documented wire format over real HTTP, builds its own JSON,
HLC stamps and UUIDs, and uses no code of the project. Python 3 standard library only.

Prints one line per check ("ok: ..." or "FAIL: ... expected X, got Y") and ends with
"N passed, M failed"; the exit status is 0 only when nothing failed.

Schema knowledge the document does not give (entity names, field names, enum values,
required fields, length limits) was taken from what the server itself sends and answers (a
demo data set, validation messages); it is confined to acct_fields, kp_fields and rc_fields
below and to the few deliberately invalid values of the rejection tests.
"""

import gzip
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import uuid

HOST = "127.0.0.1"
PORT = None
PROTOCOL = "2"
SCHEMA_CUR = None   # from /v1/health
SCHEMA_PREV = None

# --------------------------------------------------------------------------------------
# check reporting

PASSED = 0
FAILED = 0


def _short(v, n=400):
    s = v if isinstance(v, str) else repr(v)
    return s if len(s) <= n else s[:n] + "…"


def report(cond, name, expected=None, got=None):
    global PASSED, FAILED
    if cond:
        PASSED += 1
        print("ok: " + name)
    else:
        FAILED += 1
        print("FAIL: %s: expected %s, got %s" % (name, _short(expected), _short(got)))
    sys.stdout.flush()
    return bool(cond)


def eq(name, got, expected):
    return report(got == expected, name, repr(expected), repr(got))


def section(title):
    print("# " + title)
    sys.stdout.flush()


# --------------------------------------------------------------------------------------
# ids and stamps

def now_ms():
    return int(time.time() * 1000)


def uuid7():
    ms = now_ms()
    rnd = int.from_bytes(os.urandom(10), "big")
    v = (ms & ((1 << 48) - 1)) << 80
    v |= 0x7 << 76
    v |= ((rnd >> 62) & 0xFFF) << 64
    v |= 0b10 << 62
    v |= rnd & ((1 << 62) - 1)
    return str(uuid.UUID(int=v))  # lower-case


STAMP_RE = re.compile(r"^[0-9a-f]{16}-[0-9a-f]{4}-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def fmt_stamp(wall, counter, device):
    return "%016x-%04x-%s" % (wall, counter, device)


def parse_stamp(s):
    m = STAMP_RE.match(s or "")
    if not m:
        return None
    return int(s[0:16], 16), int(s[17:21], 16), m.group(1)


# --------------------------------------------------------------------------------------
# HTTP

ERROR_RESPONSES = []   # (what, status, body) of every 4xx/5xx seen
JSON_CT_PROBLEMS = []  # JSON responses without Content-Type: application/json


class Resp:
    def __init__(self, status, headers, raw, what):
        self.status = status
        self.headers = headers
        self.raw = raw
        self.what = what
        self.body = raw
        self.gzip_error = None
        if headers.get("content-encoding", "").lower() == "gzip":
            try:
                self.body = gzip.decompress(raw)
            except Exception as e:  # noqa
                self.gzip_error = str(e)
        self.json = None
        try:
            if self.body:
                self.json = json.loads(self.body.decode("utf-8"))
        except Exception:
            self.json = None
        if self.json is not None and "application/json" not in headers.get("content-type", "").lower():
            JSON_CT_PROBLEMS.append("%s -> %s content-type %r" % (what, status, headers.get("content-type")))
        if status >= 400:
            ERROR_RESPONSES.append((what, status, self.body[:300]))

    def j(self, key, default=None):
        if isinstance(self.json, dict):
            return self.json.get(key, default)
        return default

    def __repr__(self):
        return "%s %s" % (self.status, _short(self.body.decode("utf-8", "replace"), 300))


class NoResponse(Resp):
    def __init__(self, what, err):
        self.status = None
        self.headers = {}
        self.raw = self.body = b""
        self.json = None
        self.what = what
        self.gzip_error = None
        self.err = err

    def __repr__(self):
        return "no response (%s)" % self.err


def http_request(method, path, body=None, headers=None, timeout=60):
    what = "%s %s" % (method, path)
    conn = http.client.HTTPConnection(HOST, PORT, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        data = r.read()
        hdrs = {k.lower(): v for k, v in r.getheaders()}
        return Resp(r.status, hdrs, data, what)
    except Exception as e:  # noqa
        return NoResponse(what, "%s: %s" % (type(e).__name__, e))
    finally:
        conn.close()


def raw_socket_request(method, path, headers, body, timeout=60):
    """Sends a request on a raw socket and keeps reading even if the server stops
    reading the body early (as it may for a 413)."""
    what = "%s %s" % (method, path)
    s = socket.create_connection((HOST, PORT), timeout=timeout)
    try:
        head = "%s %s HTTP/1.1\r\nHost: %s:%d\r\nContent-Length: %d\r\nConnection: close\r\n" % (
            method, path, HOST, PORT, len(body))
        for k, v in headers.items():
            head += "%s: %s\r\n" % (k, v)
        head += "\r\n"
        try:
            s.sendall(head.encode("latin-1"))
            for i in range(0, len(body), 65536):
                s.sendall(body[i:i + 65536])
        except (BrokenPipeError, ConnectionResetError):
            pass
        chunks = []
        try:
            while True:
                d = s.recv(65536)
                if not d:
                    break
                chunks.append(d)
        except (ConnectionResetError, socket.timeout):
            pass
        data = b"".join(chunks)
    finally:
        s.close()
    if not data:
        return NoResponse(what, "connection closed without a response")
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    try:
        status = int(lines[0].split()[1])
    except Exception:
        return NoResponse(what, "unparsable status line %r" % lines[0])
    hdrs = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            hdrs[k.strip().lower()] = v.strip()
    if "content-length" in hdrs:
        rest = rest[:int(hdrs["content-length"])]
    return Resp(status, hdrs, rest, what)


def api(path, obj=None, token=None, method="POST", body=None, proto=PROTOCOL, schema="cur",
        extra=None, gzip_req=False, accept_gzip=False, content_type="application/json"):
    headers = {}
    if proto is not None:
        headers["X-Fieldbook-Protocol"] = proto
    if schema == "cur":
        schema = str(SCHEMA_CUR)
    if schema is not None:
        headers["X-Fieldbook-Schema"] = str(schema)
    if token is not None:
        headers["Authorization"] = "Bearer " + token
    if body is None and obj is not None:
        body = json.dumps(obj, ensure_ascii=False).encode("utf-8")
    if body is not None and content_type:
        headers["Content-Type"] = content_type
    if gzip_req and body is not None:
        body = gzip.compress(body)
        headers["Content-Encoding"] = "gzip"
    headers["Accept-Encoding"] = "gzip" if accept_gzip else "identity"
    if extra:
        headers.update(extra)
    return http_request(method, path, body=body, headers=headers)


def error_shape_ok(resp, status, code=None):
    if resp.status != status:
        return False
    j = resp.json
    if not isinstance(j, dict):
        return False
    if not isinstance(j.get("error"), str) or not j.get("error"):
        return False
    if not isinstance(j.get("message"), str) or not j.get("message"):
        return False
    if code is not None and j.get("error") != code:
        return False
    return True


def expect_error(name, resp, status, code=None):
    exp = "%s {\"error\": %s, \"message\": \"…\"}" % (status, json.dumps(code) if code else "\"<code>\"")
    return report(error_shape_ok(resp, status, code), name, exp, resp)


def expect_status(name, resp, status):
    return report(resp.status == status, name, "status %s" % status, resp)


# --------------------------------------------------------------------------------------
# client-side state: records as fields + per-field stamps, and the scope digest

def stamps_of(rec):
    """Per-field stamps of a record in pull format."""
    st = {}
    clocks = rec.get("clocks") or {}
    for f in (rec.get("fields") or {}):
        st[f] = clocks.get(f, rec.get("hlc"))
    for f, s in clocks.items():
        st[f] = s
    return st


def digest(recs):
    """recs: {(entity, id): {"fields":…, "stamps":…}} -> (count, hash) as the document says."""
    x = 0
    for (entity, rid), r in recs.items():
        m = max(r["stamps"].values()) if r["stamps"] else ""
        d = hashlib.sha256((entity + "\n" + rid + "\n" + m).encode("utf-8")).digest()
        x ^= int.from_bytes(d, "big")
    return len(recs), "%064x" % x


def record_problems(rec):
    p = []
    if not isinstance(rec, dict):
        return ["record is not an object: %r" % (rec,)]
    for k in ("entity", "id", "hlc", "fields", "clocks"):
        if k not in rec:
            p.append("record lacks %r: %s" % (k, _short(rec, 200)))
    if p:
        return p
    if not isinstance(rec["entity"], str) or not isinstance(rec["id"], str) or not UUID_RE.match(rec["id"]):
        p.append("bad entity/id in %s" % _short(rec, 200))
    if not isinstance(rec["fields"], dict) or not isinstance(rec["clocks"], dict):
        p.append("fields/clocks not objects in %s" % _short(rec, 200))
        return p
    for f, s in rec["clocks"].items():
        if not isinstance(s, str) or not parse_stamp(s):
            p.append("clock of %s is not a stamp: %r" % (f, s))
        elif s == rec["hlc"]:
            p.append("clocks names %s with the shared hlc (clocks should hold the stamps that differ)" % f)
    if rec["hlc"] and rec["clocks"]:
        counts = {}
        for f in rec["fields"]:
            st = rec["clocks"].get(f, rec["hlc"])
            counts[st] = counts.get(st, 0) + 1
        shared = counts.get(rec["hlc"], 0)
        if any(n > shared for st, n in counts.items() if st != rec["hlc"]):
            p.append("hlc is not the stamp most fields share (%s)" % rec["id"])
    if rec["hlc"] == "":
        missing = [f for f in rec["fields"] if f not in rec["clocks"]]
        if missing:
            p.append("hlc empty but fields %s have no clock (%s)" % (missing, rec["id"]))
    elif not isinstance(rec["hlc"], str) or not parse_stamp(rec["hlc"]):
        p.append("hlc is not a stamp: %r" % (rec["hlc"],))
    return p


def norm(rec):
    """A pull-format record reduced to (fields, stamps) for comparisons."""
    if rec is None:
        return None
    return {"fields": dict(rec.get("fields") or {}), "stamps": stamps_of(rec)}


class Replica:
    """What a device holds: per record the fields and per-field stamps."""

    def __init__(self):
        self.recs = {}

    def get(self, key):
        return self.recs.get(key)

    def set_exact(self, key, rec):
        if rec is None:
            self.recs.pop(key, None)
        else:
            self.recs[key] = norm(rec)

    def merge(self, rec):
        key = (rec["entity"], rec["id"])
        inc = norm(rec)
        cur = self.recs.get(key)
        if cur is None:
            self.recs[key] = inc
            return
        for f, s in inc["stamps"].items():
            if f not in cur["stamps"] or s > cur["stamps"][f]:
                cur["stamps"][f] = s
                if f in inc["fields"]:
                    cur["fields"][f] = inc["fields"][f]
                else:
                    cur["fields"].pop(f, None)

    def purge(self, account_id):
        for key in list(self.recs):
            entity, rid = key
            f = self.recs[key]["fields"]
            if (entity == "account" and rid == account_id) or f.get("account_id") == account_id:
                del self.recs[key]

    def digest(self):
        return digest(self.recs)


# --------------------------------------------------------------------------------------
# devices

class Device:
    def __init__(self, login, password, label):
        self.login = login
        self.password = password
        self.label = label
        self.id = uuid7()
        self.token = None
        self.last_seq = 0
        self.cursor = ""
        self.replica = Replica()
        self.wall = 0
        self.ctr = 0
        self.user = None

    # HLC
    def stamp(self, wall=None):
        if wall is not None:
            return fmt_stamp(wall, 0, self.id)
        n = now_ms()
        if n > self.wall:
            self.wall, self.ctr = n, 0
        else:
            self.ctr += 1
        return fmt_stamp(self.wall, self.ctr, self.id)

    def observe(self, s):
        p = parse_stamp(s or "")
        if p and p[0] < now_ms() + 60000 and (p[0], p[1]) > (self.wall, self.ctr):
            self.wall, self.ctr = p[0], p[1]

    def sign_in(self, schema="cur"):
        r = api("/v1/auth/sign-in", {"login": self.login, "password": self.password,
                                     "device_id": self.id, "device_name": self.label}, schema=schema)
        if r.status == 200 and isinstance(r.json, dict) and isinstance(r.j("token"), str):
            self.token = r.j("token")
            self.user = r.j("user")
            if isinstance(r.j("last_seq"), int):
                self.last_seq = r.j("last_seq")
        return r

    def change(self, entity, rid, op, fields, hlc=None, seq=None):
        c = {"entity": entity, "id": rid, "op": op, "fields": fields, "hlc": hlc or self.stamp()}
        if seq is not None:
            c["seq"] = seq
        return c

    def push(self, changes, cursor="own", apply=True, **kw):
        """Numbers changes without a seq from last_seq + 1, sends them and, on 200, updates
        the replica the way the document tells a device to."""
        batch = []
        n = self.last_seq
        for c in changes:
            c = dict(c)
            if "seq" not in c:
                n += 1
                c["seq"] = n
            # keep the documented member order
            batch.append({"seq": c["seq"], "entity": c["entity"], "id": c["id"], "op": c["op"],
                          "fields": c["fields"], "hlc": c["hlc"]})
        body = {"device_id": self.id}
        cur = self.cursor if cursor == "own" else cursor
        if cur:
            body["cursor"] = cur
        body["changes"] = batch
        r = api("/v1/sync/push", body, token=self.token, **kw)
        if r.status == 200 and isinstance(r.json, dict):
            prev = self.last_seq
            results = {x.get("seq"): x for x in (r.j("results") or []) if isinstance(x, dict)}
            if apply:
                for c in batch:
                    if c["seq"] <= prev:
                        continue
                    res = results.get(c["seq"])
                    if not res:
                        continue
                    self.apply_result(c, res)
            for res in results.values():
                for s in (res.get("clocks") or {}).values():
                    self.observe(s)
            if isinstance(r.j("last_seq"), int):
                self.last_seq = r.j("last_seq")
        return r, batch

    def apply_result(self, c, res):
        key = (c["entity"], c["id"])
        out = res.get("outcome")
        if out in ("applied", "merged"):
            rec = self.replica.recs.setdefault(key, {"fields": {}, "stamps": {}})
            lost = set(res.get("lost") or [])
            clocks = res.get("clocks") or {}
            for f, v in c["fields"].items():
                if f in lost:
                    rec["fields"][f] = v
                    rec["stamps"][f] = c["hlc"]
                else:
                    rec["fields"][f] = v
                    rec["stamps"][f] = clocks.get(f, c["hlc"])
        elif out == "rejected":
            if "record" in res:
                self.replica.set_exact(key, res.get("record"))

    def pull_page(self, cursor, limit=500, count_remaining=False, full=False, schema="cur",
                  accept_gzip=False):
        body = {"device_id": self.id, "cursor": cursor, "limit": limit}
        if count_remaining:
            body["count_remaining"] = True
        if full:
            body["full"] = True
        return api("/v1/sync/pull", body, token=self.token, schema=schema, accept_gzip=accept_gzip)

    def pull_all(self, cursor=None, limit=500, full=None, count_remaining=True, apply=True,
                 schema="cur", accept_gzip=False, remaining_every_page=False):
        """A whole pull from `cursor` (default: the device's). A pull from an empty cursor
        sends full:true on every page unless full is given. Returns a dict."""
        if cursor is None:
            cursor = self.cursor
        if full is None:
            full = cursor == ""
        res = {"pages": [], "records": [], "purge": [], "scope": None, "cursor": cursor,
               "problems": [], "ok": False, "remaining_first": None, "remaining": [],
               "full": full, "sizes": []}
        for page_no in range(5000):
            ask = count_remaining and (page_no == 0 or remaining_every_page)
            r = self.pull_page(cursor, limit=limit, count_remaining=ask, full=full, schema=schema,
                               accept_gzip=accept_gzip)
            res["pages"].append(r)
            if r.status != 200 or not isinstance(r.json, dict):
                res["problems"].append("page %d: %r" % (page_no, r))
                return res
            j = r.json
            recs = j.get("records")
            if not isinstance(recs, list):
                res["problems"].append("page %d: records is not a list" % page_no)
                return res
            if "purge" not in j:
                res["problems"].append("page %d: no purge member" % page_no)
            purge = j.get("purge", [])
            if not isinstance(purge, list):
                res["problems"].append("page %d: purge is not a list: %r" % (page_no, purge))
                purge = []
            if not isinstance(j.get("more"), bool):
                res["problems"].append("page %d: more is not a bool: %r" % (page_no, j.get("more")))
                return res
            if not isinstance(j.get("cursor"), str):
                res["problems"].append("page %d: cursor is not a string" % page_no)
                return res
            if len(recs) > limit:
                res["problems"].append("page %d: %d records for limit %d" % (page_no, len(recs), limit))
            res["sizes"].append(len(recs))
            if ask:
                if not isinstance(j.get("remaining"), int):
                    res["problems"].append("page %d: remaining missing though count_remaining was sent" % page_no)
                else:
                    res["remaining"].append((len(res["records"]), j.get("remaining")))
                    if page_no == 0:
                        res["remaining_first"] = j.get("remaining")
            elif "remaining" in j:
                res["problems"].append("page %d: remaining sent though not asked for" % page_no)
            for rec in recs:
                res["problems"].extend(record_problems(rec))
            if j["more"] and "scope" in j:
                res["problems"].append("page %d: scope on a page with more: true" % page_no)
            # apply: purge first, then records, then the cursor
            if apply:
                for a in purge:
                    self.replica.purge(a)
                for rec in recs:
                    if isinstance(rec, dict) and "entity" in rec and "id" in rec:
                        self.replica.merge(rec)
                        for s in stamps_of(rec).values():
                            self.observe(s)
                self.cursor = j["cursor"]
            res["records"].extend(recs)
            res["purge"].extend(purge)
            cursor = j["cursor"]
            res["cursor"] = cursor
            if not j["more"]:
                sc = j.get("scope")
                if not (isinstance(sc, dict) and isinstance(sc.get("count"), int)
                        and isinstance(sc.get("hash"), str)):
                    res["problems"].append("last page: scope missing or malformed: %r" % (sc,))
                else:
                    res["scope"] = (sc["count"], sc["hash"])
                res["ok"] = True
                return res
        res["problems"].append("more than 5000 pages")
        return res


def push_expect(name, dev, changes, outcome="applied", **kw):
    """Pushes and checks the reply is 200 with the given outcome for every change."""
    r, batch = dev.push(changes, **kw)
    res = r.j("results") if r.status == 200 else None
    got = [x.get("outcome") for x in res] if isinstance(res, list) else r
    report(r.status == 200 and got == [outcome] * len(batch), name, "200, all %s" % outcome, got)
    return r, (res[0] if res else {})


def ids_of(records):
    return [(r.get("entity"), r.get("id")) for r in records if isinstance(r, dict)]


def full_state(dev, schema="cur", limit=500):
    """A full pass from an empty cursor without touching the device's replica:
    returns (pull result, {key: norm(record)})."""
    saved = (dev.cursor, dev.replica)
    dev.replica = Replica()
    try:
        p = dev.pull_all(cursor="", limit=limit, full=True, count_remaining=True, apply=True,
                         schema=schema)
        return p, dev.replica.recs
    finally:
        dev.cursor, dev.replica = saved


def check_pull(name, p, client_recs=None):
    """Common checks of a finished pull: well-formed pages and the client's own digest
    against the server's scope."""
    report(p["ok"] and not p["problems"], name + ": pages well-formed", "no problems",
           "; ".join(p["problems"][:6]) or p["pages"][-1:] if p["pages"] else "no page")
    if client_recs is not None and p["scope"] is not None:
        cnt, h = digest(client_recs)
        report((cnt, h) == p["scope"], name + ": client-computed scope digest equals server's scope",
               "server scope %r" % (p["scope"],), "client (count %d, hash %s)" % (cnt, h))


# --------------------------------------------------------------------------------------
# server process

class Server:
    def __init__(self, binary, data, tmp):
        self.binary = binary
        self.data = data
        self.tmp = tmp
        self.proc = None
        self.n = 0

    def admin(self, *args):
        try:
            p = subprocess.run([self.binary, "admin", "--data", self.data] + list(args),
                               capture_output=True, text=True, timeout=120)
            return p.returncode, (p.stdout + p.stderr).strip()
        except Exception as e:  # noqa
            return -1, str(e)

    def start(self):
        global PORT
        self.n += 1
        log = os.path.join(self.tmp, "server-%d.log" % self.n)
        self.logf = open(log, "w")
        self.proc = subprocess.Popen([self.binary, "--data", self.data, "--port", "0"],
                                     stdout=self.logf, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)
        deadline = time.time() + 30
        while time.time() < deadline:
            with open(log) as f:
                m = re.search(r"fieldbook-server listening on http://127\.0\.0\.1:(\d+)", f.read())
            if m:
                PORT = int(m.group(1))
                return True
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        with open(log) as f:
            print("server did not start; log:\n" + f.read())
        return False

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None
        if getattr(self, "logf", None):
            self.logf.close()
            self.logf = None


# --------------------------------------------------------------------------------------
# the test

USERS = {
    "rep1": ("li.na", "Li Na", "rep", "north", "li-na-secret-1"),
    "rep2": ("wang.wei", "Wang Wei", "rep", "north", "wang-wei-secret-2"),
    "rep3": ("zhao.lei", "Zhao Lei", "rep", "south", "zhao-lei-secret-3"),
    "mgr": ("chen.jie", "Chen Jie", "manager", "north", "chen-jie-secret-4"),
    "bulk": ("sun.bulk", "Sun Bulk", "rep", "west", "sun-bulk-secret-5"),
    "big": ("zhou.big", "Zhou Big", "rep", "east", "zhou-big-secret-6"),
}

# Schema facts learned from the server (the document does not list them).
ACCOUNT_CREATE = {"name": "杭州恒达建材有限公司", "tier": "KA", "stage": "growth"}


def acct_fields(name, tier="A", stage="growth"):
    return {"name": name, "tier": tier, "stage": stage}


def kp_fields(account_id, name="张伟", role="head"):
    return {"account_id": account_id, "name": name, "role": role, "title": "总经理"}


def rc_fields(account_id, person_id, role="head", date="2024-01-02"):
    return {"account_id": account_id, "person_id": person_id, "role": role, "effective_date": date}


class Ctx:
    pass


def run(binary):
    global SCHEMA_CUR, SCHEMA_PREV
    t_start = time.time()
    tmp = tempfile.mkdtemp(prefix="fieldbook-conformance-")
    data = os.path.join(tmp, "data")
    os.mkdir(data)
    srv = Server(binary, data, tmp)
    try:
        section("setup")
        ok_setup = True
        for team in ("north", "south", "west", "east"):
            rc, out = srv.admin("add-team", team)
            ok_setup &= report(rc == 0, "admin add-team %s" % team, "exit 0", "exit %d: %s" % (rc, out))
        for key, (login, name, role, team, pw) in USERS.items():
            rc, out = srv.admin("add-user", login, "--name", name, "--role", role, "--team", team,
                                "--password", pw)
            ok_setup &= report(rc == 0, "admin add-user %s (%s, team %s)" % (login, role, team),
                               "exit 0", "exit %d: %s" % (rc, out))
        rc, out = srv.admin("status")
        report(rc == 0, "admin status runs", "exit 0", "exit %d: %s" % (rc, out))
        if not ok_setup or not srv.start():
            report(False, "server starts with --data DIR --port 0", "listening line", "none")
            return
        report(True, "server starts and prints its port (%d)" % PORT)
        c = Ctx()
        c.srv = srv
        steps = [s_health, s_versions, s_sign_in, s_auth, s_body_errors, s_push_sequence,
                 s_push_rejections, s_clamp, s_merge, s_values, s_pull, s_echo, s_commit_order,
                 s_scope, s_sequence_reused, s_gzip, s_bulk_paging, s_big_page, s_reassign, s_concurrency, s_sign_out,
                 s_final]
        for step in steps:
            try:
                step(c)
            except Exception as e:  # noqa
                report(False, "%s ran to the end" % step.__name__, "no exception",
                       "%s: %s | %s" % (type(e).__name__, e,
                                        traceback.format_exc().strip().splitlines()[-3:]))
    finally:
        srv.stop()
        shutil.rmtree(tmp, ignore_errors=True)
        print("# run took %.1f s" % (time.time() - t_start))


# ---- health --------------------------------------------------------------------------

def s_health(c):
    global SCHEMA_CUR, SCHEMA_PREV
    section("health")
    r = http_request("GET", "/v1/health")
    expect_status("GET /v1/health without version headers -> 200", r, 200)
    j = r.json if isinstance(r.json, dict) else {}
    eq("health status", j.get("status"), "ok")
    eq("health protocol", j.get("protocol"), 2)
    sch = j.get("schema")
    good = (isinstance(sch, list) and len(sch) == 2 and all(isinstance(x, int) for x in sch)
            and sch[1] == sch[0] + 1)
    report(good, "health schema lists the current version and the one before",
           "[n-1, n]", sch)
    if good:
        SCHEMA_PREV, SCHEMA_CUR = sch
    else:
        SCHEMA_PREV, SCHEMA_CUR = 3, 4
    report(j.get("database") in ("sqlite", "postgresql"), "health database",
           "sqlite|postgresql", j.get("database"))
    r = http_request("GET", "/v1/health", headers={"X-Fieldbook-Protocol": "1",
                                                  "X-Fieldbook-Schema": "1"})
    expect_status("GET /v1/health ignores version headers (wrong ones sent) -> 200", r, 200)


# ---- version headers -------------------------------------------------------------------

def s_versions(c):
    section("version headers")
    login, name, role, team, pw = USERS["rep1"]
    body = {"login": login, "password": pw, "device_id": uuid7(), "device_name": "hdr"}
    expect_error("sign-in without X-Fieldbook-Protocol -> 400 unsupported_protocol",
                 api("/v1/auth/sign-in", body, proto=None), 400, "unsupported_protocol")
    expect_error("sign-in with X-Fieldbook-Protocol: 1 -> 400 unsupported_protocol",
                 api("/v1/auth/sign-in", body, proto="1"), 400, "unsupported_protocol")
    expect_error("sign-in with X-Fieldbook-Protocol: 3 -> 400 unsupported_protocol",
                 api("/v1/auth/sign-in", body, proto="3"), 400, "unsupported_protocol")
    expect_error("sign-in without X-Fieldbook-Schema -> 400 unsupported_schema",
                 api("/v1/auth/sign-in", body, schema=None), 400, "unsupported_schema")
    expect_error("sign-in with schema current+1 (%d) -> 400 unsupported_schema" % (SCHEMA_CUR + 1),
                 api("/v1/auth/sign-in", body, schema=SCHEMA_CUR + 1), 400, "unsupported_schema")
    expect_error("sign-in with schema previous-1 (%d) -> 400 unsupported_schema" % (SCHEMA_PREV - 1),
                 api("/v1/auth/sign-in", body, schema=SCHEMA_PREV - 1), 400, "unsupported_schema")
    expect_error("sign-in with a non-numeric schema -> 400 unsupported_schema",
                 api("/v1/auth/sign-in", body, schema="four"), 400, "unsupported_schema")
    r = api("/v1/auth/sign-in", body, schema=SCHEMA_PREV)
    expect_status("sign-in with the previous schema (%d) is accepted -> 200" % SCHEMA_PREV, r, 200)
    tok = r.j("token")
    r = api("/v1/auth/sign-in", body, schema=SCHEMA_CUR)
    expect_status("sign-in with the current schema (%d) is accepted -> 200" % SCHEMA_CUR, r, 200)
    tok = r.j("token") or tok
    pb = {"device_id": body["device_id"], "cursor": "", "limit": 10}
    expect_error("pull without X-Fieldbook-Protocol -> 400 unsupported_protocol",
                 api("/v1/sync/pull", pb, token=tok, proto=None), 400, "unsupported_protocol")
    expect_error("pull with schema current+1 -> 400 unsupported_schema",
                 api("/v1/sync/pull", pb, token=tok, schema=SCHEMA_CUR + 1), 400, "unsupported_schema")
    expect_error("pull without X-Fieldbook-Schema -> 400 unsupported_schema",
                 api("/v1/sync/pull", pb, token=tok, schema=None), 400, "unsupported_schema")
    ps = {"device_id": body["device_id"], "changes": []}
    expect_error("push with X-Fieldbook-Protocol: 1 -> 400 unsupported_protocol",
                 api("/v1/sync/push", ps, token=tok, proto="1"), 400, "unsupported_protocol")
    expect_error("push with schema previous-1 -> 400 unsupported_schema",
                 api("/v1/sync/push", ps, token=tok, schema=SCHEMA_PREV - 1), 400, "unsupported_schema")
    expect_error("sign-out without X-Fieldbook-Protocol -> 400 unsupported_protocol",
                 api("/v1/auth/sign-out", {"device_id": body["device_id"]}, token=tok, proto=None),
                 400, "unsupported_protocol")
    # still signed in: the refused sign-out changed nothing
    r = api("/v1/sync/pull", pb, token=tok)
    expect_status("a refused sign-out (bad headers) changed nothing: the token still works", r, 200)


# ---- sign-in --------------------------------------------------------------------------

def s_sign_in(c):
    section("sign-in")
    c.dev = {}
    for key in ("rep1", "rep2", "rep3", "mgr", "bulk", "big"):
        login, name, role, team, pw = USERS[key]
        d = Device(login, pw, "conformance %s" % key)
        t0 = now_ms()
        r = d.sign_in()
        t1 = now_ms()
        c.dev[key] = d
        if key in ("rep1", "mgr"):
            expect_status("sign-in %s -> 200" % login, r, 200)
            j = r.json if isinstance(r.json, dict) else {}
            report(isinstance(j.get("token"), str) and len(j.get("token")) > 0, "sign-in token is a non-empty string",
                   "string", j.get("token"))
            u = j.get("user") if isinstance(j.get("user"), dict) else {}
            report(isinstance(u.get("id"), str) and u.get("id") != "", "sign-in user.id present", "string", u.get("id"))
            eq("sign-in user.login (%s)" % key, u.get("login"), login)
            eq("sign-in user.display_name (%s)" % key, u.get("display_name"), name)
            eq("sign-in user.role (%s)" % key, u.get("role"), role)
            st = j.get("server_time_ms")
            report(isinstance(st, int) and t0 - 5000 <= st <= t1 + 5000, "sign-in server_time_ms is now",
                   "int within [%d, %d]" % (t0 - 5000, t1 + 5000), st)
            eq("sign-in last_seq of a new device (%s)" % key, j.get("last_seq"), 0)
        elif r.status != 200:
            report(False, "sign-in %s -> 200" % login, 200, r)
    # second devices of rep1 and rep2
    login, name, role, team, pw = USERS["rep1"]
    c.dev["rep1b"] = Device(login, pw, "conformance rep1 second")
    expect_status("sign-in li.na on a second device -> 200", c.dev["rep1b"].sign_in(), 200)
    eq("the same user gets the same user.id on both devices", (c.dev["rep1b"].user or {}).get("id"),
       (c.dev["rep1"].user or {}).get("id"))
    login, name, role, team, pw = USERS["rep2"]
    c.dev["rep2r"] = Device(login, pw, "conformance rep2 to revoke")
    expect_status("sign-in wang.wei on a device to be revoked -> 200", c.dev["rep2r"].sign_in(), 200)
    c.dev["rep2s"] = Device(login, pw, "conformance rep2 restored")
    expect_status("sign-in wang.wei on a device for sequence_reused -> 200", c.dev["rep2s"].sign_in(), 200)

    d = uuid7()
    r1 = api("/v1/auth/sign-in", {"login": "li.na", "password": "wrong-password", "device_id": d,
                                  "device_name": "x"})
    expect_error("sign-in with a wrong password -> 401 bad_credentials", r1, 401, "bad_credentials")
    r2 = api("/v1/auth/sign-in", {"login": "no.such.user", "password": "wrong-password", "device_id": d,
                                  "device_name": "x"})
    expect_error("sign-in of an unknown user -> 401 bad_credentials", r2, 401, "bad_credentials")
    j1 = r1.json if isinstance(r1.json, dict) else {}
    j2 = r2.json if isinstance(r2.json, dict) else {}
    report(sorted(j1) == sorted(j2) and j1.get("error") == j2.get("error"),
           "unknown user and wrong password answer with the same body shape",
           "same members %s" % sorted(j1), "members %s" % sorted(j2))
    report(j1 == j2, "unknown user and wrong password give the same answer (same message)", j1, j2)

    r = api("/v1/auth/sign-in", {"login": "li.na", "device_id": d, "device_name": "x"})
    ok = expect_error("sign-in without password -> 400 bad_request", r, 400, "bad_request")
    if ok:
        report("password" in (r.j("message") or ""), "bad_request message names the missing member",
               "message naming 'password'", r.j("message"))
    r = api("/v1/auth/sign-in", {"login": 42, "password": "x", "device_id": d, "device_name": "x"})
    ok = expect_error("sign-in with login of the wrong type -> 400 bad_request", r, 400, "bad_request")
    if ok:
        report("login" in (r.j("message") or ""), "bad_request message names the wrong-typed member",
               "message naming 'login'", r.j("message"))
    r = api("/v1/auth/sign-in", {"login": "li.na", "password": "x", "device_name": "x"})
    expect_error("sign-in without device_id -> 400 bad_request", r, 400, "bad_request")
    r = api("/v1/auth/sign-in", body=b'{"login": "li.na", "password": ')
    expect_error("sign-in with a body that is not JSON -> 400 bad_json", r, 400, "bad_json")
    r = api("/v1/auth/sign-in", body=b'{"login": "li.na\xff\xfe", "password": "x", "device_id": "'
            + d.encode() + b'", "device_name": "x"}')
    expect_error("sign-in with a body that is not UTF-8 -> 400 bad_json", r, 400, "bad_json")
    r = api("/v1/auth/sign-in", body=b'{"login": "li.na"}', extra={"Content-Encoding": "gzip"})
    expect_error("sign-in with Content-Encoding: gzip but a plain body -> 400 bad_json", r, 400, "bad_json")
    login, name, role, team, pw = USERS["rep3"]
    r = api("/v1/auth/sign-in", {"login": login, "password": pw, "device_id": uuid7(),
                                 "device_name": "gz"}, gzip_req=True)
    expect_status("sign-in with a gzip-compressed request body -> 200", r, 200)


# ---- auth -----------------------------------------------------------------------------

def s_auth(c):
    section("authentication")
    d1 = c.dev["rep1"]
    pb = {"device_id": d1.id, "cursor": "", "limit": 10}
    ps = {"device_id": d1.id, "changes": []}
    expect_error("push without Authorization -> 401 unauthenticated",
                 api("/v1/sync/push", ps), 401, "unauthenticated")
    expect_error("pull without Authorization -> 401 unauthenticated",
                 api("/v1/sync/pull", pb), 401, "unauthenticated")
    fake = os.urandom(32).hex()
    expect_error("push with an unknown token -> 401 unauthenticated",
                 api("/v1/sync/push", ps, token=fake), 401, "unauthenticated")
    expect_error("pull with an unknown token -> 401 unauthenticated",
                 api("/v1/sync/pull", pb, token=fake), 401, "unauthenticated")
    expect_error("pull with a non-Bearer Authorization -> 401 unauthenticated",
                 api("/v1/sync/pull", pb, extra={"Authorization": "Basic bGkubmE6eA=="}),
                 401, "unauthenticated")
    expect_error("sign-out without Authorization -> 401 unauthenticated",
                 api("/v1/auth/sign-out", {"device_id": d1.id}), 401, "unauthenticated")
    other = c.dev["rep1b"].id
    expect_error("push with device_id of another device than the token's -> 400 bad_request",
                 api("/v1/sync/push", {"device_id": other, "changes": []}, token=d1.token), 400, "bad_request")
    expect_error("pull with device_id of another device than the token's -> 400 bad_request",
                 api("/v1/sync/pull", {"device_id": other, "cursor": "", "limit": 10}, token=d1.token),
                 400, "bad_request")
    r = api("/v1/sync/push", {"device_id": d1.id, "changes": []}, token=d1.token)
    expect_status("push of an empty batch with a valid token -> 200", r, 200)


# ---- malformed bodies, limits, unknown endpoints --------------------------------------

def s_body_errors(c):
    section("bodies, limits, endpoints")
    d1 = c.dev["rep1"]
    r = api("/v1/sync/pull", body=b"[1, 2", token=d1.token)
    expect_error("pull with a body that is not JSON -> 400 bad_json", r, 400, "bad_json")
    r = api("/v1/sync/push", body=b"\x1f\x8b\x08\x00garbage", token=d1.token, extra={"Content-Encoding": "gzip"})
    expect_error("push with Content-Encoding: gzip and a broken gzip body -> 400 bad_json", r, 400, "bad_json")
    r = api("/v1/sync/push", body=b"{not json", token=d1.token, gzip_req=True)
    expect_error("push with a gzip body holding invalid JSON -> 400 bad_json", r, 400, "bad_json")
    r = api("/v1/sync/push", {"device_id": d1.id}, token=d1.token)
    expect_error("push without changes -> 400 bad_request", r, 400, "bad_request")
    r = api("/v1/sync/push", {"device_id": d1.id, "changes": {"seq": 1}}, token=d1.token)
    expect_error("push with changes of the wrong type -> 400 bad_request", r, 400, "bad_request")
    r = api("/v1/sync/pull", {"device_id": d1.id, "cursor": 5, "limit": 10}, token=d1.token)
    expect_error("pull with cursor of the wrong type -> 400 bad_request", r, 400, "bad_request")
    r = api("/v1/sync/pull", {"device_id": d1.id, "cursor": "", "limit": "ten"}, token=d1.token)
    expect_error("pull with limit of the wrong type -> 400 bad_request", r, 400, "bad_request")
    r = api("/v1/sync/pull", {"device_id": d1.id, "cursor": "", "limit": 10, "full": "yes"}, token=d1.token)
    expect_error("pull with full of the wrong type -> 400 bad_request", r, 400, "bad_request")
    r = api("/v1/sync/push", {"changes": []}, token=d1.token)
    expect_error("push without device_id -> 400 bad_request", r, 400, "bad_request")
    ch = {"seq": 1, "entity": "account", "id": uuid7(), "op": "create", "fields": acct_fields("x")}
    r = api("/v1/sync/push", {"device_id": d1.id, "changes": [ch]}, token=d1.token)
    ok = expect_error("push of a change without hlc -> 400 bad_request", r, 400, "bad_request")
    if ok:
        report("hlc" in (r.j("message") or ""), "bad_request message names the missing member (hlc)",
               "message naming 'hlc'", r.j("message"))
    ch = {"entity": "account", "id": uuid7(), "op": "create", "fields": acct_fields("x"), "hlc": d1.stamp()}
    r = api("/v1/sync/push", {"device_id": d1.id, "changes": [ch]}, token=d1.token)
    expect_error("push of a change without seq -> 400 bad_request", r, 400, "bad_request")
    ch = {"seq": "1", "entity": "account", "id": uuid7(), "op": "create", "fields": acct_fields("x"),
          "hlc": d1.stamp()}
    r = api("/v1/sync/push", {"device_id": d1.id, "changes": [ch]}, token=d1.token)
    expect_error("push of a change with seq of the wrong type -> 400 bad_request", r, 400, "bad_request")
    # 413: a body over 8 MiB
    pad = "x" * (8 * 1024 * 1024 + 1024)
    big = json.dumps({"device_id": d1.id, "changes": [], "pad": pad}).encode()
    r = raw_socket_request("POST", "/v1/sync/push", {
        "X-Fieldbook-Protocol": PROTOCOL, "X-Fieldbook-Schema": str(SCHEMA_CUR),
        "Authorization": "Bearer " + d1.token, "Content-Type": "application/json"}, big)
    expect_error("push with a body over 8 MiB -> 413 too_large", r, 413, "too_large")
    # 413 after decompression
    bomb = gzip.compress(json.dumps({"device_id": d1.id, "changes": [], "pad": pad}).encode())
    r = raw_socket_request("POST", "/v1/sync/push", {
        "X-Fieldbook-Protocol": PROTOCOL, "X-Fieldbook-Schema": str(SCHEMA_CUR),
        "Authorization": "Bearer " + d1.token, "Content-Type": "application/json",
        "Content-Encoding": "gzip"}, bomb)
    expect_error("push with a gzip body of %d bytes that is over 8 MiB decompressed -> 413 too_large"
                 % len(bomb), r, 413, "too_large")
    # just under the limit is fine (limit is on the body, ≤ 8 MiB)
    pad = "x" * (8 * 1024 * 1024 - 200)
    ok_body = json.dumps({"device_id": d1.id, "changes": [], "pad": pad}).encode()
    r = raw_socket_request("POST", "/v1/sync/push", {
        "X-Fieldbook-Protocol": PROTOCOL, "X-Fieldbook-Schema": str(SCHEMA_CUR),
        "Authorization": "Bearer " + d1.token, "Content-Type": "application/json"}, ok_body)
    report(r.status != 413, "a body of %d bytes (≤ 8 MiB) is not refused as too large" % len(ok_body),
           "not 413", r)
    # unknown endpoints
    expect_error("GET /v1/nothing-here -> 404 not_found",
                 api("/v1/nothing-here", method="GET", token=d1.token), 404, "not_found")
    expect_error("POST /v1/sync/nothing -> 404 not_found",
                 api("/v1/sync/nothing", {"device_id": d1.id}, token=d1.token), 404, "not_found")
    expect_error("GET / -> 404 not_found", http_request("GET", "/"), 404, "not_found")
    expect_error("GET /v1/sync/pull (the endpoint is POST) -> 404 not_found",
                 api("/v1/sync/pull", method="GET", token=d1.token), 404, "not_found")
    expect_error("POST /v2/sync/pull -> 404 not_found",
                 api("/v2/sync/pull", {"device_id": d1.id, "cursor": ""}, token=d1.token), 404, "not_found")


# ---- push: sequencing ------------------------------------------------------------------

def s_push_sequence(c):
    section("push: sequence rules 1-3")
    d1 = c.dev["rep1"]
    c.refused_ids = []
    a_bad = uuid7()
    c.refused_ids.append(("account", a_bad))
    # rule 1: not sorted / gaps -> 400
    b = [d1.change("account", a_bad, "create", acct_fields("unsorted"), seq=2),
         d1.change("account", uuid7(), "create", acct_fields("unsorted 2"), seq=1)]
    r, _ = d1.push(b)
    expect_error("push with changes not sorted by seq -> 400", r, 400)
    a_bad2 = uuid7()
    c.refused_ids.append(("account", a_bad2))
    b = [d1.change("account", a_bad2, "create", acct_fields("gap"), seq=1),
         d1.change("account", uuid7(), "create", acct_fields("gap 2"), seq=3)]
    r, _ = d1.push(b)
    expect_error("push with a gap inside the batch -> 400", r, 400)
    # rule 3: first new seq must be last_seq + 1
    a_bad3 = uuid7()
    c.refused_ids.append(("account", a_bad3))
    r, _ = d1.push([d1.change("account", a_bad3, "create", acct_fields("gap first"), seq=2)])
    ok = expect_error("push starting at seq 2 on a new device -> 409 sequence_gap", r, 409, "sequence_gap")
    eq("sequence_gap body carries expected = last_seq + 1", r.j("expected"), 1)
    # first good push
    c.a1 = uuid7()
    ch1 = d1.change("account", c.a1, "create", dict(ACCOUNT_CREATE))
    t0 = now_ms()
    r, batch1 = d1.push([ch1])
    t1 = now_ms()
    expect_status("push seq 1 (create account) -> 200", r, 200)
    c.batch1, c.res1 = batch1, r.j("results")
    eq("push reply last_seq", r.j("last_seq"), 1)
    st = r.j("server_time_ms")
    report(isinstance(st, int) and t0 - 5000 <= st <= t1 + 5000, "push reply server_time_ms is now",
           "int near %d" % t0, st)
    res = (r.j("results") or [{}])[0]
    eq("create of a new account: outcome", res.get("outcome"), "applied")
    eq("create of a new account: result seq", res.get("seq"), 1)
    eq("applied result clocks name every field with the pushed stamp", res.get("clocks"),
       {f: ch1["hlc"] for f in ch1["fields"]})
    report(not res.get("clamped"), "a stamp of now is not clamped", "no clamped:true", res.get("clamped"))
    # rule 3 again with last_seq 1
    r, _ = d1.push([d1.change("account", a_bad3, "create", acct_fields("gap again"), seq=5)])
    expect_error("push starting at seq 5 with last_seq 1 -> 409 sequence_gap", r, 409, "sequence_gap")
    eq("sequence_gap expected", r.j("expected"), 2)
    # rule 2: replay
    r, _ = d1.push(batch1)
    expect_status("replay of seq 1 -> 200", r, 200)
    eq("replay answers with the stored outcome", r.j("results"), c.res1)
    eq("replay leaves last_seq", r.j("last_seq"), 1)
    alt = dict(batch1[0], fields=acct_fields("另一个名字", "C", "maturity"))
    r, _ = d1.push([alt], apply=False)
    expect_status("seq 1 re-sent with the same entity, id and hlc but other fields -> 200 (a replay)", r, 200)
    eq("that replay answers with the stored outcome", r.j("results"), c.res1)
    _, st = full_state(d1)
    eq("that replay applied nothing", (st.get(("account", c.a1)) or {}).get("fields"), ch1["fields"])
    c.k1 = uuid7()
    ch2 = d1.change("key_person", c.k1, "create", kp_fields(c.a1))
    r, b2 = d1.push(batch1 + [ch2])
    expect_status("replay of seq 1 together with new seq 2 -> 200", r, 200)
    res = r.j("results") or []
    eq("replayed+new batch: result seqs", [x.get("seq") for x in res], [1, 2])
    if len(res) == 2:
        eq("replayed+new batch: seq 1 answered with its stored outcome", res[0], c.res1[0] if c.res1 else None)
        eq("replayed+new batch: seq 2 applied", res[1].get("outcome"), "applied")
    eq("replayed+new batch: last_seq", r.j("last_seq"), 2)
    # sequence_reused: seq 2 again with another change
    for what, alt in (("another hlc", dict(ch2, hlc=d1.stamp())),
                      ("another id", dict(ch2, id=uuid7())),
                      ("another entity", dict(ch2, entity="account", fields=acct_fields("reused")))):
        alt = dict(alt, seq=2)
        if alt["id"] != c.k1:
            c.refused_ids.append((alt["entity"], alt["id"]))
        r, _ = d1.push([alt])
        expect_error("seq 2 re-sent with %s -> 409 sequence_reused" % what, r, 409, "sequence_reused")
        eq("sequence_reused expected (last_seq + 1)", r.j("expected"), 3)
    a_bad4 = uuid7()
    c.refused_ids.append(("account", a_bad4))
    r, _ = d1.push([dict(ch2, hlc=d1.stamp(), seq=2),
                    d1.change("account", a_bad4, "create", acct_fields("with reused"), seq=3)])
    expect_error("batch with a reused seq and a new seq -> 409 sequence_reused (whole batch)",
                 r, 409, "sequence_reused")
    # 501 changes -> 413; 500 -> fine
    abig = uuid7()
    c.refused_ids.append(("account", abig))
    chs = [d1.change("account", abig, "create", acct_fields("big batch"))]
    for i in range(500):
        chs.append(d1.change("account", abig, "update", {"tier": ["A", "B", "C", "KA"][i % 4]}))
    r, _ = d1.push(chs)
    expect_error("push of 501 changes -> 413 too_large", r, 413, "too_large")
    c.abig = uuid7()
    chs = [d1.change("account", c.abig, "create", acct_fields("batch of 500"))]
    for i in range(499):
        chs.append(d1.change("account", c.abig, "update", {"tier": ["A", "B", "C", "KA"][i % 4]}))
    r, _ = d1.push(chs)
    expect_status("push of exactly 500 changes -> 200", r, 200)
    res = r.j("results") or []
    report(len(res) == 500 and all(x.get("outcome") == "applied" for x in res),
           "500-change batch: 500 results, all applied", "500 applied",
           "%d results, outcomes %s" % (len(res), sorted(set(x.get("outcome") for x in res))))
    eq("500-change batch: last_seq", r.j("last_seq"), 502)
    # the refused batches changed nothing: last_seq is what sign-in reports
    login, name, role, team, pw = USERS["rep1"]
    r = api("/v1/auth/sign-in", {"login": login, "password": pw, "device_id": d1.id, "device_name": d1.label})
    expect_status("sign-in again on the same device -> 200", r, 200)
    eq("sign-in again reports the device's last_seq", r.j("last_seq"), d1.last_seq)
    if r.status == 200 and r.j("token"):
        d1.token = r.j("token")


# ---- push: rejections ------------------------------------------------------------------

def s_push_rejections(c):
    section("push: rule 4 rejections, record, replay")
    d1, d1b, d2, d3 = c.dev["rep1"], c.dev["rep1b"], c.dev["rep2"], c.dev["rep3"]
    # other reps' accounts
    c.a2 = uuid7()
    r, _ = d2.push([d2.change("account", c.a2, "create", acct_fields("王伟的客户"))])
    expect_status("rep2 creates an account", r, 200)
    c.a3 = uuid7()
    c.k3 = uuid7()
    r, _ = d3.push([d3.change("account", c.a3, "create", acct_fields("赵磊的客户")),
                    d3.change("key_person", c.k3, "create", kp_fields(c.a3, "赵经理"))])
    expect_status("rep3 (other team) creates an account and a key person", r, 200)
    # rep1: a role change and a second account
    c.r1 = uuid7()
    c.a1b = uuid7()
    c.r1_fields = rc_fields(c.a1, c.k1)
    r, _ = d1.push([d1.change("role_change", c.r1, "create", c.r1_fields),
                    d1.change("account", c.a1b, "create", acct_fields("第二个客户", "B", "maturity"))])
    expect_status("rep1 creates a role change and a second account", r, 200)
    # state before the batch (for "nothing of the change was applied")
    p, before = full_state(d1)
    new_a = uuid7()
    new_rc = uuid7()
    c.k2 = uuid7()
    cases = [
        ("valid update before rejections", d1.change("account", c.a1, "update", {"phone": "0571-8888 6666"}),
         "applied", None, None),
        ("enum value not allowed", d1.change("key_person", c.k1, "update", {"role": "chief"}),
         "rejected", "validation", ("key_person", c.k1)),
        ("create without required fields", d1.change("account", new_a, "create", {"name": "缺少字段"}),
         "rejected", "validation", None),
        ("date not YYYY-MM-DD", d1.change("role_change", new_rc, "create",
                                          rc_fields(c.a1, c.k1, date="2024/01/02")),
         "rejected", "validation", None),
        ("text over the length limit", d1.change("key_person", c.k1, "update", {"name": "长" * 100000}),
         "rejected", "validation", ("key_person", c.k1)),
        ("ref that is not a UUID", d1.change("key_person", uuid7(), "create", kp_fields("not-a-uuid")),
         "rejected", "validation", None),
        ("update of another team's account", d1.change("account", c.a3, "update", {"tier": "C"}),
         "rejected", "out_of_scope", None),
        ("update of another team's key person", d1.change("key_person", c.k3, "update", {"title": "x"}),
         "rejected", "out_of_scope", None),
        ("key person created under another team's account",
         d1.change("key_person", uuid7(), "create", kp_fields(c.a3, "越界")),
         "rejected", "out_of_scope", None),
        ("update of a same-team colleague's account", d1.change("account", c.a2, "update", {"tier": "C"}),
         "rejected", "out_of_scope", None),
        ("create with the id of another team's account", d1.change("account", c.a3, "create",
                                                                    acct_fields("抢占", "KA", "maturity")),
         "rejected", "out_of_scope", None),
        ("update of an unknown record", d1.change("account", uuid7(), "update", {"tier": "B"}),
         "rejected", "not_found", None),
        ("update of an append-only role change", d1.change("role_change", c.r1, "update",
                                                             {"effective_date": "2025-01-01"}),
         "rejected", "read_only", ("role_change", c.r1)),
        ("change of account_id (fixed at create)", d1.change("key_person", c.k1, "update",
                                                              {"account_id": c.a1b}),
         "rejected", "read_only", ("key_person", c.k1)),
        ("second create of an append-only record with other content",
         d1.change("role_change", c.r1, "create", rc_fields(c.a1, c.k1, date="2030-12-31")),
         "rejected", "conflict", ("role_change", c.r1)),
        ("valid create after rejections", d1.change("key_person", c.k2, "create", kp_fields(c.a1, "李四", "handler")),
         "applied", None, None),
    ]
    c.rej_batch_first = d1.last_seq + 1
    r, batch = d1.push([x[1] for x in cases])
    c.rej_batch = batch
    expect_status("batch mixing valid and invalid changes -> 200 (rejections do not fail the batch)", r, 200)
    res = r.j("results") or []
    eq("mixed batch: one result per change, in seq order", [x.get("seq") for x in res],
       [b["seq"] for b in batch])
    eq("mixed batch: last_seq covers the whole batch", r.j("last_seq"), batch[-1]["seq"] if batch else None)
    c.rej_results = res
    p_after, after = full_state(d1)
    for (what, ch, outcome, code, rec_key), x in zip(cases, res + [{}] * (len(cases) - len(res))):
        got = (x.get("outcome"), x.get("code"))
        report(got == (outcome, code), "%s -> %s%s" % (what, outcome, " " + code if code else ""),
               (outcome, code), "%s (%s)" % (got, x.get("message")))
        if outcome != "rejected" or x.get("outcome") != "rejected":
            continue
        report(isinstance(x.get("message"), str) and x.get("message"), "%s: rejected result has a message" % what,
               "non-empty string", x.get("message"))
        if "record" not in x:
            report(False, "%s: rejected result carries record" % what, "member record", sorted(x))
            continue
        rec = x.get("record")
        if rec_key is None:
            eq("%s: record is null (no such record in the caller's scope)" % what, rec, None)
        else:
            probs = record_problems(rec) if rec is not None else ["record is null"]
            report(not probs, "%s: record is in pull format" % what, "entity,id,hlc,fields,clocks", probs)
            if rec is not None and not probs:
                eq("%s: record is the server's current state" % what, norm(rec), after.get(rec_key))
                eq("%s: nothing of the change was applied" % what, after.get(rec_key), before.get(rec_key))
    report(("account", new_a) not in after, "rejected create left no record", "absent", after.get(("account", new_a)))
    _, r3_after = full_state(d3)
    eq("another team's account is unchanged by rep1's refused create and update",
       (r3_after.get(("account", c.a3)) or {}).get("fields"), acct_fields("赵磊的客户"))
    # append-only: a second create with the same content is a no-op
    r, _ = d1.push([d1.change("role_change", c.r1, "create", dict(c.r1_fields))])
    x = (r.j("results") or [{}])[0]
    report(r.status == 200 and x.get("outcome") in ("applied", "merged"),
           "second create of an append-only record with the same content is a no-op (not rejected)",
           "200 applied/merged", "%s %s" % (r.status, x))
    _, after2 = full_state(d1)
    eq("the no-op create left the append-only record unchanged", after2.get(("role_change", c.r1)),
       after.get(("role_change", c.r1)))
    # rule 4 "validation" for unknown entity / unknown field / wrong type: each alone in its own batch
    for what, ch in (("unknown entity", d1.change("visit", uuid7(), "create", {"name": "x"})),
                     ("unknown field", d1.change("account", c.a1, "update", {"nickname": "x"})),
                     ("field value of the wrong type", d1.change("account", c.a1, "update", {"tier": 5}))):
        r, _ = d1.push([ch])
        x = (r.j("results") or [{}])[0] if r.status == 200 else {}
        report(r.status == 200 and x.get("outcome") == "rejected" and x.get("code") == "validation",
               "%s is validated against the schema registry -> rejected validation (batch not failed)" % what,
               "200 with outcome rejected, code validation", r)
    # replayed batch with rejections: same outcomes, record read at the time of the answer
    r, _ = d1b.push([d1b.change("key_person", c.k1, "update", {"title": "董事长"})])
    expect_status("second device edits the key person after the rejections", r, 200)
    _, now_state = full_state(d1)
    r, _ = d1.push(batch, apply=False)
    expect_status("replay of the mixed batch -> 200", r, 200)
    rres = r.j("results") or []
    eq("replay of the mixed batch: same outcomes and codes",
       [(x.get("seq"), x.get("outcome"), x.get("code")) for x in rres],
       [(x.get("seq"), x.get("outcome"), x.get("code")) for x in res])
    for (what, ch, outcome, code, rec_key), x in zip(cases, rres):
        if rec_key == ("key_person", c.k1) and x.get("outcome") == "rejected":
            eq("replay: %s: record is the state at the time of the replay, not a stored one" % what,
               norm(x.get("record")) if isinstance(x.get("record"), dict) else x.get("record"),
               now_state.get(rec_key))
            break


# ---- clamping --------------------------------------------------------------------------

def s_clamp(c):
    section("push: rule 5 clamping")
    d1, d1b = c.dev["rep1"], c.dev["rep1b"]
    c.acl = uuid7()
    r, _ = d1.push([d1.change("account", c.acl, "create", acct_fields("时钟测试"))])
    expect_status("create the account for clamping", r, 200)
    # far future: clamped to server now
    far = now_ms() + 3600 * 1000
    ch = d1.change("account", c.acl, "update", {"tier": "B"}, hlc=d1.stamp(wall=far))
    t0 = now_ms()
    r, _ = d1.push([ch])
    t1 = now_ms()
    x = (r.j("results") or [{}])[0]
    eq("a stamp 1 h ahead: outcome", x.get("outcome"), "applied")
    eq("a stamp 1 h ahead: clamped", x.get("clamped"), True)
    s = (x.get("clocks") or {}).get("tier")
    p = parse_stamp(s or "")
    report(p is not None and t0 - 2000 <= p[0] <= t1 + 2000,
           "clamped stamp has the server's wall time", "wall within [%d, %d]" % (t0 - 2000, t1 + 2000),
           s)
    report(p is not None and p[2] == d1.id, "clamped stamp carries the pushing device's id", d1.id, s)
    report(p is not None and s < ch["hlc"], "clamped stamp is below the pushed one", "< " + ch["hlc"], s)
    _, st = full_state(d1)
    rec = st.get(("account", c.acl))
    eq("the clamped stamp is the one stored (pull)", (rec or {}).get("stamps", {}).get("tier"), s)
    # 40 s ahead: not clamped
    near = now_ms() + 40 * 1000
    ch = d1b.change("account", c.acl, "update", {"stage": "maturity"}, hlc=d1b.stamp(wall=near))
    r, _ = d1b.push([ch])
    x = (r.j("results") or [{}])[0]
    eq("a stamp 40 s ahead: outcome", x.get("outcome"), "applied")
    report(not x.get("clamped"), "a stamp 40 s ahead is not clamped", "no clamped:true", x.get("clamped"))
    eq("a stamp 40 s ahead is stored as sent", (x.get("clocks") or {}).get("stage"), ch["hlc"])
    # now the stored stamps are ahead of the server clock: clamp = max(stored) + 1 counter
    far = now_ms() + 3600 * 1000
    ch2 = d1.change("account", c.acl, "update", {"tier": "C"}, hlc=d1.stamp(wall=far))
    r, _ = d1.push([ch2])
    x = (r.j("results") or [{}])[0]
    eq("far-future stamp over stored stamps ahead of the server: clamped", x.get("clamped"), True)
    s2 = (x.get("clocks") or {}).get("tier")
    w, cnt, _ = parse_stamp(ch["hlc"])
    expect = fmt_stamp(w, cnt + 1, d1.id)
    eq("clamped stamp = max(server now, stored stamps) + 1 counter, with the pushing device's id", s2, expect)
    eq("clamped change won its field", x.get("outcome"), "applied")


# ---- merge -----------------------------------------------------------------------------

def s_merge(c):
    section("push: rule 6 merge (lww), merged outcome")
    d1, d1b = c.dev["rep1"], c.dev["rep1b"]
    base = now_ms()
    c.am = uuid7()
    s0 = d1.stamp(wall=base - 20000)
    r, _ = d1.push([d1.change("account", c.am, "create", acct_fields("合并测试", "A", "growth"), hlc=s0)])
    expect_status("create the account for merging", r, 200)
    # sync d1 so that its pull cursor holds the account
    d1.pull_all()
    s2 = fmt_stamp(base - 5000, 0, d1b.id)
    r, _ = d1b.push([d1b.change("account", c.am, "update", {"tier": "B"}, hlc=s2)])
    expect_status("second device writes tier with a later stamp", r, 200)
    s1 = fmt_stamp(base - 10000, 0, d1.id)
    ch = d1.change("account", c.am, "update", {"tier": "C", "stage": "maturity"}, hlc=s1)
    r, batch = d1.push([ch])
    x = (r.j("results") or [{}])[0]
    c.merge_batch, c.merge_result = batch, x
    eq("change whose tier is older than the stored one: outcome", x.get("outcome"), "merged")
    eq("merged: lost names the losing fields", x.get("lost"), ["tier"])
    eq("merged: clocks has the winning stamp for the lost field and the stored stamp for the won one",
       x.get("clocks"), {"tier": s2, "stage": s1})
    report(not x.get("clamped"), "merged: not clamped", "no clamped", x.get("clamped"))
    _, st = full_state(d1)
    rec = st.get(("account", c.am)) or {}
    eq("after merge the server holds the winner for the lost field and the change for the won one",
       (rec.get("fields", {}).get("tier"), rec.get("fields", {}).get("stage")), ("B", "maturity"))
    eq("after merge the stamps are the winners'", (rec.get("stamps", {}).get("tier"),
                                                  rec.get("stamps", {}).get("stage")), (s2, s1))
    r, _ = d1.push(batch, apply=False)
    eq("replay of a merged change answers the same merged outcome", (r.j("results") or [None])[0], x)
    # the merged record is not echo-suppressed: the winner comes with the next pull
    p = d1.pull_all()
    report(("account", c.am) in ids_of(p["records"]), "the pull after a merged outcome brings the record",
           "account %s in the pull" % c.am, ids_of(p["records"]))
    check_pull("rep1 incremental pull after merge", p, d1.replica.recs)
    rec = d1.replica.get(("account", c.am)) or {}
    eq("device copy after the pull holds the winning value", rec.get("fields", {}).get("tier"), "B")
    # a change losing every field: rep1's device holds tier at s2, the second device writes
    # tier at s3 > s2 meanwhile, rep1 then writes tier at s2 < s_old < s3
    s3 = fmt_stamp(base - 3000, 0, d1b.id)
    r, _ = d1b.push([d1b.change("account", c.am, "update", {"tier": "A"}, hlc=s3)])
    expect_status("second device writes tier again, later", r, 200)
    s_old = fmt_stamp(base - 4000, 0, d1.id)
    r, _ = d1.push([d1.change("account", c.am, "update", {"tier": "KA"}, hlc=s_old)])
    x = (r.j("results") or [{}])[0]
    eq("a change losing every field: outcome merged", x.get("outcome"), "merged")
    eq("a change losing every field: lost", x.get("lost"), ["tier"])
    p = d1.pull_all()
    check_pull("rep1 incremental pull after a change lost every field", p, d1.replica.recs)


# ---- value encoding --------------------------------------------------------------------

def s_values(c):
    section("value encoding")
    d1 = c.dev["rep1"]
    r, _ = d1.push([d1.change("account", c.a1, "update", {"phone": "13800571234"})])
    eq("set a phone: outcome", (r.j("results") or [{}])[0].get("outcome"), "applied")
    ch = d1.change("account", c.a1, "update", {"phone": None})
    r, _ = d1.push([ch])
    x = (r.j("results") or [{}])[0]
    eq("null clears a field: outcome", x.get("outcome"), "applied")
    _, st = full_state(d1)
    rec = st.get(("account", c.a1)) or {}
    f = rec.get("fields", {})
    report(f.get("phone", None) is None, "a cleared field reads null in the pull", "null", f.get("phone"))
    eq("a cleared field keeps its stamp", rec.get("stamps", {}).get("phone"), ch["hlc"])
    name = "杭州恒达建材有限公司 \"引号\" \\ 𠀀 é"
    r, _ = d1.push([d1.change("account", c.a1, "update", {"name": name})])
    _, st = full_state(d1)
    eq("non-ASCII text round-trips unchanged", (st.get(("account", c.a1)) or {}).get("fields", {}).get("name"), name)
    p = d1.pull_all()
    check_pull("rep1 incremental pull after value changes", p, d1.replica.recs)


# ---- pull ------------------------------------------------------------------------------

def s_pull(c):
    section("pull: full pass, paging, remaining, digest, previous schema")
    d1 = c.dev["rep1"]
    p, recs = full_state(d1, limit=3)
    check_pull("rep1 full pass (limit 3)", p, recs)
    report(len(p["pages"]) >= 3, "a small limit splits the pull into several pages", ">= 3 pages", len(p["pages"]))
    ids = ids_of(p["records"])
    eq("full pass: every record comes once", len(ids), len(set(ids)))
    if p["scope"]:
        eq("full pass: number of records equals scope count", len(ids), p["scope"][0])
        eq("remaining of a full pass from an empty cursor equals scope count", p["remaining_first"], p["scope"][0])
    own = [("account", c.a1), ("key_person", c.k1), ("role_change", c.r1), ("account", c.a1b),
           ("account", c.abig), ("account", c.acl), ("account", c.am), ("key_person", c.k2)]
    missing = [k for k in own if k not in ids]
    report(not missing, "full:true on every page brings the device's own writes", "all own records", missing)
    for k in c.refused_ids:
        if k in ids:
            report(False, "a change of a refused batch was not applied", "absent", k)
    # remaining on every page
    p = d1.pull_all(cursor="", limit=4, full=True, apply=False, remaining_every_page=True)
    total = len(p["records"])
    bad = [(before, rem, total - before) for before, rem in p["remaining"] if rem != total - before]
    report(p["ok"] and not bad and len(p["remaining"]) == len(p["pages"]),
           "remaining counts the records after the cursor, the page's included (every page)",
           "remaining == records still to come", bad or p["problems"])
    # without full (from the second page on) the device's own marked writes are left out
    p1 = d1.pull_page("", limit=3, count_remaining=True)
    nf = {"records": list((p1.json or {}).get("records", []))}
    cur = (p1.json or {}).get("cursor", "")
    more = (p1.json or {}).get("more")
    for _ in range(1000):
        if not more:
            break
        r = d1.pull_page(cur, limit=3)
        nf["records"].extend((r.json or {}).get("records", []))
        cur = (r.json or {}).get("cursor", "")
        more = (r.json or {}).get("more")
    nids = ids_of(nf["records"])
    left_out = [k for k in ids if k not in nids]

    def last_writer(k):
        st = recs.get(k, {}).get("stamps", {})
        p = parse_stamp(max(st.values())) if st else None
        return p[2] if p else None
    foreign = [k for k in left_out if last_writer(k) != d1.id]
    report(len(left_out) > 0 and not foreign,
           "pages after the first without full leave out only the device's own writes (echo suppression)",
           "some records last written by rep1's device missing, nothing else",
           "left out %d, of which written last by others: %s" % (len(left_out), foreign))
    report(not (set(nids) - set(ids)), "a pull without full brings nothing outside the full pass",
           "subset", set(nids) - set(ids))
    r = d1.pull_page("", limit=2, count_remaining=True)
    if p["scope"] and r.status == 200:
        eq("remaining from an empty cursor without full equals scope count", (r.json or {}).get("remaining"),
           p["scope"][0])
    # count_remaining absent -> no remaining
    r = d1.pull_page("", limit=2)
    report(r.status == 200 and "remaining" not in (r.json or {}), "remaining absent without count_remaining",
           "no remaining", r)
    r, _ = d1.push([d1.change("account", c.a1b, "update", {"tier": "A"})], schema=SCHEMA_PREV)
    eq("a device on the previous schema pushes: applied",
       (r.status, ((r.j("results") or [{}])[0]).get("outcome")), (200, "applied"))
    # huge limit is clamped, not refused
    r = d1.pull_page("", limit=1000000, full=True)
    report(r.status == 200 and len((r.json or {}).get("records", [])) <= 2000,
           "limit 1000000 is clamped (200, ≤ 2000 records)", "200", r.status)
    # previous schema version
    pp, precs = full_state(d1, schema=SCHEMA_PREV, limit=5)
    check_pull("rep1 full pass with the previous schema (%d)" % SCHEMA_PREV, pp, precs)
    extra = []
    for key, rec in precs.items():
        cur_rec = recs.get(key)
        if cur_rec is None:
            extra.append(("record", key))
            continue
        for f in rec["fields"]:
            if f not in cur_rec["fields"]:
                extra.append((key, f))
    report(not extra, "previous schema receives only fields and entities the current one has", "nothing extra", extra)


# ---- echo suppression ------------------------------------------------------------------

def s_echo(c):
    section("pull: echo suppression")
    d1, d1b = c.dev["rep1"], c.dev["rep1b"]
    p = d1.pull_all()
    check_pull("rep1 sync before echo tests", p, d1.replica.recs)
    c0 = d1.cursor
    ae = uuid7()
    key = ("account", ae)
    push_expect("echo: rep1 creates a new account -> applied", d1,
                [d1.change("account", ae, "create", acct_fields("回声测试"))])

    def pulled(cursor, full=False):
        p = d1.pull_all(cursor=cursor, full=full, apply=False, count_remaining=True)
        return p, key in ids_of(p["records"])

    p, there = pulled(c0)
    report(not there, "own applied create is not echoed to the device (cursor, no full)", "absent", "present")
    report(p["remaining_first"] == len(p["records"]),
           "remaining from a cursor counts with the same echo suppression", len(p["records"]),
           p["remaining_first"])
    p, there = pulled(c0, full=True)
    report(there, "full:true from a cursor brings the device's own write", "present", "absent")
    report(p["remaining_first"] == len(p["records"]), "remaining of a full pass from a cursor counts everything",
           len(p["records"]), p["remaining_first"])
    push_expect("echo: rep1 updates its own new account -> applied", d1,
                [d1.change("account", ae, "update", {"tier": "B"})])
    p, there = pulled(c0)
    report(not there, "own applied update of an own marked write is not echoed", "absent", "present")
    d1b.pull_all()  # a real device syncs (and so sees the latest stamps) before it writes
    push_expect("echo: second device updates the account -> applied", d1b,
                [d1b.change("account", ae, "update", {"stage": "maturity"})])
    p, there = pulled(c0)
    report(there, "a write by another device clears the mark: record is pulled", "present", "absent")
    p = d1.pull_all()
    check_pull("rep1 sync after another device's write", p, d1.replica.recs)
    c1 = d1.cursor
    push_expect("echo: rep1 updates, push cursor holds the latest version -> applied", d1,
                [d1.change("account", ae, "update", {"tier": "C"})], cursor=c1)
    p, there = pulled(c1)
    report(not there, "own write merged with a version at or below the push cursor is not echoed",
           "absent", "present")
    c2 = d1.cursor
    d1b.pull_all()  # a real device syncs (and so sees the latest stamps) before it writes
    push_expect("echo: second device updates again -> applied", d1b,
                [d1b.change("account", ae, "update", {"name": "回声测试二"})])
    push_expect("echo: rep1 updates with a push cursor older than the stored version -> applied", d1,
                [d1.change("account", ae, "update", {"tier": "KA"})], cursor=c2)
    p, there = pulled(c2)
    report(there, "own write merged with a version above the push cursor is pulled back", "present", "absent")
    p = d1.pull_all()
    check_pull("rep1 sync after echo tests", p, d1.replica.recs)
    # a push without cursor on top of another device's write
    d1b.pull_all()  # a real device syncs (and so sees the latest stamps) before it writes
    push_expect("echo: second device updates once more -> applied", d1b,
                [d1b.change("account", ae, "update", {"stage": "growth"})])
    c3 = d1.cursor
    push_expect("echo: rep1 updates without a push cursor -> applied", d1,
                [d1.change("account", ae, "update", {"tier": "A"})], cursor="")
    p, there = pulled(c3)
    report(there, "own write pushed without cursor on top of another device's write is pulled back",
           "present", "absent")
    p = d1.pull_all()
    check_pull("rep1 sync after a push without cursor", p, d1.replica.recs)
    # a merged write (some field lost) is not marked: the record comes back
    held = d1.replica.get(key) or {"stamps": {}}
    w = max(parse_stamp(x)[0] for x in held["stamps"].values()) if held["stamps"] else now_ms()
    pending = d1.change("account", ae, "update", {"tier": "C", "stage": "maturity"},
                        hlc=fmt_stamp(w + 1000, 0, d1.id))          # written offline, still waiting
    d1b.pull_all()
    push_expect("echo: second device writes tier later than rep1's waiting change -> applied", d1b,
                [d1b.change("account", ae, "update", {"tier": "B"}, hlc=fmt_stamp(w + 2000, 0, d1b.id))])
    p = d1.pull_all()   # the pull merges: rep1's copy takes the later tier, its change still waits
    c4 = d1.cursor
    r, x = push_expect("echo: rep1 pushes its waiting change -> merged", d1, [pending], outcome="merged")
    p, there = pulled(c4)
    report(there, "a merged (not applied) own write is not echo-suppressed", "present", "absent")
    p = d1.pull_all()
    check_pull("rep1 sync at the end of echo tests", p, d1.replica.recs)
    # the malformed push cursor
    r = api("/v1/sync/push", {"device_id": d1.id, "cursor": "not a cursor!", "changes": []}, token=d1.token)
    expect_error("push with a malformed cursor -> 400", r, 400)


# ---- commit order ----------------------------------------------------------------------

def s_commit_order(c):
    section("pull: commit order")
    d2 = c.dev["rep2"]
    b1, b2 = uuid7(), uuid7()
    d2.push([d2.change("account", b1, "create", acct_fields("顺序一"))])
    d2.push([d2.change("account", b2, "create", acct_fields("顺序二"))])
    r, _ = d2.push([d2.change("account", b1, "update", {"tier": "B"})])
    expect_status("rep2: create B1, create B2, update B1", r, 200)
    c.b1, c.b2 = b1, b2
    p, recs = full_state(d2, limit=1)
    check_pull("rep2 full pass (limit 1)", p, recs)
    ids = ids_of(p["records"])
    order = [k for k in ids if k in (("account", c.a2), ("account", b1), ("account", b2))]
    eq("records come in commit order (last write last)", order,
       [("account", c.a2), ("account", b2), ("account", b1)])


# ---- scope -----------------------------------------------------------------------------

def s_scope(c):
    section("scope")
    d1, d2, d3, dm = c.dev["rep1"], c.dev["rep2"], c.dev["rep3"], c.dev["mgr"]
    p1, r1 = full_state(d1)
    p2, r2 = full_state(d2)
    p3, r3 = full_state(d3)
    pm, rm = full_state(dm, limit=7)
    check_pull("rep2 full pass", p2, r2)
    check_pull("rep3 full pass", p3, r3)
    check_pull("manager full pass", pm, rm)

    def accounts_of(recs):
        out = set()
        for (e, i), r in recs.items():
            out.add(i if e == "account" else r["fields"].get("account_id") or r["fields"].get("referrer_account_id"))
        return out

    a1s, a2s, a3s, ams = accounts_of(r1), accounts_of(r2), accounts_of(r3), accounts_of(rm)
    report(not (a1s & a2s), "rep1 and rep2 (same team) never receive each other's records", "disjoint",
           a1s & a2s)
    report(not (a1s & a3s) and not (a2s & a3s), "reps never receive another team's rep's records",
           "disjoint", (a1s | a2s) & a3s)
    report(c.a3 in a3s, "rep3 receives its own account", "present", "absent")
    eq("manager receives exactly the records of the team's reps", set(rm), set(r1) | set(r2))
    report(c.a3 not in ams, "manager does not receive another team's account", "absent", "present")
    # a manager's scope for pushes is the team's accounts
    dm.pull_all()
    r, x = push_expect("manager updates a team rep's account -> applied", dm,
                       [dm.change("account", c.a1, "update", {"stage": "maturity"})])
    r, _ = dm.push([dm.change("account", c.a3, "update", {"stage": "maturity"})])
    x = (r.j("results") or [{}])[0]
    eq("manager updates another team's account -> rejected out_of_scope", (x.get("outcome"), x.get("code")),
       ("rejected", "out_of_scope"))
    p = d1.pull_all()
    report(("account", c.a1) in ids_of(p["records"]), "the rep receives the manager's change", "present",
           ids_of(p["records"]))
    check_pull("rep1 pull after the manager's change", p, d1.replica.recs)
    # an empty scope digests to count 0 and the XOR of nothing
    db = c.dev["bulk"]
    p, rb = full_state(db)
    check_pull("rep with an empty scope: full pass", p, rb)
    eq("empty scope digest", p["scope"], (0, "0" * 64))
    # rep1's reply for rep3's record is null (out of scope) -- checked in rejections; manager pull also
    r = dm.pull_all()
    check_pull("manager incremental pull", r, dm.replica.recs)


# ---- sequence_reused renumbering -------------------------------------------------------

def s_sequence_reused(c):
    section("sequence_reused: renumbering after a restore")
    ds = c.dev["rep2s"]
    b5, b6, b7 = uuid7(), uuid7(), uuid7()
    r, _ = ds.push([ds.change("account", b5, "create", acct_fields("恢复测试"))])
    expect_status("seq 1 create", r, 200)
    upd = ds.change("account", b5, "update", {"tier": "KA"})   # in the "backup" outbox as seq 2
    r, _ = ds.push([dict(upd)])
    expect_status("seq 2 update", r, 200)
    r, _ = ds.push([ds.change("account", b6, "create", acct_fields("恢复后丢失的"))])
    expect_status("seq 3 create", r, 200)
    _, before = full_state(ds)
    # restored from a backup taken when seq 2 was still waiting: outbox [2: upd], new write as 3
    new = ds.change("account", b7, "create", acct_fields("恢复后新写的"))
    r, _ = ds.push([dict(upd, seq=2), dict(new, seq=3)], apply=False)
    expect_error("restored device re-sends seq 2 (same) and seq 3 (other change) -> 409 sequence_reused",
                 r, 409, "sequence_reused")
    exp = r.j("expected")
    eq("sequence_reused expected", exp, 4)
    if not isinstance(exp, int):
        return
    r, _ = ds.push([dict(upd, seq=exp), dict(new, seq=exp + 1)], apply=False)
    expect_status("renumbered outbox pushed from expected -> 200", r, 200)
    res = r.j("results") or [{}, {}]
    report(len(res) == 2 and res[0].get("outcome") in ("applied", "merged"),
           "an already applied change re-sent under a new seq is not rejected", "applied/merged", res[:1])
    if len(res) == 2:
        eq("the new change under its new seq is applied", res[1].get("outcome"), "applied")
    eq("last_seq after renumbering", r.j("last_seq"), exp + 1)
    _, after = full_state(ds)
    eq("the re-sent change merged as a no-op", after.get(("account", b5)), before.get(("account", b5)))
    ds.last_seq = r.j("last_seq") if isinstance(r.j("last_seq"), int) else ds.last_seq


# ---- gzip ------------------------------------------------------------------------------

def s_gzip(c):
    section("gzip")
    d1 = c.dev["rep1"]
    ag = uuid7()
    r, _ = d1.push([d1.change("account", ag, "create", acct_fields("压缩测试"))], gzip_req=True)
    expect_status("push with a gzip request body -> 200", r, 200)
    eq("gzip push applied", (r.j("results") or [{}])[0].get("outcome"), "applied")
    r = d1.pull_page("", limit=500, full=True, accept_gzip=True)
    expect_status("pull with Accept-Encoding: gzip -> 200", r, 200)
    enc = r.headers.get("content-encoding", "")
    report(enc.lower() == "gzip", "a large reply (%d bytes JSON) to Accept-Encoding: gzip is gzip-compressed"
           % len(r.body), "Content-Encoding: gzip", enc or "(none)")
    report(r.gzip_error is None and isinstance(r.json, dict), "the compressed reply decompresses to JSON",
           "JSON", r.gzip_error or r)
    r = d1.pull_page("", limit=500, full=True, accept_gzip=False)
    report(r.headers.get("content-encoding", "identity").lower() in ("identity", ""),
           "no gzip reply without Accept-Encoding: gzip", "no Content-Encoding",
           r.headers.get("content-encoding"))
    r = api("/v1/sync/pull", {"device_id": d1.id, "cursor": "", "limit": 10}, token=d1.token,
            gzip_req=True, accept_gzip=True)
    expect_status("pull with gzip request and gzip reply -> 200", r, 200)
    r = api("/v1/nothing", {"x": 1}, token=d1.token, accept_gzip=True)
    expect_error("an error reply to Accept-Encoding: gzip still has the error body", r, 404, "not_found")
    d1.pull_all()


# ---- bulk paging -----------------------------------------------------------------------

def s_bulk_paging(c):
    section("pull: large scope, limit clamp")
    db = c.dev["bulk"]
    a = uuid7()
    r, _ = db.push([db.change("account", a, "create", acct_fields("大客户"))])
    expect_status("bulk rep creates an account", r, 200)
    n = 1
    for b in range(5):
        chs = [db.change("key_person", uuid7(), "create", kp_fields(a, "联系人%d" % (b * 500 + i), "other"))
               for i in range(500)]
        r, _ = db.push(chs)
        if r.status != 200:
            report(False, "bulk push of 500 key persons", 200, r)
            return
        n += sum(1 for x in r.j("results") or [] if x.get("outcome") == "applied")
    report(n == 2501, "2,501 records created in scope", 2501, n)
    r = db.pull_page("", limit=5000, count_remaining=True, full=True)
    j = r.json if isinstance(r.json, dict) else {}
    k = len(j.get("records", []))
    report(r.status == 200 and 0 < k <= 2000 and j.get("more") is True,
           "limit 5000 is clamped to at most 2,000 records, more: true", "≤ 2000 records and more",
           "%s records, more %s" % (k, j.get("more")))
    eq("remaining from an empty cursor = scope size", j.get("remaining"), 2501)
    if j.get("cursor"):
        r2 = db.pull_page(j["cursor"], limit=5000, count_remaining=True, full=True)
        eq("remaining from the second page's cursor", (r2.json or {}).get("remaining"), 2501 - k)
    p, recs = full_state(db, limit=700)
    check_pull("bulk rep full pass (limit 700)", p, recs)
    eq("bulk full pass sizes", p["sizes"], [700, 700, 700, 401])


def s_big_page(c):
    section("pull: a page ends early once its records pass 4 MiB")
    dg = c.dev["big"]
    # 2,000 accounts of about 3 KB of JSON each (control characters are sent as \u00XX)
    for b in range(4):
        chs = []
        for i in range(500):
            f = {"name": "\x01" * 100, "tier": "A", "stage": "growth", "address": "\x02" * 200,
                 "region": "\x03" * 40, "industry": "\x04" * 40, "assigned_rep": "\x05" * 64}
            chs.append(dg.change("account", uuid7(), "create", f))
        r, _ = dg.push(chs)
        res = r.j("results") or []
        if not report(r.status == 200 and all(x.get("outcome") == "applied" for x in res),
                      "push 500 large accounts (batch %d)" % (b + 1), "200 all applied",
                      r if r.status != 200 else sorted(set((x.get("outcome"), x.get("message")) for x in res))):
            return
    r = dg.pull_page("", limit=2000, full=True)
    j = r.json if isinstance(r.json, dict) else {}
    n = len(j.get("records", []))
    size = len(r.body)
    report(r.status == 200 and j.get("more") is True and 0 < n < 2000,
           "a page whose records pass 4 MiB ends early with more: true", "fewer than 2000 records, more",
           "%d records, more %r, %d bytes" % (n, j.get("more"), size))
    last = len(json.dumps(j["records"][-1], ensure_ascii=False).encode()) if n else 0
    report(4 * 1024 * 1024 < size <= 4 * 1024 * 1024 + last + 4096,
           "the early page ends once its records pass 4 MiB (no sooner, no later)",
           "4 MiB < body ≤ 4 MiB + one record", "%d bytes (one record ≈ %d)" % (size, last))
    p, recs = full_state(dg, limit=2000)
    check_pull("big rep full pass (limit 2000)", p, recs)
    eq("big rep full pass brings every record", len(recs), 2000)


# ---- reassignment, purge, revocation --------------------------------------------------

def s_reassign(c):
    section("reassignment and purge; revocation")
    d1, d2, dm, d3, d2r = c.dev["rep1"], c.dev["rep2"], c.dev["mgr"], c.dev["rep3"], c.dev["rep2r"]
    ap, kp, rp, aq = uuid7(), uuid7(), uuid7(), uuid7()
    r, _ = d1.push([d1.change("account", ap, "create", acct_fields("转移客户")),
                    d1.change("key_person", kp, "create", kp_fields(ap, "转移联系人")),
                    d1.change("role_change", rp, "create", rc_fields(ap, kp)),
                    d1.change("account", aq, "create", acct_fields("转给外队"))])
    expect_status("rep1 creates an account with key person and role change to reassign", r, 200)
    r, _ = d2r.push([d2r.change("account", uuid7(), "create", acct_fields("将被吊销"))])
    expect_status("device to be revoked pushes", r, 200)
    for d in (d1, d2, dm, d3):
        d.pull_all()
    cp = d1.cursor
    srv = c.srv
    srv.stop()
    rc, out = srv.admin("assign", ap, "--to", USERS["rep2"][0])
    ok = report(rc == 0, "admin assign account to wang.wei", "exit 0", "exit %d: %s" % (rc, out))
    rc2, out2 = srv.admin("revoke-device", d2r.id)
    okr = report(rc2 == 0, "admin revoke-device", "exit 0", "exit %d: %s" % (rc2, out2))
    if not srv.start():
        report(False, "server restarts", "listening", "no")
        return
    if ok:
        p = d1.pull_all()
        check_pull("rep1 pull after reassignment", p, d1.replica.recs)
        report(ap in p["purge"], "purge lists the account that left rep1's scope", ap, p["purge"])
        ids = ids_of(p["records"])
        report(not ({("account", ap), ("key_person", kp), ("role_change", rp)} & set(ids)),
               "records of the purged account are not sent", "none", ids)
        p = d2.pull_all()
        check_pull("rep2 pull after reassignment", p, d2.replica.recs)
        ids = ids_of(p["records"])
        report({("account", ap), ("key_person", kp), ("role_change", rp)} <= set(ids),
               "the new owner receives the account and everything under it", "all three", ids)
        report(ap not in p["purge"], "the new owner gets no purge for it", "absent", p["purge"])
        p = dm.pull_all()
        check_pull("manager pull after reassignment within the team", p, dm.replica.recs)
        report(ap not in p["purge"], "manager: no purge for an account reassigned within the team", "absent",
               p["purge"])
        r, _ = d1.push([d1.change("account", ap, "update", {"tier": "C"})])
        x = (r.j("results") or [{}])[0]
        eq("rep1 updates the reassigned account -> rejected out_of_scope",
           (x.get("outcome"), x.get("code")), ("rejected", "out_of_scope"))
        eq("the out_of_scope rejection carries record null", x.get("record", "missing"), None)
        d1.pull_all()
    if okr:
        r, _ = d2r.push([d2r.change("account", uuid7(), "create", acct_fields("吊销后"))])
        expect_error("push from a revoked device -> 403 device_revoked", r, 403, "device_revoked")
        r = d2r.pull_page(d2r.cursor)
        expect_error("pull from a revoked device -> 403 device_revoked", r, 403, "device_revoked")
        r = d2r.sign_in()
        expect_error("sign-in with a revoked device id -> 403 device_revoked", r, 403, "device_revoked")
        r = api("/v1/sync/ack-revocation", {"device_id": d2r.id}, token=d2r.token)
        expect_status("ack-revocation -> 204", r, 204)
        report(r.body == b"", "204 has no body", "empty", r.body[:100])
        r = d2r.sign_in()
        expect_error("a revoked device id stays revoked after ack (sign-in -> 403 device_revoked)",
                     r, 403, "device_revoked")
        nd = Device(d2r.login, d2r.password, "after wipe")
        expect_status("after the wipe a new device id signs in -> 200", nd.sign_in(), 200)
    if not ok:
        return
    # back again, and one to another team
    srv.stop()
    rc, out = srv.admin("assign", ap, "--to", USERS["rep1"][0])
    ok2 = report(rc == 0, "admin assign the account back to li.na", "exit 0", "exit %d: %s" % (rc, out))
    rc, out = srv.admin("assign", aq, "--to", USERS["rep3"][0])
    ok3 = report(rc == 0, "admin assign an account to zhao.lei (other team)", "exit 0", "exit %d: %s" % (rc, out))
    if not srv.start():
        report(False, "server restarts", "listening", "no")
        return
    if ok2:
        p = d1.pull_all(cursor=cp, apply=False)
        report(ap not in p["purge"], "an account back in scope is not listed in purge (old cursor)",
               "absent", p["purge"])
        report({("account", ap), ("key_person", kp), ("role_change", rp)} <= set(ids_of(p["records"])),
               "an account back in scope comes again with its records (old cursor)", "all three",
               ids_of(p["records"]))
        p = d1.pull_all()
        check_pull("rep1 pull after the account came back", p, d1.replica.recs)
        report({("account", ap), ("key_person", kp), ("role_change", rp)} <= set(ids_of(p["records"])),
               "an account back in scope comes again with its records", "all three", ids_of(p["records"]))
        report(ap not in p["purge"], "an account back in scope is not listed in purge", "absent", p["purge"])
        p = d2.pull_all()
        check_pull("rep2 pull after the account left again", p, d2.replica.recs)
        report(ap in p["purge"], "purge lists the account for rep2", ap, p["purge"])
    if ok3:
        p = dm.pull_all()
        check_pull("manager pull after an account left the team", p, dm.replica.recs)
        report(aq in p["purge"], "manager: purge lists an account moved to another team", aq, p["purge"])
        p = d3.pull_all()
        check_pull("rep3 pull after receiving an account", p, d3.replica.recs)
        report(("account", aq) in ids_of(p["records"]), "rep3 receives the account moved to it", "present",
               ids_of(p["records"]))
    for name, d in (("rep1", d1), ("rep2", d2), ("manager", dm), ("rep3", d3)):
        pf, recs = full_state(d)
        check_pull("%s full pass after reassignments" % name, pf, recs)
        eq("%s device copy equals a fresh full pass" % name, d.replica.recs, recs)


# ---- concurrency ---------------------------------------------------------------------

def s_concurrency(c):
    section("concurrent pushes (busy / Retry-After)")
    devs = []
    for key in ("rep1", "rep2", "rep3", "bulk"):
        login, name, role, team, pw = USERS[key]
        d = Device(login, pw, "concurrent %s" % key)
        if d.sign_in().status != 200:
            report(False, "sign-in for the concurrency test", 200, "failed")
            return
        devs.append(d)
    outcomes = {d.id: [] for d in devs}
    created = {d.id: [] for d in devs}

    def worker(d):
        acc = uuid7()
        created[d.id].append(acc)
        batches = [[d.change("account", acc, "create", acct_fields("并发 %s" % d.label))]]
        for b in range(5):
            batches.append([d.change("account", acc, "update", {"tier": ["A", "B", "C", "KA"][(b + i) % 4]})
                            for i in range(50)])
        for batch in batches:
            for attempt in range(20):
                r, _ = d.push(batch, apply=False)
                outcomes[d.id].append((r.status, r.headers.get("retry-after"), r.json))
                if r.status == 429:
                    try:
                        time.sleep(min(float(r.headers.get("retry-after", "1")), 5))
                    except ValueError:
                        time.sleep(1)
                    continue
                break

    threads = [threading.Thread(target=worker, args=(d,)) for d in devs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    allr = [o for d in devs for o in outcomes[d.id]]
    odd = [o for o in allr if o[0] not in (200, 429)]
    report(not odd, "concurrent pushes from 4 devices answer 200 or 429 (%d requests, %d busy)"
           % (len(allr), sum(1 for o in allr if o[0] == 429)), "200/429 only", odd[:3])
    busy = [o for o in allr if o[0] == 429]
    bad_busy = [o for o in busy if not (o[1] and o[1].strip().isdigit() and isinstance(o[2], dict)
                                       and o[2].get("error") == "busy")]
    report(not bad_busy, "every 429 carries Retry-After and error busy", "Retry-After + busy", bad_busy[:3])
    eq("every device's pushes were all taken (last_seq 251 each)", [d.last_seq for d in devs], [251] * len(devs))


# ---- sign-out --------------------------------------------------------------------------

def s_sign_out(c):
    section("sign-out")
    d1, d1b = c.dev["rep1"], c.dev["rep1b"]
    r = api("/v1/auth/sign-out", {"device_id": d1b.id}, token=d1.token)
    expect_error("sign-out with the token of another device -> 400 bad_request", r, 400, "bad_request")
    r = api("/v1/sync/pull", {"device_id": d1.id, "cursor": "", "limit": 1}, token=d1.token)
    expect_status("the refused sign-out changed nothing", r, 200)
    seq_before = d1b.last_seq
    r = api("/v1/auth/sign-out", {"device_id": d1b.id}, token=d1b.token)
    expect_status("sign-out -> 204", r, 204)
    report(r.body == b"", "204 sign-out has no body", "empty", r.body[:100])
    r = api("/v1/sync/pull", {"device_id": d1b.id, "cursor": "", "limit": 1}, token=d1b.token)
    expect_error("pull with a signed-out token -> 401 unauthenticated", r, 401, "unauthenticated")
    r, _ = d1b.push([d1b.change("account", uuid7(), "create", acct_fields("签退后"))])
    expect_error("push with a signed-out token -> 401 unauthenticated", r, 401, "unauthenticated")
    r = api("/v1/auth/sign-out", {"device_id": d1b.id}, token=d1b.token)
    expect_error("sign-out again with the same token -> 401 unauthenticated", r, 401, "unauthenticated")
    r = d1b.sign_in()
    expect_status("signing in again on the same device -> 200", r, 200)
    eq("signing in again continues the device's sequence (last_seq kept)", r.j("last_seq"), seq_before)
    r, _ = d1b.push([d1b.change("account", c.a1, "update", {"tier": "B"})])
    expect_status("push after signing in again continues at last_seq + 1", r, 200)


# ---- final -----------------------------------------------------------------------------

def s_final(c):
    section("whole-run checks")
    d1 = c.dev["rep1"]
    _, recs = full_state(d1)
    hit = [k for k in getattr(c, "refused_ids", []) if k in recs]
    report(not hit, "no change of a refused (4xx) batch was ever applied", "none", hit)
    bad = [(w, s, b) for (w, s, b) in ERROR_RESPONSES if not _is_error_body(b)]
    report(not bad, "every 4xx/5xx response (%d seen) has the body {\"error\", \"message\"}"
           % len(ERROR_RESPONSES), "all", bad[:5])
    report(not JSON_CT_PROBLEMS, "every JSON response has Content-Type: application/json", "all",
           JSON_CT_PROBLEMS[:5])


def _is_error_body(b):
    try:
        j = json.loads(b.decode("utf-8"))
    except Exception:
        return False
    return (isinstance(j, dict) and isinstance(j.get("error"), str) and j["error"]
            and isinstance(j.get("message"), str) and j["message"])


def main():
    if len(sys.argv) != 2:
        print("usage: conformance.py FIELDBOOK_SERVER", file=sys.stderr)
        return 2
    binary = os.path.abspath(sys.argv[1])
    if not os.access(binary, os.X_OK):
        print("not an executable: %s" % binary, file=sys.stderr)
        return 2

    def on_signal(signum, frame):
        raise KeyboardInterrupt()
    signal.signal(signal.SIGTERM, on_signal)
    try:
        run(binary)
    except KeyboardInterrupt:
        report(False, "run completed", "completion", "interrupted")
    print("%d passed, %d failed" % (PASSED, FAILED))
    return 0 if FAILED == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
