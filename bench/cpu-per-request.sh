#!/usr/bin/env bash
# Server CPU per request: the service process's user+system CPU over a measured run, divided by the requests it
# answered. Unlike latency it barely moves when other work shares the machine, so it compares builds on a busy one.
#   bench/cpu-per-request.sh PID MIX REQUEST [CLIENTS] [SECONDS] [harness options...]
#   e.g. bench/cpu-per-request.sh "$(pgrep -f 'ws-server.jar metastore' | head -1)" search search-compound 4 20 \
#          --requests search-compound --url http://127.0.0.1:9081/metastore
# Prints: requests, CPU seconds, CPU ms per request. A warm-up run of the same length comes first and is not counted.
set -euo pipefail
cd "$(dirname "$0")/.."
pid=${1:?usage: $0 PID MIX REQUEST [CLIENTS] [SECONDS] [harness options...]} mix=${2:?} request=${3:?}
clients=${4:-4} seconds=${5:-20}
shift $(( $# < 5 ? $# : 5 ))
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
run() { java bench/LoadHarness.java --mix "$mix" --concurrency "$clients" --duration "$seconds" --warmup 0 "$@"; }
run "$@" > /dev/null 2>&1
before=$(ticks)
count=$(run "$@" 2>/dev/null | awk -F'|' -v r="$request" '$4 ~ " " r " " { gsub(/ /, "", $5); print $5 }' | tail -n 1)
after=$(ticks)
hz=$(getconf CLK_TCK)
awk -v c="$count" -v t="$(( after - before ))" -v hz="$hz" -v r="$request" \
  'BEGIN { printf "%s: %d requests, %.2f s CPU, %.3f ms CPU per request\n", r, c, t / hz, (c > 0 ? 1000 * t / hz / c : 0) }'
