#!/usr/bin/env bash
# What PgBouncer in transaction mode costs: bench/pgbouncer.sh [MIX ...] (default: crud bulk) runs the server that
# `mvn package` created on port 9081 against database metastore_bench (created when missing) twice, first directly
# on PostgreSQL (127.0.0.1:5432), then through a PgBouncer it starts on 127.0.0.1:${BENCH_PGBOUNCER_PORT:-6433}
# (transaction mode, 20 server connections like METASTORE_DB_POOL_MAX, prepareThreshold=0, migration direct, as
# docs/operations.md says), and each time runs bench/run.sh MIX --concurrency 1,16 --duration 20 --warmup 5.
# Needs Debian's pgbouncer; as root, PgBouncer runs as the OS user postgres. Compare the two tables per mix.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/liberty.sh
mixes=${*:-crud bulk}
bport=${BENCH_PGBOUNCER_PORT:-6433}
db=metastore_bench
direct="jdbc:postgresql://127.0.0.1:5432/$db"
command -v pgbouncer >/dev/null || { echo "pgbouncer is not installed (apt-get install pgbouncer)" >&2; exit 1; }
psql -h 127.0.0.1 -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db"

work=$(mktemp -d)
as_user=()
if [ "$(id -u)" = 0 ]; then chown postgres "$work"; as_user=(runuser -u postgres --); fi
stop() {
  bench_server_stop
  [ -f "$work/pgbouncer.pid" ] && kill "$(cat "$work/pgbouncer.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT
echo '"postgres" ""' >"$work/userlist.txt"
cat >"$work/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=5432
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $bport
unix_socket_dir =
auth_type = trust
auth_file = $work/userlist.txt
pool_mode = transaction
default_pool_size = 20
max_client_conn = 500
ignore_startup_parameters = extra_float_digits
logfile = $work/pgbouncer.log
pidfile = $work/pgbouncer.pid
INI
"${as_user[@]}" pgbouncer -d "$work/pgbouncer.ini"

run() {
  local name=$1
  shift
  bench_server_start 9081 "$@"
  for _ in $(seq 1 120); do curl -sf http://127.0.0.1:9081/health/ready >/dev/null && break; sleep 1; done
  for mix in $mixes; do
    echo "### $mix, $name"
    bench/run.sh "$mix" --concurrency 1,16 --duration 20 --warmup 5
  done
  bench_server_stop
}
run "direct" "METASTORE_DB_URL=$direct"
run "through PgBouncer (transaction mode)" \
  "METASTORE_DB_URL=jdbc:postgresql://127.0.0.1:$bport/$db?prepareThreshold=0" "METASTORE_DB_MIGRATION_URL=$direct"
