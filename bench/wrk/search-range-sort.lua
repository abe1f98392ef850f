-- POST /records/search: namespace models, metadata.metrics.accuracy between [0.9, 0.95], sorted by metadata.size desc,
-- limit 50 (bench/sql/search-range-sort.sql in SQL); with declared indexes on both paths it walks the size index
dofile("bench/wrk/common.lua")
wrk.method = "POST"
wrk.path = wrk.path .. "/records/search"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"filter":{"and":[{"field":"namespace","op":"eq","value":"models"},'
  .. '{"field":"metadata.metrics.accuracy","op":"between","value":[0.9,0.95]}]},'
  .. '"sort":[{"field":"metadata.size","direction":"desc"}],"limit":50}'
