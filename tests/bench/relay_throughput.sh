#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The relay with history persisted, forwarding to nginx as the developer's webhook, against wrk straight at the same
# nginx: same machine, same run, loopback only, bounded in time. Writes the figures to docs/BENCHMARKS.md.
#   tests/bench/relay_throughput.sh [--duration SECONDS]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
duration=10
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    *) echo "usage: $0 [--duration SECONDS]" >&2; exit 2 ;;
  esac
done

source "$root/tests/bench/benchlib.sh"
cli=$(build_release_cli)
p50_ms() { wrk_percentile_ms "$1" 50%; }
p99_ms() { wrk_percentile_ms "$1" 99%; }

# nginx is the webhook: it answers every POST with an assistant override from a static file.
mkdir -p "$work/www"
# nginx's worker runs as another user: it must be able to read the answer (mktemp makes the folder private).
chmod o+rx "$work" "$work/www"
printf '%s' '{"assistant":{"first_message":"Hello from the webhook"}}' >"$work/www/answer.json"
start_static_nginx "keepalive_requests 1000000;"

# No rules: every request is forwarded.
printf '%s' '{"version": 1, "name": "Relay bench", "templates": [{"id": "plain", "body": {}}]}' >"$work/relay.json"
relay_port=$(free_port)
# Every row is kept, as in the mock benchmark: pruning at the default 500,000 rows would land inside a run.
"$cli" serve --workspace "$work/relay.json" --port "$relay_port" --history "$work/history.sqlite" --keep-days 0 \
  --keep-rows 0 --quiet \
  --forward-to "http://127.0.0.1:$nginx_port/" >"$work/relay.log" 2>&1 &
relay_pid=$!
pids+=("$relay_pid")
wait_for_port "$relay_port"
# Fails the run unless what listens on port $1 (named $2) passes nginx's answer on; a log file may follow as $3.
expect_nginx_answer() {
  local answer
  answer=$(curl -s -X POST --data-binary '{}' "http://127.0.0.1:$1/")
  if [[ "$answer" != "$(cat "$work/www/answer.json")" ]]; then
    echo "$2 does not pass nginx's answer on: got \"$answer\"" >&2
    [[ -n "${3:-}" ]] && cat "$3" >&2
    exit 1
  fi
}
expect_nginx_answer "$relay_port" "the relay" "$work/relay.log"

# The reference relay: nginx's own reverse proxy in front of the same nginx, with no history.
start_proxy_nginx "$nginx_port"
expect_nginx_answer "$proxy_port" "the reference proxy"

script="$root/tests/bench/post-assistant-request.lua"
run_wrk() { wrk -t2 -c50 -d"${duration}s" --latency -s "$script" "http://127.0.0.1:$1/" >"$2"; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
catch_up=()
run_wrk "$nginx_port" "$work/direct.txt"
run_wrk "$proxy_port" "$work/proxy.txt"
run_wrk "$relay_port" "$work/relay.txt"
catch_up+=("$(wait_until_idle "$relay_pid")")
# Once more each, alternating, so a noisy moment does not favour one side.
run_wrk "$nginx_port" "$work/direct2.txt"
run_wrk "$proxy_port" "$work/proxy2.txt"
run_wrk "$relay_port" "$work/relay2.txt"
catch_up+=("$(wait_until_idle "$relay_pid")")
# One request at a time, as a developer's test calls arrive: what the relay adds to each request, without queueing.
run_wrk_single() { wrk -t1 -c1 -d"${duration}s" --latency -s "$script" "http://127.0.0.1:$1/" >"$2"; }
run_wrk_single "$nginx_port" "$work/direct1.txt"
run_wrk_single "$relay_port" "$work/relay1.txt"
catch_up+=("$(wait_until_idle "$relay_pid")")
run_wrk_single "$nginx_port" "$work/direct1b.txt"
run_wrk_single "$relay_port" "$work/relay1b.txt"
catch_up+=("$(wait_until_idle "$relay_pid")")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

best_max() { python3 -c "print(max($1, $2))"; }
best_min() { python3 -c "print(min($1, $2))"; }
direct_rps=$(best_max "$(requests_per_second "$work/direct.txt")" "$(requests_per_second "$work/direct2.txt")")
relay_rps=$(best_max "$(requests_per_second "$work/relay.txt")" "$(requests_per_second "$work/relay2.txt")")
proxy_rps=$(best_max "$(requests_per_second "$work/proxy.txt")" "$(requests_per_second "$work/proxy2.txt")")
direct_p50=$(best_min "$(p50_ms "$work/direct.txt")" "$(p50_ms "$work/direct2.txt")")
relay_p50=$(best_min "$(p50_ms "$work/relay.txt")" "$(p50_ms "$work/relay2.txt")")
direct_p99=$(best_min "$(p99_ms "$work/direct.txt")" "$(p99_ms "$work/direct2.txt")")
relay_p99=$(best_min "$(p99_ms "$work/relay.txt")" "$(p99_ms "$work/relay2.txt")")
single_direct_p50=$(best_min "$(p50_ms "$work/direct1.txt")" "$(p50_ms "$work/direct1b.txt")")
single_relay_p50=$(best_min "$(p50_ms "$work/relay1.txt")" "$(p50_ms "$work/relay1b.txt")")
single_direct_p99=$(best_min "$(p99_ms "$work/direct1.txt")" "$(p99_ms "$work/direct1b.txt")")
single_relay_p99=$(best_min "$(p99_ms "$work/relay1.txt")" "$(p99_ms "$work/relay1b.txt")")
errors=$(cat "$work/relay.txt" "$work/relay2.txt" "$work/relay1.txt" "$work/relay1b.txt" | awk '/Non-2xx|Socket errors/' | tr '\n' ' ')

python3 - "$root/docs/BENCHMARKS.md" <<PY
import datetime, re, sys
path = sys.argv[1]
direct_rps, relay_rps, proxy_rps = float("$direct_rps"), float("$relay_rps"), float("$proxy_rps")
direct_p50, relay_p50 = float("$direct_p50"), float("$relay_p50")
direct_p99, relay_p99 = float("$direct_p99"), float("$relay_p99")
single_direct_p50, single_relay_p50 = float("$single_direct_p50"), float("$single_relay_p50")
single_direct_p99, single_relay_p99 = float("$single_direct_p99"), float("$single_relay_p99")
errors = "$errors".strip() or "none"
section = f"""<!-- relay-throughput:start -->
## Relay throughput (issue 14)

Measured {datetime.date.today()} by \`tests/bench/relay_throughput.sh\` on this machine ($(nproc) cores), wrk 2 threads,
50 connections, {$duration} s per run, best of two alternating runs, loopback only. nginx (1 worker) plays the
developer's webhook; "direct" is wrk straight at it, "relayed" is wrk at \`dockside-cli serve --forward-to\` (Release)
with every exchange, both legs, persisted to the history; "nginx proxy" is the reference relay, wrk at a second nginx
(1 worker) that passes every request to the first with \`proxy_pass\` over kept-alive connections and records nothing.
wrk, Dockside and nginx share the cores.
Load average (1, 5, 15 min) before: $load_before; after: $load_after.

| figure | direct | relayed | relayed vs direct | target |
|---|---|---|---|---|
| requests per second | {direct_rps:,.0f} | {relay_rps:,.0f} | **{relay_rps / direct_rps:.2f}** of direct | at least 0.5 |
| requests per second, nginx proxy (reference) | {direct_rps:,.0f} | {proxy_rps:,.0f} | {proxy_rps / direct_rps:.2f} of direct | |
| p50 latency | {direct_p50:.2f} ms | {relay_p50:.2f} ms | **+{relay_p50 - direct_p50:.2f} ms** | under +1 ms |
| p99 latency | {direct_p99:.2f} ms | {relay_p99:.2f} ms | **+{relay_p99 - direct_p99:.2f} ms** | under +3 ms |

Through the relay, with both legs recorded, Dockside serves **{relay_rps / proxy_rps:.2f}** of what nginx's own proxy
serves without recording anything, in the same run.

At 50 connections both sides are saturated, so their latency is mostly queueing: it follows from the throughput.
What the relay adds to each request shows with one connection, one request at a time (wrk 1 thread, 1 connection,
same durations, best of two alternating runs):

| figure | direct | relayed | relayed vs direct | target |
|---|---|---|---|---|
| p50 latency, one at a time | {single_direct_p50:.3f} ms | {single_relay_p50:.3f} ms | **+{single_relay_p50 - single_direct_p50:.2f} ms** | under +1 ms |
| p99 latency, one at a time | {single_direct_p99:.3f} ms | {single_relay_p99:.3f} ms | **+{single_relay_p99 - single_direct_p99:.2f} ms** | under +3 ms |

wrk's errors through the relay: {errors}. The history's catch-up after each run took {" s and ".join("${catch_up[*]}".split())} s.
The platform's outcome of a webhook's answer (validated against the contract) is worked out once per distinct answer
(its status, its bytes, in time or late) and remembered, as the mock endpoint does for its templates: nginx gives the
same answer every time, so these runs pay it once; a webhook whose every answer differs pays it on each request.
<!-- relay-throughput:end -->"""
try:
    text = open(path).read()
except FileNotFoundError:
    text = "# Benchmarks\n"
if "<!-- relay-throughput:start -->" in text:
    text = re.sub(r"<!-- relay-throughput:start -->.*<!-- relay-throughput:end -->", section, text, flags=re.S)
else:
    text = text.rstrip() + "\n\n" + section + "\n"
open(path, "w").write(text)
print(section)
PY
