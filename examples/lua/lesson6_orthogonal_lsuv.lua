-- Lesson 6: beyond the seeds - orthogonal initialization and LSUV.
-- The Lua twin of examples/octave/lesson6_orthogonal_lsuv.m: a deep linear
-- network, orthogonal against N(0, 1/n), predicted against measured; then
-- LSUV rescaling a deep tanh network to unit pre-activation variance.
--
--   make lua && LUA_PATH="lua/?.lua;examples/lua/?.lua;;" \
--       LUA_CPATH="build/lua/?.so;;" lua5.4 examples/lua/lesson6_orthogonal_lsuv.lua [figures]
local il = require "initlab"
local lesson = require "lesson"
local claim = lesson.claim
local figures = lesson.figures()

-- 200 samples of 256 N(0, 1) values, drawn by the engine.
local X = lesson.gaussian(256, 200, 1)
local depth, m = 20, 200
local function square_net(act)
  local spec = {act = act}
  for l = 1, depth + 1 do spec[l] = 256 end
  return il.net(spec)
end

-- Column sums of squares: each sample's squared length.
local function lengths2(M)
  local rows, cols = M:size()
  local out = {}
  for j = 1, cols do
    local s = 0
    for i = 1, rows do s = s + M:get(i, j) ^ 2 end
    out[j] = s
  end
  return out
end
local function sum(list)
  local s = 0
  for _, v in ipairs(list) do s = s + v end
  return s
end

-- Prediction: every layer's second moment equals the input's (orthogonal:
-- exactly, sample by sample; N(0, 1/n): in expectation).
local input_lengths2 = lengths2(X)
local input_square = sum(input_lengths2) / (256 * m)
local names = {"orthogonal", "N(0, 1/n)"}
local inits = {{"orthogonal", {seed = 3}}, {"xavier_normal", {seed = 3}}}
local second_moment, length_spread = {{}, {}}, {{}, {}}
for k, init in ipairs(inits) do
  local net = square_net("linear")
  net:init(init[1], init[2])
  local _, _, A = net:forward(X, {keep = true})
  for l = 1, depth do
    local l2 = lengths2(A[l])
    second_moment[k][l] = sum(l2) / (256 * m) / input_square
    local lo, hi = math.huge, -math.huge
    for j = 1, m do
      local ratio = math.sqrt(l2[j] / input_lengths2[j])
      lo, hi = math.min(lo, ratio), math.max(hi, ratio)
    end
    length_spread[k][l] = hi - lo
  end
end
print(string.format("%6s %22s %22s %22s %22s", "layer", "moment/predicted orth", "moment/predicted N",
                    "length spread orth", "length spread N"))
for _, l in ipairs({1, 2, 5, 10, 15, 20}) do
  print(string.format("%6d %22.15f %22.4f %22.2e %22.3f", l, second_moment[1][l], second_moment[2][l],
                      length_spread[1][l], length_spread[2][l]))
end
local exact, kept, near = true, true, true
for l = 1, depth do
  exact = exact and math.abs(second_moment[1][l] - 1) < 1e-12
  kept = kept and length_spread[1][l] < 1e-12
  near = near and math.abs(second_moment[2][l] - 1) < 0.3
end
claim(exact, "orthogonal: every layer's second moment is the predicted one to 1e-12")
claim(kept, "orthogonal: every sample keeps its length through all 20 layers (to 1e-12)")
claim(near, "N(0, 1/n): the second moment follows the prediction on average (within 30%)")
claim(length_spread[2][depth] > 0.3,
      "N(0, 1/n): but single samples are stretched or shrunk (lengths spread over 0.3 at layer 20)")

-- A deep tanh network: orthogonal with gain 1 and with the tanh gain 5/3,
-- and LSUV to a pre-activation variance of 1 within tol 0.05.
local tanh_names = {"orthogonal, gain 1", "orthogonal, gain 5/3", "LSUV"}
local tanh_inits = {{"orthogonal", {seed = 3}}, {"orthogonal", {gain = il.gain("tanh"), seed = 3}},
                    {"lsuv", {X = X, tol = 0.05, max_trials = 10, seed = 3}}}
local variance, trials = {{}, {}, {}}, nil
for k, init in ipairs(tanh_inits) do
  local net = square_net("tanh")
  local _, used = net:init(init[1], init[2])
  if init[1] == "lsuv" then trials = used end
  local _, Z = net:forward(X, {keep = true})
  for l = 1, depth do
    local _, v = lesson.mean_var(lesson.values(Z[l]))
    variance[k][l] = v
  end
end
print(string.format("\npre-activation variance per layer\n%6s %22s %22s %22s", "layer", table.unpack(tanh_names)))
for _, l in ipairs({1, 2, 5, 10, 15, 20}) do
  print(string.format("%6d %22.4f %22.4f %22.4f", l, variance[1][l], variance[2][l], variance[3][l]))
end
print("LSUV trials per layer: [" .. lesson.row(" %d", trials) .. " ]")
local within, some, bounded = true, false, true
for l = 1, depth do
  within = within and math.abs(variance[3][l] - 1) <= 0.05
  some = some or trials[l] >= 1
  bounded = bounded and trials[l] <= 10
end
claim(within, "LSUV: every layer's pre-activation variance is within 0.05 of 1")
claim(some and bounded, "LSUV: it rescaled the layers that needed it, within the 10 trials allowed")
claim(variance[1][depth] < 0.5 * variance[1][1], "orthogonal with gain 1: tanh halves the variance over 20 layers")

local layers = lesson.range(depth)
local ones, low, high = {}, {}, {}
for l = 1, depth do ones[l], low[l], high[l] = 1, 0.95, 1.05 end
il.lines({
  {title = "deep linear network", xlabel = "layer", ylabel = "second moment / predicted",
   {x = layers, y = second_moment[1], label = names[1]}, {x = layers, y = second_moment[2], label = names[2]},
   {x = layers, y = ones, label = "predicted", dashed = true}},
  {title = "N(0, 1/n): spread of sample lengths (orthogonal: 0)", xlabel = "layer",
   ylabel = "max - min of ||a(x)|| / ||x||", {x = layers, y = length_spread[2], label = names[2]}},
}, {file = figures .. "/lesson6_linear.png", width = 1100, height = 400})
local panel = {title = "20 tanh layers of 256 units", xlabel = "layer", ylabel = "pre-activation variance"}
for k = 1, 3 do panel[k] = {x = layers, y = variance[k], label = tanh_names[k]} end
panel[4] = {x = layers, y = low, label = "LSUV tolerance", dashed = true}
panel[5] = {x = layers, y = high, label = "", dashed = true}
il.lines({panel}, {file = figures .. "/lesson6_tanh.png", width = 700})
