-- GET /health/live at the server root: the cheapest answer Liberty gives, the floor for a GET
dofile("bench/wrk/common.lua")
wrk.path = wrk.path:gsub("/metastore$", "") .. "/health/live"
