# Sourced by the bench scripts: starts and stops the server `mvn package` created (target/liberty/wlp/usr/servers/
# metastore) with the application of the last build (target/metastore.war, copied into its dropins, since only
# liberty:run and liberty:dev deploy into that server) and Liberty variables of the run's own (port, database URL),
# written as a configDropins override that sorts after the build's and is removed when the server stops.
bench_wlp=target/liberty/wlp
bench_log=$bench_wlp/usr/servers/metastore/logs/messages.log
bench_override=$bench_wlp/usr/servers/metastore/configDropins/overrides/zz-bench.xml
bench_application=$bench_wlp/usr/servers/metastore/dropins/metastore.war

# bench_server_start PORT [NAME=VALUE ...]: a clean start with these Liberty variables; returns once Liberty reports
# the server (CWWKF0011I) and the application (CWWKZ0001I, or its failure CWWKZ0002E) started
bench_server_start() {
  local port=$1 variable
  shift
  [ -d "$bench_wlp/usr/servers/metastore" ] && [ -f target/metastore.war ] \
    || { echo "no server or application: run mvn package first" >&2; return 1; }
  "$bench_wlp/bin/server" stop metastore >/dev/null 2>&1 || true
  cp target/metastore.war "$bench_application"
  mkdir -p "$(dirname "$bench_override")"
  {
    echo '<server>'
    printf '  <variable name="default.http.port" value="%s"/>\n  <variable name="default.https.port" value="-1"/>\n' "$port"
    for variable in "$@"; do printf '  <variable name="%s" value="%s"/>\n' "${variable%%=*}" "${variable#*=}"; done
    echo '</server>'
  } >"$bench_override"
  "$bench_wlp/bin/server" start metastore --clean >/dev/null
  for _ in $(seq 1 600); do
    grep -q CWWKF0011I "$bench_log" 2>/dev/null && grep -q 'CWWKZ0001I\|CWWKZ0002E' "$bench_log" && return 0
    sleep 0.5
  done
  echo "the server did not start within 5 minutes" >&2
  return 1
}

# bench_started_seconds MESSAGE_ID: the "started in N seconds" Liberty logged with that message id
bench_started_seconds() {
  grep -o "$1[^\"]*started in [0-9.]* seconds" "$bench_log" | grep -o '[0-9.]* seconds' | tail -n 1
}

# bench_cpu_seconds: CPU seconds (user + system) the server's JVM has used so far; unlike the wall-clock figures above,
# it hardly moves when other processes compete for the cores
bench_cpu_seconds() {
  awk -v tick="$(getconf CLK_TCK)" '{printf "%.1f s", ($14 + $15) / tick}' \
    "/proc/$(cat "$bench_wlp/usr/servers/.pid/metastore.pid")/stat"
}

bench_server_stop() {
  "$bench_wlp/bin/server" stop metastore >/dev/null 2>&1 || true
  rm -f "$bench_override" "$bench_application"
}
