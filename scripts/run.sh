#!/usr/bin/env bash
# Runs Fieldbook: installs what is missing, builds, makes a demo device database and starts
# the app. Without a display it renders the account list to a PNG and says how to get more.
#   scripts/run.sh [--accounts N] [--fresh]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
accounts=2000
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
db=demo-data/fieldbook-demo.db
mkdir -p demo-data
if [ "$fresh" = 1 ]; then rm -f "$db" "$db-wal" "$db-shm"; fi
if [ ! -s "$db" ]; then
  echo "Creating a demo database with $accounts accounts: $db"
  "$bin/core/tool/fieldbook-tool" demo --db "$db" --accounts "$accounts"
fi

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$bin/app/fieldbook" --db "$db"
fi

echo "No display found. Rendering the account list at phone size instead:"
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
chmod 700 "$XDG_RUNTIME_DIR"
xvfb-run -a -s '-screen 0 1280x1024x24' env QT_QPA_PLATFORM=xcb \
  "$bin/app/fieldbook" --db "$db" --screenshot demo-data/accounts.png --page accounts --size 390x844
echo "  wrote demo-data/accounts.png"
cat <<MSG
Other pages (accounts, accounts-search, account, account-edit, keyperson, keyperson-edit,
role-change, referral, me), e.g.:
  xvfb-run -a -s '-screen 0 1280x1024x24' env QT_QPA_PLATFORM=xcb \\
    $bin/app/fieldbook --db $db --screenshot out.png --page account --size 390x844
Search the demo data from the shell:
  $bin/core/tool/fieldbook-tool search --db $db zhang
MSG
