-- POST /records/search: key prefix + metadata eq + tag, limit 50, full records (bench/sql/search-compound.sql in SQL)
dofile("bench/wrk/common.lua")
wrk.method = "POST"
wrk.path = wrk.path .. "/records/search"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"filter":{"and":[{"field":"key","op":"starts_with","value":"assets/"},'
  .. '{"field":"metadata.status","op":"eq","value":"active"},{"field":"tags","op":"array_contains","value":["prod"]}]},'
  .. '"limit":50}'
