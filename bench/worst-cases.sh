#!/usr/bin/env bash
# Server CPU of the worst request each per-request bound of docs/limits.md allows: bench/worst-cases.sh [RUNS [CASE]]
# starts the server `mvn package` created (its application in dropins/) on port ${BENCH_HTTP_PORT:-9882} against
# database ${BENCH_DATABASE:-metastore_limits} (created when missing), runs bench/WorstCaseCpu.java (RUNS sends of
# each case, default 20, after as many warm-up sends; CASE: only the cases whose name holds it) and stops the
# server. Prints one Markdown row per case.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/liberty.sh
port=${BENCH_HTTP_PORT:-9882} db=${BENCH_DATABASE:-metastore_limits}
psql -h 127.0.0.1 -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db"
trap bench_server_stop EXIT
bench_server_start "$port" "METASTORE_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db"
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done
java bench/WorstCaseCpu.java "http://127.0.0.1:$port/metastore" "$(cat "$bench_wlp/usr/servers/.pid/metastore.pid")" \
  "$(bin/dev-token bench "limits:write")" "${1:-20}" "${2:-}"
