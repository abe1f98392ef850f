#!/usr/bin/env bash
# Times the hand-written SQL equivalents of the search mix (bench/sql/search-*.sql) directly in PostgreSQL with pgbench,
# so the service's own overhead shows when compared with `bench/run.sh search`.
# Usage: bench/sql-timing.sh [DATABASE] [SECONDS]   (defaults: metastore_bench, 10; concurrency 1 and 16)
# Prints Markdown rows: query, clients, transactions, p50/p95/p99 ms (from pgbench's per-transaction log), tps.
set -euo pipefail
database=${1:-metastore_bench}
seconds=${2:-10}
here=$(cd "$(dirname "$0")" && pwd)
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
echo "| query | clients | count | p50 ms | p95 ms | p99 ms | tps |"
echo "|---|---|---|---|---|---|---|"
for file in "$here"/sql/search-*.sql; do
  name=$(basename "$file" .sql)
  for clients in 1 16; do
    rm -f "$logs"/*
    # -M prepared: like the JDBC driver after a few executions; -l writes one line per transaction (latency in µs, column 3)
    tps=$(cd "$logs" && pgbench -n -M prepared -f "$file" -c "$clients" -j "$((clients < 2 ? 1 : 2))" -T "$seconds" -l \
          "$database" | awk '/^tps/ {print $3}')
    cat "$logs"/pgbench_log.* | awk '{print $3}' | sort -n | awk -v name="$name" -v clients="$clients" -v tps="$tps" '
      { v[NR] = $1 }
      function pct(p) { i = int(p / 100 * NR); if (i < p / 100 * NR) i++; return v[i < 1 ? 1 : i] / 1000 }
      END { printf "| %s | %d | %d | %.2f | %.2f | %.2f | %.1f |\n", name, clients, NR, pct(50), pct(95), pct(99), tps }'
  done
done
