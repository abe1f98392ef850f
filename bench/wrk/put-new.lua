-- PUT /records/jobs/bench-upsert-... of a key nobody has written, no precondition (bench/sql/upsert-new.sql in SQL)
dofile("bench/wrk/common.lua")
wrk.headers["Content-Type"] = "application/json"
local base, run, sent = wrk.path, os.time(), 0
local body = '{"metadata":{"size":123456,"status":"active","region":"eu-west-1","owner":{"team":"data"},'
  .. '"labels":["raw","daily"],"createdBy":"bench"},"tags":["prod","gold"],"owner":"team-data"}'
request = function()
  sent = sent + 1
  return wrk.format("PUT", string.format("%s/records/jobs/bench-upsert-%d-%d-%d", base, run, id, sent), nil, body)
end
