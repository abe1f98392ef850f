#!/usr/bin/env bash
# Times the page statement the service's compiler builds for each search request of CASES, straight in PostgreSQL:
# prepared like PgJDBC does, EXPLAIN (ANALYZE, BUFFERS) RUNS times, custom plans unless PLAN_CACHE_MODE says otherwise.
# Usage: bench/explain-search.sh DATABASE CASES [RUNS] [PLAN_CACHE_MODE]   (defaults: 5, force_custom_plan)
#   CASES  a file of lines "name|request body", e.g. bench/sql/key-order-searches.txt
# Prints Markdown rows: name, median planning + execution ms, rows the last run read from the table (returned or
# dropped by a filter, over every scan), and the last plan's scan nodes. PLANS=DIR keeps each last plan as DIR/name.txt.
# Needs the service and its tests compiled (mvn -q test-compile); the dependency class path is written to target/ on first use.
set -euo pipefail
database=${1:?usage: $0 DATABASE CASES [RUNS] [PLAN_CACHE_MODE]}
cases=${2:?usage: $0 DATABASE CASES [RUNS] [PLAN_CACHE_MODE]}
runs=${3:-5}
mode=${4:-force_custom_plan}
root=$(cd "$(dirname "$0")/.." && pwd)
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
[ -s "$root/target/bench.classpath" ] || (cd "$root" && mvn -q -B dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath >/dev/null)
classpath="$root/target/classes:$root/target/test-classes:$(cat "$root/target/bench.classpath")"
echo "| search | ms (median of $runs, $mode) | rows read | scans |"
echo "|---|---|---|---|"
while IFS='|' read -r name request; do
  [ -z "$name" ] && continue
  script=$(java -cp "$classpath" "$root/bench/ExplainSearch.java" "$request" "$mode")
  times=()
  for _ in $(seq "$runs"); do
    plan=$(echo "$script" | psql -X -q -v ON_ERROR_STOP=1 -d "$database")
    times+=("$(echo "$plan" | awk '/(Planning|Execution) Time:/ {sum += $3} END {print sum}')")
  done
  [ -n "${PLANS:-}" ] && mkdir -p "$PLANS" && echo "$plan" > "$PLANS/$name.txt"
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')
  # rows a scan node of the table returned (per loop, times loops) plus those its filter dropped; unexecuted nodes
  # count nothing
  read_rows=$(echo "$plan" | awk '
    /(Scan|Scan (Backward )?using [a-z_]+) on metastore_records/ && !/Bitmap Index/ {
      scan = 0
      if ($0 !~ /never executed/) {
        match($0, /rows=[0-9]+ loops=[0-9]+\)$/); split(substr($0, RSTART, RLENGTH), f, /[= )]/)
        total += f[2] * f[4]; scan = 1
      }
      next }
    scan && /Rows Removed by (Filter|Index Recheck)/ { total += $NF }
    /->/ { scan = 0 }
    END { print total + 0 }')
  scans=$(echo "$plan" | awk '
    match($0, /(Index (Only )?Scan (Backward )?using|Bitmap Index Scan on|Seq Scan on) metastore_records[a-z_]*/) {
      scan = substr($0, RSTART, RLENGTH); sub(/ (using|on) metastore_records_?/, " ", scan); sub(/ $/, "", scan)
      printf "%s%s%s", (n++ ? ", " : ""), scan, (/never executed/ ? " (not run)" : "") }')
  printf '| %s | %.1f | %s | %s |\n' "$name" "$median" "$read_rows" "$scans"
done < "$cases"
