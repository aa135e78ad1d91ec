#!/bin/bash
# Two devices and a server, end to end with the real binaries, as `scripts/run.sh --devices 2`
# runs them: a fieldbook-server with the demo team (华东区), device A signed in as rep1 and
# device B as manager (who sees rep1's accounts), each with its own database. Both apps sync
# through the app itself (--screenshot of the Sync page with --server/--login: sign in, sync,
# render), offline edits are made with fb_edit_account (the Archive, as the app's form saves),
# and what each device holds is read with fieldbook-tool show.
#
# The conflict: the same account is edited on both devices while "offline" (between syncs):
#   B (manager) first: phone 13900000002 and notes "manager: call back Monday";
#   A (rep1) a moment later: phone 13800000001.
# Then A syncs, B syncs, A syncs again. Per-field last-writer-wins by hybrid logical clock
# (docs/sync-protocol.md) means: phone = A's (the later edit, although B synced later), notes
# = B's (only B changed it), on both devices, with nothing left in either outbox.
#
#   two_devices.sh FIELDBOOK FIELDBOOK_TOOL FIELDBOOK_SERVER FB_EDIT_ACCOUNT [OUTDIR]
# OUTDIR (optional) keeps the Sync pages of both devices after the exchange as PNGs.
set -euo pipefail
app=$1 tool=$2 server=$3 edit=$4 out=${5-}

work=$(mktemp -d /tmp/fieldbook-two-devices.XXXXXX)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM
fail() { echo "FAIL: $*" >&2; [ -f "$work/server.log" ] && tail -5 "$work/server.log" >&2; exit 1; }

export XDG_RUNTIME_DIR="$work/runtime" HOME="$work/home" TZ=Asia/Shanghai
mkdir -m 0700 "$XDG_RUNTIME_DIR"; mkdir -p "$HOME"

"$server" admin --data "$work/server" demo --reps 2 --accounts-per-rep 20 >/dev/null || fail "admin demo"
"$server" --data "$work/server" --port 0 >"$work/server.log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 100); do
    url=$(sed -n 's/^fieldbook-server listening on \(http:[^ ]*\).*/\1/p' "$work/server.log" | head -n 1)
    [ -n "$url" ] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
done
[ -n "$url" ] || fail "fieldbook-server did not start"

dbA="$work/fieldbook-rep1.db"
dbB="$work/fieldbook-manager.db"

# sync DB LOGIN PNG: the app signs in, syncs and renders its Sync page, then exits.
sync() {
    xvfb-run -a -s '-screen 0 1280x1024x24' env QT_QPA_PLATFORM=xcb \
        "$app" --db "$1" --size 390x844 --server "$url" --login "$2" --password demo1234 \
        --screenshot "$3" --page sync >"$work/app.log" 2>&1 || { cat "$work/app.log" >&2; fail "app sync of $2"; }
    [ -s "$3" ] || fail "no Sync page rendered for $2"
}
field() {  # field DB ACCOUNT NAME: the account's field as fieldbook-tool shows it
    "$tool" show --db "$1" "$2" | python3 -c 'import json,sys; print(json.load(sys.stdin)["account"].get(sys.argv[1]) or "")' "$3"
}
outbox() { sqlite3 "$1" 'SELECT count(*) FROM outbox'; }

sync "$dbA" rep1 "$work/a0.png"
sync "$dbB" manager "$work/b0.png"
account=$(sqlite3 "$dbA" "SELECT id FROM account ORDER BY id LIMIT 1")
[ -n "$account" ] || fail "rep1's first sync brought no accounts"
"$tool" show --db "$dbB" "$account" >/dev/null || fail "the manager does not hold rep1's account $account"
echo "account $account on both devices: $(field "$dbA" "$account" name)"

# Offline edits of the same account: the manager first, rep1 a moment later.
"$edit" --db "$dbB" "$account" phone=13900000002 "notes=manager: call back Monday" >/dev/null || fail "edit on B"
sleep 0.2
"$edit" --db "$dbA" "$account" phone=13800000001 >/dev/null || fail "edit on A"
[ "$(outbox "$dbA")" = 1 ] && [ "$(outbox "$dbB")" = 1 ] || fail "each device should have one change waiting"

sync "$dbA" rep1 "$work/a1.png"      # A pushes first
sync "$dbB" manager "$work/b1.png"   # B pushes later (its phone loses), pulls A's phone
sync "$dbA" rep1 "$work/a2.png"      # A pulls B's notes

for db in "$dbA" "$dbB"; do
    name=$(basename "$db" .db)
    phone=$(field "$db" "$account" phone)
    notes=$(field "$db" "$account" notes)
    echo "$name: phone=$phone notes=$notes outbox=$(outbox "$db")"
    [ "$phone" = 13800000001 ] || fail "$name: phone is '$phone', want rep1's later edit 13800000001"
    [ "$notes" = "manager: call back Monday" ] || fail "$name: notes are '$notes', want the manager's"
    [ "$(outbox "$db")" = 0 ] || fail "$name: changes left in the outbox"
done
# The server's access log shows both devices pushed.
[ "$(grep -c '"path":"/v1/sync/push"' "$work/server.log")" -ge 2 ] || fail "expected pushes from both devices in the server log"

if [ -n "$out" ]; then  # what a person would look at: both Sync pages and the account on both
    mkdir -p "$out"
    cp "$work/a2.png" "$out/sync-rep1.png"
    cp "$work/b1.png" "$out/sync-manager.png"
    for db in "$dbA" "$dbB"; do
        xvfb-run -a -s '-screen 0 1280x1024x24' env QT_QPA_PLATFORM=xcb \
            "$app" --db "$db" --size 390x844 --screenshot "$out/account-$(basename "$db" .db | sed 's/^fieldbook-//').png" \
            --page account --arg "$account" >"$work/app.log" 2>&1 || { cat "$work/app.log" >&2; fail "account page of $db"; }
    done
fi
echo "PASS: the later edit won per field on both devices (phone from rep1, notes from the manager)"
