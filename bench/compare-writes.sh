#!/usr/bin/env bash
# Single-record write throughput of two running servers in one run (issue 16: the history's cost): PUTs of new keys
# (bench/wrk/put-new.lua) at the same number of clients, alternating between the servers round by round so that both
# meet the same machine, and the ratio of B's median to A's.
#
#   bench/compare-writes.sh URL_A URL_B [--clients 16] [--seconds 10] [--rounds 3]
#
# Each URL is an application root (http://127.0.0.1:9871/metastore) of a server that trusts the development key; each
# should have a database of its own, of the same kind. Writes add rows under jobs/bench-upsert-*.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: $0 URL_A URL_B [--clients N] [--seconds S] [--rounds R]" >&2; exit 2; }
url_a=$1 url_b=$2
shift 2
clients=16 seconds=10 rounds=3
while [ $# -gt 0 ]; do
  case $1 in
    --clients) clients=$2 ;; --seconds) seconds=$2 ;; --rounds) rounds=$2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
token=$(bin/dev-token bench '*:write')
threads=$(( clients < 2 ? 1 : 2 ))

# run URL SECONDS -> requests/s; a run with failed requests measures nothing
run() {
  local result
  result=$(wrk -t "$threads" -c "$clients" -d "${2}s" -s bench/wrk/put-new.lua -H "Authorization: Bearer $token" "$1" \
    | tail -n 1)
  [ "$(echo "$result" | awk '{print $4 + $5}')" = 0 ] || { echo "$1: failed requests: $result" >&2; exit 2; }
  echo "$result" | awk '{print $1}'
}

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

echo "PUT new keys, $clients clients, $seconds s per run, $rounds rounds (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
run "$url_a" 5 >/dev/null
run "$url_b" 5 >/dev/null
a=() b=()
for round in $(seq 1 "$rounds"); do
  a+=("$(run "$url_a" "$seconds")")
  b+=("$(run "$url_b" "$seconds")")
  echo "round $round: A ${a[-1]} req/s, B ${b[-1]} req/s"
done
median_a=$(printf '%s\n' "${a[@]}" | median)
median_b=$(printf '%s\n' "${b[@]}" | median)
echo "median: A $median_a req/s, B $median_b req/s, B/A $(awk -v a="$median_a" -v b="$median_b" 'BEGIN {printf "%.2f", b / a}')"
