#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The mock endpoint with history persisted, against nginx serving the same answer as a static file:
# same machine, same run, loopback only, bounded in time. The headline is the built-in sample workspace that
# `dockside-cli serve` starts with (its rules: signature, business hours in a time zone, contacts, caller regex, A/B
# split, placeholders); one plain template without rules is the reference row. Writes docs/BENCHMARKS.md.
#   tests/bench/mock_throughput.sh [--duration SECONDS] [--memory-requests N]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
duration=10
memory_requests=1000000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --memory-requests) memory_requests=$2; shift 2 ;;
    *) echo "usage: $0 [--duration SECONDS] [--memory-requests N]" >&2; exit 2 ;;
  esac
done

source "$root/tests/bench/benchlib.sh"
cli=$(build_release_cli)
p99_ms() { wrk_percentile_ms "$1" 99%; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

dockside_port=$(free_port)
"$cli" serve --workspace "$root/tests/bench/bench-workspace.json" --port "$dockside_port" \
  --history "$work/history.sqlite" --keep-days 0 --keep-rows 0 --quiet >"$work/dockside.log" 2>&1 &
dockside_pid=$!
pids+=("$dockside_pid")
wait_for_port "$dockside_port"

# What users run: `serve` with no workspace starts the built-in sample. Both keep every row (no retention), so the
# stored count below can be checked against what wrk saw answered. The sample's rules are judged at a pinned instant
# inside its opening hours (a Wednesday morning in Amsterdam): outside them it answers with a short closing message,
# so an unpinned run measured a different path depending on the hour it ran.
sample_clock=2026-12-09T10:30:00+01:00
sample_port=$(free_port)
"$cli" serve --port "$sample_port" --history "$work/sample-history.sqlite" --keep-days 0 --keep-rows 0 --quiet \
  --clock "$sample_clock" >"$work/sample.log" 2>&1 &
sample_pid=$!
pids+=("$sample_pid")
wait_for_port "$sample_port"

# nginx serves the very bytes Dockside answers, from a file; POST to a static file needs the 405 redirect.
mkdir -p "$work/www"
curl -s -X POST --data-binary @/dev/null "http://127.0.0.1:$dockside_port/" >"$work/www/answer.json"
start_static_nginx

script="$root/tests/bench/post-assistant-request.lua"
run_wrk() { wrk -t2 -c50 -d"${duration}s" --latency -s "$script" "http://127.0.0.1:$1/" >"$2"; }
# Under heavy traffic Dockside defers copying its spool into SQLite (and indexing it) until the traffic pauses. That
# deferred work is waited out after each Dockside run, so it never lands on nginx's turn, and its time is reported.
run_dockside() {
  run_wrk "$dockside_port" "$1"
  catch_up+=("$(wait_until_idle "$dockside_pid")")
}
run_sample() {
  run_wrk "$sample_port" "$1"
  sample_catch_up+=("$(wait_until_idle "$sample_pid")")
}
catch_up=()
sample_catch_up=()
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
run_wrk "$nginx_port" "$work/nginx.txt"
run_sample "$work/sample.txt"
run_dockside "$work/dockside.txt"
# Once more each, alternating, so a noisy moment does not favour one side.
run_wrk "$nginx_port" "$work/nginx2.txt"
run_sample "$work/sample2.txt"
run_dockside "$work/dockside2.txt"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
# Which templates answered the sample's runs, from its own history.
sample_templates=$(python3 - "$work/sample-history.sqlite" <<'PY'
import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute(
    "SELECT template_id, rule_id, count(*) FROM exchange_details GROUP BY 1, 2 ORDER BY 3 DESC").fetchall()
print(", ".join(f"{template or '(none)'} (rule {rule or 'none'}) {count:,}" for template, rule, count in rows))
PY
)
# Sustained: a longer run against a server that copies every exchange into SQLite as it arrives (--copy-live), so
# the copy is paid during the run, not deferred until after it.
live_port=$(free_port)
"$cli" serve --workspace "$root/tests/bench/bench-workspace.json" --port "$live_port" \
  --history "$work/live-history.sqlite" --keep-days 0 --keep-rows 0 --copy-live --quiet >"$work/live.log" 2>&1 &
live_pid=$!
pids+=("$live_pid")
wait_for_port "$live_port"
sustained_duration=$((duration * 4))
wrk -t2 -c50 -d"${sustained_duration}s" --latency -s "$script" "http://127.0.0.1:$live_port/" >"$work/sustained.txt"
sustained_catch_up=$(wait_until_idle "$live_pid")
kill "$live_pid"
answered=$(( $(awk '/requests in/ {print $1}' "$work/dockside.txt") + $(awk '/requests in/ {print $1}' "$work/dockside2.txt") ))

nginx_rps=$(python3 -c "print(max($(requests_per_second "$work/nginx.txt"), $(requests_per_second "$work/nginx2.txt")))")
dockside_rps=$(python3 -c "print(max($(requests_per_second "$work/dockside.txt"), $(requests_per_second "$work/dockside2.txt")))")
nginx_p99=$(python3 -c "print(min($(p99_ms "$work/nginx.txt"), $(p99_ms "$work/nginx2.txt")))")
dockside_p99=$(python3 -c "print(min($(p99_ms "$work/dockside.txt"), $(p99_ms "$work/dockside2.txt")))")
sample_rps=$(python3 -c "print(max($(requests_per_second "$work/sample.txt"), $(requests_per_second "$work/sample2.txt")))")
sample_p99=$(python3 -c "print(min($(p99_ms "$work/sample.txt"), $(p99_ms "$work/sample2.txt")))")
# For context, not for the target: the same server with history off shows what durability costs.
nohistory_port=$(free_port)
"$cli" serve --workspace "$root/tests/bench/bench-workspace.json" --port "$nohistory_port" \
  --no-history --quiet >/dev/null 2>&1 &
nohistory_pid=$!
pids+=("$nohistory_pid")
wait_for_port "$nohistory_port"
run_wrk "$nohistory_port" "$work/nohistory.txt"
kill "$nohistory_pid"
nohistory_rps=$(requests_per_second "$work/nohistory.txt")
nohistory_p99=$(p99_ms "$work/nohistory.txt")

stored=$("$cli" history --history "$work/history.sqlite" --limit 0 | tail -1 | awk '{print $3}')

# Memory: resident size after a warm-up, then after memory_requests more captured requests.
wrk -t2 -c50 -d3s -s "$script" "http://127.0.0.1:$dockside_port/" >/dev/null
rss_before=$(rss_kb "$dockside_pid")
sent=0
while [[ $sent -lt $memory_requests ]]; do
  wrk -t2 -c50 -d20s -s "$script" "http://127.0.0.1:$dockside_port/" >"$work/memory.txt"
  sent=$((sent + $(awk '/requests in/ {print $1}' "$work/memory.txt")))
done
rss_after=$(rss_kb "$dockside_pid")

python3 - "$root/docs/BENCHMARKS.md" <<PY
import datetime, re, sys
path = sys.argv[1]
nginx_rps, dockside_rps = float("$nginx_rps"), float("$dockside_rps")
nginx_p99, dockside_p99 = float("$nginx_p99"), float("$dockside_p99")
nohistory_rps, nohistory_p99 = float("$nohistory_rps"), float("$nohistory_p99")
sample_rps, sample_p99 = float("$sample_rps"), float("$sample_p99")
sustained_rps, sustained_p99 = float("$(requests_per_second "$work/sustained.txt")"), float("$(p99_ms "$work/sustained.txt")")
growth_mb = ($rss_after - $rss_before) / 1024
section = f"""<!-- mock-throughput:start -->
## Mock endpoint throughput and memory (issue 3)

Measured {datetime.date.today()} by \`tests/bench/mock_throughput.sh\` on this machine ($(nproc) cores), wrk 2 threads,
50 connections, {$duration} s per run, best of two alternating runs, loopback only. Dockside runs \`dockside-cli serve\`
(Release) with its history on, once with the built-in sample workspace and once with one plain template: every exchange is written to the history's spool file before its answer and copied
into SQLite by the writer thread afterwards (the catch-up times below). nginx (1 worker) serves the same answer bytes
from a static file. wrk shares the cores with the server under test.
Load average (1, 5, 15 min) before the throughput runs: $load_before; after them: $load_after.
The sample's rules are judged at $sample_clock (\`serve --clock\`), inside its opening hours, so every run takes the
path a daytime caller takes whatever the hour it runs; the request's caller is in the sample's contacts. Answers of its
two runs by template, from its history: $sample_templates.

| figure | nginx | Dockside | ratio | target |
|---|---|---|---|---|
| sample workspace: requests per second | {nginx_rps:,.0f} | {sample_rps:,.0f} | **{sample_rps / nginx_rps:.2f}** of nginx | at least 0.5 |
| sample workspace: p99 latency | {nginx_p99:.2f} ms | {sample_p99:.2f} ms | **{sample_p99 / nginx_p99:.2f}x** nginx | within 2x |
| for reference, one plain template, no rules: requests per second | | {dockside_rps:,.0f} | {dockside_rps / nginx_rps:.2f} of nginx | |
| for reference, one plain template: p99 latency | | {dockside_p99:.2f} ms | {dockside_p99 / nginx_p99:.2f}x nginx | |
| for reference, one plain template, history off: requests per second | | {nohistory_rps:,.0f} | {nohistory_rps / nginx_rps:.2f} of nginx | |
| for reference, one plain template, history off: p99 latency | | {nohistory_p99:.2f} ms | {nohistory_p99 / nginx_p99:.2f}x nginx | |
| sustained {$sustained_duration} s, one plain template, every exchange copied into SQLite during the run (\`--copy-live\`): requests per second | | {sustained_rps:,.0f} | **{sustained_rps / nginx_rps:.2f}** of nginx | at least 0.5 |
| sustained {$sustained_duration} s: p99 latency | | {sustained_p99:.2f} ms | {sustained_p99 / nginx_p99:.2f}x nginx | |

Resident memory of the server: {$rss_before / 1024:.1f} MB after warm-up, {$rss_after / 1024:.1f} MB after a further
{$sent:,} captured requests: **{growth_mb:+.1f} MB** (target: under 50 MB over one million). Requests stored in the
history of the plain template's two runs: {int("$stored" or 0):,}, of {$answered:,} that wrk counted as answered (wrk does not
count the answers in flight when it stops, so stored may be a little higher; never lower).

How: every answer waits for its request to be written to the history's spool file (one \`write()\` per pass of the
event loop, which survives a killed process), not for SQLite. Above the live import rate the copy from the spool
into SQLite and the search index wait until the traffic pauses, or until the spool reaches its bound (both are
\`ImportPacing\` options), after which they share the CPU with the traffic. The time from the end of each {$duration} s run
until its last request was searchable in the history (catch-up) was {" s and ".join("${sample_catch_up[*]}".split())} s
with the sample workspace, {" s and ".join("${catch_up[*]}".split())} s with the plain template; meanwhile the timeline
lags behind (the endpoint panel says how many wait). At lower rates the copy runs as requests arrive. The sustained
server copies as requests arrive whatever the rate (\`serve --copy-live\`): its last request was searchable
$sustained_catch_up s after the run ended.
<!-- mock-throughput:end -->"""
try:
    text = open(path).read()
except FileNotFoundError:
    text = "# Benchmarks\n"
if "<!-- mock-throughput:start -->" in text:
    text = re.sub(r"<!-- mock-throughput:start -->.*<!-- mock-throughput:end -->", section, text, flags=re.S)
else:
    text = text.rstrip() + "\n\n" + section + "\n"
open(path, "w").write(text)
print(section)
PY
