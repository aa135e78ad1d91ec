#!/usr/bin/env python3
"""The sync's promise under real faults: real binaries, real HTTP, real process kills.

Usage: kill_suite.py FIELDBOOK_SERVER FIELDBOOK_TOOL [--iterations N] [--seed S] [--proxy FB_SLOWLINK_PROXY]

A team server (fieldbook-server, SQLite) with a demo book of several pull pages per rep, and
five phones, each a database driven by `fieldbook-tool` (the app's sync engine without the
GUI): two of rep1's, one of rep2's, the manager's, and one shared phone on which rep1 and rep2
take turns. Each iteration does, at random:
- edits (a unique value per edit), new accounts and photos (60 KB-1.5 MB) on any phone, also
  while its sync runs;
- with --proxy, some syncs of a phone with pictures to send go through a slow link (4 Mbit/s),
  and the link drops (the proxy is SIGKILLed and restarted) while the pictures go up;
- syncs with small pages, SIGKILLed at a random moment or left to finish;
- SIGKILL of the server at a random moment (syncs under way fail), then a restart;
- a phone restored from a copy of its database taken earlier (only one whose writes since
  the copy have all reached the server, as a real backup of a synced phone would be);
- a user switch on the shared phone (when nothing waits to be sent, as the app requires);
- admin commands while phones sync, some SIGKILLed: warehouse receipts to a rep (owned
  records) and catalogue changes (reference data).
Then every phone syncs until quiet and the suite checks what a rep and a manager would:
- every account created is on the server and on every phone of its owner, exactly once;
- every edited field holds the last value written to it, on every phone that sees it;
- the phones of one user hold the same records, field for field; the manager's phone holds
  both reps' books;
- every phone holds the server's gift catalogue and policies, and exactly the stock
  receipts of its user (the manager's: both reps'), as the server holds them;
- `fieldbook-tool check` is clean on every phone, its digest equal to the server's;
- the server holds every photo's picture complete and byte for byte, and no phone has a
  picture waiting for upload;
- the server never died other than by the suite's own kills.
Prints "N passed, M failed" at the end; exit 0 only when nothing failed.
"""
import argparse
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

from e2e_common import free_port, last_json, query

ap = argparse.ArgumentParser()
ap.add_argument("server")
ap.add_argument("tool")
ap.add_argument("--iterations", type=int, default=30)
ap.add_argument("--seed", type=int, default=20261201)
ap.add_argument("--accounts-per-rep", type=int, default=120)
ap.add_argument("--proxy", help="fb_slowlink_proxy: some syncs go through a slow link, so kills land mid-upload")
args = ap.parse_args()

rng = random.Random(args.seed)
TMP = tempfile.mkdtemp(prefix="fieldbook-kill-suite.")
DATA = os.path.join(TMP, "server")
PASSWORD_FILE = os.path.join(TMP, "password")
PAGE = "40"  # pull page size: every rep's book spans many pages
passed = 0
failures = []
server = None
server_kills = 0
stats = {"syncs": 0, "syncs_killed": 0, "syncs_failed": 0, "edits": 0, "edits_during_sync": 0, "creates": 0, "photos": 0, "kills_in_upload": 0, "link_cuts_in_upload": 0,
         "server_kills": 0, "restores": 0, "switches": 0, "admin_writes": 0, "admin_killed": 0}


def log(message):
    print(message, flush=True)



PORT = free_port()
URL = "http://127.0.0.1:%d" % PORT
SLOW_URL = None
proxy = None


SLOW_PORT = free_port()


def start_proxy():
    """4 Mbit/s each way with 5 ms each way: a 1 MB picture takes about 2 s."""
    global proxy, SLOW_URL
    for _ in range(50):
        proxy = subprocess.Popen([args.proxy, "--target", "127.0.0.1:%d" % PORT, "--port", str(SLOW_PORT),
                                  "--latency-ms", "5", "--bits-per-second", "4000000"], stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, text=True)
        line = proxy.stdout.readline()
        if line:
            break
        proxy.wait()
        time.sleep(0.2)  # the port may still be held for a moment
    else:
        raise RuntimeError("fb_slowlink_proxy does not start")
    found = re.search(r"http://127\.0\.0\.1:\d+", line)
    if not found:
        raise RuntimeError("fb_slowlink_proxy did not say where it listens: %r" % line)
    SLOW_URL = found.group(0)


def start_server():
    global server
    err = open(os.path.join(TMP, "server.err"), "a")
    out = open(os.path.join(TMP, "server.out"), "w")
    for _ in range(50):
        server = subprocess.Popen([args.server, "--data", DATA, "--port", str(PORT)], stdout=out, stderr=err)
        for _ in range(100):
            time.sleep(0.02)
            if server.poll() is not None:
                break
            with open(os.path.join(TMP, "server.out")) as f:
                if "listening on" in f.read():
                    return
        if server.poll() is None:
            return
        time.sleep(0.2)  # the port may still be held for a moment after a kill
    raise RuntimeError("the server does not start again")


def server_alive(what):
    if server.poll() is not None:
        failures.append("the server died by itself (exit %s) during %s" % (server.returncode, what))
        start_server()


def kill_server():
    global server_kills
    server_kills += 1
    stats["server_kills"] += 1
    server.send_signal(signal.SIGKILL)
    server.wait()


def tool(*argv, check=True):
    r = subprocess.run([args.tool] + list(argv), capture_output=True, text=True, timeout=120)
    if check and r.returncode != 0:
        raise RuntimeError("fieldbook-tool %s: exit %d\n%s%s" % (" ".join(argv), r.returncode, r.stdout, r.stderr))
    return r


class Phone:
    def __init__(self, name, user):
        self.name = name
        self.user = user
        self.db = os.path.join(TMP, name + ".db")
        self.backup = None          # (path) a copy of the database
        self.writes_since_backup = []  # writes made after the copy, until each reached the server
        self.unsent = []            # writes not yet known to be on the server

    def sign_in(self, user):
        r = tool("sync", "--db", self.db, "--server", URL, "--login", user, "--password-file", PASSWORD_FILE,
                 "--page-size", PAGE, "--device-name", self.name, "--timeout-ms", "20000", check=False)
        summary = last_json(r.stdout)
        if r.returncode != 0 or summary.get("status") != "ok":
            raise RuntimeError("%s: sign-in as %s failed: %s %s" % (self.name, user, r.stdout, r.stderr))
        self.user = user
        self.unsent = []

    def sync_process(self, slow=False):
        # A slow sync goes through the proxy (a weak evening link): its pictures take long
        # enough to send for a kill to cut them mid-body.
        where = SLOW_URL if slow and SLOW_URL else URL
        return subprocess.Popen([args.tool, "sync", "--db", self.db, "--server", where, "--page-size", PAGE,
                                 "--timeout-ms", "20000"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def outbox(self):
        return query(self.db, "SELECT count(*) FROM outbox")[0][0]




# What the suite wrote: account id -> owner login; (account id, field) -> last value written.
created = {}
last_value = {}
owner_of = {}  # account id -> rep login (from the demo book and creates)


def book_of(login):
    return [a for a, o in owner_of.items() if o == login]


def finish_sync(phone, proc, killed):
    out, err = proc.communicate()
    stats["syncs"] += 1
    if killed:
        stats["syncs_killed"] += 1
        return
    summary = last_json(out)
    if proc.returncode == 0 and summary.get("status") == "ok":
        # Everything written before this sync started is on the server now.
        phone.unsent = [w for w in phone.unsent if w[0] > phone_sync_started[phone.name]]
    else:
        stats["syncs_failed"] += 1
        if summary.get("status") not in ("retryable", "cancelled") and summary.get("error_code") not in ("network",):
            failures.append("%s: a sync failed with %s: %s (exit %s) %s" % (
                phone.name, summary.get("error_code"), summary.get("error_message"), proc.returncode, err[-300:]))


def wait_for_output(proc, marker, timeout):
    """Reads the process's stderr until `marker` appears (True) or `timeout` passes or it ends."""
    import select
    seen = b""
    end = time.time() + timeout
    fd = proc.stderr.fileno()
    while time.time() < end and proc.poll() is None:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            chunk = os.read(fd, 4096)
            if not chunk:
                break
            seen += chunk
            if marker in seen:
                return True
    return False


phone_sync_started = {}
slow_sync = {}
phone_running = {}
edit_log = []
clock = [0]


def tick():
    clock[0] += 1
    return clock[0]


def edit(phone):
    # An account the rep sees on this phone (one created elsewhere may not have arrived yet).
    here = {a for (a,) in query(phone.db, "SELECT id FROM account")}
    book = sorted(here & (set(book_of(phone.user)) if phone.user != "manager" else set(owner_of)))
    if not book:
        return
    account = rng.choice(book)
    value = "值%d" % tick()
    r = tool("set", "--db", phone.db, account, "region", value, check=False)
    if r.returncode != 0:
        failures.append("%s: set failed: %s" % (phone.name, r.stderr.strip()))
        return
    last_value[(account, "region")] = value
    edit_log.append((value, phone.name, account, "during sync" if phone_running.get(phone.name) else ""))
    phone.unsent.append((clock[0], "edit", account))
    stats["edits"] += 1


def create(phone):
    if phone.user == "manager":
        return
    name = "新客户 %d" % tick()
    r = tool("add", "--db", phone.db, name, check=False)
    if r.returncode != 0:
        failures.append("%s: add failed: %s" % (phone.name, r.stderr.strip()))
        return
    account = r.stdout.strip()
    created[account] = (phone.user, name)
    owner_of[account] = phone.user
    phone.unsent.append((clock[0], "create", account))
    stats["creates"] += 1


photos = {}  # sha256 -> size: every photo stored on a phone


def photo(phone):
    """A photo of an account the rep holds: a record now, its picture uploaded after the records
    (a SIGKILL may cut the upload at any byte; the next sync resumes it)."""
    here = {a for (a,) in query(phone.db, "SELECT id FROM account")}
    book = sorted(here & (set(book_of(phone.user)) if phone.user != "manager" else set(owner_of)))
    if not book:
        return
    size = rng.randint(60_000, 1_500_000)
    picture = b"\xff\xd8\xff\xe0" + rng.randbytes(size - 6) + b"\xff\xd9"
    path = os.path.join(TMP, "photo-%d.jpg" % tick())
    with open(path, "wb") as f:
        f.write(picture)
    r = tool("photo", "--db", phone.db, rng.choice(book), path, check=False)
    os.remove(path)
    if r.returncode != 0:
        failures.append("%s: photo failed: %s" % (phone.name, r.stderr.strip()))
        return
    digest = r.stdout.split()[1]
    if digest != hashlib.sha256(picture).hexdigest():
        failures.append("%s: photo stored under %s, not its SHA-256" % (phone.name, digest))
    photos[digest] = len(picture)
    phone.unsent.append((clock[0], "photo", digest))
    stats["photos"] += 1


def snapshot(db):
    """Every synced record as stored: its values and each field's stamp. (The device keeps
    stamps as one shared `_hlc` plus the ones that differ in `_clock`, or all in `_clock`
    after a repair; both mean the same, so the stamps are compared expanded.)"""
    out = {}
    for table in ("account", "key_person", "role_change", "referral", "gift_item", "tier_policy", "stock_movement"):
        cols = [r[1] for r in query(db, "PRAGMA table_info(%s)" % table)]
        for row in query(db, "SELECT * FROM %s" % table):
            record = dict(zip(cols, row))
            stamps = json.loads(record.pop("_clock") or "{}")
            shared = record.pop("_hlc")
            record.pop("_sort", None)
            for col, value in record.items():
                if col != "id" and col not in stamps and value is not None:
                    stamps[col] = shared
            out[(table, record["id"])] = (record, stamps)
    return out


def admin_process():
    """A server-side write while the phones sync: a receipt for a rep or a catalogue change."""
    if rng.random() < 0.6:
        argv = ["stock", "receive", rng.choice(["rep1", "rep2"]), "--item", rng.choice(["G001", "S001", "M001"]),
                "--quantity", str(rng.randint(1, 30))]
    else:
        csv = os.path.join(TMP, "catalogue-%d.csv" % rng.randrange(10**9))
        with open(csv, "w") as f:
            f.write("code,name\nG001,定制礼盒装白酒 %d\n" % rng.randrange(1000))
        argv = ["catalogue", "import", csv]
    stats["admin_writes"] += 1
    return subprocess.Popen([args.server, "admin", "--data", DATA] + argv, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def server_records(entity):
    """What the server holds of an entity: {id: (scope key, fields)}, read from its database."""
    rows = query(os.path.join(DATA, "fieldbook-server.db"),
                 "SELECT id, account_id, fields_json FROM records WHERE entity = '%s'" % entity)
    return {i: (key, json.loads(fields)) for (i, key, fields) in rows}


def main():
    global passed
    with open(PASSWORD_FILE, "w") as f:
        f.write("demo1234\n")
    subprocess.run([args.server, "admin", "--data", DATA, "demo", "--reps", "2", "--accounts-per-rep",
                    str(args.accounts_per_rep)], check=True, stdout=subprocess.DEVNULL)
    start_server()
    if args.proxy:
        start_proxy()
    phones = [Phone("rep1-phone", "rep1"), Phone("rep1-tablet", "rep1"), Phone("rep2-phone", "rep2"),
              Phone("manager-phone", "manager"), Phone("shared-phone", "rep1")]
    for p in phones:
        p.sign_in(p.user)
    for login in ("rep1", "rep2"):
        db = next(p.db for p in phones if p.user == login)
        for (account,) in query(db, "SELECT id FROM account"):
            owner_of[account] = login
    log("book: %d accounts of rep1, %d of rep2, page size %s" % (len(book_of("rep1")), len(book_of("rep2")), PAGE))

    for iteration in range(args.iterations):
        # Work offline on a few phones.
        for _ in range(rng.randint(1, 4)):
            p = rng.choice(phones)
            roll = rng.random()
            (create if roll < 0.3 else photo if roll < 0.4 else edit)(p)
        # A restore from an old copy, when it loses nothing the server lacks.
        for p in phones:
            if p.backup and not p.unsent and p.outbox() == 0 and rng.random() < 0.15 and p.name != "shared-phone":
                for suffix in ("", "-wal", "-shm"):
                    if os.path.exists(p.db + suffix):
                        os.remove(p.db + suffix)
                for suffix in ("", "-wal", "-shm"):
                    if os.path.exists(p.backup + suffix):
                        shutil.copy(p.backup + suffix, p.db + suffix)
                stats["restores"] += 1
                p.backup = None
            elif not p.backup and rng.random() < 0.2:
                p.backup = os.path.join(TMP, "%s.copy%d.db" % (p.name, iteration))
                for suffix in ("", "-wal", "-shm"):
                    if os.path.exists(p.db + suffix):
                        shutil.copy(p.db + suffix, p.backup + suffix)
        # Syncs, some killed, some with edits on the same phone meanwhile, maybe a server kill.
        running = []
        for p in rng.sample(phones, rng.randint(1, 3)):
            phone_sync_started[p.name] = tick()
            slow = SLOW_URL is not None and query(p.db, "SELECT count(*) FROM blob WHERE upload = 1")[0][0] > 0 \
                and rng.random() < 0.5
            slow_sync[p.name] = slow
            running.append((p, p.sync_process(slow)))
        admin = admin_process() if rng.random() < 0.3 else None
        server_killed = rng.random() < 0.2
        if admin is not None and rng.random() < 0.3:
            time.sleep(rng.uniform(0, 0.2))
            if admin.poll() is None:
                admin.send_signal(signal.SIGKILL)
                stats["admin_killed"] += 1
        if admin is not None:
            if admin.wait(timeout=60) not in (0, -signal.SIGKILL):
                failures.append("an admin command failed: %s" % admin.stderr.read().decode(errors="replace")[-300:])
        if server_killed:
            time.sleep(rng.uniform(0, 0.3))
            kill_server()
        for p, proc in running:
            phone_running[p.name] = True
        for p, proc in running:
            if rng.random() < 0.3:
                edit(p)
                stats["edits_during_sync"] += 1
        for p, proc in running:
            killed = False
            # The link drops while a slow sync sends pictures: the server keeps what arrived.
            if slow_sync.get(p.name) and rng.random() < 0.6 and wait_for_output(proc, b"upload bytes", 10.0):
                time.sleep(rng.uniform(0.05, 1.5))
                proxy.kill()
                proxy.wait()
                stats["link_cuts_in_upload"] += 1
                start_proxy()
            if rng.random() < 0.4:
                # Half the kills of a phone with pictures to send land in their upload.
                if rng.random() < 0.5 and query(p.db, "SELECT count(*) FROM blob WHERE upload = 1")[0][0]:
                    if wait_for_output(proc, b"upload bytes", 10.0):
                        stats["kills_in_upload"] += 1
                        time.sleep(rng.uniform(0, 0.5))
                time.sleep(rng.uniform(0, 0.1))
                if proc.poll() is None:
                    proc.send_signal(signal.SIGKILL)
                    killed = True
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                failures.append("%s: a sync hung for 60 s" % p.name)
                killed = True
            finish_sync(p, proc, killed)
            phone_running[p.name] = False
        if server_killed:
            start_server()
        else:
            server_alive("iteration %d" % iteration)
        # A user switch on the shared phone, when nothing waits to be sent.
        shared = phones[-1]
        if rng.random() < 0.15 and shared.outbox() == 0 and not shared.unsent:
            shared.sign_in("rep2" if shared.user == "rep1" else "rep1")
            shared.backup = None
            stats["switches"] += 1
        if iteration % 10 == 9:
            log("iteration %d: %s" % (iteration + 1, json.dumps(stats)))

    # Quiet: every phone syncs until a whole round changes nothing.
    server_alive("the last iteration")
    for round_ in range(6):
        quiet = True
        for p in phones:
            r = tool("sync", "--db", p.db, "--page-size", PAGE, check=False)
            s = last_json(r.stdout)
            if r.returncode != 0 or s.get("status") != "ok":
                failures.append("%s: the final sync failed: %s %s" % (p.name, r.stdout.strip(), r.stderr.strip()[-300:]))
                continue
            if s.get("pushed") or s.get("changed") or s.get("purged") or s.get("repaired") or s.get("blobs_uploaded"):
                quiet = False
        if quiet:
            break
    else:
        failures.append("the phones did not become quiet in 6 rounds")

    def check(ok, what):
        global passed
        if ok:
            passed += 1
            log("ok: " + what)
        else:
            failures.append(what)

    manager = phones[3]
    manager_accounts = {a for (a,) in query(manager.db, "SELECT id FROM account")}
    check(set(owner_of) <= manager_accounts,
          "the manager's phone holds every account of both reps (%d)" % len(owner_of))
    for p in phones:
        accounts = {a: (n, r) for (a, n, r) in query(p.db, "SELECT id, name, region FROM account")}
        expected = set(book_of(p.user)) if p.user != "manager" else set(owner_of)
        missing = expected - set(accounts)
        extra = set(accounts) - expected
        check(not missing and not extra,
              "%s (%s) holds exactly its user's %d accounts (missing %d, extra %d)" %
              (p.name, p.user, len(expected), len(missing), len(extra)))
        names = [n for (n, _) in accounts.values()]
        mine = [name for (_, (user, name)) in created.items() if user == p.user or p.user == "manager"]
        check(all(names.count(n) == 1 for n in mine),
              "%s: each of the %d accounts created offline is there exactly once" % (p.name, len(mine)))
        wrong = [(a, accounts[a][1], v) for (a, f), v in last_value.items() if a in accounts and accounts[a][1] != v]
        check(not wrong, "%s: every edited field holds the last value written (%d edits; wrong: %s)" %
              (p.name, len(last_value), wrong[:3]))
        r = tool("check", "--db", p.db, check=False)
        check(r.returncode == 0, "%s: fieldbook-tool check is clean, digest equal to the server's%s" %
              (p.name, "" if r.returncode == 0 else "\n" + r.stdout[-800:]))
    # Reference data and owned records, against what the server holds.
    users = dict(query(os.path.join(DATA, "fieldbook-server.db"), "SELECT login, id FROM users"))
    catalogue = {i: f["name"] for i, (_, f) in server_records("gift_item").items()}
    policies = set(server_records("tier_policy"))
    stock = server_records("stock_movement")
    for p in phones:
        held = dict(query(p.db, "SELECT id, name FROM gift_item"))
        check(held == catalogue, "%s: the gift catalogue is the server's (%d items, names as last changed)" %
              (p.name, len(catalogue)))
        check({i for (i,) in query(p.db, "SELECT id FROM tier_policy")} == policies,
              "%s: the tier policies are the server's (%d)" % (p.name, len(policies)))
        owners = [users["rep1"], users["rep2"]] if p.user == "manager" else [users[p.user]]
        expected = {i: f["quantity"] for i, (key, f) in stock.items() if key in ["user:" + o for o in owners]}
        mine = dict(query(p.db, "SELECT id, quantity FROM stock_movement"))
        check(mine == expected, "%s (%s): exactly its user's stock receipts, no one else's (%d)" %
              (p.name, p.user, len(expected)))
    by_user = {}
    for p in phones:
        by_user.setdefault(p.user, []).append(p)
    for user, group in by_user.items():
        if len(group) > 1:
            first = snapshot(group[0].db)
            for other in group[1:]:
                check(snapshot(other.db) == first, "%s and %s (%s) hold the same records, field for field" %
                      (group[0].name, other.name, user))
    # Every photo's picture reached the server whole, checked byte for byte; nothing waits.
    server_db = os.path.join(DATA, "fieldbook-server.db")
    held = {d: (n, c) for (d, n, c) in query(server_db, "SELECT sha256, received, complete FROM blobs")}
    whole = [d for d, n in photos.items() if held.get(d) == (n, 1)]
    check(len(whole) == len(photos), "the server holds all %d photos' pictures complete (missing or partial: %s)" %
          (len(photos), [d[:12] for d in photos if d not in whole][:3]))
    wrong = []
    for d in whole:
        data = b"".join(chunk for (chunk,) in query(server_db, "SELECT data FROM blob_chunks WHERE sha256 = '%s'"
                                                     " ORDER BY offset_bytes" % d))
        if hashlib.sha256(data).hexdigest() != d:
            wrong.append(d[:12])
    check(not wrong, "every picture the server holds is the photo's bytes (%d checked; wrong: %s)" %
          (len(whole), wrong[:3]))
    for p in phones:
        waiting = query(p.db, "SELECT count(*) FROM blob WHERE upload = 1")[0][0]
        check(waiting == 0, "%s: no picture waits for upload (%d do)" % (p.name, waiting))
    server_alive("the checks")
    with open(os.path.join(TMP, "server.err"), errors="replace") as f:
        stats["uploads_cut_at_server"] = sum(1 for line in f if "/v1/blobs/upload" in line and "cut" in line)
    check(True, "the server stayed up apart from the suite's %d kills" % server_kills)
    log("done: " + json.dumps(stats))


try:
    main()
except Exception as e:  # a crash of the suite itself is a failure, with its reason
    failures.append("%s: %s" % (type(e).__name__, e))
finally:
    if proxy is not None:
        proxy.kill()
    if server is not None and server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    if failures and os.path.exists(os.path.join(TMP, "server.err")):
        with open(os.path.join(TMP, "server.err"), errors="replace") as f:
            errors = [line for line in f if '"level":"error"' in line]
        if errors:
            sys.stderr.write("--- server errors\n" + "".join(errors[-10:]))
    if failures:
        for value, name, account, note in edit_log:
            if any(value in f for f in failures):
                print("edit %s made on %s to %s %s" % (value, name, account, note), file=sys.stderr)
    if failures and os.environ.get("KEEP_TMP"):
        print("kept " + TMP, file=sys.stderr)
    else:
        shutil.rmtree(TMP, ignore_errors=True)
    print("%d passed, %d failed" % (passed, len(failures)))
    sys.exit(1 if failures else 0)
