#!/bin/sh
# Runs fb_notifications_test on a private session bus, then without any bus.
# Usage: notifications_test.sh BINARY
set -eu
bin=$1
dbus-run-session -- "$bin" service
env -u DBUS_SESSION_BUS_ADDRESS DISPLAY= "$bin" nobus
