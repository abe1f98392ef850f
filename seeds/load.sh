#!/usr/bin/env bash
# Loads the development fixtures (seeds/records.json: assets, jobs and models with nested metadata and tags) into a
# running Metastore through one atomic bulk call. Safe to repeat: every operation is an upsert.
# Usage: seeds/load.sh [BASE_URL]   (default http://localhost:9080/metastore)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
base=${1:-http://localhost:9080/metastore}
token=$("$here/bin/dev-token" seed-loader 'assets:write' 'jobs:write' 'models:write')
status=$(curl -s -o /tmp/metastore-seeds.out -w '%{http_code}' -X POST "$base/records/bulk" \
  -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary @"$here/seeds/records.json")
if [ "$status" != 200 ]; then
  echo "Loading seeds failed with HTTP $status:" >&2
  cat /tmp/metastore-seeds.out >&2
  exit 1
fi
echo "Loaded $(grep -o '"index"' /tmp/metastore-seeds.out | wc -l) records into $base"
