#!/bin/sh
# Renders every page of the Fieldbook.Ui contract from a demo database with 300 accounts,
# in Chinese and (a few pages) in English, under Xvfb with the xcb platform (offscreen
# drops Material's elevated backgrounds). Fails when a render fails or the PNG is blank.
# With FIELDBOOK_SERVER, the `sync` page is rendered signed in to a throwaway local server
# (demo team, rep1), after a real sync; `signin` is always rendered signed out. Then two
# devices of rep1 edit the same fields offline (fieldbook-tool set), the later edit is
# synced first, and the Sync page of the earlier one is rendered scrolled to its overwritten
# changes (`sync-overwritten`, zh_CN and en).
#   screenshots.sh FIELDBOOK FIELDBOOK_TOOL OUTDIR [FIELDBOOK_SERVER]
set -eu

app=$1
tool=$2
out=$3
server=${4-}

mkdir -p "$out"
work=$(mktemp -d)
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT INT TERM
XDG_RUNTIME_DIR="$work/runtime"
mkdir -m 0700 "$XDG_RUNTIME_DIR"
export XDG_RUNTIME_DIR
HOME="$work/home"   # settings written by the app stay in the temp dir
mkdir -p "$HOME"
export HOME
export TZ=Asia/Shanghai

db="$work/demo.db"
"$tool" demo --db "$db" --accounts 300 --rep u-demo-rep1 --rep-name 李娜 >"$work/demo.log" 2>&1 || {
    cat "$work/demo.log"; echo "FAIL: fieldbook-tool demo"; exit 1; }

pages="accounts accounts-search account account-edit account-edit-invalid keyperson keyperson-edit role-change referral appointment-edit agenda visit visit-start me signin today contact-log greeting stage-change stage-exit"
failed=0

# render LANG PAGE [ARG [EXTRA OPTIONS...]]   (the file is LANG-PAGE.png, or LANG-$shot.png)
render() {
    lang=$1 page=$2 arg=${3-}
    shift 2; [ $# -gt 0 ] && shift
    name=${shot:-$page}
    file="$out/$lang-$name.png"
    rm -f "$file"
    set -- --db "${render_db:-$db}" --lang "$lang" --screenshot "$file" --page "$page" --size 390x844 "$@"
    [ -n "$arg" ] && set -- "$@" --arg "$arg"
    if ! xvfb-run -a -s '-screen 0 1280x1024x24' env QT_QPA_PLATFORM=xcb \
            "$app" "$@" >"$work/$lang-$name.log" 2>&1; then
        echo "FAIL: $lang $name: fieldbook exited with an error"; cat "$work/$lang-$name.log"
        failed=1; return
    fi
    if [ ! -s "$file" ]; then
        echo "FAIL: $lang $name: no image"; cat "$work/$lang-$name.log"; failed=1; return
    fi
    size=$(wc -c <"$file")
    # A blank 390x844 PNG compresses to a few hundred bytes; a real page is far larger.
    if [ "$size" -lt 8000 ]; then
        echo "FAIL: $lang $name: image of $size bytes looks blank"; failed=1; return
    fi
    # A page is more than its header and tab bar: many different pixel rows.
    if command -v python3 >/dev/null 2>&1; then
        rows=$(python3 - "$file" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
pos, idat, width, height, bpp = 8, b"", 0, 0, 4
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    chunk = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
        bpp = {2: 3, 6: 4, 0: 1, 4: 2}.get(colour, 4) * depth // 8
    elif kind == b"IDAT":
        idat += chunk
    pos += 12 + length
raw = zlib.decompress(idat)
stride = width * bpp + 1
prev = bytearray(stride - 1)
distinct = set()
for y in range(height):
    f, line = raw[y * stride], bytearray(raw[y * stride + 1:(y + 1) * stride])
    for i in range(len(line)):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    distinct.add(bytes(line))
    prev = line
print(len(distinct))
PY
)
        if [ "${rows:-0}" -lt 120 ]; then
            echo "FAIL: $lang $name: only ${rows:-0} distinct pixel rows, the page looks empty"
            failed=1; return
        fi
    fi
    echo "ok: $file ($size bytes, ${rows:-?} distinct rows)"
}

for page in $pages; do
    arg=""
    [ "$page" = accounts-search ] && arg="zhang"
    [ "$page" = greeting ] && arg="greet"
    render zh_CN "$page" "$arg"
done
# A key person's anniversary greeting, in both languages.
shot=greeting-anniversary
render zh_CN greeting anniversary
render en greeting anniversary
shot=""
render en accounts
render en today
render en stage-change
render en visit
render en account
render en keyperson
render en account-edit-invalid
render en me
render en signin

# The signed-in Sync page: a fresh device signs in to a local demo server and syncs.
# A visit in progress at the first of today's appointments, every step (zh_CN), and three in
# English.
visit_db="$work/visit.db"
cp "$db" "$visit_db"
visit_account=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT account_id FROM appointment ORDER BY starts_at LIMIT 1").fetchone()[0])' "$visit_db")
if ! "$tool" visit --db "$visit_db" "$visit_account" >"$work/visit.log" 2>&1; then
    cat "$work/visit.log"; echo "FAIL: fieldbook-tool visit"; failed=1
else
    render_db="$visit_db"
    for step in checkin briefing preparation conversation agreement archive referrals checkout; do
        shot="visit-$step"; render zh_CN visit "$step"
    done
    for step in briefing conversation checkout; do
        shot="visit-$step"; render en visit "$step"
    done
    shot=""; render_db=""
fi

if [ -n "$server" ]; then
    "$server" admin --data "$work/server" demo --reps 2 --accounts-per-rep 30 >"$work/server-demo.log" 2>&1 || {
        cat "$work/server-demo.log"; echo "FAIL: fieldbook-server admin demo"; exit 1; }
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "$server" --data "$work/server" --port "$port" >"$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 50); do grep -q listening "$work/server.log" && break; sleep 0.1; done
    url="http://127.0.0.1:$port"
    for lang in zh_CN en; do
        render_db="$work/device-$lang.db"
        render "$lang" sync "" --server "$url" --login rep1 --password demo1234
    done

    # A conflict: rep1's phone (device-zh_CN) edits two accounts offline, rep1's tablet
    # (device-en) edits the same fields a moment later and syncs first; then the phone syncs
    # and keeps what it lost as overwritten changes.
    phone="$work/device-zh_CN.db" tablet="$work/device-en.db"
    ids=$(python3 -c 'import sqlite3, sys
for (i,) in sqlite3.connect(sys.argv[1]).execute("SELECT id FROM account ORDER BY _sort LIMIT 2"): print(i)' "$phone")
    first=$(echo "$ids" | sed -n 1p) second=$(echo "$ids" | sed -n 2p)
    if [ -z "$first" ] || [ -z "$second" ]; then
        echo "FAIL: no accounts on the synced phone"; failed=1
    else
        "$tool" set --db "$phone" "$first" phone 13800138000 >/dev/null &&
        "$tool" set --db "$phone" "$first" region 西湖区 >/dev/null &&
        "$tool" set --db "$phone" "$second" tier KA >/dev/null &&
        sleep 1 &&
        "$tool" set --db "$tablet" "$first" phone 13900139000 >/dev/null &&
        "$tool" set --db "$tablet" "$second" tier C >/dev/null || {
            echo "FAIL: fieldbook-tool set"; failed=1; }
        # (Plain assignments: whether one written before a function call outlives the call
        # differs between shells.)
        render_db="$tablet"; shot=sync-tablet
        render en sync "" --server "$url" --login rep1 --password demo1234
        render_db="$phone"; shot=sync-overwritten
        render zh_CN sync overriddenCard --server "$url" --login rep1 --password demo1234
        render en sync overriddenCard
        shot=""
        overwritten=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM sync_rejected WHERE kind = ?", ("overridden",)).fetchone()[0])' "$phone")
        if [ "$overwritten" != 2 ]; then
            echo "FAIL: the phone keeps $overwritten overwritten changes, expected 2"; failed=1
        fi

        # A refused change: the phone edits an account offline, and the administrator gives
        # that account to rep2 before the phone syncs; the server refuses the edit
        # (out_of_scope) and the card shows what the rep entered (`sync-rejected`).
        third=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT id FROM account ORDER BY _sort LIMIT 1 OFFSET 2").fetchone()[0])' "$phone")
        "$tool" set --db "$phone" "$third" phone 13700137000 >/dev/null &&
        "$tool" set --db "$phone" "$third" tier KA >/dev/null &&
        "$server" admin --data "$work/server" assign "$third" --to rep2 >/dev/null || {
            echo "FAIL: preparing the refused change"; failed=1; }
        shot=sync-rejected
        render zh_CN sync rejectedCard
        render en sync rejectedCard
        refused=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM sync_rejected WHERE kind = ?", ("rejected",)).fetchone()[0])' "$phone")
        if [ "$refused" -lt 1 ]; then
            echo "FAIL: the phone keeps no refused change"; failed=1
        fi

        # The Me tab of a signed-in rep: who, the team, the sync state (`me-signed-in`).
        shot=me-signed-in
        render zh_CN me
        render en me

        # The server cannot be reached (stopped) while a change waits: the Sync page and the
        # strip every other page shows say so (`sync-unreachable`, `accounts-unreachable`).
        "$tool" set --db "$phone" "$first" region 拱墅区 >/dev/null || { echo "FAIL: fieldbook-tool set"; failed=1; }
        kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true; server_pid=""
        for lang in zh_CN en; do
            shot=sync-unreachable; render "$lang" sync
            shot=accounts-unreachable; render "$lang" accounts
        done
        shot=""
    fi
    render_db=""
else
    render zh_CN sync
fi

exit $failed
