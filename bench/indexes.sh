#!/usr/bin/env bash
# Declared indexes at scale (issue 15), against a running service on a database loaded with bench/dataset.sh:
#
#   bench/indexes.sh [--url http://127.0.0.1:9881/metastore] [--seconds 20] [--build-seconds 10]
#
# 1. declares number indexes on metadata.metrics.accuracy and metadata.size in namespace models (about a tenth of the
#    records) and reports how long each took to be ready;
# 2. measures the range-and-sort search (bench/wrk/search-range-sort.lua) and the namespace alone sorted by
#    metadata.size desc (bench/wrk/search-namespace-sort.lua) with 1 and 16 clients;
# 3. runs 8 writers of new keys (bench/wrk/put-new.lua) alone, then again for --build-seconds while an index on assets'
#    metadata.size (about a third of the records) builds from their first second on (choose it about as long as the
#    build, so that the build's effect is not diluted in the writers' p99), and reports their failures and p99;
# 4. deletes the indexes it declared, so that the next run declares them afresh.
# Needs wrk (Debian's package); the service must trust the development key (the standalone server).
set -euo pipefail
cd "$(dirname "$0")/.."
url=http://127.0.0.1:9881/metastore seconds=20 build_seconds=10
while [ $# -gt 0 ]; do
  case $1 in
    --url) url=$2 ;; --seconds) seconds=$2 ;; --build-seconds) build_seconds=$2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
token=$(bin/dev-token bench '*:admin')
auth=(-H "Authorization: Bearer $token")

# declare NAMESPACE NAME FIELD: PUT the declaration, then poll until it is ready; prints the seconds it took
declare_index() {
  local start status state
  start=$(date +%s.%N)
  status=$(curl -s -o /dev/null -w '%{http_code}' -X PUT "${auth[@]}" -H 'Content-Type: application/json' \
    "$url/indexes/$1/$2" -d "{\"field\": \"$3\", \"type\": \"number\"}")
  [ "$status" = 202 ] || [ "$status" = 200 ] || { echo "PUT /indexes/$1/$2 answered $status" >&2; exit 2; }
  while state=$(curl -fsS "${auth[@]}" "$url/indexes/$1/$2" | grep -o '"state":"[a-z]*"' | cut -d'"' -f4); do
    case $state in
      ready) break ;;
      failed) echo "index $1/$2 failed: $(curl -fsS "${auth[@]}" "$url/indexes/$1/$2")" >&2; exit 2 ;;
    esac
    sleep 0.2
  done
  awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'
}

delete_index() {
  curl -s -o /dev/null -X DELETE "${auth[@]}" "$url/indexes/$1/$2"
}

# wrk_of SCRIPT CLIENTS SECONDS -> "req/s p50 p95 non-2xx socket-errors p99" (bench/wrk/common.lua's last line)
wrk_of() {
  wrk -t "$(( $2 < 2 ? 1 : 2 ))" -c "$2" -d "${3}s" -s "bench/wrk/$1.lua" "${auth[@]}" "$url" | tail -n 1
}

echo "declared indexes against $url (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
trap 'delete_index models bench-accuracy; delete_index models bench-size; delete_index assets bench-size' EXIT
echo "models/bench-accuracy (metadata.metrics.accuracy) ready after $(declare_index models bench-accuracy metadata.metrics.accuracy) s"
echo "models/bench-size (metadata.size) ready after $(declare_index models bench-size metadata.size) s"
echo
echo "| search | clients | req/s | p50 ms | p95 ms | non-2xx | socket errors | p99 ms |"
echo "|---|---|---|---|---|---|---|---|"
for search in search-range-sort search-namespace-sort; do
  for clients in 1 16; do
    wrk_of "$search" "$clients" 5 > /dev/null   # warm-up
    echo "| $search | $clients | $(wrk_of "$search" "$clients" "$seconds" | tr ' ' '|' | sed 's/|/ | /g') |"
  done
done
echo
baseline=$(wrk_of put-new 8 "$seconds")
echo "8 writers alone, $seconds s: $baseline (req/s p50 p95 non-2xx socket-errors p99)"
during=$(mktemp)
wrk_of put-new 8 "$build_seconds" > "$during" &
writers=$!
sleep 1
built=$(declare_index assets bench-size metadata.size)
wait "$writers"
echo "8 writers while assets/bench-size built (ready after $built s of their $build_seconds s): $(cat "$during")"
rm -f "$during"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
