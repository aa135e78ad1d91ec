#!/bin/sh
# Runs fb_keyring_test against GNOME Keyring on a private session bus, then without any bus.
# Usage: keyring_test.sh BINARY   (ctest runs it; needs dbus-run-session and gnome-keyring)
set -eu
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/run" "$work/keyring" "$work/file"
chmod 700 "$work/run"
export HOME="$work/home" XDG_RUNTIME_DIR="$work/run" XDG_DATA_HOME="$work/home/.local/share"
# The keyring daemon: started unlocked (its login keyring made with this password), secrets
# only, on the bus dbus-run-session made for this script alone; it ends with the bus.
dbus-run-session -- sh -c '
  printf "test-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  "$0" keyring "$1"' "$bin" "$work/keyring"
# No session bus: the file beside the database.
env -u DBUS_SESSION_BUS_ADDRESS DISPLAY= "$bin" file "$work/file"
