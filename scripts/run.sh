#!/usr/bin/env bash
# Runs Fieldbook: installs what is missing, builds, starts a local fieldbook-server with a
# demo team (华东区: manager and rep1..rep3, password demo1234) and starts the app signed in
# as rep1, which pulls rep1's accounts on its first sync. With --devices 2 a second app
# window starts too, on its own database and preferences, signed in as manager (who sees
# rep1's accounts), against the same server: two phones to try offline edits and conflicts.
# The server stops when the apps exit. Without a display it renders the account list and the
# Sync page of each device to PNGs instead.
#   scripts/run.sh [--accounts N] [--fresh] [--devices 1|2]
#     N: accounts per rep on the server (200); devices: app windows (1)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
accounts=200
fresh=0
devices=1
while [ $# -gt 0 ]; do
  case "$1" in
    --accounts) accounts=$2; shift 2 ;;
    --fresh) fresh=1; shift ;;
    --devices) devices=${2-}; shift $(( $# > 1 ? 2 : 1 )) ;;
    *) echo "usage: scripts/run.sh [--accounts N] [--fresh] [--devices 1|2]" >&2; exit 2 ;;
  esac
done
case "$devices" in
  1|2) ;;
  *) echo "scripts/run.sh: --devices is 1 or 2" >&2; exit 2 ;;
esac

scripts/install-deps.sh
scripts/build.sh dev

bin=build/dev
data=demo-data/server
db=demo-data/fieldbook-rep1.db
# The second device: the team's manager, with a database and preferences of its own (the
# app keeps preferences such as auto-sync under XDG_CONFIG_HOME), like a second phone.
db2=demo-data/fieldbook-manager.db
config2=demo-data/config-manager
mkdir -p demo-data
if [ "$fresh" = 1 ]; then rm -rf "$data" "$db" "$db-wal" "$db-shm" "$db2" "$db2-wal" "$db2-shm" "$config2"; fi
if [ ! -d "$data" ]; then
  echo "Creating the demo server data (3 reps, $accounts accounts each): $data"
  "$bin/server/fieldbook-server" admin --data "$data" demo --reps 3 --accounts-per-rep "$accounts"
fi

# The server picks a free port (--port 0) and says which in its first line.
log=demo-data/server.log
"$bin/server/fieldbook-server" --data "$data" --port 0 >"$log" 2>&1 &
server_pid=$!
app_pids=()
stop_all() { kill "${app_pids[@]}" "$server_pid" 2>/dev/null || true; }
trap stop_all EXIT
trap 'stop_all; exit 130' INT TERM
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
signin2=(--server "$url" --login manager --password demo1234)

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  if [ "$devices" = 1 ]; then
    "$bin/app/fieldbook" --db "$db" "${signin[@]}"
    exit $?
  fi
  echo "Two devices: rep1 on $db, manager on $db2. The server stops when both windows are closed."
  "$bin/app/fieldbook" --db "$db" "${signin[@]}" &
  app_pids+=($!)
  mkdir -p "$config2"
  XDG_CONFIG_HOME="$PWD/$config2" "$bin/app/fieldbook" --db "$db2" "${signin2[@]}" &
  app_pids+=($!)
  status=0
  for pid in "${app_pids[@]}"; do wait "$pid" || status=$?; done
  exit $status
fi

echo "No display found. Rendering the Sync page and the account list at phone size instead:"
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
chmod 700 "$XDG_RUNTIME_DIR"
shot() {  # shot DB ARGS...
  local file=$1; shift
  xvfb-run -a -s '-screen 0 1280x1024x24' env QT_QPA_PLATFORM=xcb \
    "$bin/app/fieldbook" --db "$file" --size 390x844 "$@"
}
# Signs in and syncs first, so the account list below shows what was pulled.
shot "$db" "${signin[@]}" --screenshot demo-data/sync.png --page sync
echo "  wrote demo-data/sync.png (signed in as rep1 at $url, after the first sync)"
shot "$db" --screenshot demo-data/accounts.png --page accounts
echo "  wrote demo-data/accounts.png"
if [ "$devices" = 2 ]; then
  shot "$db2" "${signin2[@]}" --screenshot demo-data/sync-manager.png --page sync
  echo "  wrote demo-data/sync-manager.png (second device: $db2, signed in as manager, after its sync)"
  shot "$db2" --screenshot demo-data/accounts-manager.png --page accounts
  echo "  wrote demo-data/accounts-manager.png"
fi
cat <<MSG
Other pages (accounts, accounts-search, account, account-edit, keyperson, keyperson-edit,
role-change, referral, me, signin, sync), e.g.:
  xvfb-run -a -s '-screen 0 1280x1024x24' env QT_QPA_PLATFORM=xcb \\
    $bin/app/fieldbook --db $db --screenshot out.png --page account --size 390x844
Search the device database from the shell:
  $bin/sync/tool/fieldbook-tool search --db $db zhang
MSG
