-- POST /records/search: all of namespace models sorted by metadata.size desc, limit 50; with a declared index on
-- metadata.size it walks that index
dofile("bench/wrk/common.lua")
wrk.method = "POST"
wrk.path = wrk.path .. "/records/search"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"filter":{"field":"namespace","op":"eq","value":"models"},'
  .. '"sort":[{"field":"metadata.size","direction":"desc"}],"limit":50}'
