#!/usr/bin/env bash
# Runs Fieldbook: installs what is missing, builds, starts a local fieldbook-server with a
# demo team (华东区: manager and rep1..rep3, password demo1234) and starts the app signed in
# as rep1, which pulls rep1's accounts on its first sync. The server stops when the app
# exits. Without a display it renders the account list and the Sync page to PNGs instead.
#   scripts/run.sh [--accounts N] [--fresh]     N: accounts per rep on the server (200)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
accounts=200
fresh=0
while [ $# -gt 0 ]; do
  case "$1" in
    --accounts) accounts=$2; shift 2 ;;
    --fresh) fresh=1; shift ;;
    *) echo "usage: scripts/run.sh [--accounts N] [--fresh]" >&2; exit 2 ;;
  esac
done

scripts/install-deps.sh
scripts/build.sh dev

bin=build/dev
data=demo-data/server
db=demo-data/fieldbook-rep1.db
mkdir -p demo-data
if [ "$fresh" = 1 ]; then rm -rf "$data" "$db" "$db-wal" "$db-shm"; fi
if [ ! -d "$data" ]; then
  echo "Creating the demo server data (3 reps, $accounts accounts each): $data"
  "$bin/server/fieldbook-server" admin --data "$data" demo --reps 3 --accounts-per-rep "$accounts"
fi

# The server picks a free port (--port 0) and says which in its first line.
log=demo-data/server.log
"$bin/server/fieldbook-server" --data "$data" --port 0 >"$log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true' EXIT INT TERM
url=""
for _ in $(seq 100); do
  url=$(sed -n 's/^fieldbook-server listening on \(http:[^ ]*\).*/\1/p' "$log" | head -n 1)
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "fieldbook-server did not start:" >&2; cat "$log" >&2; exit 1
fi
echo "fieldbook-server: $url (log: $log)"
signin=(--server "$url" --login rep1 --password demo1234)

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  "$bin/app/fieldbook" --db "$db" "${signin[@]}"
  exit $?
fi

echo "No display found. Rendering the Sync page and the account list at phone size instead:"
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
chmod 700 "$XDG_RUNTIME_DIR"
shot() {
  xvfb-run -a -s '-screen 0 1280x1024x24' env QT_QPA_PLATFORM=xcb \
    "$bin/app/fieldbook" --db "$db" --size 390x844 "$@"
}
# Signs in and syncs first, so the account list below shows what was pulled.
shot "${signin[@]}" --screenshot demo-data/sync.png --page sync
echo "  wrote demo-data/sync.png (signed in as rep1 at $url, after the first sync)"
shot --screenshot demo-data/accounts.png --page accounts
echo "  wrote demo-data/accounts.png"
cat <<MSG
Other pages (accounts, accounts-search, account, account-edit, keyperson, keyperson-edit,
role-change, referral, me, signin, sync), e.g.:
  xvfb-run -a -s '-screen 0 1280x1024x24' env QT_QPA_PLATFORM=xcb \\
    $bin/app/fieldbook --db $db --screenshot out.png --page account --size 390x844
Search the device database from the shell:
  $bin/core/tool/fieldbook-tool search --db $db zhang
MSG
