#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Screenshots of the real Dockside window under Xvfb for the README: the call outcome of each kind (answered,
# rejected, the default assistant with its reason), the timeline with traffic, the template form for each kind of
# answer and its JSON with an error, a burst's latency histogram and the sample's scenarios run. The window runs with a scratch
# configuration, history and workspace (tests/screenshots/workspace.dockside.json), its own mock endpoint signing
# and checking with a throwaway secret, and traffic from dockside-cli. Without a window manager the script gives the
# window the keyboard focus itself (xdotool windowfocus); it puts the window at 1500x960 in the screen's corner and
# clicks only where that layout puts the tabs, the template editor and the public URL field, and checks every step
# against the history. Last, the first start on a 1280x720 screen, a 1920x1080 one and a 2560x1440 one at 200%.
#   tests/screenshots/window.sh [BUILD_DIR]    (default: build; needs dockside and dockside-cli built there)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
app="$build/app/gui/dockside"
cli="$build/app/cli/dockside-cli"
out="$root/docs/screenshots"
for tool in Xvfb xdotool import convert; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install xvfb xdotool imagemagick)" >&2; exit 1; }
done
[[ -x "$app" && -x "$cli" ]] || { echo "build dockside and dockside-cli in $build first" >&2; exit 1; }

work=$(mktemp -d)
# Nothing outside the scratch folder: not the user's settings, nor the CLI's default history.
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# A free display, chosen by the server itself.
Xvfb -displayfd 3 -screen 0 1500x960x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
pids+=($!)
for _ in $(seq 50); do [[ -s "$work/display" ]] && break; sleep 0.1; done
export DISPLAY=":$(cat "$work/display")"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
history="$work/history.sqlite"
export DOCKSIDE_WEBHOOK_SECRET=whsec_screenshots
"$app" --workspace "$root/tests/screenshots/workspace.dockside.json" \
  --history "$history" --port "$port" >"$work/app.log" 2>&1 &
pids+=($!)
window=$(timeout 20 xdotool search --sync --name "Screenshots — Dockside" | head -1)
# A first start sizes the window from the screen (90% of this one); the clicks below assume the 1500x960 layout at
# the screen's corner, so the window is put there as a user would drag it.
pin() { xdotool windowsize --sync "$1" 1500 960 windowmove --sync "$1" 0 0; sleep 0.5; }
pin "$window"
url="http://127.0.0.1:$port/webhook"
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

rows() { "$cli" history --history "$history" --limit 1000 "$@" | grep -c -e '-request' -e '-update' -e '-calls' -e '-report' || true; }
# Waits until the history holds at least N rows matching the filters.
wait_rows() {
  local want=$1; shift
  for _ in $(seq 150); do
    (($(rows "$@") >= want)) && return 0
    sleep 0.1
  done
  echo "the history never held $want rows for $*" >&2
  exit 1
}
focus() { xdotool windowfocus --sync "$window"; sleep 0.2; }
# The composer's caller (Alt+A is its label's mnemonic), then Ctrl+Enter sends.
send_from_composer() {
  focus
  xdotool key alt+a ctrl+a
  xdotool type --delay 5 "$1"
  xdotool key ctrl+Return
}
click() { xdotool mousemove "$1" "$2" click 1; sleep 0.4; }
# The timeline shows new rows in batches a moment after the history has them.
# The timeline shows new rows in batches a moment after the history has them; Ctrl+G selects the newest one and
# Ctrl+Alt+1..5 pick the detail's tabs, so no click depends on where the splitters put things.
newest_row() {
  sleep 1
  focus
  xdotool key ctrl+g
  sleep 0.4
}
detail_tab() { xdotool key "ctrl+alt+$1"; sleep 0.4; }
outcome_tab() { detail_tab 2; }
request_tab() { detail_tab 1; }
shot() { sleep 0.6; import -window root "$work/$1"; }

# Traffic from outside: a whole call from a known caller, single events, a wrong secret and an unsigned request.
"$cli" call "$url" --caller +31611111111 --tool 'book_appointment={"day":"tuesday"}' --duration-seconds 95 >/dev/null
"$cli" send "$url" --caller +31622222222 >/dev/null
"$cli" send "$url" --caller +4915112345678 >/dev/null
DOCKSIDE_WEBHOOK_SECRET=whsec_not_the_one "$cli" send "$url" --caller +31644444444 >/dev/null
env -u DOCKSIDE_WEBHOOK_SECRET "$cli" send "$url" --caller +31655555555 >/dev/null
wait_rows 9 --direction inbound

# Each outcome from the composer, shown in the composer and in the detail of its exchange.
send_from_composer +31622222222
wait_rows 1 --direction outbound --caller +31622222222
newest_row
outcome_tab
shot rejected.png
send_from_composer +31633333333 # the template answers after the deadline: the default assistant, reason timeout
wait_rows 1 --direction outbound --caller +31633333333
wait_rows 1 --direction inbound --caller +31633333333
newest_row
shot default.png
send_from_composer +31611111111
wait_rows 1 --direction outbound --caller +31611111111
newest_row
shot answered.png

# A whole call from the composer (Ctrl+Shift+Enter), then the timeline with the newest exchange in detail.
focus
xdotool key ctrl+shift+Return
wait_rows 1 --direction outbound --event end-of-call-report
newest_row
request_tab
shot timeline.png
xdotool key ctrl+shift+l # the timeline as calls; the newest one on its axis
sleep 1.5
newest_row
detail_tab 5
shot calls.png
focus
xdotool key ctrl+shift+l
sleep 0.5

# The template form a first start shows, for each kind of answer: overrides (VIP), a rejection, the default.
click 133 32 # the Templates tab
click 100 121 # the VIP template
shot form-overrides.png
click 100 134 # the closed template
shot form-reject.png
click 100 106 # the default template
shot form-default.png

# The template editor's JSON with a typing slip: the VIP template's line 3 loses its comma; the error is marked live.
click 100 121 # the VIP template
click 467 83 # the JSON switch
focus
click 908 135 # line 3 in the editor, right of its text
xdotool key End
xdotool type --delay 5 ' "oops"'
sleep 1
shot template-error.png

# The burst page against the window's own mock endpoint (its default target), with its defaults: 100 calls, 10 in flight.
before=$(rows --direction inbound --event assistant-request)
click 548 32
focus
xdotool key alt+r
wait_rows $((before + 100)) --direction inbound --event assistant-request
shot burst.png

# The sample workspace's scenarios, run from their page against that window's own mock endpoint (their default
# target): a second window, on the sample a new user starts with, with its own history.
kill "${pids[1]}"
wait "${pids[1]}" 2>/dev/null || true
cp "$root/resources/workspaces/sample.dockside.json" "$work/sample.dockside.json"
history="$work/sample-history.sqlite"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$app" --workspace "$work/sample.dockside.json" --history "$history" --port "$port" >>"$work/app.log" 2>&1 &
pids+=($!)
pin "$(timeout 20 xdotool search --sync --onlyvisible --name "Sample workspace — Dockside" | head -1)"
sleep 1
click 479 32 # the Scenarios tab
click 280 849 # Run all
wait_rows "$(grep -c '"expect"' "$work/sample.dockside.json")" --direction inbound
sleep 1
shot scenarios.png

# The whole default assistant the sample starts with (Ctrl+5): recognition, voice, model, voicemail, beside its JSON.
focus
xdotool key ctrl+5
sleep 1
shot assistant.png

# The sample's routing (Ctrl+8): its contacts and one unknown number per prefix its rules name, over a week.
focus
xdotool key ctrl+8
sleep 3
shot routing.png

# Help ▸ Keyboard Shortcuts (Ctrl+/): every shortcut of the window, read from its menus and panels; Escape closes it.
focus
xdotool key ctrl+slash
sleep 1
shot shortcuts.png
xdotool key Escape
sleep 0.4

# The relay: a third window whose endpoint forwards what no rule matches to a webhook of its own (a few lines of
# Python answering after 40 ms), the tunnel's address pasted, three calls relayed, the newest one's two legs.
kill "${pids[-1]}"
wait "${pids[-1]}" 2>/dev/null || true
webhook_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 - "$webhook_port" >"$work/webhook.log" 2>&1 <<'PY' &
import http.server, json, sys, time
class Webhook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        time.sleep(0.04)
        body = json.dumps({"assistant": {"firstMessage": "Hi, this is the webhook on your laptop."}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Webhook).serve_forever()
PY
pids+=($!)
python3 - "$work/sample.dockside.json" "$work/relay.dockside.json" "$webhook_port" <<'PY'
import json, sys
workspace = json.load(open(sys.argv[1]))
workspace["name"] = "Relay"
workspace["rules"] = [rule for rule in workspace["rules"] if rule["id"] == "bad-signature"]
workspace["default_forward"] = {"url": "http://127.0.0.1:%s/webhook" % sys.argv[3], "late": "faithful"}
json.dump(workspace, open(sys.argv[2], "w"), indent=2)
PY
history="$work/relay-history.sqlite"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$app" --workspace "$work/relay.dockside.json" --history "$history" --port "$port" >>"$work/app.log" 2>&1 &
pids+=($!)
window=$(timeout 20 xdotool search --sync --onlyvisible --name "Relay — Dockside" | head -1)
pin "$window"
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
url="http://127.0.0.1:$port/" # the path the webhook gets is the forward URL's own
click 1268 466 # the public URL field
xdotool type --delay 5 "https://quiet-river-4821.trycloudflare.com/webhook"
for caller in +31611111111 +31622222222 +4915112345678; do "$cli" send "$url" --caller "$caller" >/dev/null; done
wait_rows 3 --direction inbound
sleep 1
newest_row
detail_tab 4 # both legs
shot relay.png

# The window on the screen it first starts on, as a new user sees it: a 1280x720 screen, a 1920x1080 one and a
# 2560x1440 one at 200% (QT_SCALE_FACTOR=2). Each its own X server, configuration and history, a first start on the
# sample workspace with three calls from outside, the newest one's call outcome in the detail.
kill "${pids[-1]}"
wait "${pids[-1]}" 2>/dev/null || true
fit_shot() { # WIDTHxHEIGHT SCALE FILE
  local fit="$work/fit-$3"
  mkdir -p "$fit"
  Xvfb -displayfd 3 -screen 0 "$1x24" -nolisten tcp 3>"$fit/display" 2>"$fit/xvfb.log" &
  local server=$!
  pids+=("$server")
  for _ in $(seq 50); do [[ -s "$fit/display" ]] && break; sleep 0.1; done
  local fit_port
  fit_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  history="$fit/history.sqlite"
  DISPLAY=":$(cat "$fit/display")" XDG_CONFIG_HOME="$fit/config" QT_SCALE_FACTOR="$2" \
    "$app" --workspace "$work/sample.dockside.json" --history "$history" --port "$fit_port" >>"$work/app.log" 2>&1 &
  local dockside=$!
  pids+=("$dockside")
  window=$(DISPLAY=":$(cat "$fit/display")" timeout 20 xdotool search --sync --onlyvisible \
    --name "Sample workspace — Dockside" | head -1)
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$fit_port") 2>/dev/null && break; sleep 0.1; done
  for caller in +31612345678 +4915112345678 +31201234567; do
    "$cli" send "http://127.0.0.1:$fit_port/webhook" --caller "$caller" >/dev/null
  done
  wait_rows 3 --direction inbound
  (
    export DISPLAY=":$(cat "$fit/display")"
    newest_row
    outcome_tab
    shot "$3"
  )
  kill "$dockside" "$server"
  wait "$dockside" "$server" 2>/dev/null || true
}
fit_shot 1280x720 1 fit-1280x720.png
fit_shot 1920x1080 1 fit-1920x1080.png
fit_shot 2560x1440 2 fit-2560x1440-200.png

# The whole window each time; 256 colours keep the text sharp at a third of the size.
save() { convert "$work/$1" -strip +dither -colors 256 -define png:compression-level=9 "$out/$2"; }
save rejected.png workbench-rejected.png
save default.png workbench-default.png
save answered.png workbench-answered.png
save timeline.png workbench.png
save template-error.png template-editor-error.png
save form-overrides.png template-form-overrides.png
save form-reject.png template-form-reject.png
save form-default.png template-form-default.png
save burst.png burst.png
save scenarios.png scenarios.png
save assistant.png default-assistant.png
save relay.png relay.png
save calls.png calls.png
save routing.png routing.png
save shortcuts.png keyboard-shortcuts.png
save fit-1280x720.png window-1280x720.png
save fit-1920x1080.png window-1920x1080.png
save fit-2560x1440-200.png window-2560x1440-200.png
echo "wrote workbench.png, workbench-answered.png, workbench-rejected.png, workbench-default.png, template-editor-error.png,
template-form-overrides.png, template-form-reject.png, template-form-default.png,
burst.png, scenarios.png, default-assistant.png, routing.png, keyboard-shortcuts.png, relay.png, calls.png,
window-1280x720.png, window-1920x1080.png and window-2560x1440-200.png in $out"
