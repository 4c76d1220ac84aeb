-- Lesson 3: saturation - what weights that are too large do.
-- The Lua twin of examples/octave/lesson3_saturation.m: two hidden layers
-- drawn as randn * scale for scale = 0.01, 0.1, 1, 3, 10, in a sigmoid and
-- in a tanh network, on circles lifted to 100 features; per layer the
-- saturated fraction, the std of dL/dz and ||dW|| / ||W|| of one step.
--
--   make lua && LUA_PATH="lua/?.lua;examples/lua/?.lua;;" \
--       LUA_CPATH="build/lua/?.so;;" lua5.4 examples/lua/lesson3_saturation.lua [figures]
local il = require "initlab"
local lesson = require "lesson"
local claim = lesson.claim
local figures = lesson.figures()

local X, Y = il.dataset("circles", {n = 500, noise = 0.05, seed = 1})
local lift = il.net{2, 100, act = "tanh"}
lift:init("xavier_normal", {gain = 5 / 3, seed = 7})
local F = lift:forward(X)

local scales = {0.01, 0.1, 1, 3, 10}
local acts = {"sigmoid", "tanh"}
-- [activation][layer][scale]
local saturation, grad_std, update = {}, {}, {}
for a, act in ipairs(acts) do
  saturation[a], grad_std[a], update[a] = {{}, {}}, {{}, {}}, {{}, {}}
  for k, scale in ipairs(scales) do
    local net = il.net{100, 100, 100, 1, act = {act, act, "sigmoid"}}
    net:init({"scaled_normal", "scaled_normal", "xavier_normal"}, {scale = scale, seed = 1})
    local rec = net:train(F, Y, {iters = 1, lr = 0.1, record_every = 1,
                                 record = {"saturation", "grad", "norms"}, verbose = false})
    for l = 1, 2 do
      saturation[a][l][k] = rec.saturation[l][1]
      grad_std[a][l][k] = rec.grad_std[l][1]
      update[a][l][k] = rec.update_ratio[l][1]
    end
  end
end

for a, act in ipairs(acts) do
  print(string.format("\n%s hidden units\n%7s %12s %12s %12s %12s %12s %12s", act, "scale",
                      "sat L1", "sat L2", "grad std L1", "grad std L2", "step/W L1", "step/W L2"))
  for k, scale in ipairs(scales) do
    print(string.format("%7g %12.3f %12.3f %12.3g %12.3g %12.3g %12.3g", scale,
                        saturation[a][1][k], saturation[a][2][k], grad_std[a][1][k],
                        grad_std[a][2][k], update[a][1][k], update[a][2][k]))
  end
end

local function largest(list)
  local m = -math.huge
  for _, v in ipairs(list) do m = math.max(m, v) end
  return m
end
for a, act in ipairs(acts) do
  local rising = true
  for l = 1, 2 do
    for k = 2, #scales do rising = rising and saturation[a][l][k] >= saturation[a][l][k - 1] end
  end
  claim(rising, act .. ": saturation rises with the scale in both hidden layers")
  claim(saturation[a][1][1] == 0 and saturation[a][2][1] == 0 and saturation[a][1][5] > 0.8
        and saturation[a][2][5] > 0.8, act .. ": no unit saturated at x0.01, over 80% at x10")
  claim(grad_std[a][2][5] < grad_std[a][2][2] / 5,
        act .. ": the top hidden layer's gradient std falls over 5x from x0.1 to x10")
  claim(update[a][2][5] < largest(update[a][2]) / 100,
        act .. ": at x10 layer 2's step relative to its weights is 100x below its best")
  claim(update[a][1][5] < largest(update[a][1]) / 10,
        act .. ": at x10 layer 1's step relative to its weights is 10x below its best")
end

local function series(values, label, dashed) return {x = scales, y = values, label = label, dashed = dashed} end
il.lines({
  {xlabel = "weight scale", ylabel = "saturated fraction", logx = true,
   series(saturation[1][1], "sigmoid L1"), series(saturation[1][2], "sigmoid L2", true),
   series(saturation[2][1], "tanh L1"), series(saturation[2][2], "tanh L2", true)},
  {xlabel = "weight scale", ylabel = "std of dL/dz, layer 2", logx = true, logy = true,
   series(grad_std[1][2], "sigmoid"), series(grad_std[2][2], "tanh")},
  {xlabel = "weight scale", ylabel = "||dW|| / ||W||", logx = true, logy = true,
   series(update[1][1], "sigmoid L1"), series(update[2][1], "tanh L1"),
   series(update[1][2], "sigmoid L2", true), series(update[2][2], "tanh L2", true)},
}, {file = figures .. "/lesson3_saturation.png", width = 1500, height = 450})
