-- Loaded by the other scripts (wrk runs them from the repository root). Numbers the threads (global `id` in each,
-- from 1) so that scripts writing new keys keep them apart, and after the run prints one last line
-- "requests/s p50-ms p95-ms non-2xx socket-errors p99-ms", which bench/check.sh reads: wrk's own summary has no p95.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("%.1f %.3f %.3f %d %d %.3f\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, summary.errors.status, errors,
    latency:percentile(99) / 1000))
end
