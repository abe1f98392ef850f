#!/usr/bin/env bash
# Loads the development fixtures (seeds/records.json: assets, jobs and models with nested metadata and tags) into a
# running Metastore through one atomic bulk call. Safe to repeat: every operation is an upsert.
# Usage: seeds/load.sh [BASE_URL]   (default http://localhost:9080/metastore)
# Waits up to READY_TIMEOUT_SECONDS (default 180) for the server's /health/ready, so it can follow `mvn liberty:run &`.
# Uses $TOKEN when set (it needs assets:write, jobs:write and models:write), else mints one with bin/dev-token.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
base=${1:-http://localhost:9080/metastore}
root=$(printf '%s' "$base" | sed -E 's#^([a-z]+://[^/]+).*#\1#')   # /health lives at the server root
token=${TOKEN:-$("$here/bin/dev-token" seed-loader 'assets:write' 'jobs:write' 'models:write')}
answer=$(mktemp "${TMPDIR:-/tmp}/metastore-seeds.XXXXXX")
trap 'rm -f "$answer"' EXIT

deadline=$((SECONDS + ${READY_TIMEOUT_SECONDS:-180}))
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$root/health/ready")" = 200 ]; do
  if [ $SECONDS -ge $deadline ]; then
    echo "$root/health/ready did not answer 200 within ${READY_TIMEOUT_SECONDS:-180} s; is the service running?" >&2
    exit 1
  fi
  [ -n "${waiting:-}" ] || { echo "Waiting for $root/health/ready ..."; waiting=yes; }
  sleep 2
done

status=$(curl -s -o "$answer" -w '%{http_code}' -X POST "$base/records/bulk" \
  -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary @"$here/seeds/records.json")
if [ "$status" != 200 ]; then
  echo "Loading seeds failed with HTTP $status:" >&2
  cat "$answer" >&2
  exit 1
fi
echo "Loaded $(grep -o '"index"' "$answer" | wc -l) records into $base"
