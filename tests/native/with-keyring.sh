#!/bin/sh
# with-keyring.sh CMD [ARGS...]: runs CMD in a private D-Bus session bus
# with a GNOME Keyring of its own (Secret Service, login keyring unlocked
# with a throwaway password), HOME and the XDG directories in a fresh
# temporary directory that is removed at exit. CMD finds the keyring's
# files in $PIM_TEST_KEYRING_DIR.
#
# Exits 77 (a skip, for meson's exitcode protocol) with the reason when
# dbus-daemon or gnome-keyring-daemon is not installed (scripts/check
# installs them); otherwise with CMD's status.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u

for program in dbus-daemon gnome-keyring-daemon; do
  if ! command -v "$program" >/dev/null 2>&1; then
    echo "SKIP: $program is not installed: the keyring tests need dbus-daemon and gnome-keyring (scripts/check installs them)"
    exit 77
  fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pim-keyring.XXXXXX") || exit 1
dbus_pid=
keyring_pid=

cleanup () {
  if [ -n "$keyring_pid" ]; then kill "$keyring_pid" 2>/dev/null; wait "$keyring_pid" 2>/dev/null; fi
  if [ -n "$dbus_pid" ]; then kill "$dbus_pid" 2>/dev/null; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export HOME="$tmp/home"
export XDG_DATA_HOME="$tmp/data"
export XDG_CONFIG_HOME="$tmp/config"
export XDG_CACHE_HOME="$tmp/cache"
export XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$tmp" "$XDG_RUNTIME_DIR"
unset GNOME_KEYRING_CONTROL SSH_AUTH_SOCK

# A session bus of our own, listening in the temporary directory.
cat > "$tmp/bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=$tmp/run</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
info=$(dbus-daemon --config-file="$tmp/bus.conf" --fork --print-address=1 --print-pid=1) || {
  echo "dbus-daemon did not start"; exit 1; }
DBUS_SESSION_BUS_ADDRESS=$(echo "$info" | sed -n 1p)
dbus_pid=$(echo "$info" | sed -n 2p)
export DBUS_SESSION_BUS_ADDRESS

# The keyring daemon, its login keyring made and unlocked with a password
# on stdin.
printf '%s' "pim-test-keyring-password" |
  gnome-keyring-daemon --foreground --unlock --components=secrets >"$tmp/keyring.log" 2>&1 &
keyring_pid=$!

# Wait (at most 10 s) for it to own org.freedesktop.secrets.
has_secrets () {
  if command -v gdbus >/dev/null 2>&1; then
    gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
      --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null |
      grep -q true
  else
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
      grep -q 'boolean true'
  fi
}
i=0
until has_secrets; do
  i=$((i + 1))
  if [ $i -gt 100 ]; then
    echo "gnome-keyring-daemon did not start:"; cat "$tmp/keyring.log"; exit 1
  fi
  sleep 0.1
done

export PIM_TEST_KEYRING_DIR="$XDG_DATA_HOME/keyrings"
"$@"
status=$?
exit $status
