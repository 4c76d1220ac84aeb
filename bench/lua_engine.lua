-- lua_engine.lua - the engine called from Lua: the coursework model on the
-- data and weights bench/coursework wrote (folder in arg[1]), and the
-- overhead of one net:forward on a tiny network, timed on il.clock (wall
-- time; os.clock would add the CPU time of BLAS's idle threads).
local il = require "initlab"
local dir, iters = arg[1], tonumber(arg[2] or 15000)

local function load(name)
  local rows = {}
  for line in io.lines(dir .. "/" .. name .. ".txt") do
    local row = {}
    for word in line:gmatch("%S+") do row[#row + 1] = tonumber(word) end
    if #row > 0 then rows[#rows + 1] = row end
  end
  return il.matrix(rows)
end

local X, Y = load("X"), load("Y")
local net = il.net{2, 10, 5, 1, act = {"relu", "relu", "sigmoid"}}
for l = 1, 3 do
  net.W[l] = load("W" .. l)
  net.b[l] = load("b" .. l)
end
local best, loss = math.huge
for _ = 1, 5 do
  local trained = net:copy()
  local t0 = il.clock()
  local rec = trained:train(X, Y, {iters = iters, lr = 0.01, verbose = false})
  best = math.min(best, il.clock() - t0)
  loss = rec.final_loss
  trained:close()
end
local tiny = il.net{2, 3, 1, act = {"tanh", "sigmoid"}}
local x = il.matrix{{0.5}, {-0.5}}
local calls = 20000
tiny:forward(x)
local t0 = il.clock()
for _ = 1, calls do tiny:forward(x) end
local forward = (il.clock() - t0) / calls
print(string.format("lua_us_per_iter %.3f", best / iters * 1e6))
print(string.format("lua_final_loss %.17g", loss))
print(string.format("lua_forward_us %.2f", forward * 1e6))
