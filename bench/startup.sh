#!/usr/bin/env bash
# Start-up time of the service: bench/startup.sh [RUNS] starts the server that `mvn package` created RUNS times
# (default 3) from a clean work area on port ${BENCH_HTTP_PORT:-9881}, and prints, per run, the application's start
# (CWWKZ0001I) and the whole server's (CWWKF0011I) as Liberty reports them in messages.log, and the CPU time the
# server's JVM had used by then (the figure to compare on a busy machine). The environment passes
# through, so a setting can be compared, e.g. MP_OPENAPI_SCAN_DISABLE=false bench/startup.sh (the annotation scan
# that the build-time OpenAPI document replaced).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/liberty.sh
trap bench_server_stop EXIT
for run in $(seq 1 "${1:-3}"); do
  bench_server_start "${BENCH_HTTP_PORT:-9881}"
  echo "run $run: application $(bench_started_seconds CWWKZ0001I), server $(bench_started_seconds CWWKF0011I)," \
    "CPU $(bench_cpu_seconds)"
  bench_server_stop
done
