#!/usr/bin/env bash
# The live timeline over a generated one-million-row history, in a real window under Xvfb: construction to the first
# rows painted, a filter to its rows painted, and the longest event-loop stall while 1,000 exchanges a second are
# appended through a real HistoryStore. Each figure stands beside a reference measured in the same run. Writes its
# own section of docs/BENCHMARKS.md.
#   tests/bench/ui_timeline.sh [--rows N] [--repeat N] [--insert-seconds S]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
rows=1000000
repeat=5
seconds=10
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --insert-seconds) seconds=$2; shift 2 ;;
    *) echo "usage: $0 [--rows N] [--repeat N] [--insert-seconds S]" >&2; exit 2 ;;
  esac
done

source "$root/tests/bench/benchlib.sh"
"$root/packaging/install-deps.sh" --with-tests >&2
build="$root/build-bench-ui"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDOCKSIDE_BUILD_GUI=ON -DDOCKSIDE_BUILD_TESTS=ON \
  >/dev/null
cmake --build "$build" -j2 --target ui_timeline_bench >/dev/null
bench="$build/tests/bench/ui_timeline_bench"

# The history file is generated in the scratch folder (about 0.5 GB for a million rows) and removed at the end.
xvfb-run -a -s '-screen 0 1440x900x24' "$bench" --rows "$rows" --repeat "$repeat" --insert-seconds "$seconds" \
  --history "$work/history.sqlite" --json "$work/timeline.json" 2> >(grep -v 'propagateSizeHints' >&2)

python3 - "$root/docs/BENCHMARKS.md" "$work/timeline.json" <<PY
import datetime, json, re, sys
path, figures = sys.argv[1], json.load(open(sys.argv[2]))
opened, filters, stall = figures["open"], figures["filter"], figures["stall"]
text, event = filters["text"], filters["event_type"]

def ratio(value, reference):
    return f"{value / reference:.1f}x" if reference > 0 else "n/a"

def row(name, reference_name, reference, value, target):
    return f"| {name} | {reference_name}: {reference:.1f} ms | {value:.1f} ms | **{ratio(value, reference)}** | {target} |"

generated = f", generated in {figures['generate_s']:.0f} s" if "generate_s" in figures else ""
section = f"""<!-- ui-timeline:start -->
## Timeline over a million exchanges (issue 5)

Measured {datetime.date.today()} by \`tests/bench/ui_timeline.sh\` on this machine ($(nproc) cores), Release build,
platform \`{figures['platform']}\` (Xvfb), window 1280x800. The history holds {figures['rows']:,} exchanges with
realistic VoiceDock bodies{generated}, written through the core's schema and indexed for search as the writer leaves
them. Window and filter figures are medians of {len(opened['timeline_ms'])} alternating runs; every figure has its
reference from the same run. **Indicative**: the machine was shared with other builds while it ran.

| figure | reference | timeline | ratio | target |
|---|---|---|---|---|
{row("window constructed to first rows painted", "plain QTableView over 1,000 QStandardItemModel rows", opened["reference_median_ms"], opened["timeline_median_ms"], "under 500 ms")}
{row(f'text search "refund" ({text["matching_rows"]:,} rows): Enter to first rows painted', "QSortFilterProxyModel over those 1,000 rows", text["reference_median_ms"], text["rows_shown_median_ms"], "under 200 ms")}
{row(f'event type end-of-call-report ({event["matching_rows"]:,} rows): pick to first rows painted', "the same proxy", event["reference_median_ms"], event["rows_shown_median_ms"], "under 200 ms")}
{row(f'longest event-loop stall, {stall["rate"]:,} appends/s for {stall["seconds"]} s', "the same HistoryStore writing, no timeline", stall["reference_longest_ms"], stall["timeline_longest_ms"], "under 50 ms")}

- First opening (cold page cache) of the timeline: {opened["timeline_ms"][0]:.1f} ms; all openings:
  {", ".join(f"{v:.1f}" for v in opened["timeline_ms"])} ms (reference {", ".join(f"{v:.1f}" for v in opened["reference_ms"])} ms).
- The full count follows the first rows (the scroll bar is exact from then on): text search
  {text["count_known_median_ms"]:.1f} ms, event type {event["count_known_median_ms"]:.1f} ms. Typing waits 250 ms for a
  pause before it searches; Enter and the drop-down lists apply at once, which is what is measured.
- Live inserts: {stall["appended"]:,} exchanges appended, {stall["rows_shown"]:,} rows shown at the top; gaps over 16 ms
  between 1 ms ticks: {stall["timeline_over_16ms"]} with the timeline, {stall["reference_over_16ms"]} without.
<!-- ui-timeline:end -->"""
try:
    text_md = open(path).read()
except FileNotFoundError:
    text_md = "# Benchmarks\n\nEvery figure is a ratio against a reference measured in the same run on the same machine.\n"
if "<!-- ui-timeline:start -->" in text_md:
    text_md = re.sub(r"<!-- ui-timeline:start -->.*<!-- ui-timeline:end -->", lambda _: section, text_md, flags=re.S)
else:
    text_md = text_md.rstrip() + "\n\n" + section + "\n"
open(path, "w").write(text_md)
print(section)
PY
