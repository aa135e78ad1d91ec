#!/usr/bin/env python3
"""Independent conformance test of fieldbook-server against docs/sync-protocol.md.

usage: conformance.py FIELDBOOK_SERVER

Written from the protocol document alone (plus `fieldbook-server --help` and `admin COMMAND
--help` for the admin commands). It speaks only the documented wire format over real HTTP,
builds its own JSON, HLC stamps and UUIDs, and uses no code of the project. Python 3
standard library only. Reference data (global scope) and owned records (owner scope) are made
with the admin commands `catalogue import`, `policy set` and `stock receive`.

Prints one line per check ("ok: ..." or "FAIL: ... expected X, got Y") and ends with
"N passed, M failed"; the exit status is 0 only when nothing failed.

Entities, fields, types, required fields, limits and allowed values come from what the
server answers at GET /v1/schema, which the document names as the reference for them. The
test picks the fields it works with by the roles the document gives them (the account's
required text and enums, a key person's account field, a referral's referred account, ...)
and checks that the schema agrees with what the document itself says.
"""

import base64
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
SCHEMA_CUR = None   # from GET /v1/schema (and /v1/health)
SCHEMA_PREV = None
REG = None          # the registry read from GET /v1/schema


class Roles:
    """Entity and field names the test works with, picked from GET /v1/schema."""


R = Roles()

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


STAMP_RE = re.compile(r"^[0-7][0-9a-f]{15}-[0-9a-f]{4}-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def fmt_stamp(wall, counter, device):
    return "%016x-%04x-%s" % (wall, counter, device)


def parse_stamp(s):
    m = STAMP_RE.match(s or "") if isinstance(s, str) else None
    if not m:
        return None
    return int(s[0:16], 16), int(s[17:21], 16), m.group(1)


def next_stamp(s, device):
    """The stamp right after s (counter + 1; after ffff the next millisecond with 0000)."""
    w, cnt, _ = parse_stamp(s)
    if cnt == 0xFFFF:
        return fmt_stamp(w + 1, 0, device)
    return fmt_stamp(w, cnt + 1, device)


# --------------------------------------------------------------------------------------
# HTTP

ERROR_RESPONSES = []   # (what, status, body) of every 4xx/5xx seen
JSON_CT_PROBLEMS = []  # JSON responses without Content-Type: application/json
RESULT_PROBLEMS = []   # push results breaking a whole-run rule (clamped:false, rejected without record)

# schema 7: a pull names each account's owner and, on its last page, the viewer's team
OWNER_SINCE = 7
ACCOUNT_OWNER = {}     # account id -> user id it should be filed under: its creator, or the last `assign`
DEVICE_USER = {}       # device id -> user id, from sign-in replies
USER_BY_LOGIN = {}     # login -> the sign-in reply's user object
OWNER_TEAM_PROBLEMS = []   # pull pages breaking the owner/team rules (every pull_all of the run)
OWNER_TEAM_PAGES = [0, 0]  # pages checked with the current schema, with the previous one


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
    plain = body
    if body is not None and content_type:
        headers["Content-Type"] = content_type
    if gzip_req and body is not None:
        body = gzip.compress(body)
        headers["Content-Encoding"] = "gzip"
    headers["Accept-Encoding"] = "gzip" if accept_gzip else "identity"
    if extra:
        headers.update(extra)
    r = http_request(method, path, body=body, headers=headers)
    track_owners(path, plain, r)
    return r


def track_owners(path, plain, r):
    """Keeps what the owner checks need: which user each device is (sign-in replies) and who
    owns each account (a new account becomes the pushing user's: an applied create of an
    account the test has not seen created before)."""
    if r.status != 200 or not isinstance(r.json, dict) or not plain:
        return
    try:
        req = json.loads(plain.decode("utf-8"))
    except Exception:
        return
    if not isinstance(req, dict):
        return
    if path == "/v1/auth/sign-in":
        u = r.j("user")
        if isinstance(u, dict) and isinstance(u.get("id"), str):
            DEVICE_USER[req.get("device_id")] = u["id"]
            if isinstance(u.get("login"), str):
                USER_BY_LOGIN[u["login"]] = u
    elif path == "/v1/sync/push" and getattr(R, "ACC", None):
        who = DEVICE_USER.get(req.get("device_id"))
        results = {x.get("seq"): x for x in (r.j("results") or []) if isinstance(x, dict)}
        for ch in req.get("changes") or []:
            if (isinstance(ch, dict) and ch.get("entity") == R.ACC and ch.get("op") == "create"
                    and isinstance(ch.get("id"), str) and ch["id"] not in ACCOUNT_OWNER
                    and (results.get(ch.get("seq")) or {}).get("outcome") == "applied"):
                ACCOUNT_OWNER[ch["id"]] = who


def std_headers(token=None, **more):
    h = {"X-Fieldbook-Protocol": PROTOCOL, "X-Fieldbook-Schema": str(SCHEMA_CUR),
         "Content-Type": "application/json"}
    if token:
        h["Authorization"] = "Bearer " + token
    h.update(more)
    return h


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
# the schema registry (GET /v1/schema)

TYPES = {"text", "long_text", "enum", "phone", "date", "ref", "json", "integer", "datetime", "bool", "real",
         "money", "geopoint", "blob"}

# The smallest JPEG: start-of-image ... end-of-image. Schema 7's attachment names its bytes by
# their SHA-256 (`blob`); the bytes travel apart (## Attachments). A base64 JPEG was the old
# photo value, now refused.
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
MERGES = {"lww", "append-only", "ledger", "state"}
SCOPES = {"account", "owner", "global"}


class Reg:
    def __init__(self, j):
        self.j = j
        self.ents = {}
        self.flds = {}
        for e in j.get("entities") or []:
            if isinstance(e, dict) and isinstance(e.get("name"), str):
                self.ents[e["name"]] = e
                self.flds[e["name"]] = {f["name"]: f for f in (e.get("fields") or [])
                                        if isinstance(f, dict) and isinstance(f.get("name"), str)}

    def has(self, ent, f=None):
        return ent in self.ents and (f is None or f in self.flds[ent])

    def f(self, ent, name):
        return self.flds.get(ent, {}).get(name) or {}

    def ftype(self, ent, name):
        return self.f(ent, name).get("type")

    def account_field(self, ent):
        """The field naming a record's account: only entities of scope account have one."""
        e = self.ents.get(ent) or {}
        return e.get("account_field") if e.get("scope") == "account" else None

    def scope(self, ent):
        return (self.ents.get(ent) or {}).get("scope")

    def owner_field(self, ent):
        e = self.ents.get(ent) or {}
        return e.get("owner_field") if e.get("scope") == "owner" else None

    def required(self, ent):
        return [n for n, f in self.flds.get(ent, {}).items() if f.get("required") is True]

    def pick(self, ent, types, required=None, exclude=(), ref=None, key=None):
        cands = [f for n, f in self.flds.get(ent, {}).items()
                 if f.get("type") in types and n not in exclude
                 and (required is None or bool(f.get("required")) == required)
                 and (ref is None or f.get("ref") == ref)]
        if key:
            cands.sort(key=key)
        return cands[0]["name"] if cands else None

    def values(self, ent, name):
        v = self.f(ent, name).get("values")
        return v if isinstance(v, list) and v else ["?"]

    def maxlen(self, ent, name):
        m = self.f(ent, name).get("max_length")
        return m if isinstance(m, int) and m > 0 else None

    def since(self, ent, name=None):
        if name is None:
            return (self.ents.get(ent) or {}).get("since", 0)
        return self.f(ent, name).get("since", 0)

    def belongs_to(self, ent, rid, fields):
        """The account a record belongs to (None for records of scope owner or global)."""
        af = self.account_field(ent)
        if af is None:
            return None
        if af == "id":
            return rid
        return (fields or {}).get(af)

    def sample(self, ent, name, i=0):
        """A valid, canonical value of a field."""
        f = self.f(ent, name)
        t = f.get("type")
        ml = self.maxlen(ent, name) or 1000
        if t == "text":
            return ("值%d" % i)[:ml]
        if t == "long_text":
            return ("说明 %d" % i)[:ml]
        if t == "enum":
            v = self.values(ent, name)
            return v[i % len(v)]
        if t == "phone":
            return "138%08d" % (5710000 + i)
        if t == "date":
            return "2024-01-%02d" % (1 + i % 28)
        if t == "json":
            return '{"k": %d}' % i
        if t in ("integer", "money"):
            lo = f.get("min", 0) if isinstance(f.get("min"), int) else 0
            hi = f.get("max", lo + 1000) if isinstance(f.get("max"), int) else lo + 1000
            return lo + i % (hi - lo + 1)
        if t == "datetime":
            return now_ms()
        if t == "bool":
            return i % 2
        if t == "real":
            return 1.5 + i
        if t == "geopoint":
            return "%.6f,%.6f,%d" % (30 + i / 1000.0, 120 + i / 1000.0, 5 + i % 50)
        if t == "blob":
            return hashlib.sha256(JPEG + str(i).encode("ascii")).hexdigest()
        raise KeyError("no sample for %s.%s (%s)" % (ent, name, t))

    def create(self, ent, given):
        """Every required field of ent (from given, else a sample value) plus given."""
        out = {}
        for n in self.required(ent):
            out[n] = given[n] if n in given else self.sample(ent, n)
        out.update(given)
        return out


def ev(ent, f, i):
    v = REG.values(ent, f)
    return v[i % len(v)]


def T(i):
    """The i-th allowed value of the account's first required enum (the document's `tier`)."""
    return ev(R.ACC, R.A_E1, i)


def S(i):
    """The i-th allowed value of the account's second required enum (the document's `stage`)."""
    return ev(R.ACC, R.A_E2, i)


def acct_fields(name, t=1, s=1, **extra):
    return REG.create(R.ACC, dict({R.A_NAME: name, R.A_E1: T(t), R.A_E2: S(s)}, **extra))


def kp_fields(account_id, name="张伟", role=0, **extra):
    f = {R.K_ACC: account_id, R.K_NAME: name, R.K_ROLE: ev(R.KP, R.K_ROLE, role)}
    if R.K_TEXT:
        f[R.K_TEXT] = "总经理"
    f.update(extra)
    return REG.create(R.KP, f)


def rc_fields(account_id, person_id, role=0, date="2024-01-02"):
    f = {R.R_ACC: account_id, R.R_DATE: date, R.R_ENUM: ev(R.RC, R.R_ENUM, role)}
    if R.R_PERSON:
        f[R.R_PERSON] = person_id
    return REG.create(R.RC, f)


def rf_fields(from_account, to_account, date="2024-03-04"):
    return REG.create(R.RF, {R.F_FROM: from_account, R.F_ACC: to_account, R.F_DATE: date})


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


def record_problems(rec, schema=None):
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
    if REG is not None:
        sch = schema or SCHEMA_CUR
        ent = rec["entity"]
        if not REG.has(ent):
            p.append("entity %r is not in GET /v1/schema" % ent)
        else:
            if REG.since(ent) > sch:
                p.append("entity %r (since %s) sent to schema %s" % (ent, REG.since(ent), sch))
            for f in list(rec["fields"]) + list(rec["clocks"]):
                if not REG.has(ent, f):
                    p.append("%s field %r is not declared in GET /v1/schema" % (ent, f))
                elif REG.since(ent, f) > sch:
                    p.append("%s field %r (since %s) sent to schema %s" % (ent, f, REG.since(ent, f), sch))
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

    def write(self, key, fields, stamp):
        """A local write (or a pulled record): per field, the later stamp wins."""
        cur = self.recs.setdefault(key, {"fields": {}, "stamps": {}})
        for f, v in fields.items():
            if f not in cur["stamps"] or stamp > cur["stamps"][f]:
                cur["stamps"][f] = stamp
                cur["fields"][f] = v

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
            if REG.belongs_to(entity, rid, self.recs[key]["fields"]) == account_id:
                del self.recs[key]

    def digest(self):
        return digest(self.recs)


def well_formed_change(c):
    return (isinstance(c, dict) and isinstance(c.get("entity"), str) and isinstance(c.get("id"), str)
            and isinstance(c.get("fields"), dict) and parse_stamp(c.get("hlc")) is not None
            and c.get("op") in ("create", "update"))


CHANGE_KEYS = ("seq", "entity", "id", "op", "fields", "hlc")


def without(c, *keys):
    return {k: v for k, v in c.items() if k not in keys}


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
            if self.ctr > 0xFFFF:
                self.wall, self.ctr = self.wall + 1, 0
        return fmt_stamp(self.wall, self.ctr, self.id)

    def observe(self, s):
        """Takes in a stamp seen from the server; stamps ahead of this device's clock (the
        clamping tests make some) are left alone so that the test's own stamps stay near now."""
        p = parse_stamp(s or "")
        if p and p[0] <= now_ms() and (p[0], p[1]) > (self.wall, self.ctr):
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
        the replica the way the document tells a device to: the local writes (which a real
        device made before pushing), then per result: adopt the stamps of won fields, keep
        lost fields, revert a rejected record to `record`."""
        batch = []
        n = self.last_seq
        for c in changes:
            c = dict(c)
            if "seq" not in c:
                n += 1
                c["seq"] = n
            # the documented member order, then anything else
            b = {k: c[k] for k in CHANGE_KEYS if k in c}
            b.update({k: v for k, v in c.items() if k not in b})
            batch.append(b)
        body = {"device_id": self.id}
        cur = self.cursor if cursor == "own" else cursor
        if cur:
            body["cursor"] = cur
        body["changes"] = batch
        r = api("/v1/sync/push", body, token=self.token, **kw)
        if r.status == 200 and isinstance(r.json, dict):
            prev = self.last_seq
            results = {x.get("seq"): x for x in (r.j("results") or []) if isinstance(x, dict)}
            for x in results.values():
                if "clamped" in x and x.get("clamped") is not True:
                    RESULT_PROBLEMS.append("clamped is %r (absent when nothing was clamped): %s"
                                           % (x.get("clamped"), _short(x, 200)))
                if x.get("outcome") == "rejected" and "record" not in x:
                    RESULT_PROBLEMS.append("rejected result without record: %s" % _short(x, 200))
            if apply:
                new = [c for c in batch if isinstance(c.get("seq"), int) and c["seq"] > prev]
                for c in new:
                    if well_formed_change(c):
                        self.replica.write((c["entity"], c["id"]), c["fields"], c["hlc"])
                for c in new:
                    res = results.get(c["seq"])
                    if res:
                        self.apply_result(c, res)
            for res in results.values():
                for s in (res.get("clocks") or {}).values():
                    self.observe(s)
            if isinstance(r.j("last_seq"), int):
                self.last_seq = r.j("last_seq")
        return r, batch

    def apply_result(self, c, res):
        out = res.get("outcome")
        if out in ("applied", "merged") and well_formed_change(c):
            key = (c["entity"], c["id"])
            rec = self.replica.recs.setdefault(key, {"fields": {}, "stamps": {}})
            lost = set(res.get("lost") or [])
            clocks = res.get("clocks") or {}
            for f, v in c["fields"].items():
                if f in lost:
                    continue        # keeps its own stamp; the pulled winner replaces it
                rec["fields"][f] = v
                rec["stamps"][f] = clocks.get(f, c["hlc"])
        elif out == "rejected" and "record" in res:
            rec = res.get("record")
            if isinstance(rec, dict) and "entity" in rec and "id" in rec:
                own = (c.get("entity"), c.get("id"))
                if own != (rec["entity"], rec["id"]):
                    self.replica.recs.pop(own, None)
                self.replica.set_exact((rec["entity"], rec["id"]), rec)
                for s in stamps_of(rec).values():
                    self.observe(s)
            elif rec is None and isinstance(c.get("entity"), str) and isinstance(c.get("id"), str):
                self.replica.set_exact((c["entity"], c["id"]), None)

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
        sch = SCHEMA_CUR if schema == "cur" else schema
        res = {"pages": [], "records": [], "purge": [], "scope": None, "cursor": cursor,
               "problems": [], "ok": False, "remaining_first": None, "remaining": [],
               "full": full, "sizes": [], "team_pages": [], "team": None}
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
                res["problems"].extend(record_problems(rec, sch))
            owner_team_problems(self, sch, page_no, j, recs)
            if "team" in j:
                res["team_pages"].append(page_no)
                res["team"] = j["team"]
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


def owner_team_problems(dev, sch, page_no, j, recs):
    """The schema-7 members of one pull page, checked on every pull of the run: `owner` on
    every record of the account entity and on nothing else, naming the user the test expects
    (the account's creator, or the rep an admin last assigned it to); `team` on the last page
    only, listing the viewer among well-formed members. A device of an older schema is sent
    neither member."""
    cur = sch >= OWNER_SINCE
    OWNER_TEAM_PAGES[0 if sch == SCHEMA_CUR else 1] += 1
    where = "%s (schema %s) page %d" % (dev.label, sch, page_no)
    out = OWNER_TEAM_PROBLEMS
    for rec in recs:
        if not isinstance(rec, dict):
            continue
        rid = rec.get("id")
        if cur and rec.get("entity") == R.ACC:
            o = rec.get("owner", "<missing>")
            want = ACCOUNT_OWNER.get(rid)
            if not isinstance(o, str) or not o:
                out.append("%s: account %s has owner %r" % (where, rid, o))
            elif want and o != want:
                out.append("%s: account %s has owner %s, expected %s" % (where, rid, o, want))
        elif "owner" in rec:
            out.append("%s: %s %s carries owner %r" % (where, rec.get("entity"), rid, rec.get("owner")))
    if "team" in j and (not cur or j.get("more")):
        out.append("%s: team on a %s" % (where, "page with more: true" if cur else "pull of schema %s" % sch))
    if cur and j.get("more") is False:
        team = j.get("team")
        if not isinstance(team, list):
            out.append("%s: last page without team (got %r)" % (where, _short(team, 100)))
            return
        ids = []
        for t in team:
            if not (isinstance(t, dict) and isinstance(t.get("id"), str) and t["id"]
                    and isinstance(t.get("name"), str) and t.get("role") in ("rep", "manager", "admin")):
                out.append("%s: malformed team member %r" % (where, _short(t, 120)))
            else:
                ids.append(t["id"])
        if len(ids) != len(set(ids)):
            out.append("%s: a user listed twice in team %r" % (where, ids))
        me = (dev.user or {}).get("id")
        if me and me not in ids:
            out.append("%s: the viewer %s is not in its team %r" % (where, me, ids))


def push_expect(name, dev, changes, outcome="applied", **kw):
    """Pushes and checks the reply is 200 with the given outcome for every change."""
    r, batch = dev.push(changes, **kw)
    res = r.j("results") if r.status == 200 else None
    got = [(x.get("outcome"), x.get("message")) if x.get("outcome") != outcome else outcome
           for x in res] if isinstance(res, list) else r
    report(r.status == 200 and got == [outcome] * len(batch), name, "200, all %s" % outcome, got)
    return r, (res[0] if res else {})


def first_result(r):
    res = r.j("results") if r.status == 200 else None
    return res[0] if isinstance(res, list) and res and isinstance(res[0], dict) else {}


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


def server_last_seq(dev):
    """The device's last_seq as the server holds it: an empty push answers it."""
    r = api("/v1/sync/push", {"device_id": dev.id, "changes": []}, token=dev.token)
    return r.j("last_seq") if r.status == 200 else r


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
        self.logf = None

    def admin(self, *args):
        try:
            p = subprocess.run([self.binary, "admin", "--data", self.data] + list(args),
                               capture_output=True, text=True, timeout=120)
            if p.returncode == 0 and len(args) == 4 and args[0] == "assign" and args[2] == "--to":
                ACCOUNT_OWNER[args[1]] = (USER_BY_LOGIN.get(args[3]) or {}).get("id")
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
        if self.logf:
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
    "gz": ("qian.gz", "Qian Gz", "rep", "gzip", "qian-gz-secret-7"),
}
TEAMS = ("north", "south", "west", "east", "gzip")


class Ctx:
    pass


def run(binary):
    t_start = time.time()
    tmp = tempfile.mkdtemp(prefix="fieldbook-conformance-")
    data = os.path.join(tmp, "data")
    os.mkdir(data)
    srv = Server(binary, data, tmp)
    try:
        section("setup")
        ok_setup = True
        for team in TEAMS:
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
        c.refused_ids = []
        s_health(c)
        if not s_schema(c):
            report(False, "GET /v1/schema gives what the rest of the test needs", "a usable schema",
                   "stopping here")
            return
        steps = [s_versions, s_sign_in, s_auth, s_body_errors, s_precedence, s_push_sequence,
                 s_push_batch_rules, s_push_change_rules, s_push_rejections, s_values, s_strict_json,
                 s_clamp, s_merge, s_pull, s_echo, s_commit_order, s_scope, s_digest, s_sequence_reused, s_gzip,
                 s_bulk_paging, s_big_page, s_reassign, s_reference_data, s_owned_records,
                 s_owners_team, s_blobs, s_concurrency, s_sign_out, s_final]
        for step in steps:
            try:
                step(c)
            except Exception as e:  # noqa
                report(False, "%s ran to the end" % step.__name__, "no exception",
                       "%s: %s | %s" % (type(e).__name__, e,
                                        traceback.format_exc().strip().splitlines()[-3:]))
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)      # let the cleanup finish
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
    c.health_schema = sch if good else None
    if good:
        SCHEMA_PREV, SCHEMA_CUR = sch
    report(j.get("database") in ("sqlite", "postgresql"), "health database",
           "sqlite|postgresql", j.get("database"))
    r = http_request("GET", "/v1/health", headers={"X-Fieldbook-Protocol": "1",
                                                  "X-Fieldbook-Schema": "1"})
    expect_status("GET /v1/health ignores version headers (wrong ones sent) -> 200", r, 200)


# ---- schema ----------------------------------------------------------------------------

def s_schema(c):
    """Reads GET /v1/schema, checks it against what the document says, and picks the
    entities and fields the rest of the test works with. Returns False if unusable."""
    global SCHEMA_CUR, SCHEMA_PREV, REG
    section("GET /v1/schema")
    r = http_request("GET", "/v1/schema")
    expect_status("GET /v1/schema without any headers -> 200", r, 200)
    j = r.json if isinstance(r.json, dict) else None
    if not report(j is not None, "GET /v1/schema answers a JSON object", "object", r):
        return False
    eq("schema protocol", j.get("protocol"), 2)
    sch, acc = j.get("schema"), j.get("schema_accepted")
    report(isinstance(sch, int) and acc == [sch - 1, sch], "schema_accepted is [schema - 1, schema]",
           "[%s, %s]" % (sch - 1 if isinstance(sch, int) else "n-1", sch), acc)
    eq("schema_accepted equals what GET /v1/health lists", acc, c.health_schema)
    if isinstance(sch, int):
        SCHEMA_CUR, SCHEMA_PREV = sch, sch - 1
    elif SCHEMA_CUR is None:
        return False
    lim = j.get("limits") if isinstance(j.get("limits"), dict) else {}
    eq("limits.body_bytes is 8 MiB", lim.get("body_bytes"), 8 * 1024 * 1024)
    eq("limits.push_changes is 500", lim.get("push_changes"), 500)
    report(lim.get("pull_limit") in (2000, 1000), "limits.pull_limit is 2,000 (or 1,000 on an older server)",
           "2000 or 1000", lim.get("pull_limit"))
    c.body_bytes = lim.get("body_bytes") if isinstance(lim.get("body_bytes"), int) else 8 * 1024 * 1024
    c.push_changes = lim.get("push_changes") if isinstance(lim.get("push_changes"), int) else 500
    c.pull_limit = lim.get("pull_limit") if isinstance(lim.get("pull_limit"), int) else 2000
    ents = j.get("entities")
    if not report(isinstance(ents, list) and ents, "entities is a non-empty list", "list", type(ents).__name__):
        return False
    REG = Reg(j)
    # shape of every entity and field
    ep, fp = [], []
    names = [e.get("name") if isinstance(e, dict) else None for e in ents]
    if len(set(map(str, names))) != len(names):
        ep.append("entity names not unique: %r" % names)
    for e in ents:
        if not isinstance(e, dict) or not isinstance(e.get("name"), str):
            ep.append("entity without a name: %s" % _short(e, 100))
            continue
        n = e["name"]
        if not isinstance(e.get("since"), int) or e["since"] > sch:
            ep.append("%s: since %r" % (n, e.get("since")))
        if e.get("merge") not in MERGES:
            ep.append("%s: merge %r" % (n, e.get("merge")))
        if e.get("scope") not in SCOPES:
            ep.append("%s: scope %r" % (n, e.get("scope")))
        fl = e.get("fields")
        if not isinstance(fl, list) or not fl:
            ep.append("%s: fields %r" % (n, fl))
            continue
        seen = set()
        for f in fl:
            if not isinstance(f, dict) or not isinstance(f.get("name"), str):
                fp.append("%s: field without a name" % n)
                continue
            fn = "%s.%s" % (n, f["name"])
            if f["name"] in seen:
                fp.append("%s declared twice" % fn)
            seen.add(f["name"])
            if f.get("type") not in TYPES:
                fp.append("%s: type %r" % (fn, f.get("type")))
            if not isinstance(f.get("required"), bool):
                fp.append("%s: required %r" % (fn, f.get("required")))
            if not isinstance(f.get("since"), int) or f["since"] > sch or \
                    (isinstance(e.get("since"), int) and f["since"] < e["since"]):
                fp.append("%s: since %r" % (fn, f.get("since")))
            if f.get("type") == "enum":
                v = f.get("values")
                if not (isinstance(v, list) and v and all(isinstance(x, str) and x for x in v)
                        and len(set(v)) == len(v)):
                    fp.append("%s: values %r" % (fn, v))
            if f.get("type") == "ref" and f.get("ref") not in REG.ents:
                fp.append("%s: ref %r names no entity" % (fn, f.get("ref")))
            if f.get("type") == "text" and not (isinstance(f.get("max_length"), int) and f["max_length"] > 0):
                fp.append("%s: a text field without a max_length" % fn)
            if "max_length" in f and not (isinstance(f["max_length"], int) and f["max_length"] > 0):
                fp.append("%s: max_length %r" % (fn, f["max_length"]))
            for k in ("min", "max"):
                if k in f and not isinstance(f[k], (int, float)):
                    fp.append("%s: %s %r" % (fn, k, f[k]))
            if isinstance(f.get("min"), (int, float)) and isinstance(f.get("max"), (int, float)) \
                    and f["min"] > f["max"]:
                fp.append("%s: min > max" % fn)
            if "sensitive" in f and not isinstance(f["sensitive"], bool):
                fp.append("%s: sensitive %r" % (fn, f["sensitive"]))
        # the member each scope kind is named by (## Scopes): account_field `id` for an account
        # itself, else the field holding its account's id; owner_field the field holding the
        # owner's user id; server_written true for global
        sc = e.get("scope")
        if sc == "account":
            af = e.get("account_field")
            if af != "id":
                f = REG.f(n, af) if isinstance(af, str) else {}
                tgt = REG.ents.get(f.get("ref")) or {}
                if not (f.get("type") == "ref" and f.get("required") is True
                        and tgt.get("scope") == "account" and tgt.get("account_field") == "id"):
                    ep.append("%s: scope account, account_field %r is neither id nor a required ref to "
                              "an account (an entity whose account_field is id)" % (n, af))
        elif sc == "owner":
            of = e.get("owner_field")
            if not (isinstance(of, str) and of in REG.flds.get(n, {})
                    and REG.f(n, of).get("required") is True):
                ep.append("%s: scope owner, owner_field %r is not a required field of it" % (n, of))
        elif sc == "global":
            if e.get("server_written") is not True:
                ep.append("%s: scope global, server_written %r (expected true)" % (n, e.get("server_written")))
        if sc != "global" and e.get("server_written") is True:
            ep.append("%s: scope %r but server_written true (devices may push it)" % (n, sc))
    report(not ep, "every entity has name, since, merge, scope and what its scope kind is named by "
           "(account_field / owner_field / server_written) as documented", "no problems", ep)
    report(not fp, "every field has name, type, required, since (and values / ref / max_length where its type needs them)",
           "no problems", fp)

    # what the document itself says about the entities
    R.ACC = "account"
    R.KP, R.RC, R.RF = "key_person", "role_change", "referral"
    for name, merge, scope, af in ((R.ACC, "lww", "account", "id"),
                                   (R.KP, "lww", "account", "account_id"),
                                   (R.RC, "append-only", "account", "account_id"),
                                   (R.RF, "append-only", "account", "referred_account_id")):
        e = REG.ents.get(name) or {}
        eq("the document's %s: merge %s, scope %s, account_field %s" % (name, merge, scope, af),
           (e.get("merge"), e.get("scope"), e.get("account_field")), (merge, scope, af))
    # schema 5: the first entities of the owner and global kinds
    for name in ("gift_item", "tier_policy"):
        e = REG.ents.get(name) or {}
        eq("the document's %s (reference data): scope global, server_written true, since 5" % name,
           (e.get("scope"), e.get("server_written"), e.get("since")), ("global", True, 5))
    e = REG.ents.get("stock_movement") or {}
    eq("the document's stock_movement (a rep's gift stock ledger): merge ledger, scope owner, since 5",
       (e.get("merge"), e.get("scope"), e.get("since")), ("ledger", "owner", 5))
    sm = "stock_movement"
    kinds = ["receipt", "transfer_in", "issue", "return", "transfer_out", "adjustment"]
    probs = []
    if REG.ftype(sm, "quantity") != "integer":
        probs.append("quantity is %r, not an integer" % REG.ftype(sm, "quantity"))
    if REG.ftype(sm, "kind") != "enum" or not set(kinds) <= set(REG.values(sm, "kind")):
        probs.append("kind is not an enum of %s: %r" % (kinds, REG.f(sm, "kind")))
    if (REG.ftype(sm, "item_id"), REG.f(sm, "item_id").get("ref")) != ("ref", "gift_item"):
        probs.append("item_id is not a ref to gift_item: %r" % REG.f(sm, "item_id"))
    report(not probs, "stock_movement has the fields its documented rule names (quantity integer, kind "
           "with the six kinds, item_id a ref to gift_item)", "all", probs)
    if not all(REG.has(x) for x in (R.ACC, R.KP, R.RC, R.RF)):
        return False

    # roles of the fields the test writes
    R.A_NAME = REG.pick(R.ACC, ["text"], required=True)
    enums = [n for n, f in REG.flds[R.ACC].items() if f.get("type") == "enum" and f.get("required")]
    R.A_E1, R.A_E2 = (enums + [None, None])[:2]
    R.A_PHONE = REG.pick(R.ACC, ["phone"])
    R.A_LONG = REG.pick(R.ACC, ["long_text"], key=lambda f: -(f.get("max_length") or 10 ** 9))
    R.A_JSON = REG.pick(R.ACC, ["json"])
    R.A_DATE = REG.pick(R.ACC, ["date"])
    R.A_REAL = REG.pick(R.ACC, ["real"])
    R.A_BOOL = REG.pick(R.ACC, ["bool"])
    R.A_OPT_TEXT = REG.pick(R.ACC, ["text"], required=False)
    R.K_ACC = REG.account_field(R.KP)
    R.K_NAME = REG.pick(R.KP, ["text"], required=True)
    R.K_ROLE = REG.pick(R.KP, ["enum"], required=True)
    R.K_TEXT = REG.pick(R.KP, ["text"], required=False)
    R.K_INT = REG.pick(R.KP, ["integer"])
    R.K_DATE = REG.pick(R.KP, ["date"])
    R.R_ACC = REG.account_field(R.RC)
    R.R_PERSON = REG.pick(R.RC, ["ref"], ref=R.KP)
    R.R_DATE = REG.pick(R.RC, ["date"], required=True)
    R.R_ENUM = REG.pick(R.RC, ["enum"], required=True)
    R.F_ACC = REG.account_field(R.RF)
    R.F_FROM = REG.pick(R.RF, ["ref"], required=True, ref=R.ACC, exclude=(R.F_ACC,))
    R.F_DATE = REG.pick(R.RF, ["date"], required=True)
    need = {k: v for k, v in vars(R).items()}
    missing = sorted(k for k, v in need.items() if v is None and k not in ("K_INT", "K_DATE", "R_PERSON"))
    report(not missing, "the schema has the fields the test works with (%s)" % ", ".join(
        "%s=%s" % (k, v) for k, v in sorted(need.items())), "all present", missing)
    if missing:
        return False
    # the document's example push is valid by the schema
    ex = {"name": "杭州恒达建材有限公司", "tier": "KA", "stage": "growth"}
    probs = []
    for f, v in ex.items():
        if not REG.has(R.ACC, f):
            probs.append("account has no field %r" % f)
        elif REG.ftype(R.ACC, f) == "enum" and v not in REG.values(R.ACC, f):
            probs.append("%r is not an allowed %s" % (v, f))
    extra_req = [f for f in REG.required(R.ACC) if f not in ex]
    if extra_req:
        probs.append("create also requires %s" % extra_req)
    report(not probs, "the document's example create of an account is valid by GET /v1/schema", "valid", probs)
    c.example_create = ex if not probs else acct_fields(ex["name"], 0, 1)
    return True


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

    # a device id belongs to the user who first signed in with it
    d1 = c.dev["rep1"]
    login2, _, _, _, pw2 = USERS["rep2"]
    r = api("/v1/auth/sign-in", {"login": login2, "password": pw2, "device_id": d1.id, "device_name": "taken"})
    expect_error("sign-in of another user with a device id registered to li.na -> 409 device_taken",
                 r, 409, "device_taken")
    r = api("/v1/auth/sign-in", {"login": login2, "password": "wrong-password-x", "device_id": d1.id,
                                 "device_name": "taken"})
    expect_error("the same with a wrong password -> 401 bad_credentials (device_taken only after the password)",
                 r, 401, "bad_credentials")
    r = api("/v1/auth/sign-in", {"login": "no.such.user", "password": "whatever-x", "device_id": d1.id,
                                 "device_name": "taken"})
    expect_error("an unknown user with a taken device id -> 401 bad_credentials", r, 401, "bad_credentials")
    r = api("/v1/sync/pull", {"device_id": d1.id, "cursor": "", "limit": 1}, token=d1.token)
    expect_status("after device_taken the owner's token still works", r, 200)
    r = api("/v1/sync/pull", {"device_id": d1.id, "cursor": "", "limit": 1}, token=(c.dev["rep2"].token))
    expect_error("and the device is not wang.wei's (his token with li.na's device id -> 400 bad_request)",
                 r, 400, "bad_request")
    nd = Device(login2, pw2, "after device_taken")
    expect_status("the client signs in again under a new device id -> 200", nd.sign_in(), 200)


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
    eq("an empty batch is a no-op that answers last_seq", (r.j("last_seq"), r.j("results")), (0, []))


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
    r = api("/v1/sync/pull", {"device_id": d1.id, "cursor": 5, "limit": 10}, token=d1.token)
    expect_error("pull with cursor of the wrong type -> 400 bad_request", r, 400, "bad_request")
    r = api("/v1/sync/pull", {"device_id": d1.id, "cursor": "", "limit": "ten"}, token=d1.token)
    expect_error("pull with limit of the wrong type -> 400 bad_request", r, 400, "bad_request")
    r = api("/v1/sync/pull", {"device_id": d1.id, "cursor": "", "limit": 10, "full": "yes"}, token=d1.token)
    expect_error("pull with full of the wrong type -> 400 bad_request", r, 400, "bad_request")
    r = api("/v1/sync/pull", {"device_id": d1.id, "count_remaining": 1}, token=d1.token)
    expect_error("pull with count_remaining of the wrong type -> 400 bad_request", r, 400, "bad_request")
    r = api("/v1/sync/pull", {"cursor": "", "limit": 10}, token=d1.token)
    expect_error("pull without device_id (the one required member) -> 400 bad_request", r, 400, "bad_request")
    r = api("/v1/sync/push", {"changes": []}, token=d1.token)
    expect_error("push without device_id -> 400 bad_request", r, 400, "bad_request")
    lim = c.body_bytes
    # 413: a body over the limit
    pad = "x" * (lim + 1024)
    big = json.dumps({"device_id": d1.id, "changes": [], "pad": pad}).encode()
    r = raw_socket_request("POST", "/v1/sync/push", std_headers(d1.token), big)
    expect_error("push with a body over %d bytes (limits.body_bytes) -> 413 too_large" % lim, r, 413, "too_large")
    # 413 after decompression
    bomb = gzip.compress(big)
    r = raw_socket_request("POST", "/v1/sync/push", std_headers(d1.token, **{"Content-Encoding": "gzip"}), bomb)
    expect_error("push with a gzip body of %d bytes that is over the limit decompressed -> 413 too_large"
                 % len(bomb), r, 413, "too_large")
    # just under the limit is fine
    pad = "x" * (lim - 200)
    ok_body = json.dumps({"device_id": d1.id, "changes": [], "pad": pad}).encode()
    r = raw_socket_request("POST", "/v1/sync/push", std_headers(d1.token), ok_body)
    report(r.status == 200, "a body of %d bytes (within the limit) is taken -> 200" % len(ok_body), "200", r)
    # unknown endpoints
    expect_error("GET /v1/nothing-here -> 404 not_found",
                 api("/v1/nothing-here", method="GET", token=d1.token), 404, "not_found")
    expect_error("POST /v1/sync/nothing -> 404 not_found",
                 api("/v1/sync/nothing", {"device_id": d1.id}, token=d1.token), 404, "not_found")
    expect_error("GET / -> 404 not_found", http_request("GET", "/"), 404, "not_found")
    expect_error("GET /v1/sync/pull (the endpoint is POST) -> 404 not_found",
                 api("/v1/sync/pull", method="GET", token=d1.token), 404, "not_found")
    expect_error("POST /v1/schema (the endpoint is GET) -> 404 not_found",
                 http_request("POST", "/v1/schema", body=b"{}"), 404, "not_found")
    expect_error("POST /v2/sync/pull -> 404 not_found",
                 api("/v2/sync/pull", {"device_id": d1.id, "cursor": ""}, token=d1.token), 404, "not_found")


# ---- which error wins ------------------------------------------------------------------

def s_precedence(c):
    section("which error wins")
    d1 = c.dev["rep1"]
    lim = c.body_bytes
    big = b'{"pad": "' + b"x" * (lim + 1024) + b'"}'
    r = raw_socket_request("POST", "/v1/sync/nothing", {"Content-Type": "application/json"}, big)
    expect_error("unknown endpoint with a body announced over the limit -> 413 too_large (refused before it is read)",
                 r, 413, "too_large")
    r = http_request("GET", "/v1/sync/push", headers={"X-Fieldbook-Protocol": "1"})
    expect_error("wrong method, wrong protocol, no token -> 404 not_found", r, 404, "not_found")
    r = raw_socket_request("POST", "/v1/sync/push", {"Content-Type": "application/json",
                                                      "X-Fieldbook-Protocol": "1"}, big)
    expect_error("body over the limit, wrong protocol, no token -> 413 too_large (size before headers)",
                 r, 413, "too_large")
    r = api("/v1/sync/push", body=b"{broken", proto="1", schema="99")
    expect_error("wrong protocol and schema, no token, broken JSON -> 400 unsupported_protocol", r, 400,
                 "unsupported_protocol")
    r = api("/v1/sync/push", body=b"{broken", schema="99")
    expect_error("wrong schema, no token, broken JSON -> 400 unsupported_schema", r, 400, "unsupported_schema")
    r = api("/v1/sync/pull", body=b"{broken", schema=None, token=d1.token)
    expect_error("missing schema header with a valid token and broken JSON -> 400 unsupported_schema", r, 400,
                 "unsupported_schema")
    r = api("/v1/sync/push", body=b"{broken")
    expect_error("no token and broken JSON -> 401 unauthenticated", r, 401, "unauthenticated")
    r = api("/v1/sync/push", body=b"\x1f\x8bnot gzip", token=os.urandom(32).hex(),
            extra={"Content-Encoding": "gzip"})
    expect_error("unknown token and a broken gzip body -> 401 unauthenticated", r, 401, "unauthenticated")
    r = api("/v1/sync/push", body=b'{"device_id": 5, "changes": "x", "y": "\xff"}', token=d1.token)
    expect_error("valid token, a body that is not UTF-8 and wrong members -> 400 bad_json", r, 400, "bad_json")
    r = api("/v1/auth/sign-in", body=b"{broken", proto=None)
    expect_error("sign-in with broken JSON and no protocol header -> 400 unsupported_protocol", r, 400,
                 "unsupported_protocol")
    r = api("/v1/auth/sign-in", body=b"{broken", schema="1")
    expect_error("sign-in with broken JSON and an old schema -> 400 unsupported_schema", r, 400,
                 "unsupported_schema")
    r = api("/v1/sync/push", {"device_id": c.dev["rep1b"].id, "changes": "x"}, token=d1.token)
    expect_error("the endpoint's own rules come last (other device's id, changes not an array) -> 400 bad_request",
                 r, 400, "bad_request")


# ---- push: sequencing ------------------------------------------------------------------

def s_push_sequence(c):
    section("push: sequence rules 2-3")
    d1 = c.dev["rep1"]
    # rule 3: first new seq must be last_seq + 1
    a_bad3 = uuid7()
    c.refused_ids.append((R.ACC, a_bad3))
    r, _ = d1.push([d1.change(R.ACC, a_bad3, "create", acct_fields("gap first"), seq=2)])
    expect_error("push starting at seq 2 on a new device -> 409 sequence_gap", r, 409, "sequence_gap")
    eq("sequence_gap body carries expected = last_seq + 1", r.j("expected"), 1)
    # first good push: the document's example create
    c.a1 = uuid7()
    ch1 = d1.change(R.ACC, c.a1, "create", dict(c.example_create))
    t0 = now_ms()
    r, batch1 = d1.push([ch1])
    t1 = now_ms()
    expect_status("push seq 1 (the document's example create of an account) -> 200", r, 200)
    c.batch1, c.res1 = batch1, r.j("results")
    eq("push reply last_seq", r.j("last_seq"), 1)
    st = r.j("server_time_ms")
    report(isinstance(st, int) and t0 - 5000 <= st <= t1 + 5000, "push reply server_time_ms is now",
           "int near %d" % t0, st)
    res = first_result(r)
    eq("create of a new account: outcome", res.get("outcome"), "applied")
    eq("create of a new account: result seq", res.get("seq"), 1)
    eq("applied result clocks name every field with the pushed stamp", res.get("clocks"),
       {f: ch1["hlc"] for f in ch1["fields"]})
    report("clamped" not in res, "a stamp of now is not clamped: clamped is absent", "no clamped member",
           res.get("clamped", "absent"))
    # rule 3 again with last_seq 1
    r, _ = d1.push([d1.change(R.ACC, a_bad3, "create", acct_fields("gap again"), seq=5)])
    expect_error("push starting at seq 5 with last_seq 1 -> 409 sequence_gap", r, 409, "sequence_gap")
    eq("sequence_gap expected", r.j("expected"), 2)
    # rule 2: replay
    r, _ = d1.push(batch1)
    expect_status("replay of seq 1 -> 200", r, 200)
    eq("replay answers with the stored outcome", r.j("results"), c.res1)
    eq("replay leaves last_seq", r.j("last_seq"), 1)
    alt = dict(batch1[0], fields=acct_fields("另一个名字", 3, 2))
    r, _ = d1.push([alt], apply=False)
    expect_status("seq 1 re-sent with the same entity, id and hlc but other fields -> 200 (a replay)", r, 200)
    eq("that replay answers with the stored outcome", r.j("results"), c.res1)
    _, st = full_state(d1)
    eq("that replay applied nothing", (st.get((R.ACC, c.a1)) or {}).get("fields"), ch1["fields"])
    c.k1 = uuid7()
    ch2 = d1.change(R.KP, c.k1, "create", kp_fields(c.a1))
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
                      ("another entity", dict(ch2, entity=R.ACC, fields=acct_fields("reused")))):
        alt = dict(alt, seq=2)
        if alt["id"] != c.k1:
            c.refused_ids.append((alt["entity"], alt["id"]))
        r, _ = d1.push([alt])
        expect_error("seq 2 re-sent with %s -> 409 sequence_reused" % what, r, 409, "sequence_reused")
        eq("sequence_reused expected (last_seq + 1)", r.j("expected"), 3)
    a_bad4 = uuid7()
    c.refused_ids.append((R.ACC, a_bad4))
    r, _ = d1.push([dict(ch2, hlc=d1.stamp(), seq=2),
                    d1.change(R.ACC, a_bad4, "create", acct_fields("with reused"), seq=3)])
    expect_error("batch with a reused seq and a new seq -> 409 sequence_reused (whole batch)",
                 r, 409, "sequence_reused")
    # too many changes -> 413; exactly the limit -> fine
    n = c.push_changes
    abig = uuid7()
    c.refused_ids.append((R.ACC, abig))
    chs = [d1.change(R.ACC, abig, "create", acct_fields("big batch"))]
    for i in range(n):
        chs.append(d1.change(R.ACC, abig, "update", {R.A_E1: T(i % 4)}))
    r, _ = d1.push(chs)
    expect_error("push of %d changes (limits.push_changes + 1) -> 413 too_large" % (n + 1), r, 413, "too_large")
    c.abig = uuid7()
    chs = [d1.change(R.ACC, c.abig, "create", acct_fields("batch of 500"))]
    for i in range(n - 1):
        chs.append(d1.change(R.ACC, c.abig, "update", {R.A_E1: T(i % 4)}))
    r, _ = d1.push(chs)
    expect_status("push of exactly %d changes -> 200" % n, r, 200)
    res = r.j("results") or []
    report(len(res) == n and all(x.get("outcome") == "applied" for x in res),
           "%d-change batch: %d results, all applied" % (n, n), "%d applied" % n,
           "%d results, outcomes %s" % (len(res), sorted(set(x.get("outcome") for x in res))))
    eq("%d-change batch: last_seq" % n, r.j("last_seq"), 2 + n)
    # the refused batches changed nothing: last_seq is what sign-in reports
    old = d1.token
    login, name, role, team, pw = USERS["rep1"]
    r = api("/v1/auth/sign-in", {"login": login, "password": pw, "device_id": d1.id, "device_name": d1.label})
    expect_status("sign-in again on the same device -> 200", r, 200)
    eq("sign-in again reports the device's last_seq", r.j("last_seq"), d1.last_seq)
    if r.status == 200 and r.j("token"):
        d1.token = r.j("token")
        report(r.j("token") != old, "signing in again gives a new token", "a new token", "the same token")
        r = api("/v1/sync/pull", {"device_id": d1.id, "cursor": "", "limit": 1}, token=old)
        expect_error("signing in again replaces the token: the old one answers 401 unauthenticated",
                     r, 401, "unauthenticated")
        r = api("/v1/sync/pull", {"device_id": d1.id, "cursor": "", "limit": 1}, token=d1.token)
        expect_status("the new token works", r, 200)
        # Token lifetime (docs: POST /v1/auth/renew, "Token lifetime").
        r = api("/v1/auth/sign-in", {"login": login, "password": pw, "device_id": d1.id, "device_name": d1.label})
        life = r.j("token_expires_in_ms")
        report(isinstance(life, int) and life > 0, "sign-in names the token's lifetime (token_expires_in_ms > 0)",
               "a positive integer", life)
        if r.status == 200 and r.j("token"):
            d1.token = r.j("token")
        old = d1.token
        r = api("/v1/auth/renew", {"device_id": c.dev["rep2"].id}, token=old)
        expect_error("renew naming another device -> 400 bad_request", r, 400, "bad_request")
        r = api("/v1/auth/renew", {"device_id": d1.id}, token=old)
        expect_status("renew -> 200", r, 200)
        new = r.j("token")
        report(isinstance(new, str) and new and new != old, "renew gives a new token", "a new token", new)
        eq("renew names the new token's lifetime", r.j("token_expires_in_ms"), life)
        r = api("/v1/sync/pull", {"device_id": d1.id, "cursor": "", "limit": 1}, token=old)
        expect_status("the replaced token still works until the new one is used", r, 200)
        r = api("/v1/sync/pull", {"device_id": d1.id, "cursor": "", "limit": 1}, token=new)
        expect_status("the renewed token works", r, 200)
        r = api("/v1/sync/pull", {"device_id": d1.id, "cursor": "", "limit": 1}, token=old)
        expect_error("once the renewed token was used, the replaced one answers 401 unauthenticated",
                     r, 401, "unauthenticated")
        r = api("/v1/auth/renew", {"device_id": d1.id}, token=old)
        expect_error("renew with the retired token -> 401 unauthenticated", r, 401, "unauthenticated")
        d1.token = new


# ---- push: what fails the whole batch --------------------------------------------------

def s_push_batch_rules(c):
    section("push: rule 1 and what makes a batch unanswerable (400 bad_request)")
    d1 = c.dev["rep1"]
    base = d1.last_seq
    n = base + 1

    def ch(seq=None, name="batch rule"):
        a = uuid7()
        c.refused_ids.append((R.ACC, a))
        return d1.change(R.ACC, a, "create", acct_fields(name), seq=seq)

    def body(changes):
        return {"device_id": d1.id, "changes": changes}

    cases = [
        ("changes is an object", body({"seq": n})),
        ("changes is a string", body("[]")),
        ("changes is null", body(None)),
        ("changes missing", {"device_id": d1.id}),
        ("a change that is a string", body([ch(n), "change"])),
        ("a change that is null", body([None])),
        ("a change that is an array", body([[n, R.ACC]])),
        ("a valid change followed by a change that is a number", body([ch(n), 7])),
        ("a change without seq", body([without(ch(n), "seq")])),
        ("a change with seq as a string", body([dict(ch(), seq=str(n))])),
        ("a change with a fractional seq", body([dict(ch(), seq=n + 0.5)])),
        ("a change with seq true", body([dict(ch(), seq=True)])),
        ("a change with seq null", body([dict(ch(), seq=None)])),
        ("seq 0", body([ch(0)])),
        ("a negative seq", body([ch(-1)])),
        ("seqs not sorted", body([ch(n + 1), ch(n)])),
        ("a gap inside the batch", body([ch(n), ch(n + 2)])),
        ("a repeated seq", body([ch(n), ch(n)])),
        ("seqs not sorted, starting past last_seq + 1 (rule 1 before rule 3)", body([ch(n + 10), ch(n + 9)])),
    ]
    for what, b in cases:
        r = api("/v1/sync/push", b, token=d1.token)
        ok = expect_error("push with %s -> 400 bad_request" % what, r, 400, "bad_request")
        if ok and what == "a change without seq":
            report("seq" in (r.j("message") or ""), "bad_request message names the missing member (seq)",
                   "message naming 'seq'", r.j("message"))
    eq("none of the refused batches moved last_seq", server_last_seq(d1), base)
    r = api("/v1/sync/push", body([]), token=d1.token)
    expect_status("an empty changes array is a valid no-op -> 200", r, 200)
    eq("the empty batch answers last_seq and no results", (r.j("last_seq"), r.j("results")), (base, []))


# ---- push: rule 4, a change that is wrong alone -----------------------------------------

def s_push_change_rules(c):
    section("push: rule 4, a change wrong in itself is rejected alone")
    d1, d1b = c.dev["rep1"], c.dev["rep1b"]
    _, before = full_state(d1)
    a1 = c.a1
    held = before.get((R.ACC, a1))
    good = lambda: d1.change(R.ACC, a1, "update", {R.A_OPT_TEXT: "行业%d" % now_ms()})  # noqa
    upd = lambda **kw: dict(d1.change(R.ACC, a1, "update", {R.A_E1: T(2)}), **kw)   # noqa
    st = d1.stamp()
    w = st[:16]
    new_id = uuid7()
    c.refused_ids.append((R.ACC, new_id))
    new = lambda **kw: dict(d1.change(R.ACC, new_id, "create", acct_fields("坏的新客户")), **kw)  # noqa
    kp_new = uuid7()
    c.refused_ids.append((R.KP, kp_new))
    wrong_types = []
    samples = {"text": 5, "long_text": ["x"], "enum": 1, "phone": 13800571234, "date": 20240102,
               "json": {"k": 1}, "integer": "20", "datetime": "2024-01-02", "bool": True, "real": "1.5",
               "ref": 5}
    for ent, eid in ((R.ACC, a1), (R.KP, c.k1)):
        for fname, f in REG.flds[ent].items():
            t = f.get("type")
            if t in samples and t not in [x[0] for x in wrong_types] and fname != REG.account_field(ent):
                wrong_types.append((t, ent, eid, fname))
    cases = [
        ("a change without hlc", without(upd(), "hlc"), "state"),
        ("hlc that is a number", upd(hlc=12345), "state"),
        ("hlc with upper-case hex", upd(hlc=st.upper()[:22] + d1.id), "state"),
        ("hlc with an upper-case device id", upd(hlc=st[:22] + d1.id.upper()), "state"),
        ("hlc whose wall is 2^63 (first digit 8)", upd(hlc=fmt_stamp(1 << 63, 0, d1.id)), "state"),
        ("hlc whose wall is ffffffffffffffff", upd(hlc="ffffffffffffffff-0000-" + d1.id), "state"),
        ("hlc with a five-digit counter", upd(hlc=w + "-00001-" + d1.id), "state"),
        ("hlc with a three-digit counter", upd(hlc=w + "-001-" + d1.id), "state"),
        ("hlc without a device part", upd(hlc=w + "-0000"), "state"),
        ("hlc naming another device of the same user", upd(hlc=st[:22] + d1b.id), "state"),
        ("hlc naming a device id that is not a UUID", upd(hlc=st[:22] + "phone-1"), "state"),
        ("a change without entity", without(upd(), "entity"), None),
        ("an unknown entity", upd(entity="visit"), None),
        ("entity that is a number", upd(entity=3), None),
        ("op delete", upd(op="delete"), "state"),
        ("op Create (not exactly create)", upd(op="Create"), "state"),
        ("a change without op", without(upd(), "op"), "state"),
        ("an upper-case id", upd(id=a1.upper()), "any"),
        ("an id that is not a UUID", upd(id="account-1"), None),
        ("a change without id", without(upd(), "id"), None),
        ("a change without fields", without(upd(), "fields"), "state"),
        ("fields that is an array", upd(fields=[[R.A_E1, T(2)]]), "state"),
        ("fields that is a string", upd(fields="tier=B"), "state"),
        ("an unknown field", upd(fields={"nickname": "x"}), "state"),
        ("a create without its required fields",
         new(fields={R.A_NAME: "缺少字段"}), None),
        ("a create of a child record without its account field",
         d1.change(R.KP, kp_new, "create", without(kp_fields(a1), R.K_ACC)), None),
    ]
    for t, ent, eid, fname in wrong_types:
        cases.append(("%s %s field (%s.%s) sent as %s" % ("an" if t[0] in "aeiou" else "a", t, ent, fname,
                                                          json.dumps(samples[t])),
                      d1.change(ent, eid, "update", {fname: samples[t]}), "state"))
    batch = [good()] + [x[1] for x in cases] + [good()]
    r, sent = d1.push(batch)
    expect_status("a batch of %d malformed changes between two valid ones -> 200" % len(cases), r, 200)
    res = r.j("results") or []
    eq("one result per change, in seq order", [x.get("seq") for x in res], [b["seq"] for b in sent])
    eq("last_seq covers the whole batch", r.j("last_seq"), sent[-1]["seq"])
    if len(res) != len(sent):
        return
    eq("the valid changes around them are applied", (res[0].get("outcome"), res[-1].get("outcome")),
       ("applied", "applied"))
    _, after = full_state(d1)
    for (what, ch, rec_exp), x in zip(cases, res[1:-1]):
        ok = report((x.get("outcome"), x.get("code")) == ("rejected", "validation"),
                    "%s -> rejected validation (the batch goes on)" % what, ("rejected", "validation"),
                    "%s %s: %s" % (x.get("outcome"), x.get("code"), x.get("message")))
        if not ok:
            continue
        report(isinstance(x.get("message"), str) and x.get("message"), "%s: a readable message" % what,
               "non-empty string", x.get("message"))
        if "record" not in x:
            report(False, "%s: the rejected result carries record" % what, "member record", sorted(x))
        elif rec_exp is None:
            eq("%s: record is null" % what, x.get("record"), None)
        elif rec_exp == "state":
            rec = x.get("record")
            probs = record_problems(rec) if rec is not None else ["record is null"]
            report(not probs and norm(rec) == after.get((ch.get("entity"), ch.get("id"))),
                   "%s: record is the server's current state of the record" % what,
                   "the state a full pass shows", probs or rec)
    a_after = after.get((R.ACC, a1)) or {}
    changed = sorted(f for f in set(a_after.get("fields", {})) | set((held or {}).get("fields", {}))
                     if a_after.get("fields", {}).get(f) != (held or {}).get("fields", {}).get(f))
    eq("nothing of the rejected changes was applied (only the valid field changed)", changed, [R.A_OPT_TEXT])
    report((R.ACC, new_id) not in after and (R.KP, kp_new) not in after,
           "the rejected creates left no record", "absent", [k for k in ((R.ACC, new_id), (R.KP, kp_new))
                                                              if k in after])
    p = d1.pull_all()
    check_pull("rep1 pull after the rejections (the device reverted to each record)", p, d1.replica.recs)


# ---- push: rejections ------------------------------------------------------------------

def s_push_rejections(c):
    section("push: rule 4 rejections, record, replay")
    d1, d1b, d2, d3 = c.dev["rep1"], c.dev["rep1b"], c.dev["rep2"], c.dev["rep3"]
    # other reps' accounts
    c.a2 = uuid7()
    r, _ = d2.push([d2.change(R.ACC, c.a2, "create", acct_fields("王伟的客户"))])
    expect_status("rep2 creates an account", r, 200)
    c.a3 = uuid7()
    c.k3 = uuid7()
    r, _ = d3.push([d3.change(R.ACC, c.a3, "create", acct_fields("赵磊的客户")),
                    d3.change(R.KP, c.k3, "create", kp_fields(c.a3, "赵经理"))])
    expect_status("rep3 (other team) creates an account and a key person", r, 200)
    # rep1: a role change and a second account
    c.r1 = uuid7()
    c.a1b = uuid7()
    c.r1_fields = rc_fields(c.a1, c.k1)
    r, _ = d1.push([d1.change(R.RC, c.r1, "create", c.r1_fields),
                    d1.change(R.ACC, c.a1b, "create", acct_fields("第二个客户", 2, 2))])
    expect_status("rep1 creates a role change and a second account", r, 200)
    # state before the batch (for "nothing of the change was applied")
    p, before = full_state(d1)
    new_a = uuid7()
    new_rc = uuid7()
    c.k2 = uuid7()
    bad_role = "chief"
    while bad_role in REG.values(R.KP, R.K_ROLE):
        bad_role += "x"
    kml = REG.maxlen(R.KP, R.K_NAME) or 100000
    ghost_account = uuid7()
    cases = [
        ("valid update before rejections", d1.change(R.ACC, c.a1, "update", {R.A_PHONE: "057188886666"}),
         "applied", None, None),
        ("enum value not allowed", d1.change(R.KP, c.k1, "update", {R.K_ROLE: bad_role}),
         "rejected", "validation", (R.KP, c.k1)),
        ("create without required fields", d1.change(R.ACC, new_a, "create", {R.A_NAME: "缺少字段"}),
         "rejected", "validation", None),
        ("date not YYYY-MM-DD", d1.change(R.RC, new_rc, "create", rc_fields(c.a1, c.k1, date="2024/01/02")),
         "rejected", "validation", None),
        ("text over the declared length (%d characters)" % (kml + 1),
         d1.change(R.KP, c.k1, "update", {R.K_NAME: "长" * (kml + 1)}),
         "rejected", "validation", (R.KP, c.k1)),
        ("ref that is not a UUID", d1.change(R.KP, uuid7(), "create", kp_fields("not-a-uuid")),
         "rejected", "validation", None),
        ("update of another team's account", d1.change(R.ACC, c.a3, "update", {R.A_E1: T(3)}),
         "rejected", "out_of_scope", None),
        ("update of another team's key person", d1.change(R.KP, c.k3, "update", {R.K_TEXT: "x"}),
         "rejected", "out_of_scope", None),
        ("key person created under another team's account",
         d1.change(R.KP, uuid7(), "create", kp_fields(c.a3, "越界")),
         "rejected", "out_of_scope", None),
        ("update of a same-team colleague's account", d1.change(R.ACC, c.a2, "update", {R.A_E1: T(3)}),
         "rejected", "out_of_scope", None),
        ("create with the id of another team's account", d1.change(R.ACC, c.a3, "create",
                                                                    acct_fields("抢占", 0, 2)),
         "rejected", "out_of_scope", None),
        ("update of an unknown record", d1.change(R.ACC, uuid7(), "update", {R.A_E1: T(2)}),
         "rejected", "not_found", None),
        ("a child record whose account the server does not hold",
         d1.change(R.KP, uuid7(), "create", kp_fields(ghost_account, "无主")),
         "rejected", "not_found", None),
        ("update of an append-only role change", d1.change(R.RC, c.r1, "update", {R.R_DATE: "2025-01-01"}),
         "rejected", "read_only", (R.RC, c.r1)),
        ("change of %s (the field that ties a key person to its account)" % R.K_ACC,
         d1.change(R.KP, c.k1, "update", {R.K_ACC: c.a1b}),
         "rejected", "read_only", (R.KP, c.k1)),
        ("second create of an append-only record with other content",
         d1.change(R.RC, c.r1, "create", rc_fields(c.a1, c.k1, date="2030-12-31")),
         "rejected", "conflict", (R.RC, c.r1)),
        ("valid create after rejections", d1.change(R.KP, c.k2, "create", kp_fields(c.a1, "李四", 2)),
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
    report((R.ACC, new_a) not in after, "rejected create left no record", "absent", after.get((R.ACC, new_a)))
    _, r3_after = full_state(d3)
    eq("another team's account is unchanged by rep1's refused create and update",
       (r3_after.get((R.ACC, c.a3)) or {}).get("fields"), acct_fields("赵磊的客户"))
    p = d1.pull_all()
    check_pull("the device reverted every rejected record to `record` (or removed it): digest agrees", p,
               d1.replica.recs)
    report((R.ACC, c.a3) not in d1.replica.recs and (R.ACC, new_a) not in d1.replica.recs,
           "records the server answered with record null are gone from the device", "absent",
           [k for k in ((R.ACC, c.a3), (R.ACC, new_a)) if k in d1.replica.recs])
    # `record` is read when the answer is made: after the later changes of the same batch
    later_title = "后来的职位"
    r, b = d1.push([d1.change(R.KP, c.k1, "update", {R.K_ROLE: bad_role}),
                    d1.change(R.KP, c.k1, "update", {R.K_TEXT: later_title})])
    res = r.j("results") or [{}, {}]
    rec = res[0].get("record") if isinstance(res[0].get("record"), dict) else {}
    eq("a rejected change followed by a valid change of the same record in the batch: outcomes",
       [x.get("outcome") for x in res], ["rejected", "applied"])
    eq("its record is read when the answer is made (holds the later change of the batch)",
       (rec.get("fields") or {}).get(R.K_TEXT), later_title)
    # append-only: a second create with the same content is a no-op answered applied
    r, _ = d1.push([d1.change(R.RC, c.r1, "create", dict(c.r1_fields))])
    x = first_result(r)
    eq("second create of an append-only record with the same content -> applied (a no-op)",
       (r.status, x.get("outcome")), (200, "applied"))
    _, after2 = full_state(d1)
    eq("the no-op create left the append-only record unchanged", after2.get((R.RC, c.r1)),
       after.get((R.RC, c.r1)))
    d1.pull_all()
    # replayed batch with rejections: same outcomes, record read at the time of the answer
    d1b.pull_all()
    r, _ = d1b.push([d1b.change(R.KP, c.k1, "update", {R.K_TEXT: "董事长"})])
    expect_status("second device edits the key person after the rejections", r, 200)
    _, now_state = full_state(d1)
    r, _ = d1.push(batch, apply=False)
    expect_status("replay of the mixed batch -> 200", r, 200)
    rres = r.j("results") or []
    eq("replay of the mixed batch: same outcomes and codes",
       [(x.get("seq"), x.get("outcome"), x.get("code")) for x in rres],
       [(x.get("seq"), x.get("outcome"), x.get("code")) for x in c.rej_results])
    for (what, ch, outcome, code, rec_key), x in zip(cases, rres):
        if rec_key == (R.KP, c.k1) and x.get("outcome") == "rejected":
            eq("replay: %s: record is the state at the time of the replay, not a stored one" % what,
               norm(x.get("record")) if isinstance(x.get("record"), dict) else x.get("record"),
               now_state.get(rec_key))
            break
    d1.pull_all()


# ---- value encoding and canonical values ----------------------------------------------

def s_values(c):
    section("value encoding: valid, canonical values (rejected validation otherwise)")
    d1 = c.dev["rep1"]
    a1, k1 = c.a1, c.k1
    nml = REG.maxlen(R.ACC, R.A_NAME)
    lml = REG.maxlen(R.ACC, R.A_LONG)
    cases = []   # (what, entity, id, op, fields, expected outcome, canonical form the message names)

    def add(what, field, value, outcome, canon=None, ent=None, rid=None):
        cases.append((what, ent or R.ACC, rid or a1, "update", {field: value}, outcome, canon))

    n = R.A_NAME
    add("text with a leading space", n, " 恒达建材", "validation", "恒达建材")
    add("text with a trailing space", n, "恒达建材 ", "validation", "恒达建材")
    add("text with a leading tab", n, "\t恒达建材", "validation", "恒达建材")
    add("text with a line break", n, "恒达\n建材", "validation")
    add("text with a carriage return", n, "恒达\r建材", "validation")
    add("text as an empty string", n, "", "validation")
    if nml:
        add("text of exactly the declared length in characters (%d CJK characters)" % nml, n, "恒" * nml, "applied")
        add("text one character over the declared length", n, "恒" * (nml + 1), "validation")
    add("text with inner spaces, trimmed", n, "恒达 建材  有限公司", "applied")
    if R.A_LONG:
        add("long_text with surrounding white space and lines (kept as sent)", R.A_LONG,
            "  第一行\n第二行\t \n", "applied")
        add("long_text as an empty string", R.A_LONG, "", "validation")
        if lml:
            add("long_text one character over its declared max_length", R.A_LONG, "x" * (lml + 1), "validation")
    if R.A_JSON:
        add("json: an object as a string, with spaces (kept as sent)", R.A_JSON, ' {"k": [1, 2], "s": "值"} ',
            "applied")
        add("json: an array, not an object", R.A_JSON, "[1, 2]", "validation")
        add("json: not JSON", R.A_JSON, "{not json", "validation")
        add("json: an empty string", R.A_JSON, "", "validation")
    p = R.A_PHONE
    add("phone: 11-digit mainland mobile", p, "13800571234", "applied")
    add("phone: + and digits", p, "+8657188880001", "applied")
    add("phone with spaces", p, "+86 571 8888 0001", "validation", "+8657188880001")
    add("phone with dashes", p, "0571-8888-6666", "validation", "057188886666")
    add("phone with parentheses and a space", p, "(0571) 88886666", "validation", "057188886666")
    add("mobile number with dashes", p, "138-0057-1234", "validation", "13800571234")
    add("phone with 4 digits", p, "2345", "validation")
    add("phone with 5 digits", p, "23456", "applied")
    add("phone with 20 digits", p, "2" * 20, "applied")
    add("phone with 21 digits", p, "2" * 21, "validation")
    add("phone that is only +", p, "+", "validation")
    add("phone with letters", p, "0571-FIELD", "validation")
    add("phone as an empty string", p, "", "validation")
    e1 = R.A_E1
    v0 = T(1)
    if v0.lower() != v0:
        add("enum in another case (%r)" % v0.lower(), e1, v0.lower(), "validation")
    elif v0.upper() != v0:
        add("enum in another case (%r)" % v0.upper(), e1, v0.upper(), "validation")
    add("enum with a trailing space", e1, v0 + " ", "validation")
    add("enum as an empty string", e1, "", "validation")
    add("enum exactly a declared value", e1, v0, "applied")
    dt = R.A_DATE
    if dt:
        add("date on a leap day", dt, "2024-02-29", "applied")
        add("date that does not exist (2023-02-29)", dt, "2023-02-29", "validation")
        add("date with month 13", dt, "2024-13-01", "validation")
        add("date without leading zeros", dt, "2024-1-2", "validation")
        add("date with slashes", dt, "2024/01/02", "validation")
        add("date with a time", dt, "2024-01-02T00:00:00", "validation")
        add("date as an empty string", dt, "", "validation")
    if R.A_BOOL:
        add("bool 0", R.A_BOOL, 0, "applied")
        add("bool 1", R.A_BOOL, 1, "applied")
        add("bool 2", R.A_BOOL, 2, "validation")
        add("bool as JSON true", R.A_BOOL, True, "validation")
    if R.A_REAL:
        add("real 0", R.A_REAL, 0, "applied")
        add("real 12.5", R.A_REAL, 12.5, "applied")
        add("real -0.5 (below 0)", R.A_REAL, -0.5, "validation")
        add("real as a string", R.A_REAL, "12.5", "validation")
    if R.K_INT:
        f = REG.f(R.KP, R.K_INT)
        lo, hi = f.get("min"), f.get("max")
        if isinstance(lo, int):
            add("integer at its min (%d)" % lo, R.K_INT, lo, "applied", ent=R.KP, rid=k1)
            add("integer below its min (%d)" % (lo - 1), R.K_INT, lo - 1, "validation", ent=R.KP, rid=k1)
        if isinstance(hi, int):
            add("integer at its max (%d)" % hi, R.K_INT, hi, "applied", ent=R.KP, rid=k1)
            add("integer above its max (%d)" % (hi + 1), R.K_INT, hi + 1, "validation", ent=R.KP, rid=k1)
        add("integer with a fraction", R.K_INT, (lo if isinstance(lo, int) else 0) + 0.5, "validation",
            ent=R.KP, rid=k1)
        add("integer as a string", R.K_INT, str(lo if isinstance(lo, int) else 20), "validation",
            ent=R.KP, rid=k1)
    # ref: a lower-case UUID
    kid = uuid7()
    cases.append(("ref as an upper-case UUID", R.KP, kid, "create", kp_fields(a1.upper(), "引用"), "validation", a1))
    cases.append(("ref as an empty string", R.KP, kid, "create", kp_fields("", "引用"), "validation", None))
    cases.append(("ref as a lower-case UUID", R.KP, kid, "create", kp_fields(a1, "引用"), "applied", None))

    for what, ent, rid, op, fields, outcome, canon in cases:
        ch = d1.change(ent, rid, op, fields)
        r, _ = d1.push([ch])
        x = first_result(r)
        if outcome == "applied":
            report(r.status == 200 and x.get("outcome") == "applied", "%s -> applied" % what,
                   "200 applied", r if r.status != 200 else "%s %s: %s" % (x.get("outcome"), x.get("code"),
                                                                       x.get("message")))
            if x.get("outcome") == "applied":
                _, st = full_state(d1)
                got = ((st.get((ent, rid)) or {}).get("fields") or {})
                eq("%s: stored and pulled exactly as sent" % what, {f: got.get(f, "<absent>") for f in fields},
                   fields)
        else:
            ok = report(r.status == 200 and (x.get("outcome"), x.get("code")) == ("rejected", "validation"),
                        "%s -> rejected validation" % what, "200 rejected validation",
                        r if r.status != 200 else "%s %s: %s" % (x.get("outcome"), x.get("code"), x.get("message")))
            if ok and canon is not None:
                report(canon in (x.get("message") or ""), "%s: the message names the canonical form %r" % (what, canon),
                       "message containing %r" % canon, x.get("message"))
    # null clears a field and stays in fields as null with its stamp
    r, _ = d1.push([d1.change(R.ACC, a1, "update", {R.A_PHONE: "13800571234"})])
    eq("set a phone: outcome", first_result(r).get("outcome"), "applied")
    ch = d1.change(R.ACC, a1, "update", {R.A_PHONE: None})
    r, _ = d1.push([ch])
    x = first_result(r)
    eq("null clears a field: outcome", x.get("outcome"), "applied")
    _, st = full_state(d1)
    rec = st.get((R.ACC, a1)) or {}
    f = rec.get("fields", {})
    report(R.A_PHONE in f and f[R.A_PHONE] is None, "a cleared field stays in fields as null in the pull",
           "%s: null" % R.A_PHONE, f.get(R.A_PHONE, "<absent>"))
    eq("a cleared field keeps its stamp", rec.get("stamps", {}).get(R.A_PHONE), ch["hlc"])
    name = "杭州恒达建材有限公司 \"引号\" \\ 𠀀 é"
    r, _ = d1.push([d1.change(R.ACC, a1, "update", {R.A_NAME: name})])
    _, st = full_state(d1)
    eq("non-ASCII text round-trips unchanged", (st.get((R.ACC, a1)) or {}).get("fields", {}).get(R.A_NAME), name)
    p = d1.pull_all()
    check_pull("rep1 incremental pull after value changes", p, d1.replica.recs)


# ---- strict JSON -----------------------------------------------------------------------

def s_strict_json(c):
    section("strict JSON: raw control characters and lone surrogates are bad_json")
    d1 = c.dev["rep1"]
    base = server_last_seq(d1)

    def body_with(name_json):
        """A push of one valid create whose name is the given JSON string text (raw bytes): the
        name is built as a marker and the marker swapped for text json.dumps would escape."""
        a = uuid7()
        ch = d1.change(R.ACC, a, "create", acct_fields("NAME_SLOT"), seq=base + 1)
        txt = json.dumps({"device_id": d1.id, "changes": [ch]}, ensure_ascii=False)
        return a, txt.replace('"NAME_SLOT"', name_json).encode("utf-8")

    cases = [
        ("a raw U+0001 inside a string", '"恒达\x01建材"'),
        ("a raw tab inside a string", '"恒达\t建材"'),
        ("a raw line feed inside a string", '"恒达\n建材"'),
        ("a raw U+001F inside a string", '"恒达\x1f建材"'),
        ("a raw NUL inside a string", '"恒达\x00建材"'),
        ("a lone high surrogate escape", '"恒达\\ud800建材"'),
        ("a lone low surrogate escape", '"恒达\\udc00建材"'),
        ("a high surrogate escape followed by a non-surrogate escape", '"\\ud800\\u0041"'),
        ("a surrogate pair in the wrong order", '"\\udc00\\ud800"'),
        ("a high surrogate escape at the end of the string", '"恒达\\ud83d"'),
    ]
    for what, js in cases:
        a, b = body_with(js)
        c.refused_ids.append((R.ACC, a))
        r = api("/v1/sync/push", body=b, token=d1.token)
        expect_error("push with %s -> 400 bad_json" % what, r, 400, "bad_json")
    for what, b in (("an overlong UTF-8 sequence", b'"\xc0\xaf"'),
                    ("a UTF-8-encoded surrogate (CESU-8)", b'"\xed\xa0\x80"'),
                    ("a truncated UTF-8 sequence", b'"\xe6\x81"'),
                    ("a UTF-8 sequence beyond U+10FFFF", b'"\xf4\x90\x80\x80"')):
        a, body = body_with("__X__")
        c.refused_ids.append((R.ACC, a))
        r = api("/v1/sync/push", body=body.replace(b"__X__", b), token=d1.token)
        expect_error("push with %s -> 400 bad_json" % what, r, 400, "bad_json")
    for what, b in (("NaN", b'{"device_id": "%s", "changes": [], "x": NaN}' % d1.id.encode()),
                    ("trailing garbage", b'{"device_id": "%s", "changes": []} x' % d1.id.encode()),
                    ("a trailing comma", b'{"device_id": "%s", "changes": [],}' % d1.id.encode()),
                    ("single quotes", b"{'device_id': '%s', 'changes': []}" % d1.id.encode()),
                    ("a comment", b'{"device_id": "%s", /* x */ "changes": []}' % d1.id.encode())):
        r = api("/v1/sync/push", body=b, token=d1.token)
        expect_error("push with %s -> 400 bad_json" % what, r, 400, "bad_json")
    r = api("/v1/auth/sign-in", body=('{"login": "li\x01na", "password": "x", "device_id": "%s", '
                                      '"device_name": "x"}' % uuid7()).encode())
    expect_error("sign-in with a raw control character in a string -> 400 bad_json", r, 400, "bad_json")
    eq("nothing of the refused bodies was stored (last_seq unchanged)", server_last_seq(d1), base)
    # what strict JSON allows
    a, b = body_with('"\\ud840\\udc00 \\u6052\\u8fbe \\u0041"')
    r = api("/v1/sync/push", body=b, token=d1.token)
    x = first_result(r)
    report(r.status == 200 and x.get("outcome") == "applied",
           "a string with a surrogate-pair escape and other \\u escapes -> 200 applied", "200 applied",
           r if r.status != 200 else x)
    if r.status == 200 and isinstance(r.j("last_seq"), int):
        d1.last_seq = r.j("last_seq")
    _, st = full_state(d1)
    got = ((st.get((R.ACC, a)) or {}).get("fields") or {}).get(R.A_NAME)
    eq("the escaped string is stored as the characters it stands for", got, "\U00020000 恒达 A")
    if (R.ACC, a) in st:
        d1.replica.recs[(R.ACC, a)] = st[(R.ACC, a)]
    txt = json.dumps({"device_id": d1.id, "changes": []}, indent="\t").replace("\n", "\r\n")
    r = api("/v1/sync/push", body=txt.encode(), token=d1.token)
    expect_status("tabs, CR and LF between tokens (outside strings) are valid JSON -> 200", r, 200)
    d1.pull_all()


# ---- clamping --------------------------------------------------------------------------

def s_clamp(c):
    section("push: rule 5 clamping")
    d1, d1b = c.dev["rep1"], c.dev["rep1b"]
    d1b.pull_all()
    # a record whose stamps are all in the past
    c.acl = uuid7()
    r, _ = d1.push([d1.change(R.ACC, c.acl, "create", acct_fields("时钟测试"),
                              hlc=fmt_stamp(now_ms() - 5000, 0, d1.id))])
    expect_status("create the account for clamping (stamped 5 s ago)", r, 200)
    # 1 h ahead: replaced by <server now>-0000 with the pushing device's id
    far = now_ms() + 3600 * 1000
    ch = d1.change(R.ACC, c.acl, "update", {R.A_E1: T(2)}, hlc=fmt_stamp(far, 7, d1.id))
    t0 = now_ms()
    r, _ = d1.push([ch])
    t1 = now_ms()
    x = first_result(r)
    eq("a stamp 1 h ahead: outcome", x.get("outcome"), "applied")
    eq("a stamp 1 h ahead: clamped", x.get("clamped"), True)
    s = (x.get("clocks") or {}).get(R.A_E1)
    p = parse_stamp(s or "")
    report(p is not None and t0 - 1000 <= p[0] <= t1 + 1000 and p[1] == 0 and p[2] == d1.id,
           "clamped stamp is <server now>-0000 with the pushing device's id",
           "wall within [%d, %d], counter 0000, device %s" % (t0 - 1000, t1 + 1000, d1.id), s)
    _, st = full_state(d1)
    rec = st.get((R.ACC, c.acl))
    eq("the clamped stamp is the one stored (pull)", (rec or {}).get("stamps", {}).get(R.A_E1), s)
    # a new record 1 h ahead
    anew = uuid7()
    t0 = now_ms()
    r, b = d1.push([d1.change(R.ACC, anew, "create", acct_fields("未来的新客户"), hlc=fmt_stamp(far, 3, d1.id))])
    t1 = now_ms()
    x = first_result(r)
    cl = x.get("clocks") or {}
    ps = [parse_stamp(v) for v in cl.values()]
    report(x.get("clamped") is True and len(set(cl.values())) == 1 and set(cl) == set(b[0]["fields"])
           and all(q and t0 - 1000 <= q[0] <= t1 + 1000 and q[1] == 0 and q[2] == d1.id for q in ps),
           "a create stamped 1 h ahead: clamped, every field stamped <server now>-0000", "one stamp near %d-0000" % t0,
           x)
    # 59 s ahead: not clamped, stored as sent, and `clamped` absent
    near = now_ms() + 59 * 1000
    chn = d1b.change(R.ACC, c.acl, "update", {R.A_E2: S(2)}, hlc=fmt_stamp(near, 5, d1b.id))
    r, _ = d1b.push([chn])
    x = first_result(r)
    eq("a stamp 59 s ahead: outcome", x.get("outcome"), "applied")
    report("clamped" not in x, "a stamp 59 s ahead is not clamped (clamped absent)", "no clamped member",
           x.get("clamped", "absent"))
    eq("a stamp 59 s ahead is stored as sent", (x.get("clocks") or {}).get(R.A_E2), chn["hlc"])
    # now the record's latest stamp (on another field, by another device) is after the server's
    # now: the clamp gives the stamp right after it, with the pushing device's id
    ch2 = d1.change(R.ACC, c.acl, "update", {R.A_E1: T(3)}, hlc=fmt_stamp(now_ms() + 62 * 1000, 0, d1.id))
    r, _ = d1.push([ch2])
    x = first_result(r)
    eq("a stamp 62 s ahead is clamped", x.get("clamped"), True)
    eq("clamped to the stamp right after the record's latest stamp (over all its fields), with the pusher's id",
       (x.get("clocks") or {}).get(R.A_E1), next_stamp(chn["hlc"], d1.id))
    eq("clamped change won its field", x.get("outcome"), "applied")
    # counter ffff: the next millisecond with 0000
    acl2 = uuid7()
    r, _ = d1.push([d1.change(R.ACC, acl2, "create", acct_fields("时钟测试二"),
                              hlc=fmt_stamp(now_ms() - 5000, 0, d1.id))])
    expect_status("create a second account for clamping (stamped 5 s ago)", r, 200)
    d1b.pull_all()
    near = now_ms() + 40 * 1000
    chf = d1b.change(R.ACC, acl2, "update", {R.A_NAME: "时钟测试 ffff"}, hlc=fmt_stamp(near, 0xFFFF, d1b.id))
    r, _ = d1b.push([chf])
    x = first_result(r)
    report("clamped" not in x and (x.get("clocks") or {}).get(R.A_NAME) == chf["hlc"],
           "a stamp 40 s ahead with counter ffff is stored as sent", chf["hlc"], x)
    ch3 = d1.change(R.ACC, acl2, "update", {R.A_E2: S(3)}, hlc=fmt_stamp(now_ms() + 3600 * 1000, 0, d1.id))
    r, _ = d1.push([ch3])
    x = first_result(r)
    eq("clamping after a stamp with counter ffff gives the next millisecond with counter 0000",
       (x.get("clamped"), (x.get("clocks") or {}).get(R.A_E2)), (True, fmt_stamp(near + 1, 0, d1.id)))
    # the largest wall a stamp may have is 7fff…: valid, and clamped
    r, _ = d1.push([d1.change(R.ACC, c.acl, "update", {R.A_E1: T(1)}, hlc="7fffffffffffffff-ffff-" + d1.id)])
    x = first_result(r)
    eq("a stamp with wall 7fffffffffffffff is valid and clamped", (x.get("outcome"), x.get("clamped")),
       ("applied", True))
    p = d1.pull_all()
    check_pull("rep1 pull after clamping", p, d1.replica.recs)
    d1b.pull_all()


# ---- merge -----------------------------------------------------------------------------

def s_merge(c):
    section("push: rule 6 merge (lww), merged outcome")
    d1, d1b = c.dev["rep1"], c.dev["rep1b"]
    base = now_ms()
    c.am = uuid7()
    s0 = d1.stamp(wall=base - 20000)
    r, _ = d1.push([d1.change(R.ACC, c.am, "create", acct_fields("合并测试", 1, 1), hlc=s0)])
    expect_status("create the account for merging", r, 200)
    # sync d1 so that its pull cursor holds the account
    d1.pull_all()
    s2 = fmt_stamp(base - 5000, 0, d1b.id)
    r, _ = d1b.push([d1b.change(R.ACC, c.am, "update", {R.A_E1: T(2)}, hlc=s2)])
    expect_status("second device writes %s with a later stamp" % R.A_E1, r, 200)
    s1 = fmt_stamp(base - 10000, 0, d1.id)
    ch = d1.change(R.ACC, c.am, "update", {R.A_E1: T(3), R.A_E2: S(2)}, hlc=s1)
    r, batch = d1.push([ch])
    x = first_result(r)
    c.merge_batch, c.merge_result = batch, x
    eq("change whose %s is older than the stored one: outcome" % R.A_E1, x.get("outcome"), "merged")
    eq("merged: lost names the losing fields", x.get("lost"), [R.A_E1])
    eq("merged: clocks has the winning stamp for the lost field and the stored stamp for the won one",
       x.get("clocks"), {R.A_E1: s2, R.A_E2: s1})
    report("clamped" not in x, "merged: not clamped (clamped absent)", "no clamped", x.get("clamped", "absent"))
    _, st = full_state(d1)
    rec = st.get((R.ACC, c.am)) or {}
    eq("after merge the server holds the winner for the lost field and the change for the won one",
       (rec.get("fields", {}).get(R.A_E1), rec.get("fields", {}).get(R.A_E2)), (T(2), S(2)))
    eq("after merge the stamps are the winners'", (rec.get("stamps", {}).get(R.A_E1),
                                                  rec.get("stamps", {}).get(R.A_E2)), (s2, s1))
    r, _ = d1.push(batch, apply=False)
    eq("replay of a merged change answers the same merged outcome", first_result(r) or None, x)
    # the merged record is not echo-suppressed: the winner comes with the next pull
    p = d1.pull_all()
    report((R.ACC, c.am) in ids_of(p["records"]), "the pull after a merged outcome brings the record",
           "account %s in the pull" % c.am, ids_of(p["records"]))
    check_pull("rep1 incremental pull after merge", p, d1.replica.recs)
    rec = d1.replica.get((R.ACC, c.am)) or {}
    eq("device copy after the pull holds the winning value", rec.get("fields", {}).get(R.A_E1), T(2))
    # a change losing every field
    s3 = fmt_stamp(base - 3000, 0, d1b.id)
    r, _ = d1b.push([d1b.change(R.ACC, c.am, "update", {R.A_E1: T(1)}, hlc=s3)])
    expect_status("second device writes %s again, later" % R.A_E1, r, 200)
    s_old = fmt_stamp(base - 4000, 0, d1.id)
    r, _ = d1.push([d1.change(R.ACC, c.am, "update", {R.A_E1: T(0)}, hlc=s_old)])
    x = first_result(r)
    eq("a change losing every field: outcome merged", x.get("outcome"), "merged")
    eq("a change losing every field: lost", x.get("lost"), [R.A_E1])
    eq("a change losing every field: clocks carry the winner's stamp", x.get("clocks"), {R.A_E1: s3})
    p = d1.pull_all()
    check_pull("rep1 incremental pull after a change lost every field", p, d1.replica.recs)
    # a second create of an existing lww record merges like an update
    later = fmt_stamp(now_ms() - 1000, 0, d1.id)
    f2 = acct_fields("合并测试 再建", 3, 3)
    r, _ = d1.push([d1.change(R.ACC, c.am, "create", f2, hlc=later)])
    x = first_result(r)
    eq("a second create of an existing lww record with a later stamp -> applied", x.get("outcome"), "applied")
    _, st = full_state(d1)
    got = (st.get((R.ACC, c.am)) or {}).get("fields", {})
    eq("... and its values replace the stored ones", {f: got.get(f) for f in f2}, f2)
    old = fmt_stamp(base - 30000, 0, d1.id)
    r, _ = d1.push([d1.change(R.ACC, c.am, "create", acct_fields("更早的创建", 0, 0), hlc=old)])
    x = first_result(r)
    eq("a second create of an existing lww record with an older stamp -> merged, every field lost",
       (x.get("outcome"), sorted(x.get("lost") or [])), ("merged", sorted(f2)))
    p = d1.pull_all()
    check_pull("rep1 pull after second creates", p, d1.replica.recs)


# ---- pull ------------------------------------------------------------------------------

def s_pull(c):
    section("pull: full pass, paging, remaining, digest, defaults, previous schema")
    d1 = c.dev["rep1"]
    p, recs = full_state(d1, limit=3)
    check_pull("rep1 full pass (limit 3)", p, recs)
    report(len(p["pages"]) >= 3, "a small limit splits the pull into several pages", ">= 3 pages", len(p["pages"]))
    ids = ids_of(p["records"])
    eq("full pass: every record comes once", len(ids), len(set(ids)))
    if p["scope"]:
        eq("full pass: number of records equals scope count", len(ids), p["scope"][0])
        eq("remaining of a full pass from an empty cursor equals scope count", p["remaining_first"], p["scope"][0])
    own = [(R.ACC, c.a1), (R.KP, c.k1), (R.RC, c.r1), (R.ACC, c.a1b),
           (R.ACC, c.abig), (R.ACC, c.acl), (R.ACC, c.am), (R.KP, c.k2)]
    missing = [k for k in own if k not in ids]
    report(not missing, "full:true on every page brings the device's own writes", "all own records", missing)
    hit = [k for k in c.refused_ids if k in ids]
    report(not hit, "no change of a refused batch was applied", "none", hit)
    # remaining on every page
    p = d1.pull_all(cursor="", limit=4, full=True, apply=False, remaining_every_page=True)
    total = len(p["records"])
    bad = [(before, rem, total - before) for before, rem in p["remaining"] if rem != total - before]
    report(p["ok"] and not bad and len(p["remaining"]) == len(p["pages"]),
           "remaining counts the records after the cursor, the page's included (every page)",
           "remaining == records still to come", bad or p["problems"])
    # full only on the first page: the later pages leave out the device's own writes
    p1 = d1.pull_page("", limit=3, count_remaining=True, full=True)
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
        q = parse_stamp(max(st.values())) if st else None
        return q[2] if q else None
    foreign = [k for k in left_out if last_writer(k) != d1.id]
    report(len(left_out) > 0 and not foreign,
           "full:true on the first page only: later pages leave out the device's own writes "
           "(so a full pass sends full on every page)",
           "some records last written by rep1's device missing, nothing else",
           "left out %d, of which written last by others: %s" % (len(left_out), foreign))
    report(not (set(nids) - set(ids)), "a pull without full brings nothing outside the full pass",
           "subset", set(nids) - set(ids))
    r = d1.pull_page("", limit=2, count_remaining=True)
    if p["scope"] and r.status == 200:
        eq("remaining from an empty cursor without full equals scope count", (r.json or {}).get("remaining"),
           p["scope"][0])
    r = d1.pull_page("", limit=2)
    report(r.status == 200 and "remaining" not in (r.json or {}), "remaining absent without count_remaining",
           "no remaining", r)
    # member defaults: cursor "" , limit 500, count_remaining false, full false
    r = api("/v1/sync/pull", {"device_id": d1.id}, token=d1.token)
    r2 = d1.pull_page("", limit=500)
    report(r.status == 200 and isinstance(r.json, dict) and "remaining" not in r.json
           and ids_of(r.json.get("records", [])) == ids_of((r2.json or {}).get("records", [])),
           "a pull with only device_id is a pull from the empty cursor (no remaining)",
           "200, same records as cursor \"\" limit 500", r)
    cur2 = (p1.json or {}).get("cursor", "")
    ra = api("/v1/sync/pull", {"device_id": d1.id, "cursor": cur2}, token=d1.token)
    rb = api("/v1/sync/pull", {"device_id": d1.id, "cursor": cur2, "full": False, "limit": 500}, token=d1.token)
    rc = api("/v1/sync/pull", {"device_id": d1.id, "cursor": cur2, "full": True, "limit": 500}, token=d1.token)
    ia, ib, ic = (ids_of((x.json or {}).get("records", [])) for x in (ra, rb, rc))
    report(ra.status == 200 and ia == ib and ia != ic,
           "full defaults to false (from a cursor, leaving it out = full:false, not full:true)",
           "%d records as with full:false" % len(ib), "%s %d records (full:true %d)" % (ra.status, len(ia), len(ic)))
    # cursors the server did not issue
    r = api("/v1/sync/pull", {"device_id": d1.id, "cursor": "999999999"}, token=d1.token)
    expect_error("pull with a cursor beyond everything committed (999999999) -> 409 cursor_ahead", r, 409,
                 "cursor_ahead")
    for what, cur in (("a cursor that is not one the server issues (not-a-cursor)", "not-a-cursor"),
                      ("an issued cursor with a character appended", (cur2 or "1") + "x")):
        r = api("/v1/sync/pull", {"device_id": d1.id, "cursor": cur}, token=d1.token)
        expect_error("pull with %s -> 400 bad_request" % what, r, 400, "bad_request")
    r = api("/v1/sync/pull", {"device_id": d1.id, "limit": 0}, token=d1.token)
    report(error_shape_ok(r, 400, "bad_request") or
           (r.status == 200 and len((r.json or {}).get("records", [])) <= 1),
           "pull with limit 0 (limit is at least 1) -> 400 bad_request or at most one record",
           "400 bad_request or ≤ 1 record", r)
    r = api("/v1/sync/pull", {"device_id": d1.id, "limit": 1}, token=d1.token)
    report(r.status == 200 and len((r.json or {}).get("records", [])) == 1 and (r.json or {}).get("more") is True,
           "pull with limit 1 -> one record and more: true", "1 record, more", r)
    r, _ = d1.push([d1.change(R.ACC, c.a1b, "update", {R.A_E1: T(1)})], schema=SCHEMA_PREV)
    eq("a device on the previous schema pushes: applied", (r.status, first_result(r).get("outcome")),
       (200, "applied"))
    # a huge limit is clamped, not refused
    r = d1.pull_page("", limit=1000000, full=True)
    report(r.status == 200 and len((r.json or {}).get("records", [])) <= c.pull_limit,
           "limit 1000000 is clamped (200, ≤ %d records)" % c.pull_limit, "200", r.status)
    # previous schema version: only what it declares (record_problems checks `since`)
    pp, precs = full_state(d1, schema=SCHEMA_PREV, limit=5)
    check_pull("rep1 full pass with the previous schema (%d): only entities and fields it declares" % SCHEMA_PREV,
               pp, precs)
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
    d1.pull_all()


# ---- echo suppression ------------------------------------------------------------------

def s_echo(c):
    section("pull: echo suppression")
    d1, d1b = c.dev["rep1"], c.dev["rep1b"]
    p = d1.pull_all()
    check_pull("rep1 sync before echo tests", p, d1.replica.recs)
    c0 = d1.cursor
    ae = uuid7()
    key = (R.ACC, ae)
    push_expect("echo: rep1 creates a new account -> applied", d1,
                [d1.change(R.ACC, ae, "create", acct_fields("回声测试"))])

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
                [d1.change(R.ACC, ae, "update", {R.A_E1: T(2)})])
    p, there = pulled(c0)
    report(not there, "own applied update of an own marked write is not echoed", "absent", "present")
    d1b.pull_all()  # a real device syncs (and so sees the latest stamps) before it writes
    push_expect("echo: second device updates the account -> applied", d1b,
                [d1b.change(R.ACC, ae, "update", {R.A_E2: S(2)})])
    p, there = pulled(c0)
    report(there, "a write by another device clears the mark: record is pulled", "present", "absent")
    p = d1.pull_all()
    check_pull("rep1 sync after another device's write", p, d1.replica.recs)
    c1 = d1.cursor
    push_expect("echo: rep1 updates, push cursor holds the latest version -> applied", d1,
                [d1.change(R.ACC, ae, "update", {R.A_E1: T(3)})], cursor=c1)
    p, there = pulled(c1)
    report(not there, "own write merged with a version at or below the push cursor is not echoed",
           "absent", "present")
    c2 = d1.cursor
    d1b.pull_all()
    push_expect("echo: second device updates again -> applied", d1b,
                [d1b.change(R.ACC, ae, "update", {R.A_NAME: "回声测试二"})])
    push_expect("echo: rep1 updates with a push cursor older than the stored version -> applied", d1,
                [d1.change(R.ACC, ae, "update", {R.A_E1: T(0)})], cursor=c2)
    p, there = pulled(c2)
    report(there, "own write merged with a version above the push cursor is pulled back", "present", "absent")
    p = d1.pull_all()
    check_pull("rep1 sync after echo tests", p, d1.replica.recs)
    # a push without cursor on top of another device's write
    d1b.pull_all()
    push_expect("echo: second device updates once more -> applied", d1b,
                [d1b.change(R.ACC, ae, "update", {R.A_E2: S(1)})])
    c3 = d1.cursor
    push_expect("echo: rep1 updates without a push cursor -> applied", d1,
                [d1.change(R.ACC, ae, "update", {R.A_E1: T(1)})], cursor="")
    p, there = pulled(c3)
    report(there, "own write pushed without cursor on top of another device's write is pulled back",
           "present", "absent")
    p = d1.pull_all()
    check_pull("rep1 sync after a push without cursor", p, d1.replica.recs)
    # a merged write (some field lost) is not marked: the record comes back
    held = d1.replica.get(key) or {"stamps": {}}
    w = max([parse_stamp(x)[0] for x in held["stamps"].values()] + [now_ms()])
    pending = d1.change(R.ACC, ae, "update", {R.A_E1: T(3), R.A_E2: S(2)},
                        hlc=fmt_stamp(w + 1000, 0, d1.id))          # written offline, still waiting
    d1b.pull_all()
    push_expect("echo: second device writes %s later than rep1's waiting change -> applied" % R.A_E1, d1b,
                [d1b.change(R.ACC, ae, "update", {R.A_E1: T(2)}, hlc=fmt_stamp(w + 2000, 0, d1b.id))])
    p = d1.pull_all()   # the pull merges: rep1's copy takes the later value, its change still waits
    c4 = d1.cursor
    r, x = push_expect("echo: rep1 pushes its waiting change -> merged", d1, [pending], outcome="merged")
    p, there = pulled(c4)
    report(there, "a merged (not applied) own write is not echo-suppressed", "present", "absent")
    p = d1.pull_all()
    check_pull("rep1 sync at the end of echo tests", p, d1.replica.recs)
    # the push cursor
    r = api("/v1/sync/push", {"device_id": d1.id, "cursor": "not a cursor!", "changes": []}, token=d1.token)
    expect_error("push with a malformed cursor -> 400 bad_request", r, 400, "bad_request")
    r = api("/v1/sync/push", {"device_id": d1.id, "cursor": 17, "changes": []}, token=d1.token)
    expect_error("push with a cursor that is not a string -> 400 bad_request", r, 400, "bad_request")
    r = api("/v1/sync/push", {"device_id": d1.id, "cursor": d1.cursor, "changes": []}, token=d1.token)
    expect_status("push with the device's own cursor -> 200", r, 200)


# ---- commit order ----------------------------------------------------------------------

def s_commit_order(c):
    section("pull: commit order")
    d2 = c.dev["rep2"]
    b1, b2 = uuid7(), uuid7()
    d2.push([d2.change(R.ACC, b1, "create", acct_fields("顺序一"))])
    d2.push([d2.change(R.ACC, b2, "create", acct_fields("顺序二"))])
    r, _ = d2.push([d2.change(R.ACC, b1, "update", {R.A_E1: T(2)})])
    expect_status("rep2: create B1, create B2, update B1", r, 200)
    c.b1, c.b2 = b1, b2
    p, recs = full_state(d2, limit=1)
    check_pull("rep2 full pass (limit 1)", p, recs)
    ids = ids_of(p["records"])
    order = [k for k in ids if k in ((R.ACC, c.a2), (R.ACC, b1), (R.ACC, b2))]
    eq("records come in commit order (last write last)", order,
       [(R.ACC, c.a2), (R.ACC, b2), (R.ACC, b1)])


# ---- scope -----------------------------------------------------------------------------

def s_scope(c):
    section("scope")
    d1, d2, d3, dm = c.dev["rep1"], c.dev["rep2"], c.dev["rep3"], c.dev["mgr"]
    # a manager's own account, a referral from another team's account
    c.amgr = uuid7()
    push_expect("manager creates an account -> applied", dm, [dm.change(R.ACC, c.amgr, "create",
                                                                        acct_fields("经理的客户"))])
    c.rf1 = uuid7()
    c.rf1_fields = rf_fields(c.a3, c.a1)
    push_expect("rep1 creates a referral from another team's account to its own (%s in scope) -> applied"
                % R.F_ACC, d1, [d1.change(R.RF, c.rf1, "create", c.rf1_fields)])
    r, _ = d1.push([d1.change(R.RF, uuid7(), "create", rf_fields(c.a1, c.a3))])
    x = first_result(r)
    eq("a referral whose referred account (%s) is another team's -> rejected out_of_scope" % R.F_ACC,
       (x.get("outcome"), x.get("code"), x.get("record", "missing")), ("rejected", "out_of_scope", None))
    r, _ = d1.push([d1.change(R.RF, c.rf1, "update", {R.F_DATE: "2025-05-05"})])
    eq("an update of a referral (append-only) -> rejected read_only",
       (first_result(r).get("outcome"), first_result(r).get("code")), ("rejected", "read_only"))
    p1, r1 = full_state(d1)
    p2, r2 = full_state(d2)
    p3, r3 = full_state(d3)
    pm, rm = full_state(dm, limit=7)
    check_pull("rep1 full pass", p1, r1)
    check_pull("rep2 full pass", p2, r2)
    check_pull("rep3 full pass", p3, r3)
    check_pull("manager full pass", pm, rm)

    def accounts_of(recs):
        return set(REG.belongs_to(e, i, r["fields"]) for (e, i), r in recs.items())

    a1s, a2s, a3s, ams = accounts_of(r1), accounts_of(r2), accounts_of(r3), accounts_of(rm)
    report(not (a1s & a2s), "rep1 and rep2 (same team) never receive each other's records", "disjoint",
           a1s & a2s)
    report(not (a1s & a3s) and not (a2s & a3s), "reps never receive another team's rep's records",
           "disjoint", (a1s | a2s) & a3s)
    report(c.a3 in a3s, "rep3 receives its own account", "present", "absent")
    report((R.RF, c.rf1) in r1, "the referral comes to the rep of the referred account", "present", "absent")
    report((R.RF, c.rf1) not in r3, "the referral does not come to the referrer account's rep (another team)",
           "absent", "present")
    mine = {k for k in rm if REG.belongs_to(k[0], k[1], rm[k]["fields"]) == c.amgr}
    eq("manager receives exactly the records of the team's reps and its own account", set(rm),
       set(r1) | set(r2) | mine)
    report((R.ACC, c.amgr) in rm, "an account created by a manager belongs to that manager", "present", "absent")
    report((R.ACC, c.amgr) not in r1 and (R.ACC, c.amgr) not in r2,
           "the team's reps do not receive the manager's account until it is assigned", "absent", "present")
    report(c.a3 not in ams, "manager does not receive another team's account", "absent", "present")
    r, _ = d1.push([d1.change(R.ACC, c.amgr, "update", {R.A_E1: T(2)})])
    eq("a rep updates the manager's unassigned account -> rejected out_of_scope",
       (first_result(r).get("outcome"), first_result(r).get("code")), ("rejected", "out_of_scope"))
    # a manager's scope for pushes is the team's accounts
    dm.pull_all()
    push_expect("manager updates a team rep's account -> applied", dm,
                [dm.change(R.ACC, c.a1, "update", {R.A_E2: S(2)})])
    r, _ = dm.push([dm.change(R.ACC, c.a3, "update", {R.A_E2: S(2)})])
    x = first_result(r)
    eq("manager updates another team's account -> rejected out_of_scope", (x.get("outcome"), x.get("code")),
       ("rejected", "out_of_scope"))
    p = d1.pull_all()
    report((R.ACC, c.a1) in ids_of(p["records"]), "the rep receives the manager's change", "present",
           ids_of(p["records"]))
    check_pull("rep1 pull after the manager's change", p, d1.replica.recs)
    # an empty scope digests to count 0 and the XOR of nothing
    db = c.dev["bulk"]
    p, rb = full_state(db)
    check_pull("rep with an empty scope: full pass", p, rb)
    eq("empty scope digest", p["scope"], (0, "0" * 64))
    r = dm.pull_all()
    check_pull("manager incremental pull", r, dm.replica.recs)
    d3.pull_all()


# ---- sequence_reused renumbering -------------------------------------------------------

def s_sequence_reused(c):
    section("sequence_reused: renumbering after a restore")
    ds = c.dev["rep2s"]
    b5, b6, b7 = uuid7(), uuid7(), uuid7()
    r, _ = ds.push([ds.change(R.ACC, b5, "create", acct_fields("恢复测试"))])
    expect_status("seq 1 create", r, 200)
    upd = ds.change(R.ACC, b5, "update", {R.A_E1: T(0)})   # in the "backup" outbox as seq 2
    r, _ = ds.push([dict(upd)])
    expect_status("seq 2 update", r, 200)
    r, _ = ds.push([ds.change(R.ACC, b6, "create", acct_fields("恢复后丢失的"))])
    expect_status("seq 3 create", r, 200)
    _, before = full_state(ds)
    new = ds.change(R.ACC, b7, "create", acct_fields("恢复后新写的"))
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
    report(len(res) == 2 and res[0].get("outcome") == "applied",
           "an already applied change re-sent under a new seq merges as a no-op and is applied", "applied", res[:1])
    if len(res) == 2:
        eq("the new change under its new seq is applied", res[1].get("outcome"), "applied")
    eq("last_seq after renumbering", r.j("last_seq"), exp + 1)
    _, after = full_state(ds)
    eq("the re-sent change merged as a no-op", after.get((R.ACC, b5)), before.get((R.ACC, b5)))
    ds.last_seq = r.j("last_seq") if isinstance(r.j("last_seq"), int) else ds.last_seq


# ---- gzip ------------------------------------------------------------------------------

def s_gzip(c):
    section("gzip and compression above 1 KiB")
    d1 = c.dev["rep1"]
    ag = uuid7()
    r, _ = d1.push([d1.change(R.ACC, ag, "create", acct_fields("压缩测试"))], gzip_req=True)
    expect_status("push with a gzip request body -> 200", r, 200)
    eq("gzip push applied", first_result(r).get("outcome"), "applied")
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
    report("gzip" not in r.headers.get("content-encoding", ""), "a small error reply goes plain",
           "no Content-Encoding", r.headers.get("content-encoding"))
    r = http_request("GET", "/v1/schema", headers={"Accept-Encoding": "gzip"})
    report(r.headers.get("content-encoding", "").lower() == "gzip" and len(r.body) > 1024 and isinstance(r.json, dict),
           "GET /v1/schema (%d bytes) to Accept-Encoding: gzip is gzip-compressed" % len(r.body),
           "Content-Encoding: gzip", r.headers.get("content-encoding") or "(none)")
    r = http_request("GET", "/v1/health", headers={"Accept-Encoding": "gzip"})
    report(r.status == 200 and "gzip" not in r.headers.get("content-encoding", "") and len(r.body) <= 1024,
           "GET /v1/health (%d bytes) goes plain though gzip is accepted" % len(r.body), "no Content-Encoding",
           r.headers.get("content-encoding"))
    r = api("/v1/sync/push", {"device_id": d1.id, "changes": []}, token=d1.token, accept_gzip=True)
    report(r.status == 200 and "gzip" not in r.headers.get("content-encoding", ""),
           "a small push reply (%d bytes) goes plain though gzip is accepted" % len(r.body), "no Content-Encoding",
           r.headers.get("content-encoding"))
    # the 1 KiB boundary: a reply of exactly 1024 bytes goes plain, 1025 bytes gzipped
    login, name, role, team, pw = USERS["gz"]
    dz = Device(login, pw, "gzip boundary")
    if dz.sign_in().status != 200:
        report(False, "sign-in for the 1 KiB boundary", 200, "failed")
        return
    az = uuid7()
    st = {"notes": "x" * 200}
    push_expect("create one account in an otherwise empty scope", dz,
                [dz.change(R.ACC, az, "create", acct_fields("边界", **{R.A_LONG: st["notes"]}))])

    def plain_size():
        r = dz.pull_page("", limit=10, full=True)
        return len(r.body) if r.status == 200 and not r.headers.get("content-encoding") else None

    def reach(target):
        for _ in range(10):
            s = plain_size()
            if s is None:
                return False
            if s == target:
                return True
            n = len(st["notes"]) + target - s
            if n < 1 or n > (REG.maxlen(R.ACC, R.A_LONG) or 10 ** 6):
                return False
            st["notes"] = "x" * n
            r, _ = dz.push([dz.change(R.ACC, az, "update", {R.A_LONG: st["notes"]})])
            if r.status != 200:
                return False
        return False

    for target, gz in ((1024, False), (1025, True)):
        if not reach(target):
            report(False, "a pull reply of exactly %d bytes could be made" % target, target, plain_size())
            continue
        r = dz.pull_page("", limit=10, full=True, accept_gzip=True)
        enc = r.headers.get("content-encoding", "").lower()
        report(r.status == 200 and (enc == "gzip") == gz and len(r.body) == target,
               "a reply of %d bytes to Accept-Encoding: gzip goes %s" % (target, "gzipped" if gz else "plain"),
               "gzip" if gz else "plain", "%s, %d bytes" % (enc or "plain", len(r.body)))
    d1.pull_all()


# ---- scope digest without pulling ------------------------------------------------------

def s_digest(c):
    section("POST /v1/sync/digest")
    d1, dm, db = c.dev["rep1"], c.dev["mgr"], c.dev["bulk"]

    def digest_of(d, schema="cur", token="own", body=None):
        return api("/v1/sync/digest", {"device_id": d.id} if body is None else body,
                   token=d.token if token == "own" else token, schema=schema)

    for name, d in (("rep1", d1), ("manager", dm), ("a rep with an empty scope", db)):
        t0 = now_ms()
        r = digest_of(d)
        t1 = now_ms()
        if not expect_status("digest for %s -> 200" % name, r, 200):
            continue
        sc = r.j("scope") if isinstance(r.j("scope"), dict) else {}
        st = r.j("server_time_ms")
        report(isinstance(sc.get("count"), int) and isinstance(sc.get("hash"), str) and
               isinstance(st, int) and t0 - 5000 <= st <= t1 + 5000,
               "digest for %s: scope {count, hash} and server_time_ms (now)" % name,
               "scope and server_time_ms", r)
        p, recs = full_state(d)
        eq("digest for %s equals the scope a pull's last page carries now" % name,
           (sc.get("count"), sc.get("hash")), p["scope"])
        cnt, h = digest(recs)
        eq("digest for %s equals the digest the client computes over a full pass" % name,
           (sc.get("count"), sc.get("hash")), (cnt, h))
    r = digest_of(d1, schema=SCHEMA_PREV)
    pp, _ = full_state(d1, schema=SCHEMA_PREV)
    eq("digest with the previous schema equals that schema's pull scope",
       (r.status, tuple((r.j("scope") or {}).get(k) for k in ("count", "hash"))), (200, pp["scope"]))
    expect_error("digest without Authorization -> 401 unauthenticated", digest_of(d1, token=None), 401,
                 "unauthenticated")
    expect_error("digest with another device's id -> 400 bad_request",
                 digest_of(d1, body={"device_id": c.dev["rep1b"].id}), 400, "bad_request")
    expect_error("digest without device_id -> 400 bad_request", digest_of(d1, body={}), 400, "bad_request")
    expect_error("digest without X-Fieldbook-Protocol -> 400 unsupported_protocol",
                 api("/v1/sync/digest", {"device_id": d1.id}, token=d1.token, proto=None), 400,
                 "unsupported_protocol")
    expect_error("GET /v1/sync/digest (the endpoint is POST) -> 404 not_found",
                 api("/v1/sync/digest", method="GET", token=d1.token), 404, "not_found")


# ---- bulk paging -----------------------------------------------------------------------

def s_bulk_paging(c):
    section("pull: large scope, limit clamp, defaults")
    db = c.dev["bulk"]
    a = uuid7()
    r, _ = db.push([db.change(R.ACC, a, "create", acct_fields("大客户"))])
    expect_status("bulk rep creates an account", r, 200)
    n = 1
    for b in range(5):
        chs = [db.change(R.KP, uuid7(), "create", kp_fields(a, "联系人%d" % (b * 500 + i), 3))
               for i in range(500)]
        r, _ = db.push(chs, apply=False)
        if r.status != 200:
            report(False, "bulk push of 500 key persons", 200, r)
            return
        n += sum(1 for x in r.j("results") or [] if x.get("outcome") == "applied")
    report(n == 2501, "2,501 records created in scope", 2501, n)
    r = db.pull_page("", limit=5000, count_remaining=True, full=True)
    j = r.json if isinstance(r.json, dict) else {}
    k = len(j.get("records", []))
    report(r.status == 200 and 0 < k <= c.pull_limit and j.get("more") is True,
           "limit 5000 is clamped to at most %d records, more: true" % c.pull_limit,
           "≤ %d records and more" % c.pull_limit, "%s records, more %s" % (k, j.get("more")))
    eq("remaining from an empty cursor = scope size", j.get("remaining"), 2501)
    if j.get("cursor"):
        r2 = db.pull_page(j["cursor"], limit=5000, count_remaining=True, full=True)
        eq("remaining from the second page's cursor", (r2.json or {}).get("remaining"), 2501 - k)
    # defaults: limit 500, no remaining; from a cursor without full the device's own writes stay out
    r = api("/v1/sync/pull", {"device_id": db.id}, token=db.token)
    j = r.json if isinstance(r.json, dict) else {}
    report(r.status == 200 and len(j.get("records", [])) == 500 and j.get("more") is True and "remaining" not in j,
           "a pull with only device_id: limit defaults to 500, count_remaining to false",
           "500 records, more: true, no remaining",
           "%s, %d records, more %r, remaining %r" % (r.status, len(j.get("records", [])), j.get("more"),
                                                      j.get("remaining", "absent")))
    cur = j.get("cursor", "")
    r = api("/v1/sync/pull", {"device_id": db.id, "cursor": cur, "count_remaining": True}, token=db.token)
    rf = api("/v1/sync/pull", {"device_id": db.id, "cursor": cur, "count_remaining": True, "full": True},
             token=db.token)
    eq("from a cursor, a pull without full leaves out the device's own writes (full defaults to false)",
       ((r.json or {}).get("remaining"), len((r.json or {}).get("records", []))), (0, 0))
    eq("... and the same pull with full:true brings them", (rf.json or {}).get("remaining"), 2001)
    p, recs = full_state(db, limit=700)
    check_pull("bulk rep full pass (limit 700)", p, recs)
    eq("bulk full pass sizes", p["sizes"], [700, 700, 700, 401])
    db.replica.recs = dict(recs)
    db.cursor = p["cursor"]


def s_big_page(c):
    section("pull: a page ends early once its records pass 4 MiB")
    dg = c.dev["big"]
    # 2,000 accounts of about 3 KB of JSON each
    lml = REG.maxlen(R.ACC, R.A_LONG) or 4000
    body_txt = ("长" * 1000)[:lml]
    for b in range(4):
        chs = []
        for i in range(500):
            chs.append(dg.change(R.ACC, uuid7(), "create",
                                 acct_fields("大页 %d-%d" % (b, i), **{R.A_LONG: body_txt})))
        r, _ = dg.push(chs, apply=False)
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
    r, _ = d1.push([d1.change(R.ACC, ap, "create", acct_fields("转移客户")),
                    d1.change(R.KP, kp, "create", kp_fields(ap, "转移联系人")),
                    d1.change(R.RC, rp, "create", rc_fields(ap, kp)),
                    d1.change(R.ACC, aq, "create", acct_fields("转给外队"))])
    expect_status("rep1 creates an account with key person and role change to reassign", r, 200)
    r, _ = d2r.push([d2r.change(R.ACC, uuid7(), "create", acct_fields("将被吊销"))])
    expect_status("device to be revoked pushes", r, 200)
    # ack-revocation from a device that was never revoked, and with another device's id
    r = api("/v1/sync/ack-revocation", {"device_id": d1.id}, token=d1.token)
    expect_status("ack-revocation from a device that was never revoked -> 204 (a no-op)", r, 204)
    r = api("/v1/sync/pull", {"device_id": d1.id, "cursor": "", "limit": 1}, token=d1.token)
    expect_status("... and the device goes on working", r, 200)
    r = api("/v1/sync/ack-revocation", {"device_id": c.dev["rep1b"].id}, token=d1.token)
    expect_error("ack-revocation with another device's id -> 400 bad_request", r, 400, "bad_request")
    r = api("/v1/sync/ack-revocation", {"device_id": d1.id}, token=d1.token, proto=None)
    expect_error("ack-revocation without the version headers -> 400 unsupported_protocol", r, 400,
                 "unsupported_protocol")
    for d in (d1, d2, dm, d3):
        d.pull_all()
    cp = d1.cursor
    srv = c.srv
    srv.stop()
    rc, out = srv.admin("assign", ap, "--to", USERS["rep2"][0])
    ok = report(rc == 0, "admin assign account to wang.wei", "exit 0", "exit %d: %s" % (rc, out))
    rc2, out2 = srv.admin("revoke-device", d2r.id)
    okr = report(rc2 == 0, "admin revoke-device", "exit 0", "exit %d: %s" % (rc2, out2))
    rc3, out3 = srv.admin("assign", c.amgr, "--to", USERS["rep1"][0])
    okm = report(rc3 == 0, "admin assign the manager's account to li.na", "exit 0", "exit %d: %s" % (rc3, out3))
    if not srv.start():
        report(False, "server restarts", "listening", "no")
        return
    if ok:
        p = d1.pull_all()
        check_pull("rep1 pull after reassignment", p, d1.replica.recs)
        report(ap in p["purge"], "purge lists the account that left rep1's scope", ap, p["purge"])
        ids = ids_of(p["records"])
        report(not ({(R.ACC, ap), (R.KP, kp), (R.RC, rp)} & set(ids)),
               "records of the purged account are not sent", "none", ids)
        if okm:
            report((R.ACC, c.amgr) in ids, "the manager's account assigned to the rep comes to the rep",
                   "present", ids)
        p = d2.pull_all()
        check_pull("rep2 pull after reassignment", p, d2.replica.recs)
        ids = ids_of(p["records"])
        report({(R.ACC, ap), (R.KP, kp), (R.RC, rp)} <= set(ids),
               "the new owner receives the account and everything under it", "all three", ids)
        report(ap not in p["purge"], "the new owner gets no purge for it", "absent", p["purge"])
        p = dm.pull_all()
        check_pull("manager pull after reassignment within the team", p, dm.replica.recs)
        report(ap not in p["purge"] and c.amgr not in p["purge"],
               "manager: no purge for accounts reassigned within the team", "absent", p["purge"])
        r, _ = d1.push([d1.change(R.ACC, ap, "update", {R.A_E1: T(3)})])
        x = first_result(r)
        eq("rep1 updates the reassigned account -> rejected out_of_scope",
           (x.get("outcome"), x.get("code")), ("rejected", "out_of_scope"))
        eq("the out_of_scope rejection carries record null", x.get("record", "missing"), None)
        d1.pull_all()
    if okr:
        r, _ = d2r.push([d2r.change(R.ACC, uuid7(), "create", acct_fields("吊销后"))])
        expect_error("push from a revoked device -> 403 device_revoked", r, 403, "device_revoked")
        r = d2r.pull_page(d2r.cursor)
        expect_error("pull from a revoked device -> 403 device_revoked", r, 403, "device_revoked")
        r = api("/v1/sync/push", body=b"{broken", token=d2r.token)
        expect_error("a revoked device's token with a broken body -> 403 device_revoked (token before JSON)",
                     r, 403, "device_revoked")
        r = api("/v1/sync/push", body=b"{broken", token=d2r.token, proto=None)
        expect_error("a revoked device's token without the protocol header -> 400 unsupported_protocol",
                     r, 400, "unsupported_protocol")
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
        report({(R.ACC, ap), (R.KP, kp), (R.RC, rp)} <= set(ids_of(p["records"])),
               "an account back in scope comes again with its records (old cursor)", "all three",
               ids_of(p["records"]))
        p = d1.pull_all()
        check_pull("rep1 pull after the account came back", p, d1.replica.recs)
        report({(R.ACC, ap), (R.KP, kp), (R.RC, rp)} <= set(ids_of(p["records"])),
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
        report((R.ACC, aq) in ids_of(p["records"]), "rep3 receives the account moved to it", "present",
               ids_of(p["records"]))
    for name, d in (("rep1", d1), ("rep2", d2), ("manager", dm), ("rep3", d3)):
        pf, recs = full_state(d)
        check_pull("%s full pass after reassignments" % name, pf, recs)
        eq("%s device copy equals a fresh full pass" % name, d.replica.recs, recs)


# ---- scope kinds: reference data (global) and owned records (owner) -------------------

# every device signed in at this point (rep2r was revoked): reps of four teams and a manager
SCOPE_DEVICES = ("rep1", "rep1b", "rep2", "rep2s", "rep3", "mgr", "bulk", "big")
GI, TP, SM = "gift_item", "tier_policy", "stock_movement"


def admin_while_stopped(c, steps):
    """Stops the server, runs admin commands [(check name, args)], starts it again (as the
    reassignment steps do). Returns [(rc, output)] and whether the server runs again."""
    srv = c.srv
    srv.stop()
    outs = []
    for name, args in steps:
        rc, out = srv.admin(*args)
        report(rc == 0, name, "exit 0", "exit %d: %s" % (rc, out))
        outs.append((rc, out))
    started = srv.start()
    if not started:
        report(False, "server restarts", "listening", "no")
    return outs, started


def server_digest(d, schema="cur"):
    """(count, hash) from POST /v1/sync/digest, or the response when it failed."""
    r = api("/v1/sync/digest", {"device_id": d.id}, token=d.token, schema=schema)
    sc = r.j("scope") if r.status == 200 else None
    if isinstance(sc, dict) and isinstance(sc.get("count"), int) and isinstance(sc.get("hash"), str):
        return sc["count"], sc["hash"]
    return r


def of_entity(records, ent):
    return [x for x in records if isinstance(x, dict) and x.get("entity") == ent]


def scope_devices(c):
    return [(k, c.dev[k]) for k in SCOPE_DEVICES if k in c.dev and c.dev[k].token]


def push_cases(c, dev, who, cases):
    """cases: [(what, change, outcome, code, rec_key)]; rec_key None: a rejected result's record
    must be null, else the server's current state of rec_key. One batch; returns (results,
    the pusher's full state after it)."""
    r, batch = dev.push([x[1] for x in cases])
    if not expect_status("%s pushes %d change(s) in one batch -> 200" % (who, len(cases)), r, 200):
        return [], {}
    res = r.j("results") or []
    eq("%s's batch: one result per change, in seq order" % who, [x.get("seq") for x in res],
       [b["seq"] for b in batch])
    _, after = full_state(dev)
    for (what, ch, outcome, code, rec_key), x in zip(cases, res + [{}] * (len(cases) - len(res))):
        got = (x.get("outcome"), x.get("code"))
        report(got == (outcome, code), "%s -> %s%s" % (what, outcome, " " + code if code else ""),
               (outcome, code), "%s (%s)" % (got, x.get("message")))
        if outcome != "rejected" or x.get("outcome") != "rejected":
            continue
        if "record" not in x:
            report(False, "%s: the rejected result carries record" % what, "member record", sorted(x))
        elif rec_key is None:
            eq("%s: record is null" % what, x.get("record"), None)
        else:
            rec = x.get("record")
            probs = record_problems(rec) if rec is not None else ["record is null"]
            report(not probs and norm(rec) == after.get(rec_key),
                   "%s: record is the server's current state" % what, after.get(rec_key), probs or rec)
    return res, after


def s_reference_data(c):
    section("scopes: reference data (global) reaches every signed-in device; devices cannot push it")
    if not report(REG.has(GI) and REG.has(TP), "GET /v1/schema declares %s and %s" % (GI, TP), "both",
                  sorted(REG.ents)):
        return
    devs = scope_devices(c)
    for k, d in devs:
        d.pull_all()
    before = {k: server_digest(d) for k, d in devs}
    # two catalogue items (header and unit_value in yuan per `admin catalogue --help`), one policy
    cats = REG.values(GI, "category")
    c.gi_codes = ("CONF-G1", "CONF-G2")
    path = os.path.join(c.srv.tmp, "catalogue.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("code,name,category,unit,unit_value,active,note\n")
        f.write("%s,一致性茶叶礼盒,%s,盒,129.50,1,\n" % (c.gi_codes[0], cats[0]))
        f.write("%s,一致性样品,%s,件,0,1,样品说明\n" % (c.gi_codes[1], cats[1 % len(cats)]))
    tier = REG.values(TP, "tier")[0] if REG.has(TP, "tier") else T(0)
    act = REG.values(TP, "activity")[0] if REG.has(TP, "activity") else "face_visit"
    c.policy = (tier, act, "month", 2, 4)
    _, ok = admin_while_stopped(c, [
        ("admin catalogue import FILE.csv (2 items)", ("catalogue", "import", path)),
        ("admin policy set %s %s --period month --min 2 --max 4" % (tier, act),
         ("policy", "set", tier, act, "--period", "month", "--min", "2", "--max", "4"))])
    if not ok:
        return

    def is_policy(x):
        vals = list((x.get("fields") or {}).values())
        return all(v in vals for v in c.policy)

    c.gi_ids, c.tp_id, states = {}, None, {}
    for k, d in devs:
        p = d.pull_all()
        check_pull("%s (%s) pull after the import" % (k, d.login), p, d.replica.recs)
        gis = {(x.get("fields") or {}).get("code"): x for x in of_entity(p["records"], GI)}
        tps = [x for x in of_entity(p["records"], TP) if is_policy(x)]
        report(all(code in gis for code in c.gi_codes) and len(tps) == 1,
               "%s (%s, %s, team %s) receives both catalogue items and the policy"
               % (k, d.login, (d.user or {}).get("role"), (d.user or {}).get("team")),
               "%s and one %s %s" % (list(c.gi_codes), TP, c.policy),
               ids_of(p["records"]))
        for code in c.gi_codes:
            if code in gis:
                c.gi_ids.setdefault(code, gis[code]["id"])
                states.setdefault((GI, gis[code]["id"]), []).append((k, norm(gis[code])))
        if tps:
            c.tp_id = c.tp_id or tps[0]["id"]
            states.setdefault((TP, tps[0]["id"]), []).append((k, norm(tps[0])))
        dg = server_digest(d)
        b = before.get(k)
        report(isinstance(dg, tuple) and isinstance(b, tuple) and dg[0] == b[0] + 3,
               "%s: the scope digest covers the reference data (count + 3)" % k,
               "count %s" % (b[0] + 3 if isinstance(b, tuple) else "?"), dg)
        eq("%s: POST /v1/sync/digest equals the digest the client computes over what it pulled" % k,
           dg, d.replica.digest())
    diverging = [key for key, lst in states.items() if any(s != lst[0][1] for _, s in lst)]
    report(not diverging, "every device received the same state of each reference record", "same",
           diverging)
    g1 = c.gi_ids.get(c.gi_codes[0])
    if g1:
        mv = [s for k, s in states.get((GI, g1), [])][:1]
        uv = mv[0]["fields"].get("unit_value") if mv else None
        if REG.has(GI, "unit_value"):
            report(type(uv) is int and uv == 12950,
                   "a money value arrives as a JSON integer in fen (unit_value 129.50 yuan -> 12950)", 12950, uv)
    # full passes: the server's scope equals the client's own digest over everything pulled
    for k in ("rep1", "rep3", "mgr", "bulk"):
        d = c.dev[k]
        p, recs = full_state(d)
        check_pull("%s full pass with the reference data" % k, p, recs)
        report({(GI, i) for i in c.gi_ids.values()} | {(TP, c.tp_id)} <= set(recs),
               "%s full pass holds the reference data" % k, "present", sorted(set(k2[0] for k2 in recs)))
    # a device on the previous schema receives none of the schema-5 entities
    new5 = {e for e in REG.ents if REG.since(e) > SCHEMA_PREV}
    for k in ("rep1", "mgr"):
        d = c.dev[k]
        p4, recs4 = full_state(d, schema=SCHEMA_PREV)
        _, recs5 = full_state(d)
        check_pull("%s full pass on schema %d" % (k, SCHEMA_PREV), p4, recs4)
        got = sorted({e for e, _ in recs4} & new5)
        report(not got, "a device on schema %d receives none of %s (%s)" % (SCHEMA_PREV, sorted(new5), k),
               "none", got)
        n5 = len([1 for e, _ in recs5 if e in new5])
        report(p4["scope"] is not None and p4["scope"][0] == len(recs5) - n5,
               "%s: the schema-%d scope count leaves out the %d schema-5 records" % (k, SCHEMA_PREV, n5),
               len(recs5) - n5, p4["scope"])
        eq("%s: POST /v1/sync/digest on schema %d equals that schema's pull scope" % (k, SCHEMA_PREV),
           server_digest(d, schema=SCHEMA_PREV), p4["scope"])
    # an import that changes an item (matched by code) updates the same record everywhere
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("code,name,category,unit,unit_value,active,note\n")
        f.write("%s,一致性茶叶礼盒（新包装）,%s,盒,130.00,1,\n" % (c.gi_codes[0], cats[0]))
    counts = {k: server_digest(d) for k, d in devs}
    _, ok = admin_while_stopped(c, [("admin catalogue import FILE.csv (changes an item)",
                                     ("catalogue", "import", path))])
    if not ok:
        return
    for k, d in devs:
        p = d.pull_all()
        check_pull("%s pull after the item changed" % k, p, d.replica.recs)
        got = [x for x in of_entity(p["records"], GI) if x.get("id") == g1]
        report(len(got) == 1 and (got[0].get("fields") or {}).get("name") == "一致性茶叶礼盒（新包装）",
               "%s receives the changed item under the same id" % k, "one %s %s" % (GI, g1),
               ids_of(p["records"]))
        dg = server_digest(d)
        b = counts.get(k)
        report(isinstance(dg, tuple) and isinstance(b, tuple) and dg[0] == b[0] and dg[1] != b[1],
               "%s: a changed item changes the scope hash, not the count" % k, "count %s, new hash"
               % (b[0] if isinstance(b, tuple) else "?"), dg)
    # a device's push of a global entity is rejected read_only
    if not (g1 and c.tp_id):
        return
    d1, dm, d3 = c.dev["rep1"], c.dev["mgr"], c.dev["rep3"]
    gtext = REG.pick(GI, ["text"], required=True, exclude=("code",)) or "name"
    tfield = REG.pick(TP, ["integer"]) or REG.pick(TP, ["enum"], exclude=("tier",))
    new_gi = uuid7()
    gi_fields = REG.create(GI, {"code": "DEV-1"} if REG.has(GI, "code") else {})
    _, before1 = full_state(d1)
    push_cases(c, d1, "rep1", [
        ("rep1 updates a catalogue item (%s, global)" % GI, d1.change(GI, g1, "update", {gtext: "设备改名"}),
         "rejected", "read_only", (GI, g1)),
        ("rep1 creates a catalogue item", d1.change(GI, new_gi, "create", dict(gi_fields)),
         "rejected", "read_only", None),
        ("rep1 creates a %s under the id of an existing item" % GI,
         d1.change(GI, g1, "create", dict(gi_fields)), "rejected", "read_only", (GI, g1)),
    ])
    push_cases(c, dm, "manager", [
        ("the manager updates a tier policy (%s, global)" % TP,
         dm.change(TP, c.tp_id, "update", {tfield: REG.sample(TP, tfield, 7)}),
         "rejected", "read_only", (TP, c.tp_id)),
        ("the manager updates a catalogue item", dm.change(GI, g1, "update", {gtext: "经理改名"}),
         "rejected", "read_only", (GI, g1)),
    ])
    push_cases(c, d3, "rep3", [
        ("rep3 (another team) creates a tier policy",
         d3.change(TP, uuid7(), "create", REG.create(TP, {})), "rejected", "read_only", None)])
    _, after1 = full_state(d1)
    eq("the refused pushes changed no reference record",
       {k: v for k, v in after1.items() if k[0] in (GI, TP)},
       {k: v for k, v in before1.items() if k[0] in (GI, TP)})
    for k, d in (("rep1", d1), ("manager", dm), ("rep3", d3)):
        check_pull("%s pull after the refused pushes (the device reverted)" % k, d.pull_all(), d.replica.recs)


def s_owned_records(c):
    section("scopes: owned records (stock_movement) and the stock rule")
    if not report(REG.has(SM) and REG.owner_field(SM) and getattr(c, "gi_ids", None)
                  and c.gi_codes[0] in c.gi_ids,
                  "%s has an owner_field, and a catalogue item exists" % SM, "both", (REG.ents.get(SM),
                                                                                      getattr(c, "gi_ids", None))):
        return
    of = REG.owner_field(SM)
    g1 = c.gi_ids[c.gi_codes[0]]
    acc_f = REG.pick(SM, ["ref"], ref=R.ACC)
    note_f = REG.pick(SM, ["text"], required=False, exclude=(of,))
    d1, d1b, d2, d3, dm = (c.dev[k] for k in ("rep1", "rep1b", "rep2", "rep3", "mgr"))
    uid = {k: (c.dev[k].user or {}).get("id") for k in ("rep1", "rep2", "rep3", "mgr")}

    def sm(owner, kind, qty, item=None, **extra):
        f = {of: owner, "item_id": item or g1, "kind": kind, "quantity": qty}
        f.update(extra)
        return REG.create(SM, f)

    devs = scope_devices(c)
    for k, d in devs:
        d.pull_all()
    before = {k: server_digest(d) for k, d in devs}
    outs, ok = admin_while_stopped(c, [
        ("admin flags (before any stock went below zero)", ("flags",)),
        ("admin stock receive %s --item %s --quantity 10" % (d1.login, c.gi_codes[0]),
         ("stock", "receive", d1.login, "--item", c.gi_codes[0], "--quantity", "10", "--note", "一致性入库")),
        ("admin stock receive %s --item %s --quantity 5" % (d3.login, c.gi_codes[0]),
         ("stock", "receive", d3.login, "--item", c.gi_codes[0], "--quantity", "5"))])
    if not ok:
        return
    flags_before = outs[0][1]

    # who receives the receipts: the owner's devices and their team's manager, nobody else
    got = {}
    for k, d in devs:
        p = d.pull_all()
        check_pull("%s pull after the receipts" % k, p, d.replica.recs)
        got[k] = of_entity(p["records"], SM)
    mine = lambda k, owner: [x for x in got.get(k, []) if (x.get("fields") or {}).get(of) == owner]  # noqa
    r1 = mine("rep1", uid["rep1"])
    ok1 = report(len(r1) == 1 and {kk: r1[0]["fields"].get(kk) for kk in ("kind", "quantity", "item_id")}
                 == {"kind": "receipt", "quantity": 10, "item_id": g1},
                 "rep1 receives its receipt (%s = its user.id, kind receipt, quantity 10, item_id the item)" % of,
                 "one receipt", got.get("rep1"))
    r3 = mine("rep3", uid["rep3"])
    ok3 = report(len(r3) == 1 and r3[0]["fields"].get("quantity") == 5, "rep3 receives its own receipt",
                 "one receipt", got.get("rep3"))
    if not (ok1 and ok3):
        return
    c.rcpt1, c.rcpt3 = r1[0]["id"], r3[0]["id"]
    eq("rep1's second device receives the receipt", ids_of(got.get("rep1b", [])), [(SM, c.rcpt1)])
    eq("the manager of rep1's team receives rep1's receipt (and not rep3's, another team)",
       ids_of(got.get("mgr", [])), [(SM, c.rcpt1)])
    eq("rep3 receives only its own receipt", ids_of(got.get("rep3", [])), [(SM, c.rcpt3)])
    for k in ("rep2", "rep2s", "bulk", "big"):
        eq("%s (%s) receives no stock movement of another rep" % (k, c.dev[k].login), got.get(k), [])
    delta = {"rep1": 1, "rep1b": 1, "mgr": 1, "rep3": 1, "rep2": 0, "rep2s": 0, "bulk": 0, "big": 0}
    for k, d in devs:
        dg, b = server_digest(d), before.get(k)
        if delta[k]:
            report(isinstance(dg, tuple) and isinstance(b, tuple) and dg[0] == b[0] + delta[k],
                   "%s: the scope digest count grows by its receipt" % k, "count + 1", (b, dg))
        else:
            eq("%s: the scope digest (count and hash) is unchanged by other reps' receipts" % k, dg, b)

    # never another rep, by any request
    c.refused_sm = []
    for viewer, target, owner in (("rep2", c.rcpt1, "rep1"), ("rep3", c.rcpt1, "rep1"),
                                  ("rep1", c.rcpt3, "rep3"), ("mgr", c.rcpt3, "rep3")):
        d = c.dev[viewer]
        what = "%s's receipt to %s" % (owner, viewer)
        p = d.pull_all(cursor="", full=False, apply=False)
        report(p["ok"] and (SM, target) not in ids_of(p["records"]),
               "%s: not in a pull from an empty cursor without full" % what, "absent", p["problems"] or "present")
        p, recs = full_state(d)
        report(p["ok"] and (SM, target) not in recs, "%s: not in a full pass (full: true)" % what, "absent",
               p["problems"] or "present")
        dg = server_digest(d)
        eq("%s: POST /v1/sync/digest counts only what the full pass brings" % what, dg, digest(recs))
        r, _ = d.push([d.change(SM, target, "update", {note_f: "看看"})])
        x = first_result(r)
        eq("%s: %s updates it -> rejected, record null" % (what, viewer),
           (x.get("outcome"), x.get("record", "missing")), ("rejected", None))
        # rule 4 checks scope (out_of_scope) before rule 6 merges by the entity's policy
        eq("%s: %s updates it -> the code is out_of_scope (push rule 4, before the merge policy)"
           % (what, viewer), (x.get("outcome"), x.get("code")), ("rejected", "out_of_scope"))
        self_id = uid[viewer]
        r, _ = d.push([d.change(SM, target, "create", sm(self_id, "adjustment", 1))])
        x = first_result(r)
        eq("%s: %s creates a record under its id (naming itself) -> rejected, record null" % (what, viewer),
           (x.get("outcome"), x.get("record", "missing")), ("rejected", None))
        check_pull("%s pull after the refused changes" % viewer, d.pull_all(), d.replica.recs)

    # a rep's own pushes and the stock rule (rep1 holds 10 of the item)
    c.mv = {}
    ids = {n: uuid7() for n in ("issue", "other_rep", "other_team", "no_user", "receipt", "zero", "issue_plus",
                                "tin_minus", "return_plus", "tout_plus", "no_item", "item_is_account",
                                "adj_plus", "adj_minus", "return", "transfer_out")}
    me = uid["rep1"]
    cases = [
        ("rep1 issues 2 of the item for itself", "issue", sm(me, "issue", -2, **({acc_f: c.a1} if acc_f else {})),
         "applied", None),
        ("rep1 pushes a movement for a colleague (rep2, same team)", "other_rep", sm(uid["rep2"], "issue", -1),
         "rejected", "out_of_scope"),
        ("rep1 pushes a movement for another team's rep (rep3)", "other_team", sm(uid["rep3"], "issue", -1),
         "rejected", "out_of_scope"),
        ("rep1 pushes a movement for a user that does not exist", "no_user", sm(uuid7(), "issue", -1),
         "rejected", "not_found"),
        ("rep1 pushes a receipt (+5) from a device", "receipt", sm(me, "receipt", 5), "rejected", "read_only"),
        ("quantity 0 (adjustment)", "zero", sm(me, "adjustment", 0), "rejected", "validation"),
        ("an issue with a positive quantity", "issue_plus", sm(me, "issue", 3), "rejected", "validation"),
        ("a transfer_in with a negative quantity", "tin_minus", sm(me, "transfer_in", -1), "rejected",
         "validation"),
        ("a return with a positive quantity", "return_plus", sm(me, "return", 1), "rejected", "validation"),
        ("a transfer_out with a positive quantity", "tout_plus", sm(me, "transfer_out", 1), "rejected",
         "validation"),
        ("an issue of an unknown item_id", "no_item", sm(me, "issue", -1, item=uuid7()), "rejected", "not_found"),
        ("an issue whose item_id is an account, not a %s" % GI, "item_is_account",
         sm(me, "issue", -1, item=c.a1), "rejected", "not_found"),
        ("an adjustment of +1", "adj_plus", sm(me, "adjustment", 1), "applied", None),
        ("an adjustment of -1", "adj_minus", sm(me, "adjustment", -1), "applied", None),
        ("a return of -1", "return", sm(me, "return", -1), "applied", None),
        ("a transfer_out of -1", "transfer_out", sm(me, "transfer_out", -1), "applied", None),
    ]
    res, after = push_cases(c, d1, "rep1", [(w, d1.change(SM, ids[n], "create", f), o, code, None)
                                            for w, n, f, o, code in cases])
    if not res:
        return
    applied = {n: f for (w, n, f, o, code) in cases if o == "applied"}
    refused = [ids[n] for (w, n, f, o, code) in cases if o == "rejected"]
    c.refused_sm.extend(refused)
    report(all((after.get((SM, ids[n])) or {}).get("fields") == f for n, f in applied.items()),
           "the applied movements are stored exactly as pushed (a rule never changes the record)",
           applied, {n: (after.get((SM, ids[n])) or {}).get("fields") for n in applied})
    report(not [i for i in refused if (SM, i) in after], "the rejected movements left no record", "none",
           [i for i in refused if (SM, i) in after])
    check_pull("rep1 pull after its movements", d1.pull_all(), d1.replica.recs)
    pm = dm.pull_all()
    check_pull("manager pull after rep1's movements", pm, dm.replica.recs)
    eq("the manager receives rep1's applied movements", sorted(i for e, i in ids_of(pm["records"]) if e == SM),
       sorted(ids[n] for n in applied))
    for k in ("rep2", "rep3"):
        p = c.dev[k].pull_all()
        check_pull("%s pull after rep1's movements" % k, p, c.dev[k].replica.recs)
        eq("%s receives none of rep1's movements" % k, of_entity(p["records"], SM), [])
    p = d1b.pull_all()
    check_pull("rep1's second device pull", p, d1b.replica.recs)
    report({(SM, ids[n]) for n in applied} <= set(ids_of(p["records"])),
           "rep1's second device receives rep1's movements", "all applied", ids_of(p["records"]))

    # a manager acts for the team's reps only; the owner never changes
    m1, m3 = uuid7(), uuid7()
    push_cases(c, dm, "manager", [
        ("the manager pushes an issue for rep1 (its team)", dm.change(SM, m1, "create", sm(me, "issue", -1)),
         "applied", None, None),
        ("the manager pushes an issue for rep3 (another team)",
         dm.change(SM, m3, "create", sm(uid["rep3"], "issue", -1)), "rejected", "out_of_scope", None),
        ("the manager changes the owner of rep1's movement to rep2 (both its team)",
         dm.change(SM, ids["issue"], "update", {of: uid["rep2"]}), "rejected", "read_only", (SM, ids["issue"])),
    ])
    c.refused_sm.append(m3)
    p = d1.pull_all()
    check_pull("rep1 pull after the manager's movement", p, d1.replica.recs)
    report((SM, m1) in ids_of(p["records"]), "rep1 receives the movement its manager pushed for it", "present",
           ids_of(p["records"]))
    p = d2.pull_all()
    check_pull("rep2 pull after the manager's movement", p, d2.replica.recs)
    eq("rep2 does not receive the movement pushed for rep1", of_entity(p["records"], SM), [])

    # below zero: accepted and flagged (rep1 holds 10 - 2 + 1 - 1 - 1 - 1 - 1 = 5)
    neg = uuid7()
    push_cases(c, d1, "rep1", [("rep1 issues 20 of the item, 15 more than it holds (stock below zero)",
                                d1.change(SM, neg, "create", sm(me, "issue", -20)), "applied", None, None)])
    # an owned record pointing at an account, then the account moves to another team's rep
    ax, mx = uuid7(), uuid7()
    r, _ = d1.push([d1.change(R.ACC, ax, "create", acct_fields("礼品客户"))])
    expect_status("rep1 creates an account", r, 200)
    push_cases(c, d1, "rep1", [("rep1 issues a gift to that account (%s = the account)" % acc_f,
                                d1.change(SM, mx, "create", sm(me, "issue", -1, **({acc_f: ax} if acc_f else {}))),
                                "applied", None, None)])
    for k, d in devs:
        d.pull_all()
    before = {k: server_digest(d) for k, d in devs}
    outs, ok = admin_while_stopped(c, [
        ("admin flags (after rep1's stock went below zero)", ("flags",)),
        ("admin assign rep1's account to zhao.lei (another team)", ("assign", ax, "--to", d3.login))])
    if not ok:
        return
    fl = outs[0][1]
    new_lines = [x for x in fl.splitlines() if x.strip() and x not in flags_before.splitlines()]
    report(outs[0][0] == 0 and new_lines, "admin flags lists something once a movement took the stock below zero",
           "new lines", "before: %r, after: %r" % (flags_before, fl))
    p = d1.pull_all()
    check_pull("rep1 pull after its account moved", p, d1.replica.recs)
    report(ax in p["purge"], "rep1 is told to purge the moved account", ax, p["purge"])
    report((SM, mx) in d1.replica.recs, "rep1 keeps its movement that points at the moved account (the device)",
           "present", "absent")
    _, r1 = full_state(d1)
    report((SM, mx) in r1 and (R.ACC, ax) not in r1,
           "account moves never move owned records: rep1's full pass still holds the movement, not the account",
           "movement yes, account no", ((SM, mx) in r1, (R.ACC, ax) in r1))
    p = d3.pull_all()
    check_pull("rep3 pull after receiving the account", p, d3.replica.recs)
    report((R.ACC, ax) in ids_of(p["records"]) and (SM, mx) not in ids_of(p["records"]),
           "rep3 receives the account but not rep1's movement pointing at it", "account only", ids_of(p["records"]))
    _, r3 = full_state(d3)
    eq("rep3's full pass holds no movement of rep1", sorted(i for e, i in r3 if e == SM), [c.rcpt3])
    p = dm.pull_all()
    check_pull("manager pull after the account left the team", p, dm.replica.recs)
    report(ax in p["purge"] and (SM, mx) in dm.replica.recs,
           "the manager purges the account and keeps rep1's movement", "purge + kept",
           (p["purge"], (SM, mx) in dm.replica.recs))
    for k, dl in (("rep1", -1), ("mgr", -1), ("rep3", 1), ("rep2", 0)):
        dg, b = server_digest(c.dev[k]), before.get(k)
        report(isinstance(dg, tuple) and isinstance(b, tuple) and dg[0] == b[0] + dl,
               "%s: the digest count moves by the account only (%+d)" % (k, dl), "count %+d" % dl, (b, dg))
    for k, d in devs:
        check_pull("%s pull at the end of the owned-record checks" % k, d.pull_all(), d.replica.recs)
        pf, recs = full_state(d)
        check_pull("%s full pass after the owned records" % k, pf, recs)
        eq("%s device copy equals a fresh full pass" % k, d.replica.recs, recs)
        hit = [i for i in c.refused_sm if (SM, i) in recs]
        report(not hit, "%s: no rejected movement reached it" % k, "none", hit)

    # geopoint values (a position in one string) must be canonical and in range
    for e, n in [(e, n) for e in (R.ACC, R.KP) for n, f in REG.flds[e].items() if f.get("type") == "geopoint"]:
        rid = c.a1 if e == R.ACC else c.k1
        mk = lambda v: d1.change(e, rid, "update", {n: v})  # noqa
        push_cases(c, d1, "rep1", [
            ("geopoint %s.%s with too few decimals" % (e, n), mk("31.23,121.47,25"), "rejected", "validation",
             (e, rid)),
            ("geopoint %s.%s with latitude 91" % (e, n), mk("91.000000,121.000000,5"), "rejected", "validation",
             (e, rid)),
            ("geopoint %s.%s as a JSON number" % (e, n), mk(31.23), "rejected", "validation", (e, rid)),
            ("geopoint %s.%s canonical" % (e, n), mk("31.230416,121.473701,25"), "applied", None, None),
            ("geopoint %s.%s with the accuracy unknown" % (e, n), mk("31.230416,121.473701,"), "applied", None,
             None)])

    # blob values (since schema 7: the SHA-256 of an attachment's bytes) must be exactly 64
    # lower-case hex digits; the bytes are not in the record (## Attachments)
    for e, n in [(e, n) for e in REG.ents for n, f in REG.flds[e].items() if f.get("type") == "blob"]:
        if REG.scope(e) != "account" or e == R.ACC:
            continue
        af = REG.account_field(e)
        size_f = "size" if REG.ftype(e, "size") == "integer" else None

        def mk(v, e=e, n=n, af=af, size_f=size_f):
            f = {af: c.a1, n: v}
            if size_f:
                f[size_f] = len(JPEG)
            return d1.change(e, uuid7(), "create", REG.create(e, f))
        good = hashlib.sha256(JPEG + os.urandom(8)).hexdigest()
        push_cases(c, d1, "rep1", [
            ("blob %s.%s in upper-case hex" % (e, n), mk(good.upper()), "rejected", "validation", None),
            ("blob %s.%s of 63 hex digits" % (e, n), mk(good[:63]), "rejected", "validation", None),
            ("blob %s.%s of 65 hex digits" % (e, n), mk(good + "0"), "rejected", "validation", None),
            ("blob %s.%s with a non-hex digit" % (e, n), mk(good[:63] + "g"), "rejected", "validation", None),
            ("blob %s.%s as base64 text (the bytes themselves, as the old photo was sent)" % (e, n),
             mk(base64.b64encode(JPEG).decode("ascii")), "rejected", "validation", None),
            ("blob %s.%s as base64 of the digest" % (e, n),
             mk(base64.b64encode(bytes.fromhex(good)).decode("ascii")), "rejected", "validation", None),
            ("blob %s.%s as a JSON number" % (e, n), mk(12345), "rejected", "validation", None),
            ("blob %s.%s: 64 lower-case hex digits" % (e, n), mk(good), "applied", None, None)])

    # money values pushed by a device must be JSON integers
    money = [(e, n) for e in REG.ents for n, f in REG.flds[e].items() if f.get("type") == "money"]
    pushable = [(e, n) for e, n in money if REG.scope(e) != "global"]
    if not pushable:
        print("# skipped: a pushed money value must be a JSON integer: no entity a device may push has a money "
              "field (money fields: %s, all of scope global)" % ", ".join("%s.%s" % x for x in money))
        return
    for e, n in pushable:
        if e in (R.ACC, R.KP):
            rid = c.a1 if e == R.ACC else c.k1
            mk = lambda v: d1.change(e, rid, "update", {n: v})  # noqa
        elif e == SM:
            mk = lambda v: d1.change(SM, uuid7(), "create", sm(me, "adjustment", 1, **{n: v}))  # noqa
        else:
            print("# skipped: money field %s.%s: the test has no way to write a %s" % (e, n, e))
            continue
        lo = REG.f(e, n).get("min") if isinstance(REG.f(e, n).get("min"), int) else 0
        push_cases(c, d1, "rep1", [
            ("money %s.%s sent as %s" % (e, n, lo + 1.5), mk(lo + 1.5), "rejected", "validation",
             (e, c.a1 if e == R.ACC else c.k1) if e in (R.ACC, R.KP) else None),
            ("money %s.%s sent as %d" % (e, n, lo + 150), mk(lo + 150), "applied", None, None)])


# ---- schema 7: account owners and the viewer's team -----------------------------------

def s_owners_team(c):
    section("schema %s: each account's owner and the viewer's team in a pull" % OWNER_SINCE)
    if SCHEMA_CUR < OWNER_SINCE:
        print("# skipped: the server's schema is %s; owner and team come with schema %d" % (SCHEMA_CUR, OWNER_SINCE))
        return
    d1, d2, d3, dm, db = (c.dev[k] for k in ("rep1", "rep2", "rep3", "mgr", "bulk"))
    uid = {k: (c.dev[k].user or {}).get("id") for k in ("rep1", "rep2", "rep3", "mgr", "bulk")}

    def entry(k):
        return {"id": uid[k], "name": USERS[k][1], "role": USERS[k][2]}

    def proj(team):
        """The members the document names, sorted by id (the order is not specified)."""
        if not isinstance(team, list):
            return team
        return sorted(({k: t.get(k) for k in ("id", "name", "role")} if isinstance(t, dict) else t
                       for t in team), key=lambda t: str(t.get("id") if isinstance(t, dict) else t))

    def find(p, ent, rid):
        got = [x for x in p["records"] if isinstance(x, dict) and (x.get("entity"), x.get("id")) == (ent, rid)]
        return got[-1] if got else None

    def carrying_owner(records, ents=None):
        return [(x.get("entity"), x.get("id")) for x in records
                if isinstance(x, dict) and "owner" in x and (ents is None or x.get("entity") in ents)]

    report(not REG.has(R.ACC, "owner"),
           "GET /v1/schema: owner is not a field of %s (no stamp, never pushed)" % R.ACC, "no field owner",
           REG.f(R.ACC, "owner"))
    report(REG.has(R.ACC, "assigned_rep"),
           "GET /v1/schema still declares %s.assigned_rep (retired, but on the wire while schema-%d devices "
           "may send it)" % (R.ACC, SCHEMA_PREV), "declared", sorted(REG.flds.get(R.ACC, {})))

    # a rep, the current schema, several pages
    p, recs = full_state(d1, limit=3)
    check_pull("rep1 full pass (schema %d, limit 3): owners do not enter the hash" % SCHEMA_CUR, p, recs)
    n = len(p["pages"])
    report(n >= 3, "rep1's full pass with limit 3 has several pages", ">= 3 pages", n)
    accs = of_entity(p["records"], R.ACC)
    bad = [(x.get("id"), x.get("owner", "<missing>")) for x in accs if x.get("owner") != uid["rep1"]]
    report(accs and not bad, "owner: every %s record of rep1's pull names rep1's user id (%d records)"
           % (R.ACC, len(accs)), uid["rep1"], bad[:5] or "no account records")
    kps = of_entity(p["records"], R.KP)
    report(kps and not carrying_owner(kps), "owner: no %s record of rep1's pull carries owner (%d records)"
           % (R.KP, len(kps)), "none", carrying_owner(kps)[:5] or "no key_person records")
    rest = sorted(set(x.get("entity") for x in p["records"] if isinstance(x, dict)) - {R.ACC, R.KP})
    report(not carrying_owner(p["records"], rest),
           "owner: no record of the other entities (%s) carries owner" % ", ".join(rest), "none",
           carrying_owner(p["records"], rest)[:5])
    eq("team: only on the last page of rep1's %d-page pull" % n, p["team_pages"], [n - 1])
    eq("team: a rep's team lists exactly itself, with its display name and role", proj(p["team"]),
       [entry("rep1")])
    eq("rep1: POST /v1/sync/digest equals the schema-%d pull's scope" % SCHEMA_CUR, server_digest(d1), p["scope"])
    d1.pull_all()
    q = d1.pull_all()
    eq("team: a pull from a cursor with nothing new (one page, more: false) carries team too",
       ([(r.json or {}).get("more") for r in q["pages"]], q["team_pages"], proj(q["team"])),
       ([False], [0], [entry("rep1")]))
    for k, d in (("rep3", d3), ("bulk", db)):
        q = d.pull_all()
        eq("team: %s (a rep of team %s) is sent exactly itself" % (d.login, USERS[k][3]), proj(q["team"]),
           [entry(k)])

    # a manager: the team and itself; each account names the rep who created it
    am = uuid7()
    push_expect("manager creates an account -> applied", dm,
                [dm.change(R.ACC, am, "create", acct_fields("经理新客户"))])
    pm, rm = full_state(dm, limit=5)
    check_pull("manager full pass (schema %d, limit 5)" % SCHEMA_CUR, pm, rm)
    n = len(pm["pages"])
    eq("team: only on the last page of the manager's %d-page pull" % n, pm["team_pages"], [n - 1])
    eq("team: the manager's team lists its team's reps (li.na, wang.wei) and itself, with names and roles",
       proj(pm["team"]), proj([entry("rep1"), entry("rep2"), entry("mgr")]))
    tids = [t.get("id") for t in (pm["team"] or []) if isinstance(t, dict)]
    report(uid["rep3"] not in tids and uid["bulk"] not in tids,
           "team: the manager's team lists no user of another team (zhao.lei, sun.bulk)", "absent", tids)
    accs = of_entity(pm["records"], R.ACC)
    wrong = [(x.get("id"), x.get("owner", "<missing>"), ACCOUNT_OWNER.get(x.get("id"), "<unknown>"))
             for x in accs if not ACCOUNT_OWNER.get(x.get("id")) or x.get("owner") != ACCOUNT_OWNER[x.get("id")]]
    report(accs and not wrong,
           "owner: each of the %d accounts in the manager's scope names the user who created it (or the rep an "
           "admin last assigned it to)" % len(accs), "(id, owner, expected) all equal", wrong[:5])
    by = {x.get("id"): x.get("owner", "<missing>") for x in accs}
    eq("owner: rep1's first account names rep1", by.get(c.a1), uid["rep1"])
    eq("owner: wang.wei's account names wang.wei", by.get(c.a2), uid["rep2"])
    eq("owner: the manager's own new account names the manager", by.get(am), uid["mgr"])
    report(set(by.values()) <= set(tids), "owner: every owner in the manager's pull is on its team list",
           sorted(tids), sorted(set(by.values()) - set(tids)))
    kps = of_entity(pm["records"], R.KP)
    report(kps and not carrying_owner(kps), "owner: no %s record of the manager's pull carries owner" % R.KP,
           "none", carrying_owner(kps)[:5] or "no key_person records")

    # reassignment within the team: the manager is sent the account again, with its new owner
    for d in (d1, d2, dm):
        d.pull_all()
    ax, kx = uuid7(), uuid7()
    r, _ = d1.push([d1.change(R.ACC, ax, "create", acct_fields("换人客户")),
                    d1.change(R.KP, kx, "create", kp_fields(ax, "换人联系人"))])
    expect_status("rep1 creates an account with a key person (to be reassigned)", r, 200)
    p = dm.pull_all()
    x = find(p, R.ACC, ax)
    eq("owner: the manager's pull brings rep1's new account with owner rep1",
       x.get("owner", "<missing>") if x else "<account not pulled>", uid["rep1"])
    d1.pull_all()
    before = {k: server_digest(c.dev[k]) for k in ("rep1", "rep2", "mgr")}
    _, ok = admin_while_stopped(c, [("admin assign rep1's account to wang.wei (same team)",
                                     ("assign", ax, "--to", d2.login))])
    if not ok:
        return
    p = dm.pull_all()
    check_pull("manager pull after a reassignment within its team", p, dm.replica.recs)
    x, k = find(p, R.ACC, ax), find(p, R.KP, kx)
    eq("owner: after an admin reassigns the account, the manager's next pull brings it again with the new "
       "owner (wang.wei)", x.get("owner", "<missing>") if x else "<account not pulled>", uid["rep2"])
    report(k is not None and "owner" not in k, "... and its key person again, without owner", "present, no owner",
           k if k is not None else "not pulled")
    report(ax not in p["purge"], "manager: no purge for the account reassigned within its team", "absent",
           p["purge"])
    eq("team: the manager's team after the reassignment is unchanged", proj(p["team"]),
       proj([entry("rep1"), entry("rep2"), entry("mgr")]))
    after = {k: server_digest(c.dev[k]) for k in ("rep1", "rep2", "mgr")}
    eq("scope hash unchanged by owners: the manager's digest is the same before and after a reassignment "
       "within its team", after["mgr"], before["mgr"])
    ok_d = all(isinstance(v, tuple) for v in list(before.values()) + list(after.values()))
    report(ok_d and after["rep1"][0] == before["rep1"][0] - 2 and after["rep2"][0] == before["rep2"][0] + 2
           and int(after["rep1"][1], 16) ^ int(after["rep2"][1], 16)
           == int(before["rep1"][1], 16) ^ int(before["rep2"][1], 16),
           "scope hash unchanged by owners: the two records move from rep1's digest to wang.wei's as they were "
           "(counts -2/+2, XOR of both hashes unchanged)", "moved unchanged", (before, after))
    p = d2.pull_all()
    check_pull("wang.wei pull after receiving the account", p, d2.replica.recs)
    x = find(p, R.ACC, ax)
    eq("owner: the new owner's pull brings the account with owner wang.wei",
       x.get("owner", "<missing>") if x else "<account not pulled>", uid["rep2"])
    eq("team: wang.wei is sent exactly itself", proj(p["team"]), [entry("rep2")])
    p = d1.pull_all()
    check_pull("rep1 pull after its account was reassigned", p, d1.replica.recs)
    report(ax in p["purge"], "rep1 is told to purge the reassigned account", ax, p["purge"])
    eq("team: rep1 is still sent exactly itself", proj(p["team"]), [entry("rep1")])

    # owner cannot be pushed: it is not a field
    push_cases(c, d1, "rep1", [
        ("rep1 pushes owner as a field of its account (not a field: a device cannot move an account)",
         d1.change(R.ACC, c.a1, "update", {"owner": uid["rep2"]}), "rejected", "validation", (R.ACC, c.a1))])
    pm2, _ = full_state(dm)
    x = find(pm2, R.ACC, c.a1)
    eq("owner: the account still names rep1 after the refused push",
       x.get("owner", "<missing>") if x else "<account not pulled>", uid["rep1"])

    # the previous schema: neither member, the same records and digest
    old = Device(d1.login, d1.password, "conformance rep1 on schema %d" % SCHEMA_PREV)
    expect_status("li.na signs in on a device of the previous schema (%d) -> 200" % SCHEMA_PREV,
                  old.sign_in(schema=SCHEMA_PREV), 200)
    po = old.pull_all(limit=3, schema=SCHEMA_PREV)
    check_pull("schema-%d device: full pass (limit 3)" % SCHEMA_PREV, po, old.replica.recs)
    report(len(po["pages"]) >= 3, "schema-%d device: the pull has several pages" % SCHEMA_PREV, ">= 3",
           len(po["pages"]))
    prev_has_owner = SCHEMA_PREV >= OWNER_SINCE
    if prev_has_owner:
        # The previous schema came after owner and team: it is sent both, like the current one.
        report(of_entity(po["records"], R.ACC)
               and len(carrying_owner(po["records"])) == len(of_entity(po["records"], R.ACC)),
               "previous schema (%d, since owner): every account record carries owner" % SCHEMA_PREV,
               "all", (len(carrying_owner(po["records"])), len(of_entity(po["records"], R.ACC))))
        eq("previous schema (%d, since team): only the last page carries team" % SCHEMA_PREV,
           po["team_pages"], [len(po["pages"]) - 1])
    else:
        report(of_entity(po["records"], R.ACC) and not carrying_owner(po["records"]),
               "previous schema (%d): no record carries owner (%d records, %d accounts)"
               % (SCHEMA_PREV, len(po["records"]), len(of_entity(po["records"], R.ACC))), "none",
               carrying_owner(po["records"])[:5] or "no account records")
        eq("previous schema (%d): no page carries team" % SCHEMA_PREV, po["team_pages"], [])
    # What the previous schema declares: the entities (and fields) of its version. A newer
    # entity (attachment, schema 7) is not sent to it and not in its digest.
    def known(recs):
        return {k: v for k, v in recs.items() if REG.since(k[0]) <= SCHEMA_PREV}
    # A record of an entity newer than the previous schema, so there is one to hold back: a
    # contact (schema 8) when the server declares it.
    if REG.has("contact_log") and REG.since("contact_log") > SCHEMA_PREV:
        push_expect("rep1 logs a phone callback (contact_log, schema %d)" % REG.since("contact_log"), d1,
                    [d1.change("contact_log", uuid7(), "create",
                               {"account_id": c.a1, "rep_id": uid["rep1"], "kind": "phone_callback",
                                "at": int(time.time() * 1000)})])
    p7, r7 = full_state(d1, limit=3)
    eq("previous schema (%d) gets the records of the entities it declares, fields and stamps as schema %d"
       % (SCHEMA_PREV, SCHEMA_CUR), old.replica.recs, known(r7))
    report(len(known(r7)) < len(r7), "previous schema (%d): records of a newer entity are not sent to it"
           % SCHEMA_PREV, "fewer", (len(known(r7)), len(r7)))
    eq("previous schema (%d): its scope digest is the one over what it is sent" % SCHEMA_PREV,
       po["scope"], digest(known(r7)))
    eq("previous schema (%d): POST /v1/sync/digest equals its pull's" % SCHEMA_PREV,
       server_digest(old, schema=SCHEMA_PREV), po["scope"])
    pmo, rmo = full_state(dm, schema=SCHEMA_PREV, limit=5)
    pmc, rmc = full_state(dm, limit=5)
    if prev_has_owner:
        report(carrying_owner(pmo["records"]) and pmo["team_pages"] == [len(pmo["pages"]) - 1],
               "previous schema (%d, since owner): the manager's full pass has owners and the team" % SCHEMA_PREV,
               "both", (len(carrying_owner(pmo["records"])), pmo["team_pages"]))
    else:
        report(not carrying_owner(pmo["records"]) and not pmo["team_pages"],
               "previous schema (%d): the manager's full pass has no owner and no team" % SCHEMA_PREV,
               "neither", (carrying_owner(pmo["records"])[:3], pmo["team_pages"]))
    eq("previous schema (%d): the manager gets the records and digest of what it declares"
       % SCHEMA_PREV, (rmo, pmo["scope"]), (known(rmc), digest(known(rmc))))

    # assigned_rep: still taken from a schema-6 device, sent to schema 7, and not what decides the owner
    if REG.has(R.ACC, "assigned_rep") and not prev_has_owner:
        r, _ = old.push([old.change(R.ACC, c.a1, "update", {"assigned_rep": d2.login})], schema=SCHEMA_PREV)
        x = first_result(r)
        eq("a schema-%d device writes the retired assigned_rep (naming wang.wei) -> applied" % SCHEMA_PREV,
           (r.status, x.get("outcome")), (200, "applied"))
        st = old.replica.get((R.ACC, c.a1)) or {"fields": {}, "stamps": {}}
        q = old.pull_all(schema=SCHEMA_PREV)
        report(q["ok"] and not q["team_pages"] and not carrying_owner(q["records"]),
               "previous schema (%d): a pull from a cursor has no owner and no team either" % SCHEMA_PREV,
               "neither", (q["team_pages"], carrying_owner(q["records"])))
        p = d1.pull_all()
        check_pull("rep1 pull after the schema-%d device's write" % SCHEMA_PREV, p, d1.replica.recs)
        x = find(p, R.ACC, c.a1)
        got = (((x or {}).get("fields") or {}).get("assigned_rep"), stamps_of(x or {}).get("assigned_rep"),
               (x or {}).get("owner", "<missing>"))
        eq("schema %d still receives assigned_rep with its stamp, and the account's owner stays rep1 "
           "(the owner, not assigned_rep, decides)" % SCHEMA_CUR, got,
           (d2.login, st["stamps"].get("assigned_rep"), uid["rep1"]))
        p = d2.pull_all()
        report((R.ACC, c.a1) not in ids_of(p["records"]),
               "wang.wei does not receive the account whose assigned_rep names him", "absent", "present")
    for d in (d1, d2, dm, d3, db):
        d.pull_all()


# ---- attachments: blobs ---------------------------------------------------------------

ATT = "attachment"
BLOB_MAX = 4 * 1024 * 1024          # ## Attachments, Limits: 1 byte to 4 MiB
BLOB_CT = "application/x-fieldbook-blobs"
BLOB_CACHE = "private, max-age=31536000, immutable"


def blob_bytes(n):
    """n bytes that look like a JPEG (start- and end-of-image around random bytes). They are never
    valid UTF-8, so no slice of them reads as a JSON body."""
    return b"\xff\xd8" + os.urandom(n - 4) + b"\xff\xd9"


def sha_hex(data):
    return hashlib.sha256(data).hexdigest()


def blob_part(digest, size, offset, data):
    """One part of an upload body: `<sha256> <size> <offset> <length>\\n` and the bytes."""
    return ("%s %d %d %d\n" % (digest, size, offset, len(data))).encode("ascii") + data


def blob_status(dev, blobs, token="dev", **kw):
    """POST /v1/blobs/status for [(sha256, size), ...]."""
    return api("/v1/blobs/status", {"blobs": [{"sha256": h, "size": n} for h, n in blobs]},
               token=dev.token if token == "dev" else token, **kw)


def blob_upload(dev, body, token="dev", **kw):
    return api("/v1/blobs/upload", body=body, token=dev.token if token == "dev" else token,
               content_type=BLOB_CT, **kw)


def blob_get(dev, digest, rng=None, token="dev", **kw):
    return api("/v1/blobs/" + digest, token=dev.token if token == "dev" else token, method="GET",
               extra={"Range": rng} if rng else None, **kw)


def blob_states(r):
    """The `blobs` list of a status or upload reply, or None."""
    b = r.j("blobs") if r.status == 200 else None
    return b if isinstance(b, list) and all(isinstance(x, dict) for x in b) else None


def blob_state(r, i=0):
    """State i of a status or upload reply reduced to what the checks compare (error None when
    absent), or the response when there is none."""
    b = blob_states(r)
    if b is None or len(b) <= i:
        return r
    return {"received": b[i].get("received"), "complete": b[i].get("complete"),
            "referenced": b[i].get("referenced"), "error": b[i].get("error")}


def blob_part_info(r, i=0, keys=("error",)):
    """(status, members keys of state i) of an upload or status reply, or the response."""
    b = blob_states(r)
    if b is None or len(b) <= i:
        return r
    return (r.status,) + tuple(b[i].get(k) for k in keys)


def blob_state_of(dev, digest, size):
    return blob_state(blob_status(dev, [(digest, size)]))


def poll_received(dev, digest, size, want, secs=3.0):
    """Status until `received` is `want` (the server may store a cut body's bytes only after the
    connection ended), at most secs seconds. Returns the last state."""
    deadline = time.time() + secs
    while True:
        s = blob_state_of(dev, digest, size)
        if (isinstance(s, dict) and s.get("received") == want) or time.time() > deadline:
            return s
        time.sleep(0.1)


def upload_cut_short(dev, body, sent, wait=0.5):
    """POST /v1/blobs/upload on a raw socket announcing all of body (Content-Length), sending only
    its first `sent` bytes, then hanging up: a body cut short (## Attachments)."""
    s = socket.create_connection((HOST, PORT), timeout=10)
    try:
        head = "POST /v1/blobs/upload HTTP/1.1\r\nHost: %s:%d\r\nContent-Length: %d\r\n" % (HOST, PORT, len(body))
        for k, v in std_headers(dev.token, **{"Content-Type": BLOB_CT}).items():
            head += "%s: %s\r\n" % (k, v)
        head += "\r\n"
        s.sendall(head.encode("latin-1") + body[:sent])
        time.sleep(wait)
    finally:
        s.close()


def s_blobs(c):
    section("attachments: blob status, upload (resumable), fetch")
    if SCHEMA_CUR < 7:
        print("# skipped: the server's schema is %s; attachments come with schema 7" % SCHEMA_CUR)
        return
    e = REG.ents.get(ATT) or {}
    if not eq("GET /v1/schema: %s (append-only, scope account by account_id, since 7) with blob of type blob "
              "and size an integer, both required" % ATT,
              (e.get("merge"), e.get("scope"), e.get("account_field"), e.get("since"),
               REG.ftype(ATT, "blob"), REG.f(ATT, "blob").get("required"),
               REG.ftype(ATT, "size"), REG.f(ATT, "size").get("required")),
              ("append-only", "account", "account_id", 7, "blob", True, "integer", True)):
        return
    af = REG.account_field(ATT)
    d1, d1b, d2, d3, dm = (c.dev[k] for k in ("rep1", "rep1b", "rep2", "rep3", "mgr"))
    for d in (d1, d1b, d2, d3, dm):
        d.pull_all()

    def att(dev, acc, digest, size):
        rid = uuid7()
        return rid, dev.change(ATT, rid, "create", REG.create(ATT, {af: acc, "blob": digest, "size": size}))

    def state(received, complete, referenced, error=None):
        return {"received": received, "complete": complete, "referenced": referenced, "error": error}

    def got_bytes(r):
        return (r.status, len(r.body), sha_hex(r.body)[:12])

    acc = uuid7()
    push_expect("rep1 creates an account for its attachments -> applied", d1,
                [d1.change(R.ACC, acc, "create", acct_fields("附件客户"))])

    # unknown digests: nothing received, not complete, not referenced; bytes refused
    A = blob_bytes(50000)
    ha, na = sha_hex(A), len(A)
    r = blob_status(d1, [(ha, na)])
    expect_status("POST /v1/blobs/status with the token and version headers -> 200", r, 200)
    b = blob_states(r) or []
    eq("status: one state per blob, naming its sha256 and size",
       [(x.get("sha256"), x.get("size")) for x in b], [(ha, na)])
    eq("status of a digest no record names: received 0, complete false, referenced false", blob_state(r),
       state(0, False, False))
    u = uuid7().replace("-", "")
    r = blob_status(d1, [(sha_hex(u.encode()), 10), (sha_hex(u.encode() + b"2"), 20)])
    eq("status of two unknown digests: both received 0, complete false, referenced false",
       [blob_state(r, 0), blob_state(r, 1)], [state(0, False, False)] * 2)
    r = blob_upload(d1, blob_part(ha, na, 0, A[:20000]))
    expect_status("upload before any record names the digest -> 200 (the part answers for itself)", r, 200)
    eq("... the part is refused not_referenced", blob_part_info(r), (200, "not_referenced"))
    eq("... and nothing of it is kept (status received 0, referenced false)", blob_state_of(d1, ha, na),
       state(0, False, False))
    expect_error("GET /v1/blobs/<sha256> of a digest no record names -> 404 not_found", blob_get(d1, ha), 404,
                 "not_found")

    # the record first, then the bytes: in two bodies, the second from received
    ka, ch = att(d1, acc, ha, na)
    push_expect("rep1 pushes an attachment naming the digest (size %d) -> applied" % na, d1, [ch])
    eq("status after the record: referenced true, nothing received yet", blob_state_of(d1, ha, na),
       state(0, False, True))
    expect_error("GET before any byte was uploaded -> 404 not_uploaded", blob_get(d1, ha), 404, "not_uploaded")
    r = blob_upload(d1, blob_part(ha, na, 0, A[:20000]))
    b = blob_states(r) or []
    eq("upload of the first 20,000 of %d bytes -> 200, one state naming sha256 and size" % na,
       [(x.get("sha256"), x.get("size")) for x in b], [(ha, na)])
    eq("... received 20000, not complete, referenced, no error", blob_state(r), state(20000, False, True))
    eq("status after the first body: received 20000", blob_state_of(d1, ha, na), state(20000, False, True))
    expect_error("GET while the blob is partial -> 404 not_uploaded", blob_get(d1, ha), 404, "not_uploaded")
    expect_error("the manager's GET of it while partial -> 404 not_uploaded", blob_get(dm, ha), 404,
                 "not_uploaded")
    for off in (0, 25000, 19999):
        r = blob_upload(d1, blob_part(ha, na, off, A[off:off + 1000]))
        eq("a part at offset %d while the server holds 20000 -> error offset, received 20000" % off,
           blob_part_info(r, keys=("error", "received")), (200, "offset", 20000))
    eq("status after the refused parts: still received 20000", blob_state_of(d1, ha, na),
       state(20000, False, True))
    r = blob_upload(d1, blob_part(ha, na, 20000, A[20000:]))
    eq("upload of the rest from offset = received (20000) -> complete", blob_state(r), state(na, True, True))
    eq("status: received %d, complete, referenced" % na, blob_state_of(d1, ha, na), state(na, True, True))

    # GET: the bytes, Range
    r = blob_get(d1, ha)
    report(r.status == 200 and r.body == A, "GET /v1/blobs/<sha256> -> 200 with exactly the uploaded bytes",
           (200, na, ha[:12]), got_bytes(r))
    eq("GET: Content-Type application/octet-stream", r.headers.get("content-type"), "application/octet-stream")
    eq("GET: Cache-Control %s" % BLOB_CACHE, r.headers.get("cache-control"), BLOB_CACHE)
    report(sha_hex(r.body) == ha, "GET: the bytes check against the digest (as a device checks them)", ha,
           sha_hex(r.body))
    n = 12345
    r = blob_get(d1, ha, "bytes=%d-" % n)
    eq("GET with Range: bytes=%d- -> 206, Content-Range bytes %d-%d/%d, the bytes from %d" % (n, n, na - 1, na, n),
       (r.status, r.headers.get("content-range"), r.body == A[n:], len(r.body)),
       (206, "bytes %d-%d/%d" % (n, na - 1, na), True, na - n))
    r = blob_get(d1, ha, "bytes=%d-" % (na - 2))
    eq("GET with Range: bytes=%d- (the last two bytes) -> 206 with them" % (na - 2),
       (r.status, r.headers.get("content-range"), r.body), (206, "bytes %d-%d/%d" % (na - 2, na - 1, na), A[-2:]))
    r = blob_get(d1, ha, "bytes=0-")
    eq("GET with Range: bytes=0- -> 206 with all the bytes", (r.status, r.body == A), (206, True))
    expect_error("GET with Range: bytes=%d- (just past the end) -> 416 bad_range" % na,
                 blob_get(d1, ha, "bytes=%d-" % na), 416, "bad_range")
    expect_error("GET with Range: bytes=%d- (far past the end) -> 416 bad_range" % (na * 3),
                 blob_get(d1, ha, "bytes=%d-" % (na * 3)), 416, "bad_range")

    # a blob the server holds with another size
    r = blob_status(d1, [(ha, na - 1)])
    eq("status of a complete blob with another size -> error size, received 0",
       blob_part_info(r, keys=("error", "received")), (200, "size", 0))
    r = blob_upload(d1, blob_part(ha, na + 100, 0, A[:1000]))
    eq("a part naming a held blob with another size -> error size", blob_part_info(r), (200, "size"))
    eq("... the blob is unchanged (status received %d, complete)" % na, blob_state_of(d1, ha, na),
       state(na, True, True))
    eq("status answers in the request's order (three blobs)",
       [x.get("sha256") for x in (blob_states(blob_status(d1, [(ha, na), (sha_hex(b"x" + A), 7), (ha, na)]))
                                  or [])], [ha, sha_hex(b"x" + A), ha])

    # who may fetch: a record in the device's scope names the digest
    expect_error("another rep of the same team (wang.wei, the account not his): GET -> 404 not_found",
                 blob_get(d2, ha), 404, "not_found")
    expect_error("a rep of another team (zhao.lei): GET -> 404 not_found", blob_get(d3, ha), 404, "not_found")
    r = blob_get(dm, ha)
    report(r.status == 200 and r.body == A, "the manager of rep1's team: GET -> 200 with the bytes",
           (200, na, ha[:12]), got_bytes(r))
    r = blob_get(d1b, ha)
    report(r.status == 200 and r.body == A, "rep1's second device: GET -> 200 with the bytes",
           (200, na, ha[:12]), got_bytes(r))
    p = dm.pull_all()
    check_pull("manager pull after rep1's attachment", p, dm.replica.recs)
    x = [r for r in of_entity(p["records"], ATT) if r.get("id") == ka]
    eq("the manager's pull brings the attachment record, naming the bytes by digest and size",
       [((r.get("fields") or {}).get("blob"), (r.get("fields") or {}).get("size")) for r in x], [(ha, na)])

    # the same bytes named by a second device of the same user: nothing to send
    _, ch = att(d1b, acc, ha, na)
    push_expect("rep1's second device pushes another attachment naming the same digest -> applied", d1b, [ch])
    eq("status from the second device: complete, received %d (nothing to send)" % na,
       blob_state_of(d1b, ha, na), state(na, True, True))
    r = blob_upload(d1b, blob_part(ha, na, 0, A[:1000]))
    eq("a part of the complete blob from offset 0 -> complete, no error, its bytes ignored (a retry after a lost "
       "reply is harmless)", blob_part_info(r, keys=("complete", "error", "received")), (200, True, None, na))
    r = blob_get(d1, ha)
    report(r.status == 200 and r.body == A, "... and GET still gives the same bytes", (200, na), got_bytes(r))
    # the same bytes named by another user: stored once, fetched by both
    acc2 = uuid7()
    _, ch = att(d2, acc2, ha, na)
    push_expect("wang.wei creates an account and an attachment naming the same digest -> applied", d2,
                [d2.change(R.ACC, acc2, "create", acct_fields("王伟附件客户")), ch])
    eq("status from wang.wei: complete, received %d (the bytes are stored once)" % na,
       blob_state_of(d2, ha, na), state(na, True, True))
    r = blob_get(d2, ha)
    report(r.status == 200 and r.body == A, "wang.wei: GET -> 200 now that a record in his scope names it",
           (200, na), got_bytes(r))
    expect_error("zhao.lei: GET still -> 404 not_found", blob_get(d3, ha), 404, "not_found")

    # bytes that do not match the digest: every byte dropped
    B = blob_bytes(30000)
    hb, nb = sha_hex(B), len(B)
    W = blob_bytes(30000)
    _, ch = att(d1, acc, hb, nb)
    push_expect("rep1 pushes an attachment for a second blob (%d bytes) -> applied" % nb, d1, [ch])
    r = blob_upload(d1, blob_part(hb, nb, 0, W[:10000]))
    eq("the first 10,000 bytes of other content -> received 10000 (not checkable yet)", blob_state(r),
       state(10000, False, True))
    r = blob_upload(d1, blob_part(hb, nb, 10000, W[10000:]))
    eq("the last byte of content that does not match the digest -> error hash_mismatch, not complete",
       blob_part_info(r, keys=("error", "complete")), (200, "hash_mismatch", False))
    eq("after hash_mismatch status says received 0 (every byte dropped), not complete, referenced",
       blob_state_of(d1, hb, nb), state(0, False, True))
    expect_error("GET after hash_mismatch -> 404 not_uploaded", blob_get(d1, hb), 404, "not_uploaded")
    r = blob_upload(d1, blob_part(hb, nb, 0, B))
    eq("the right bytes sent again from the start, in one part -> complete", blob_state(r), state(nb, True, True))
    r = blob_get(d1, hb)
    report(r.status == 200 and r.body == B, "GET -> the right bytes", (200, nb), got_bytes(r))
    W1 = blob_bytes(1000)
    h1 = sha_hex(W1)
    _, ch = att(d1, acc, h1, 1000)
    push_expect("rep1 pushes an attachment for a 1,000-byte blob -> applied", d1, [ch])
    r = blob_upload(d1, blob_part(h1, 1000, 0, blob_bytes(1000)))
    eq("a whole blob in one part that does not match the digest -> hash_mismatch, status received 0",
       (blob_part_info(r), blob_state_of(d1, h1, 1000)), ((200, "hash_mismatch"), state(0, False, True)))

    # a body cut short: the bytes that arrived are kept and never sent twice
    C = blob_bytes(100000)
    hc, nc = sha_hex(C), len(C)
    _, ch = att(d1, acc, hc, nc)
    push_expect("rep1 pushes an attachment for a 100,000-byte blob -> applied", d1, [ch])
    body = blob_part(hc, nc, 0, C)
    head_len = len(body) - nc
    upload_cut_short(d1, body, head_len + 30000)
    eq("a body cut short (Content-Length for all %d bytes, the header line and 30,000 bytes sent, then the "
       "client hangs up): status says received 30000" % nc, poll_received(d1, hc, nc, 30000),
       state(30000, False, True))
    expect_error("GET of the cut blob -> 404 not_uploaded", blob_get(d1, hc), 404, "not_uploaded")
    r = blob_upload(d1, blob_part(hc, nc, 30000, C[30000:]))
    eq("the rest from offset 30000 (no byte sent twice) -> complete", blob_state(r), state(nc, True, True))
    r = blob_get(d1, hc)
    report(r.status == 200 and r.body == C, "GET after the resumed upload -> 200 with all %d bytes" % nc,
           (200, nc, hc[:12]), got_bytes(r))
    # two parts in a body cut inside the second: the first whole, the bytes of the second that arrived
    D, E = blob_bytes(5000), blob_bytes(40000)
    hd, he = sha_hex(D), sha_hex(E)
    _, chd = att(d1, acc, hd, len(D))
    _, che = att(d1, acc, he, len(E))
    push_expect("rep1 pushes attachments for two more blobs (5,000 and 40,000 bytes) -> applied", d1, [chd, che])
    pd = blob_part(hd, len(D), 0, D)
    pe = blob_part(he, len(E), 0, E)
    upload_cut_short(d1, pd + pe, len(pd) + (len(pe) - len(E)) + 12345)
    eq("a two-part body cut 12,345 bytes into the second part: the second says received 12345",
       poll_received(d1, he, len(E), 12345), state(12345, False, True))
    eq("... and the first part, arrived whole, is complete", blob_state_of(d1, hd, len(D)),
       state(len(D), True, True))
    r = blob_upload(d1, blob_part(he, len(E), 12345, E[12345:]))
    eq("the rest of the second from offset 12345 -> complete", blob_state(r), state(len(E), True, True))
    r = blob_get(d1, he)
    report(r.status == 200 and r.body == E, "GET of the second -> 200 with all its bytes", (200, len(E)),
           got_bytes(r))
    # a body cut inside the first part of two, after the header line only
    F = blob_bytes(3000)
    hf = sha_hex(F)
    _, ch = att(d1, acc, hf, len(F))
    push_expect("rep1 pushes an attachment for a 3,000-byte blob -> applied", d1, [ch])
    pf = blob_part(hf, len(F), 0, F)
    upload_cut_short(d1, pf + pf, len(pf) - len(F))
    time.sleep(0.5)
    eq("a body cut right after the first header line: status says received 0",
       blob_state_of(d1, hf, len(F)), state(0, False, True))

    # malformed bodies: 400 bad_request and nothing of them kept
    M = blob_bytes(2000)
    hm, nm = sha_hex(M), len(M)
    _, ch = att(d1, acc, hm, nm)
    push_expect("rep1 pushes an attachment for a 2,000-byte blob -> applied", d1, [ch])
    bad_hex = "g" + hm[1:]
    for what, body in [
            ("a header of three fields", ("%s %d %d\n" % (hm, nm, 0)).encode("ascii") + M),
            ("a header of five fields", ("%s %d %d %d 0\n" % (hm, nm, 0, nm)).encode("ascii") + M),
            ("a digest that is not hex", blob_part(bad_hex, nm, 0, M)),
            ("a length past the end of a body that was not cut (length %d, 1,000 bytes follow)" % nm,
             ("%s %d %d %d\n" % (hm, nm, 0, nm)).encode("ascii") + M[:1000]),
            ("a well-formed first part, then a header of three fields",
             blob_part(hm, nm, 0, M[:1000]) + ("%s %d %d\n" % (hm, nm, 1000)).encode("ascii") + M[1000:]),
            ("a well-formed first part, then a length past the end",
             blob_part(hm, nm, 0, M[:1000]) + ("%s %d %d %d\n" % (hm, nm, 1000, 1500)).encode("ascii") + M[1000:])]:
        expect_error("upload body with %s -> 400 bad_request" % what, blob_upload(d1, body), 400, "bad_request")
    eq("... after the malformed bodies nothing of them is kept (status received 0)", blob_state_of(d1, hm, nm),
       state(0, False, True))
    r = blob_upload(d1, blob_part(hm, nm, 0, M[:1000]), gzip_req=True)
    expect_error("upload with Content-Encoding: gzip (a valid gzip of a valid body) -> 400", r, 400)
    eq("... nothing of it is kept (status received 0)", blob_state_of(d1, hm, nm), state(0, False, True))
    r = blob_upload(d1, blob_part(hm, nm, 0, M[:1000]), extra={"Content-Encoding": "identity"})
    eq("upload with Content-Encoding: identity is taken -> received 1000", blob_state(r), state(1000, False, True))
    big = sha_hex(os.urandom(32))
    r = blob_upload(d1, blob_part(hm, nm, 1000, M[1000:]) + blob_part(big, BLOB_MAX + 1, 0, os.urandom(100)))
    b = blob_states(r)
    eq("a body of two parts, the second of size %d (over 4 MiB): the first completes, the second -> too_large"
       % (BLOB_MAX + 1), [(x.get("complete"), x.get("error")) for x in b] if b is not None else r,
       [(True, None), (False, "too_large")])
    r = blob_get(d1, hm)
    report(r.status == 200 and r.body == M, "GET of the blob completed beside the too_large part -> its bytes",
           (200, nm), got_bytes(r))
    eq("status of the over-4-MiB digest: nothing received, not complete",
       blob_part_info(blob_status(d1, [(big, BLOB_MAX + 1)]), keys=("received", "complete")), (200, 0, False))
    G = blob_bytes(BLOB_MAX)
    hg = sha_hex(G)
    _, ch = att(d1, acc, hg, BLOB_MAX)
    push_expect("rep1 pushes an attachment of exactly 4 MiB (%d bytes) -> applied" % BLOB_MAX, d1, [ch])
    r = blob_upload(d1, blob_part(hg, BLOB_MAX, 0, G))
    eq("a 4 MiB blob alone in one body -> complete", blob_state(r), state(BLOB_MAX, True, True))
    r = blob_get(d1, hg)
    report(r.status == 200 and r.body == G, "GET of the 4 MiB blob -> 200 with all its bytes", (200, BLOB_MAX),
           got_bytes(r))

    # authentication and version headers on the three endpoints
    fake = os.urandom(32).hex()
    expect_error("POST /v1/blobs/status without Authorization -> 401 unauthenticated",
                 blob_status(d1, [(ha, na)], token=None), 401, "unauthenticated")
    expect_error("POST /v1/blobs/status with an unknown token -> 401 unauthenticated",
                 blob_status(d1, [(ha, na)], token=fake), 401, "unauthenticated")
    W2 = blob_bytes(500)
    h2 = sha_hex(W2)
    _, ch = att(d1, acc, h2, 500)
    push_expect("rep1 pushes an attachment for a 500-byte blob -> applied", d1, [ch])
    expect_error("POST /v1/blobs/upload without Authorization -> 401 unauthenticated",
                 blob_upload(d1, blob_part(h2, 500, 0, W2), token=None), 401, "unauthenticated")
    expect_error("POST /v1/blobs/upload with an unknown token -> 401 unauthenticated",
                 blob_upload(d1, blob_part(h2, 500, 0, W2), token=fake), 401, "unauthenticated")
    eq("... the unauthenticated uploads stored nothing", blob_state_of(d1, h2, 500), state(0, False, True))
    expect_error("GET /v1/blobs/<sha256> without Authorization -> 401 unauthenticated",
                 blob_get(d1, ha, token=None), 401, "unauthenticated")
    expect_error("GET /v1/blobs/<sha256> with an unknown token -> 401 unauthenticated",
                 blob_get(d1, ha, token=fake), 401, "unauthenticated")
    expect_error("GET /v1/blobs/<sha256> without X-Fieldbook-Protocol -> 400 unsupported_protocol",
                 blob_get(d1, ha, proto=None), 400, "unsupported_protocol")
    expect_error("POST /v1/blobs/status without X-Fieldbook-Schema -> 400 unsupported_schema",
                 blob_status(d1, [(ha, na)], schema=None), 400, "unsupported_schema")

    for k, d in (("rep1", d1), ("rep1b", d1b), ("rep2", d2), ("mgr", dm)):
        p = d.pull_all()
        check_pull("%s pull at the end of the blob checks" % k, p, d.replica.recs)


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

    def worker(d):
        acc = uuid7()
        batches = [[d.change(R.ACC, acc, "create", acct_fields("并发 %s" % d.label))]]
        for b in range(5):
            batches.append([d.change(R.ACC, acc, "update", {R.A_E1: T(b + i)}) for i in range(50)])
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
    r, _ = d1b.push([d1b.change(R.ACC, uuid7(), "create", acct_fields("签退后"))])
    expect_error("push with a signed-out token -> 401 unauthenticated", r, 401, "unauthenticated")
    r = api("/v1/auth/sign-out", {"device_id": d1b.id}, token=d1b.token)
    expect_error("sign-out again with the same token -> 401 unauthenticated", r, 401, "unauthenticated")
    r = d1b.sign_in()
    expect_status("signing in again on the same device -> 200", r, 200)
    eq("signing in again continues the device's sequence (last_seq kept)", r.j("last_seq"), seq_before)
    d1b.pull_all()
    r, _ = d1b.push([d1b.change(R.ACC, c.a1, "update", {R.A_E1: T(2)})])
    expect_status("push after signing in again continues at last_seq + 1", r, 200)


# ---- final -----------------------------------------------------------------------------

def s_final(c):
    section("whole-run checks")
    d1 = c.dev["rep1"]
    _, recs = full_state(d1)
    hit = [k for k in c.refused_ids if k in recs]
    report(not hit, "no change of a refused (4xx) batch was ever applied", "none", hit)
    report(not RESULT_PROBLEMS, "every rejected result carried record, and clamped was never sent other than true",
           "none", RESULT_PROBLEMS[:5])
    bad = [(w, s, b) for (w, s, b) in ERROR_RESPONSES if not _is_error_body(b)]
    report(not bad, "every 4xx/5xx response (%d seen) has the body {\"error\", \"message\"}"
           % len(ERROR_RESPONSES), "all", bad[:5])
    report(not JSON_CT_PROBLEMS, "every JSON response has Content-Type: application/json", "all",
           JSON_CT_PROBLEMS[:5])
    if SCHEMA_CUR >= OWNER_SINCE:
        report(not OWNER_TEAM_PROBLEMS and OWNER_TEAM_PAGES[0] > 0 and OWNER_TEAM_PAGES[1] > 0,
               "every pull page of the run (%d of schema %d, %d of schema %d): owner on every %s record and on "
               "nothing else, naming its creator or last assignee; team on the last page only, with the viewer; "
               "neither member for the previous schema"
               % (OWNER_TEAM_PAGES[0], SCHEMA_CUR, OWNER_TEAM_PAGES[1], SCHEMA_PREV, R.ACC),
               "no problems (pages of both schemas seen)",
               "%d problem(s): %s" % (len(OWNER_TEAM_PROBLEMS), OWNER_TEAM_PROBLEMS[:5]))


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
    signal.signal(signal.SIGHUP, on_signal)
    try:
        run(binary)
    except KeyboardInterrupt:
        report(False, "run completed", "completion", "interrupted")
    print("%d passed, %d failed" % (PASSED, FAILED))
    return 0 if FAILED == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
