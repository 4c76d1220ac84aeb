-- Lesson 5: deep ReLU networks - why He initialization exists.
-- The Lua twin of examples/octave/lesson5_deep_relu.m: 30 ReLU layers,
-- Xavier's variance 1/n against He's 2/n, at initialization (averaged over
-- 10 draws of a 256-wide network) and over 300 steps of training.
--
--   make lua && LUA_PATH="lua/?.lua;examples/lua/?.lua;;" \
--       LUA_CPATH="build/lua/?.so;;" lua5.4 examples/lua/lesson5_deep_relu.lua [figures]
local il = require "initlab"
local lesson = require "lesson"
local claim = lesson.claim
local figures = lesson.figures()

-- 500 samples of 100 N(0, 1) inputs, labelled by the sign of a random
-- teacher network around its median.
local X = lesson.gaussian(100, 500, 1)
local teacher = il.net{100, 20, 1, act = {"tanh", "linear"}}
teacher:init("xavier_normal", {seed = 2})
local score = lesson.values(teacher:forward(X))
local sorted = {table.unpack(score)}
table.sort(sorted)
local median = (sorted[250] + sorted[251]) / 2
local Y = il.matrix(1, 500)
for j = 1, 500 do Y:set(1, j, score[j] > median and 1 or 0) end

-- The first 200 samples, for the statistics at initialization.
local X200, Y200 = il.matrix(100, 200), il.matrix(1, 200)
for j = 1, 200 do
  for i = 1, 100 do X200:set(i, j, X:get(i, j)) end
  Y200:set(1, j, Y:get(1, j))
end

local function relu30(width)
  local spec = {100, act = {}}
  for l = 1, 30 do spec[l + 1] = width; spec.act[l] = "relu" end
  spec[32] = 1
  spec.act[31] = "sigmoid"
  return il.net(spec)
end
local wide = relu30(256)
local inits = {"xavier_normal", "he_normal"}
local draws = 10
local variance, grad_std = {{}, {}}, {{}, {}}
for k, init in ipairs(inits) do
  for l = 1, 30 do variance[k][l], grad_std[k][l] = 0, 0 end
  for seed = 1, draws do
    wide:init(init, {seed = seed})
    local s = wide:stats(X200, Y200)
    for l = 1, 30 do
      variance[k][l] = variance[k][l] + s.act_std[l][1] ^ 2 / draws
      grad_std[k][l] = grad_std[k][l] + s.grad_std[l][1] / draws
    end
  end
end
print(string.format("%6s %16s %16s %16s %16s", "layer", "var Xavier", "var He", "grad std Xavier", "grad std He"))
for _, l in ipairs({1, 2, 5, 10, 15, 20, 25, 30}) do
  print(string.format("%6d %16.3g %16.3g %16.3g %16.3g", l, variance[1][l], variance[2][l],
                      grad_std[1][l], grad_std[2][l]))
end
local ratio = {variance[1][30] / variance[1][1], variance[2][30] / variance[2][1]}
print(string.format("\nvariance at layer 30 / layer 1: Xavier %.3g, He %.3g", ratio[1], ratio[2]))
claim(ratio[2] >= 0.5 and ratio[2] <= 2, "He: the variance ratio layer 30 / layer 1 is within [0.5, 2]")
claim(ratio[1] < 0.01, "Xavier: the variance ratio layer 30 / layer 1 is below 0.01")
claim(grad_std[1][1] / grad_std[1][30] < 1e-3 and grad_std[2][1] / grad_std[2][30] > 0.1,
      "Xavier's gradient shrinks 1000-fold on its way down to layer 1; He's keeps its size")

-- Training for a fixed budget: width 64, 300 steps with momentum (lr 0.003;
-- Adam would rescue Xavier, its per-weight steps undoing the vanishing).
local recs = {}
for k, init in ipairs(inits) do
  local net = relu30(64)
  net:init(init, {seed = 1})
  recs[k] = net:train(X, Y, {iters = 300, lr = 0.003, optimizer = "momentum", record_every = 10,
                             record = {"loss"}, verbose = false})
  local _, accuracy = net:evaluate(X, Y)
  print(string.format("%-14s loss %.4f -> %.4f, accuracy %.3f", init, recs[k].loss[1],
                      recs[k].loss[#recs[k].loss], accuracy))
end
claim(recs[1].loss[#recs[1].loss] > 0.6, "Xavier: training stalls near ln 2 (loss above 0.6 after 300 steps)")
claim(recs[2].loss[#recs[2].loss] < 0.2, "He: the loss falls below 0.2 in the same 300 steps")

local layers = lesson.range(30)
il.lines({
  {xlabel = "layer", ylabel = "activation variance (mean of 10 draws)", logy = true,
   {x = layers, y = variance[1], label = "Xavier"}, {x = layers, y = variance[2], label = "He"}},
  {xlabel = "layer", ylabel = "std of dL/dz", logy = true,
   {x = layers, y = grad_std[1], label = "Xavier"}, {x = layers, y = grad_std[2], label = "He"}},
}, {file = figures .. "/lesson5_variance.png", width = 1100, height = 400})
il.plot(recs, "loss", {labels = {"Xavier", "He"}, file = figures .. "/lesson5_loss.png"})
