#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `dockside-cli burst` against wrk, both aimed at the same mock endpoint in the same run, loopback only, bounded:
# throughput as a ratio of wrk's at the same concurrency, and latency accuracy against a known server-side hold.
# Writes the figures to its own section of docs/BENCHMARKS.md.
#   tests/bench/composer_burst.sh [--duration SECONDS] [--requests N]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
duration=10
requests=100000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    *) echo "usage: $0 [--duration SECONDS] [--requests N]" >&2; exit 2 ;;
  esac
done

source "$root/tests/bench/benchlib.sh"
cli=$(build_release_cli)
# Other work on the machine skews both clients (wrk runs two threads, burst one): the section says how busy it was.
load_before=$(cut -d' ' -f1 /proc/loadavg)
wrk_rps() { requests_per_second "$1"; }
wrk_p50_ms() { wrk_percentile_ms "$1" 50%; }
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {'d': d}))" "$@"; }

# The server answers with history off, so it is as fast as it gets and the client's own cost shows; with history
# on, SQLite would be the bottleneck for both clients and hide it. It checks no signatures, so wrk's unsigned
# requests and burst's signed ones get the same answer; burst still pays for signing every request.
unset DOCKSIDE_WEBHOOK_SECRET
fast_port=$(free_port)
"$cli" serve --workspace "$root/tests/bench/bench-workspace.json" --port "$fast_port" --no-history --quiet \
  >"$work/fast.log" 2>&1 &
pids+=("$!")
wait_for_port "$fast_port"

cat >"$work/hold.json" <<'JSON'
{"version": 1, "templates": [{"id": "hold", "body": {}, "delay_ms": 200}], "fallback_template": "hold"}
JSON
hold_port=$(free_port)
"$cli" serve --workspace "$work/hold.json" --port "$hold_port" --no-history --quiet >"$work/hold.log" 2>&1 &
pids+=("$!")
wait_for_port "$hold_port"

script="$root/tests/bench/post-assistant-request.lua"
run_wrk() { wrk -t2 -c50 -d"${duration}s" --latency -s "$script" "http://127.0.0.1:$fast_port/" >"$1"; }
# A burst that fails, or any request not answered 2xx in time, fails the benchmark: its figure would mean nothing.
check_burst() {
  local file=$1 rc=$2
  ((rc == 0)) || { echo "burst exited with $rc; its report: $(cat "$file")" >&2; exit 1; }
  [[ $(json "$file" "d['answered'] == d['sent'] and all(200 <= int(s) < 300 for s in d['statuses'])") == True ]] ||
    { echo "burst had requests not answered 2xx in time: $(cat "$file")" >&2; exit 1; }
}
run_burst() {
  local rc=0
  DOCKSIDE_WEBHOOK_SECRET=whsec_bench_burst timeout 300 "$cli" burst "http://127.0.0.1:$fast_port/" -n "$requests" \
    -c 50 --json >"$1" || rc=$?
  check_burst "$1" "$rc"
}
run_wrk "$work/wrk1.txt"
run_burst "$work/burst1.json"
# Once more each, alternating, so a noisy moment does not favour one side.
run_wrk "$work/wrk2.txt"
run_burst "$work/burst2.json"

wrk_best=$(python3 -c "print(max($(wrk_rps "$work/wrk1.txt"), $(wrk_rps "$work/wrk2.txt")))")
burst_best=$(python3 -c "print(max($(json "$work/burst1.json" "d['requests_per_second']"), $(json "$work/burst2.json" "d['requests_per_second']")))")
burst_p50=$(json "$work/burst2.json" "d['latency_ms']['p50']")
burst_p99=$(json "$work/burst2.json" "d['latency_ms']['p99']")

# Accuracy: every answer is held 200 ms by a precise timer at the server; wrk measures the same endpoint.
hold_rc=0
timeout 120 "$cli" burst "http://127.0.0.1:$hold_port/" -n 300 -c 10 --json >"$work/hold-burst.json" || hold_rc=$?
check_burst "$work/hold-burst.json" "$hold_rc"
wrk -t2 -c10 -d6s --latency -s "$script" "http://127.0.0.1:$hold_port/" >"$work/hold-wrk.txt"
hold_p50=$(json "$work/hold-burst.json" "d['latency_ms']['p50']")
hold_p99=$(json "$work/hold-burst.json" "d['latency_ms']['p99']")
hold_max=$(json "$work/hold-burst.json" "d['latency_ms']['max']")
hold_wrk_p50=$(wrk_p50_ms "$work/hold-wrk.txt")
load_after=$(cut -d' ' -f1 /proc/loadavg)

python3 - "$root/docs/BENCHMARKS.md" <<PY
import datetime, re, sys
path = sys.argv[1]
wrk_rps, burst_rps = float("$wrk_best"), float("$burst_best")
p50, p99 = float("$burst_p50"), float("$burst_p99")
hold_p50, hold_p99, hold_max, hold_wrk_p50 = float("$hold_p50"), float("$hold_p99"), float("$hold_max"), float("$hold_wrk_p50")
section = f"""<!-- composer-burst:start -->
## Burst throughput and latency accuracy

Measured {datetime.date.today()} by \`tests/bench/composer_burst.sh\` on this machine ($(nproc) cores), loopback only;
load average $load_before when the run started and $load_after when it ended (a quiet machine is below 1).
Both clients aim at the same \`dockside-cli serve --no-history\` (Release) in the same run: wrk 2 threads, 50
connections, {$duration} s, the same unsigned assistant-request body; \`dockside-cli burst -n $requests -c 50\`
over 50 kept-alive connections, every request with a fresh call id and timestamp and signed (the server checks no
signatures, so both get the same answer); best of two alternating runs each. Client and server share the cores.

| figure | wrk | burst | ratio | target |
|---|---|---|---|---|
| requests per second, 50 in flight | {wrk_rps:,.0f} | {burst_rps:,.0f} | **{burst_rps / wrk_rps:.2f}** of wrk | at least 0.5 |
| latency p50 / p99 (burst, last run) | | {p50:.2f} / {p99:.2f} ms | | |

Every burst request of every run was answered 2xx within the deadline (the script fails otherwise).

Latency accuracy: the server holds every answer 200 ms with a precise timer (\`delay_ms: 200\`); burst sends 300
requests with 10 in flight, wrk the same endpoint with 10 connections for 6 s.

| figure | value | target |
|---|---|---|
| burst p50 minus the 200 ms hold | **{hold_p50 - 200:+.2f} ms** | under 2 ms |
| burst p99 / max minus the hold | {hold_p99 - 200:+.2f} / {hold_max - 200:+.2f} ms | |
| burst p50 minus wrk p50 (same endpoint) | {hold_p50 - hold_wrk_p50:+.2f} ms | |
<!-- composer-burst:end -->"""
try:
    text = open(path).read()
except FileNotFoundError:
    text = "# Benchmarks\n"
if "<!-- composer-burst:start -->" in text:
    text = re.sub(r"<!-- composer-burst:start -->.*<!-- composer-burst:end -->", section, text, flags=re.S)
else:
    text = text.rstrip() + "\n\n" + section + "\n"
open(path, "w").write(text)
print(section)
PY
