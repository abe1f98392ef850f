#!/usr/bin/env bash
# Runs the load harness: bench/run.sh MIX [--concurrency 1,16] [--duration 20] [--warmup 5] [--records N] [--url URL]
# MIX is search, crud, bulk or bulk-load; see bench/LoadHarness.java and docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mix=${1:?usage: $0 search|crud|bulk|bulk-load [--name value ...]}
shift
exec java bench/LoadHarness.java --mix "$mix" --url "${METASTORE_URL:-http://127.0.0.1:9081/metastore}" "$@"
