-- POST /records/bulk: an atomic bulk of 1,000 creates of keys nobody has written
dofile("bench/wrk/common.lua")
wrk.headers["Content-Type"] = "application/json"
local base, run, batches = wrk.path, os.time(), 0
request = function()
  batches = batches + 1
  local operations = {}
  for i = 1, 1000 do
    operations[i] = string.format('{"op":"create","key":"jobs/bench-bulk-%d-%d-%d-%d","metadata":{"size":%d,'
      .. '"status":"active","region":"eu-west-1"},"tags":["prod"],"owner":"team-data"}', run, id, batches, i, i)
  end
  return wrk.format("POST", base .. "/records/bulk", nil,
    '{"atomic":true,"operations":[' .. table.concat(operations, ",") .. ']}')
end
