#!/usr/bin/env bash
# Start-up time of the service: bench/startup.sh [RUNS] starts the server that `mvn package` created
# (target/liberty/wlp/usr/servers/metastore, the application from the last build) RUNS times (default 3) from a clean
# work area on port ${BENCH_HTTP_PORT:-9881}, and prints, per run, the application's start (CWWKZ0001I) and the whole
# server's (CWWKF0011I) as Liberty reports them in messages.log. The environment passes through, so a setting can be
# compared, e.g. MP_OPENAPI_SCAN_DISABLE=false bench/startup.sh (the annotation scan the build-time document replaced).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
wlp=target/liberty/wlp
log=$wlp/usr/servers/metastore/logs/messages.log
[ -d "$wlp/usr/servers/metastore" ] || { echo "no server: run mvn package first" >&2; exit 1; }
port=${BENCH_HTTP_PORT:-9881}
# the port, for these runs only: configDropins/overrides are read in name order, so this one wins over the build's
override=$wlp/usr/servers/metastore/configDropins/overrides/zz-bench-startup.xml
trap 'rm -f "$override"' EXIT
mkdir -p "$(dirname "$override")"
printf '<server>\n  <variable name="default.http.port" value="%s"/>\n  <variable name="default.https.port" value="%s"/>\n</server>\n' \
  "$port" "$((port + 1000))" >"$override"
seconds() { grep -o "$1[^\"]*started in [0-9.]* seconds" "$log" | grep -o '[0-9.]* seconds' | tail -n 1; }
for run in $(seq 1 "$runs"); do
  "$wlp/bin/server" stop metastore >/dev/null 2>&1 || true
  "$wlp/bin/server" start metastore --clean >/dev/null
  for _ in $(seq 1 600); do
    grep -q CWWKF0011I "$log" 2>/dev/null && grep -q 'CWWKZ0001I\|CWWKZ0002E' "$log" && break
    sleep 0.5
  done
  echo "run $run: application $(seconds CWWKZ0001I), server $(seconds CWWKF0011I)"
  "$wlp/bin/server" stop metastore >/dev/null
done
