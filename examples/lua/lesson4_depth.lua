-- Lesson 4: depth - how the scale of the weights compounds layer by layer.
-- The Lua twin of examples/octave/lesson4_depth.m: ten tanh layers of 500
-- units on 1000 Gaussian inputs, started four ways (the CS231n statistics
-- demo), then Glorot & Bengio's sigmoid network, whose top hidden layer is
-- driven towards 0 early in training.
--
--   make lua && LUA_PATH="lua/?.lua;examples/lua/?.lua;;" \
--       LUA_CPATH="build/lua/?.so;;" lua5.4 examples/lua/lesson4_depth.lua [figures]
local il = require "initlab"
local lesson = require "lesson"
local claim = lesson.claim
local figures = lesson.figures()

-- 1000 samples of 500 N(0, 1) values: the 500 x 1000 weights of a layer
-- drawn with a normal initializer (the same numbers as in Octave).
local X = lesson.gaussian(500, 1000, 1)

local sizes = {500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500}
local starts = {
  {"N(0, 0.01^2)", "normal", {std = 0.01, seed = 2}},
  {"N(0, 1)", "normal", {std = 1, seed = 2}},
  {"N(0, 1/n) (Xavier)", "normal", {std = 1 / math.sqrt(500), seed = 2}},
  {"Xavier, tanh gain 5/3", "xavier_normal", {gain = il.gain("tanh"), seed = 2}},
}
local stats = {}
for k, start in ipairs(starts) do
  local net = il.net{act = "tanh", table.unpack(sizes)}
  net:init(start[2], start[3])
  stats[k] = net:stats(X, nil, {hist_bins = 40, hist_range = {-1, 1}})
end

local header = {string.format("%-6s", "layer")}
for k = 1, 4 do header[#header + 1] = string.format("%24s", starts[k][1]) end
print(table.concat(header))
for l = 1, 10 do
  local row = {string.format("%-6d", l)}
  for k = 1, 4 do
    row[#row + 1] = string.format("%13.3g std %4.0f%% sat", stats[k].act_std[l][1],
                                  100 * stats[k].saturation[l][1])
  end
  print(table.concat(row))
end

local ratio = {}
for k = 1, 4 do ratio[k] = stats[k].act_std[10][1] / stats[k].act_std[1][1] end
print(string.format("\nstd at layer 10 / std at layer 1: [%s ]", lesson.row(" %.3g", ratio)))
local piled, level = true, true
for l = 1, 10 do
  piled = piled and stats[2].saturation[l][1] > 0.9 and stats[2].act_std[l][1] > 0.9
  level = level and stats[4].saturation[l][1] < 0.2
end
claim(ratio[1] < 1e-4, "N(0, 0.01^2): the activations' std collapses (layer 10 / layer 1 < 1e-4)")
claim(piled, "N(0, 1): over 90% of the units saturated in every layer, activations piled at +-1")
claim(ratio[3] > 0.2 and ratio[3] < 1, "Xavier: the std shrinks only slowly (layer 10 / layer 1 between 0.2 and 1)")
claim(math.abs(ratio[4] - 1) < 0.25 and level,
      "Xavier with the tanh gain: the std stays level (within 25%), few units saturated")

-- Histograms of layers 1, 4, 7 and 10 at initialization, and mean +- std
-- of every layer.
local centers = {}
for b = 1, 40 do centers[b] = -1 + (b - 0.5) * 2 / 40 end
local hist_panels, spread_panels = {}, {}
for k = 1, 4 do
  local panel = {title = starts[k][1], xlabel = "activation", ylabel = k == 1 and "units per sample" or nil}
  for _, l in ipairs({1, 4, 7, 10}) do
    local per_sample = {}
    for b = 1, 40 do per_sample[b] = stats[k].hist[l][1][b] / 1000 end
    panel[#panel + 1] = {x = centers, y = per_sample, label = "layer " .. l}
  end
  hist_panels[k] = panel
  local means, stds = {}, {}
  for l = 1, 10 do means[l], stds[l] = stats[k].act_mean[l][1], stats[k].act_std[l][1] end
  spread_panels[k] = {title = starts[k][1], xlabel = "layer", yrange = {-1.2, 1.2},
                      {x = lesson.range(10), y = means, err = stds, label = "mean +- std"}}
end
il.lines(hist_panels, {file = figures .. "/lesson4_histograms.png", width = 1600, height = 420})
il.lines(spread_panels, {file = figures .. "/lesson4_mean_std.png", width = 1600, height = 380})

-- Sigmoid: the standard initialization U[-1/sqrt(n), 1/sqrt(n)] against
-- the normalized one, four hidden layers of 100 on three spirals,
-- mini-batches of 10 at lr 0.1 for 3,000 steps; saturation counted with a
-- slope at most half the largest (sat_theta 0.5).
local S, T = il.dataset("spirals", {n = 900, classes = 3, seed = 1})
local inits = {
  {"standard", "variance_scaling", {scale = 1 / 3, mode = "fan_in", distribution = "uniform", seed = 1}},
  {"normalized", "xavier_uniform", {seed = 1}},
}
local recs = {}
for k, init in ipairs(inits) do
  local deep = il.net{2, 100, 100, 100, 100, 3, act = {"sigmoid", "sigmoid", "sigmoid", "sigmoid", "softmax"}}
  deep:init(init[2], init[3])
  recs[k] = deep:train(S, T, {iters = 3000, batch = 10, lr = 0.1, seed = 1, probe = S,
                              record_every = 100, record = {"loss", "saturation", "act"},
                              sat_theta = 0.5, verbose = false})
end
local function at(rec, iter)
  for r, v in ipairs(rec.iter) do if v == iter then return r end end
end
local cols = {at(recs[1], 0), at(recs[1], 500), at(recs[1], 1000), at(recs[1], 3000)}
print("\nsigmoid, mean activation per hidden layer (rows) at steps 0, 500, 1000, 3000")
for k = 1, 2 do
  print(inits[k][1] .. ":")
  for l = 1, 4 do
    local row = {}
    for c, r in ipairs(cols) do row[c] = recs[k].act_mean[l][r] end
    print("  " .. lesson.row("%9.4f", row))
  end
end
local standard = recs[1]
local lower_near_half = true
for l = 1, 3 do
  for r = 1, #standard.iter do
    lower_near_half = lower_near_half and math.abs(standard.act_mean[l][r] - 0.5) < 0.15
  end
end
local last = #standard.iter
claim(standard.act_mean[4][1] > 0.45 and standard.act_mean[4][cols[3]] < 0.3,
      "standard init: the top hidden layer's mean falls from 0.5 below 0.3 within 1000 steps")
claim(lower_near_half, "standard init: the layers below stay near 0.5 meanwhile")
claim(standard.saturation[4][last] > standard.saturation[4][1] + 0.2,
      "standard init: the top hidden layer saturates as it goes (over 20 points more)")
claim(recs[2].act_mean[4][#recs[2].iter] < 0.3, "normalized init does not prevent it for sigmoid units")

local panel = {title = "standard init: mean +- std per layer", xlabel = "iteration"}
for l = 1, 5 do
  panel[l] = {x = standard.iter, y = standard.act_mean[l], err = standard.act_std[l], label = "layer " .. l}
end
il.lines({panel}, {file = figures .. "/lesson4_sigmoid_act.png", width = 700})
il.plot(recs, "saturation", {labels = {"standard", "normalized"},
                             file = figures .. "/lesson4_sigmoid_saturation.png"})
