#!/usr/bin/env bash
# Loads COUNT generated records straight into metastore.metastore_records (see bench/dataset.sql for their shape).
# Usage: bench/dataset.sh COUNT [DATABASE] [--truncate]
#   --truncate  empty the table first; keys are then <namespace>/<stem><7-digit row>, e.g. assets/asset-0000123
#   default     append; keys carry a run tag (assets/asset-r1764282000-0000123) so they never collide with rows
#               already there, and the run tag also seeds the values so two runs differ.
# The table must exist: start the service once against DATABASE (Flyway creates schema metastore).
# Connection through the usual PG* variables; defaults 127.0.0.1:5432, user postgres, database metastore_bench.
# Inserts in chunks of DATASET_CHUNK rows (default 100000) and prints a progress line after each.
set -euo pipefail
count=${1:?usage: $0 COUNT [DATABASE] [--truncate]}
database=metastore_bench
truncate=false
for arg in "${@:2}"; do
  case $arg in
    --truncate) truncate=true ;;
    -*) echo "unknown option $arg" >&2; exit 2 ;;
    *) database=$arg ;;
  esac
done
if $truncate; then run='' seed=0; else stamp=$(date +%s); run="r$stamp-" seed=$stamp; fi
chunk=${DATASET_CHUNK:-100000}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
start=$(date +%s.%N)
elapsed() { echo "$(date +%s.%N) - $start" | bc; }
for ((first = 1; first <= count; first += chunk)); do
  last=$((first + chunk - 1 < count ? first + chunk - 1 : count))
  psql -X -q -d "$database" -v first="$first" -v last="$last" -v run="$run" -v seed="$seed" \
    -v truncate="$([ "$first" = 1 ] && echo "$truncate" || echo false)" -f "$(dirname "$0")/dataset.sql"
  printf 'dataset: %d of %d records (%d %%) after %.0f s\n' "$last" "$count" "$((100 * last / count))" "$(elapsed)"
done
echo "dataset: VACUUM ANALYZE (flushes the GIN pending lists, refreshes planner statistics)"
psql -X -q -d "$database" -c 'VACUUM ANALYZE metastore.metastore_records'
printf 'loaded %d records into %s in %.1f s (truncate=%s, run tag "%s", includes VACUUM ANALYZE)\n' \
  "$count" "$database" "$(elapsed)" "$truncate" "$run"
