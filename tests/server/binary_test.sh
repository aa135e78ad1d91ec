#!/bin/bash
# The real fieldbook-server over HTTP. Usage: binary_test.sh FIELDBOOK_SERVER sqlite|postgresql
# sqlite:     one server on --data TMP; admin adds users; sign-in, push, pull, bad input, 404,
#             concurrent pushes of one record (concurrent_pushes.py).
# postgresql: a throwaway PostgreSQL 15 (initdb as postgres, fsync off, socket and data in
#             TMP, a free port on 127.0.0.1) with TWO server instances on one database: a push
#             through one is visible in a pull through the other. Everything stops in a trap.
set -euo pipefail
BIN=$1
MODE=$2
PGBIN=/usr/lib/postgresql/15/bin
TMP=$(mktemp -d /tmp/fieldbook-server-test.XXXXXX)
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    if [ -f "$TMP/pg/postmaster.pid" ]; then
        runuser -u postgres -- "$PGBIN/pg_ctl" -D "$TMP/pg" stop -m fast >/dev/null 2>&1 || true
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; for f in "$TMP"/server*.err; do [ -f "$f" ] && { echo "--- $f" >&2; tail -20 "$f" >&2; }; done; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }

if [ "$MODE" = postgresql ]; then
    [ "$(id -u)" = 0 ] || fail "must run as root to start PostgreSQL as the postgres user (the test command runs as root)"
    chown postgres:postgres "$TMP"
    PGPORT=$(free_port)
    runuser -u postgres -- "$PGBIN/initdb" -D "$TMP/pg" --no-sync -A trust -U postgres >/dev/null
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$TMP/pg" -l "$TMP/pg.log" -w \
        -o "-c fsync=off -k $TMP -p $PGPORT -c listen_addresses=127.0.0.1" start >/dev/null
    runuser -u postgres -- "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres fieldbook
    DB=(--database "postgresql://postgres@127.0.0.1:$PGPORT/fieldbook")
else
    DB=(--data "$TMP/data")
fi

"$BIN" admin "${DB[@]}" add-team 华东区 >/dev/null
"$BIN" admin "${DB[@]}" add-user li.na --name 李娜 --role rep --team 华东区 --password secret123 >/dev/null
FIELDBOOK_PASSWORD=secret123 "$BIN" admin "${DB[@]}" add-user zhang.wei --name 张伟 --role rep --team 华东区 >/dev/null
set +e
"$BIN" admin "${DB[@]}" add-user nobody --role rep >/dev/null 2>&1; [ $? = 2 ] || fail "add-user without a password must be a usage error (2)"
"$BIN" admin "${DB[@]}" add-user li.na --role rep --password secret123 >/dev/null 2>&1; [ $? = 1 ] || fail "a duplicate login must fail (1)"
set -e

start_server() {  # start_server N -> sets PORT
    "$BIN" "${DB[@]}" --port 0 >"$TMP/server$1.out" 2>"$TMP/server$1.err" &
    PIDS+=($!)
    for _ in $(seq 1 100); do
        if grep -q '^fieldbook-server listening on http://127.0.0.1:[0-9]*$' "$TMP/server$1.out"; then
            PORT=$(sed -n 's/^fieldbook-server listening on http:\/\/127.0.0.1:\([0-9]*\)$/\1/p' "$TMP/server$1.out")
            return
        fi
        sleep 0.1
    done
    fail "server $1 did not start"
}

start_server 1; PORT1=$PORT
# The newest schema the server speaks, as /v1/health names it.
SCHEMA=$(curl -sS "http://127.0.0.1:$PORT1/v1/health" | json 'max(d["schema"])')
H=(-H 'Content-Type: application/json' -H 'X-Fieldbook-Protocol: 2' -H "X-Fieldbook-Schema: $SCHEMA")
post() { curl -sS -X POST "${H[@]}" "$@"; }

if [ "$MODE" = postgresql ]; then start_server 2; PORT2=$PORT; else PORT2=$PORT1; fi

curl -sS "http://127.0.0.1:$PORT1/v1/health" | grep -q "\"database\":\"$MODE\"" || fail "health does not name $MODE"

DEV=0190a000-0000-7000-8000-000000000001
DEV2=0190a000-0000-7000-8000-000000000002
ACC=0190a000-0000-7000-8000-00000000a001
TOKEN=$(post -d "{\"login\":\"li.na\",\"password\":\"secret123\",\"device_id\":\"$DEV\",\"device_name\":\"Pixel 7\"}" \
    "http://127.0.0.1:$PORT1/v1/auth/sign-in" | json 'd["token"]')
[ ${#TOKEN} = 64 ] || fail "sign-in gave no token"
STATUS=$(post -o /dev/null -w '%{http_code}' -d '{"login":"li.na","password":"wrong-one","device_id":"'$DEV'"}' \
    "http://127.0.0.1:$PORT1/v1/auth/sign-in")
[ "$STATUS" = 401 ] || fail "a wrong password gave $STATUS"

NOW_HEX=$(python3 -c 'import time; print("%016x" % int(time.time()*1000))')
PUSH=$(post -H "Authorization: Bearer $TOKEN" -H 'Accept-Encoding: gzip' --compressed -d \
    "{\"device_id\":\"$DEV\",\"changes\":[{\"seq\":1,\"entity\":\"account\",\"id\":\"$ACC\",\"op\":\"create\",\"fields\":{\"name\":\"杭州恒达建材有限公司\",\"tier\":\"KA\",\"stage\":\"growth\"},\"hlc\":\"$NOW_HEX-0000-$DEV\"}]}" \
    "http://127.0.0.1:$PORT1/v1/sync/push")
[ "$(echo "$PUSH" | json 'd["results"][0]["outcome"]')" = applied ] || fail "push: $PUSH"

# A second device of the same rep pulls through the other instance.
TOKEN2=$(post -d "{\"login\":\"li.na\",\"password\":\"secret123\",\"device_id\":\"$DEV2\"}" \
    "http://127.0.0.1:$PORT2/v1/auth/sign-in" | json 'd["token"]')
PULL=$(post -H "Authorization: Bearer $TOKEN2" -d "{\"device_id\":\"$DEV2\",\"cursor\":\"\",\"limit\":100}" \
    "http://127.0.0.1:$PORT2/v1/sync/pull")
[ "$(echo "$PULL" | json 'd["records"][0]["fields"]["name"]')" = 杭州恒达建材有限公司 ] || fail "pull through instance 2: $PULL"
[ "$(echo "$PULL" | json 'd["scope"]["count"]')" = 1 ] || fail "scope count: $PULL"

# Another rep sees nothing of it.
TOKEN3=$(post -d "{\"login\":\"zhang.wei\",\"password\":\"secret123\",\"device_id\":\"0190a000-0000-7000-8000-000000000003\"}" \
    "http://127.0.0.1:$PORT2/v1/auth/sign-in" | json 'd["token"]')
PULL3=$(post -H "Authorization: Bearer $TOKEN3" -d '{"device_id":"0190a000-0000-7000-8000-000000000003"}' \
    "http://127.0.0.1:$PORT1/v1/sync/pull")
[ "$(echo "$PULL3" | json 'len(d["records"])')" = 0 ] || fail "zhang.wei sees li.na's account: $PULL3"

# Bad input over the wire: 4xx with an error body.
STATUS=$(post -o "$TMP/bad.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -d '{"device_id":' "http://127.0.0.1:$PORT1/v1/sync/push")
[ "$STATUS" = 400 ] && grep -q bad_json "$TMP/bad.json" || fail "malformed JSON gave $STATUS"
STATUS=$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT1/v1/nothing-here")
[ "$STATUS" = 404 ] || fail "unknown endpoint gave $STATUS"

# Reassignment through the admin CLI, then the other rep's pull brings the account.
"$BIN" admin "${DB[@]}" assign "$ACC" --to zhang.wei >/dev/null
PULL3=$(post -H "Authorization: Bearer $TOKEN3" -d '{"device_id":"0190a000-0000-7000-8000-000000000003"}' \
    "http://127.0.0.1:$PORT2/v1/sync/pull")
[ "$(echo "$PULL3" | json 'len(d["records"])')" = 1 ] || fail "reassigned account did not arrive: $PULL3"
"$BIN" admin "${DB[@]}" status | grep -q "user=li.na device=$DEV" || fail "status lists no device"

# Eight devices push edits of one account at once, through both instances on PostgreSQL:
# every push is answered, the latest stamp wins each field, and the owners' kept scope
# digest still matches the records (no merge on a stale copy, no lost digest update).
if [ "$MODE" = postgresql ]; then PORTS=("$PORT1" "$PORT2"); else PORTS=("$PORT1"); fi
"$(dirname "$0")/concurrent_pushes.py" zhang.wei secret123 "$ACC" "${PORTS[@]}" || fail "concurrent pushes"

# Every request was logged as one JSON object per line.
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1]) if l.strip()]' "$TMP/server1.err" || fail "log is not JSON lines"
grep -q '"path":"/v1/sync/push"' "$TMP/server1.err" || fail "push was not logged"
echo "ok: fieldbook-server over HTTP on $MODE"
