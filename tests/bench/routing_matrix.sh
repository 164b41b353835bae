#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The routing matrix of the built-in sample workspace: 1,000 callers × a week in 15-minute steps (672 moments),
# against the mock endpoint planning one assistant-request, as a ratio; with the load average before and after.
#   tests/bench/routing_matrix.sh [--callers N] [--repeat N]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
callers=1000
repeat=5
while [[ $# -gt 0 ]]; do
  case "$1" in
    --callers) callers=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    *) echo "usage: $0 [--callers N] [--repeat N]" >&2; exit 2 ;;
  esac
done

source "$root/tests/bench/benchlib.sh"
bench=$(build_release_ui_bench routing_matrix_bench)

echo "machine: $(nproc) cores; load average (1, 5, 15 min) at start: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
"$bench" --callers "$callers" --repeat "$repeat" || status=$?
echo "load average (1, 5, 15 min) at end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ $status -ne 0 ]]; then
  echo "the matrix took 1 s or more" >&2
fi
exit $status
