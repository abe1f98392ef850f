-- GET /records/{key} of a random one of the keys listed in the file named by WRK_KEYS (one key per line)
dofile("bench/wrk/common.lua")
local keys = {}
for line in io.lines(os.getenv("WRK_KEYS")) do keys[#keys + 1] = line end
local base = wrk.path
request = function()
  return wrk.format("GET", base .. "/records/" .. keys[math.random(#keys)])
end
