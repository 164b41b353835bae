#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Calls over a generated one-million-exchange history (200,000 calls of five events), under Xvfb: the timeline
# switched to calls, from the click to the first call lines painted, and one call's time axis, from the request to
# show it to the axis painted. Each beside the same window over 1,000 exchanges, measured alternately in the same
# run. Writes its own section of docs/BENCHMARKS.md, with the load average.
#   tests/bench/ui_calls.sh [--rows N] [--repeat N]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
rows=1000000
repeat=7
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    *) echo "usage: $0 [--rows N] [--repeat N]" >&2; exit 2 ;;
  esac
done

source "$root/tests/bench/benchlib.sh"
bench=$(build_release_ui_bench ui_calls_bench)

load_before=$(cut -d' ' -f1 /proc/loadavg)
QT_QPA_PLATFORM=offscreen "$bench" --rows "$rows" --repeat 1 --history "$work/history.sqlite" \
  --reference-history "$work/reference.sqlite" >"$work/generate.log" 2>/dev/null
generated=$(awk '/^generated/ && $2 > 1000 {print $(NF-1)}' "$work/generate.log")
xvfb-run -a -s '-screen 0 1920x1080x24' "$bench" --rows "$rows" --repeat "$repeat" --history "$work/history.sqlite" \
  --reference-history "$work/reference.sqlite" --json "$work/calls.json" \
  2> >(grep -v -e 'propagateSizeHints' -e 'XDG_RUNTIME_DIR' >&2)
load_after=$(cut -d' ' -f1 /proc/loadavg)

python3 - "$root/docs/BENCHMARKS.md" "$work/calls.json" "$(nproc)" "$load_before" "$load_after" "${generated:-}" <<'PY'
import datetime, json, re, sys
path, figures_path, cores, load_before, load_after, generated = sys.argv[1:7]
figures = json.load(open(figures_path))
switch, axis = figures["switch"], figures["axis"]

def ratio(value, reference):
    return f"{value / reference:.1f}x" if reference > 0 else "n/a"

def row(name, reference_name, reference, value, target):
    return f"| {name} | {reference_name}: {reference:.1f} ms | {value:.1f} ms | **{ratio(value, reference)}** | {target} |"

def listed(values):
    return ", ".join(f"{v:.1f}" for v in values)

generated_text = f", generated in {float(generated):.0f} s" if generated else ""
section = f"""<!-- ui-calls:start -->
## Calls over a million exchanges (issue 15)

Measured {datetime.date.today()} by `tests/bench/ui_calls.sh` on this machine ({cores} cores), Release build, Xvfb
(platform `{figures['platform']}`); **load average {load_before} when the run started and {load_after} when it
ended**. The history holds {figures['rows']:,} exchanges in calls of five events (assistant-request, status updates
around a tool call, the end-of-call report; a tenth played by the composer){generated_text}. The reference is the same
window over a history of 1,000 exchanges, measured alternately in the same run; medians of {len(switch['calls_ms'])}.

| figure | reference | Dockside | ratio | target |
|---|---|---|---|---|
{row("timeline switched to calls: the Calls button to the first call lines painted", "the same over 1,000 exchanges", switch["reference_median_ms"], switch["calls_median_ms"], "under 500 ms")}
{row(f"a call's time axis ({axis['marks']} events): its exchanges read, its order checked, the axis painted", "the same over 1,000 exchanges", axis["reference_median_ms"], axis["calls_median_ms"], "under 50 ms")}

- Switches: {listed(switch["calls_ms"])} ms ({switch["calls_listed"]} calls in the first page); reference {listed(switch["reference_ms"])} ms.
- Axes, calls spread from the oldest to the newest: {listed(axis["calls_ms"])} ms; reference {listed(axis["reference_ms"])} ms.
- The calls list walks the matching exchanges newest first and reads each new call through the call-id index, so
  its first page costs its own calls, not the history's size.
<!-- ui-calls:end -->"""
try:
    text = open(path).read()
except FileNotFoundError:
    text = "# Benchmarks\n"
if "<!-- ui-calls:start -->" in text:
    text = re.sub(r"<!-- ui-calls:start -->.*<!-- ui-calls:end -->", lambda _: section, text, flags=re.S)
else:
    text = text.rstrip() + "\n\n" + section + "\n"
open(path, "w").write(text)
print(section)
PY
