#!/bin/bash
# fieldbook-server with a certificate: it serves HTTPS only, a client that trusts the
# certificate gets answers, plain HTTP to the same port gets none, and a certificate that
# does not match its key is refused at start. Usage: tls_test.sh FIELDBOOK_SERVER
set -euo pipefail
BIN=$1
TMP=$(mktemp -d /tmp/fieldbook-tls-test.XXXXXX)
PID=""
cleanup() { [ -n "$PID" ] && { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }; rm -rf "$TMP"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [ -f "$TMP/server.err" ] && tail -20 "$TMP/server.err" >&2; exit 1; }

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1" -keyout "$TMP/key.pem" -out "$TMP/cert.pem" 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=other" \
    -keyout "$TMP/other-key.pem" -out "$TMP/other-cert.pem" 2>/dev/null

# A key that does not belong to the certificate: refused, nothing served.
set +e
timeout 10 "$BIN" --data "$TMP/data0" --port 0 --tls-cert "$TMP/cert.pem" --tls-key "$TMP/other-key.pem" \
    >"$TMP/bad.out" 2>"$TMP/bad.err"
rc=$?
set -e
[ "$rc" != 0 ] && [ "$rc" != 124 ] || fail "a mismatched key must stop the server with an error (exit $rc)"
grep -q listening "$TMP/bad.out" && fail "the server listened with a mismatched key"

"$BIN" --data "$TMP/data" --port 0 --tls-cert "$TMP/cert.pem" --tls-key "$TMP/key.pem" \
    >"$TMP/server.out" 2>"$TMP/server.err" &
PID=$!
PORT=""
for _ in $(seq 1 100); do
    PORT=$(sed -n 's/^fieldbook-server listening on https:\/\/127.0.0.1:\([0-9]*\)$/\1/p' "$TMP/server.out")
    [ -n "$PORT" ] && break
    sleep 0.1
done
[ -n "$PORT" ] || fail "the server did not announce an https address"

curl -sS --cacert "$TMP/cert.pem" "https://127.0.0.1:$PORT/v1/health" | grep -q '"status":"ok"' \
    || fail "a client trusting the certificate got no health answer"
if curl -sS --max-time 5 --cacert "$TMP/other-cert.pem" "https://127.0.0.1:$PORT/v1/health" >/dev/null 2>&1; then
    fail "a client that does not trust the certificate must not connect"
fi
if curl -sS --max-time 5 "http://127.0.0.1:$PORT/v1/health" 2>/dev/null | grep -q '"status":"ok"'; then
    fail "plain HTTP must not be served on the TLS port"
fi
echo "tls: ok"
