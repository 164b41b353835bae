#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The README's screenshot of a team history: a throw-away PostgreSQL cluster (pg_virtualenv), a `dockside-cli serve`
# standing in for a staging machine copying into it, and the real window under Xvfb opened on the same database,
# showing that machine's calls live with the status bar's team history state. Everything runs in a scratch folder.
#   tests/screenshots/team.sh [BUILD_DIR]    (default: build; needs dockside and dockside-cli built there)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
for tool in Xvfb import pg_virtualenv curl; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (packaging/install-deps.sh --with-tests)" >&2; exit 1; }
done

# Inside the cluster's environment (PGHOST, PGPORT, PGPASSWORD), this script runs again with --inside.
if [[ "${2:-}" != "--inside" ]]; then
  exec pg_virtualenv -t bash "$0" "$build" --inside
fi

app="$build/app/gui/dockside"
cli="$build/app/cli/dockside-cli"
work=$(mktemp -d)
export XDG_CONFIG_HOME="$work/config"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
url="postgresql://postgres@localhost:$PGPORT/postgres"

# The staging machine: its own data folder, the sample workspace, a few calls from around the world.
XDG_DATA_HOME="$work/staging" "$cli" serve --port 0 --history "$url" >"$work/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q 'listening on' "$work/serve.log" && break; sleep 0.1; done
staging=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$work/serve.log")
call() {
  curl -s -X POST -H 'Content-Type: application/json' -H 'X-Webhook-Event: assistant-request' \
    -d "{\"message\":{\"type\":\"assistant-request\",\"call\":{\"id\":\"$1\",\"type\":\"inbound_phone_call\",\"customer\":{\"number\":\"$2\"}},\"phoneNumber\":{\"number\":\"+31850835037\"},\"customer\":{\"number\":\"$2\"}}}" \
    "$staging" >/dev/null
}
call staging-a +31612345678
call staging-b +442079460000

Xvfb -displayfd 3 -screen 0 1500x960x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
pids+=($!)
for _ in $(seq 50); do [[ -s "$work/display" ]] && break; sleep 0.1; done
export DISPLAY=":$(cat "$work/display")"
XDG_DATA_HOME="$work/desktop" "$app" --history "$url" --port 0 >"$work/app.log" 2>&1 &
pids+=($!)
# The window is up once its own endpoint has made its local copy; then more calls arrive at the staging machine.
for _ in $(seq 100); do [[ -n $(find "$work/desktop" -name '*.sqlite' 2>/dev/null) ]] && break; sleep 0.1; done
sleep 2
call staging-c +4930123456
call staging-d +14155550101
# The window shows every one of them once the team database has them (four), then the picture is taken.
for _ in $(seq 100); do
  [[ $(psql -X -t -A -c "SELECT count(*) FROM dockside_exchanges") -ge 4 ]] && break
  sleep 0.1
done
sleep 1.5
import -window root "$root/docs/screenshots/team-history.png"
echo "wrote docs/screenshots/team-history.png"
