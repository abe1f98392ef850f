#!/usr/bin/env bash
# The hot path's measures as same-run ratios (issue 14), each against its target; exits 1 when one slips more than
# 20 % past its target, so a change can be checked against them in a few minutes.
#
#   bench/check.sh [--url http://127.0.0.1:9081/metastore] [--database metastore_bench] [--seconds 10] [--log PATH]
#
# Needs a running service that trusts the development key (the standalone server) on a database loaded with
# bench/dataset.sh (1M records for the recorded figures), wrk (Debian's package) and pgbench. --log names the
# server's messages.log: the application's start time (CWWKZ0001I) is read from it; without it that measure is
# reported as not measured. Writes (upserts, bulks) add rows under jobs/bench-*.
set -euo pipefail
cd "$(dirname "$0")/.."
url=http://127.0.0.1:9081/metastore database=metastore_bench seconds=10 log=
while [ $# -gt 0 ]; do
  case $1 in
    --url) url=$2 ;; --database) database=$2 ;; --seconds) seconds=$2 ;; --log) log=$2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
warmup=$(( seconds / 3 > 2 ? seconds / 3 : 2 ))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# wrk_of SCRIPT CLIENTS -> "req/s p50 p95" of the requests bench/wrk/SCRIPT.lua sends (wrk, not the JVM harness: on
# 2 cores a load generator must cost the machine far less than the server it measures). A warm-up run comes first.
token=$(bin/dev-token bench '*:write')
wrk_of() {
  local script=$1 clients=$2 result
  local run=(wrk -t "$(( clients < 2 ? 1 : 2 ))" -c "$clients" -s "bench/wrk/$script.lua" -H "Authorization: Bearer $token")
  "${run[@]}" -d "${warmup}s" "$url" > /dev/null
  result=$("${run[@]}" -d "${seconds}s" "$url" | tail -n 1)
  # fields: req/s p50 p95 non-2xx socket-errors; a measure with failed requests measures nothing
  [ "$(field "$result" 4)" = 0 ] && [ "$(field "$result" 5)" = 0 ] \
    || { echo "bench/wrk/$script.lua: $(field "$result" 4) answers not 2xx, $(field "$result" 5) socket errors" >&2; exit 2; }
  echo "$result" | awk '{print $1, $2, $3}'
}

# pgbench FILE CLIENTS -> "tps p50 p95" (latencies from pgbench's per-transaction log)
pgbench_of() {
  local file=$1 clients=$2 tps
  rm -f "$work"/pgbench_log.*
  tps=$(cd "$work" && pgbench -n -M prepared -f "$OLDPWD/$file" -c "$clients" -j "$(( clients < 2 ? 1 : 2 ))" \
        -T "$seconds" -l "$database" | awk '/^tps/ {print $3}')
  cat "$work"/pgbench_log.* | awk '{print $3}' | sort -n | awk -v tps="$tps" '
    { v[NR] = $1 }
    function pct(p) { i = int(p / 100 * NR); if (i < p / 100 * NR) i++; return v[i < 1 ? 1 : i] / 1000 }
    END { printf "%s %.3f %.3f\n", tps, pct(50), pct(95) }'
}

field() { echo "$1" | awk -v n="$2" '{print $n}'; }

# read before the load, which rolls messages.log over within minutes (every request writes its access line)
started=
if [ -n "$log" ]; then
  started=$(grep -ho 'CWWKZ0001I: Application metastore started in [0-9.]* seconds' "$log" | tail -n 1 \
    | awk '{print $(NF-1)}' || true)
fi
echo "measuring against $url and database $database, $seconds s per measure (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
export WRK_KEYS=$work/keys
curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$url/records/search" \
    -d '{"filter": {"field": "key", "op": "starts_with", "value": "assets/"}, "fields": ["key"], "limit": 1000}' \
  | grep -o '"key":"[^"]*"' | cut -d'"' -f4 > "$WRK_KEYS"
[ -s "$WRK_KEYS" ] || { echo "no records in namespace assets: load bench/dataset.sh first" >&2; exit 2; }
search1=$(wrk_of search-compound 1)
search16=$(wrk_of search-compound 16)
sql1=$(pgbench_of bench/sql/search-compound.sql 1)
sql16=$(pgbench_of bench/sql/search-compound.sql 16)
get16=$(wrk_of get 16)
live16=$(wrk_of live 16)
put16=$(wrk_of put-new 16)
upsertsql16=$(pgbench_of bench/sql/upsert-new.sql 16)
bulk1=$(wrk_of bulk-create 1)

failed=0
# check NAME VALUE OP TARGET DETAIL: OP is >= or <=; slipping means more than 20 % past the target
check() {
  local name=$1 value=$2 op=$3 target=$4 detail=$5 verdict
  if [ -z "$value" ]; then
    printf '| %s | not measured | %s %s | %s |\n' "$name" "$op" "$target" "$detail"; return
  fi
  verdict=$(awk -v v="$value" -v op="$op" -v t="$target" 'BEGIN {
    met = (op == ">=") ? v >= t : v <= t
    slipped = (op == ">=") ? v < 0.8 * t : v > 1.2 * t
    print met ? "met" : (slipped ? "SLIPPED" : "missed, within 20 %") }')
  [ "$verdict" = SLIPPED ] && failed=1
  printf '| %s | %s | %s %s | %s | %s |\n' "$name" "$value" "$op" "$target" "$verdict" "$detail"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }

echo
echo "| measure | value | target | verdict | from |"
echo "|---|---|---|---|---|"
check "compound search, 16 clients, over pgbench of its SQL" "$(ratio "$(field "$search16" 1)" "$(field "$sql16" 1)")" ">=" 0.25 \
  "$(field "$search16" 1) req/s against $(field "$sql16" 1) tps"
check "compound search, 1 client, p95 ms" "$(field "$search1" 3)" "<=" 4 "p50 $(field "$search1" 2) ms"
check "GET one record, 16 clients, over /health/live" "$(ratio "$(field "$get16" 1)" "$(field "$live16" 1)")" ">=" 0.50 \
  "$(field "$get16" 1) req/s against $(field "$live16" 1)"
check "PUT of new keys, 16 clients, over pgbench of a one-row upsert" "$(ratio "$(field "$put16" 1)" "$(field "$upsertsql16" 1)")" ">=" 0.18 \
  "$(field "$put16" 1) req/s against $(field "$upsertsql16" 1) tps"
check "atomic bulk of 1,000 creates, p95 ms" "$(field "$bulk1" 3)" "<=" 80 "p50 $(field "$bulk1" 2) ms, 1 client"
check "application start, s (CWWKZ0001I)" "$started" "<=" 4 "${log:-no --log given}"
check "compound search over its own SQL, 1 client, p50 ms" \
  "$(awk -v a="$(field "$search1" 2)" -v b="$(field "$sql1" 2)" 'BEGIN { printf "%.2f", a - b }')" "<=" 1.5 \
  "service p50 $(field "$search1" 2) ms, SQL p50 $(field "$sql1" 2) ms"
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $failed
