-- zero_vs_random.lua - the seed lesson from Lua: zero initialization never
-- breaks symmetry, weights 10 times too large start saturated, He trains.
-- The coursework model [2 10 5 1] (relu, relu, sigmoid), 15,000 iterations
-- of full-batch gradient descent at lr 0.01 on circles; the same numbers as
-- examples/octave/zero_vs_random.m.
--
--   make lua && LUA_PATH="lua/?.lua;;" LUA_CPATH="build/lua/?.so;;" \
--       lua5.4 examples/lua/zero_vs_random.lua [figures-folder]
local il = require "initlab"

local figures = arg and arg[1] or "."
os.execute("mkdir -p '" .. figures .. "'")

local X, Y = il.dataset("circles", {n = 300, noise = 0.05, seed = 1})
local Xt, Yt = il.dataset("circles", {n = 100, noise = 0.05, seed = 2})

local starts = {
  {"zeros", function(net) net:init("zeros") end},
  {"randn*10", function(net) net:init("scaled_normal", {scale = 10, seed = 3}) end},
  {"He", function(net) net:init("he", {seed = 3}) end},
}

local recs, names = {}, {}
print(string.format("%-9s %8s %8s %10s %10s   %s", "init", "train", "test", "cost(0)",
                    "cost(end)", "distinct units per layer at the end"))
for k, start in ipairs(starts) do
  local net = il.net{2, 10, 5, 1, act = {"relu", "relu", "sigmoid"}}
  start[2](net)
  local rec = net:train(X, Y, {iters = 15000, lr = 0.01, record_every = 100,
                               record = {"loss", "distinct", "saturation", "weights"},
                               verbose = false})
  local _, train_acc = net:evaluate(X, Y)
  local _, test_acc = net:evaluate(Xt, Yt)
  local last = #rec.iter
  print(string.format("%-9s %8.3f %8.3f %10.4g %10.4g   [%d %d %d]", start[1], train_acc,
                      test_acc, rec.loss[1], rec.loss[last], rec.distinct[1][last],
                      rec.distinct[2][last], rec.distinct[3][last]))
  recs[k], names[k] = rec, start[1]
end
print(string.format("\nzeros: the cost stays at ln 2 = %.4f, every hidden layer is one unit copied.",
                    math.log(2)))
print("randn*10: the first cost is huge because the sigmoid output is saturated")
print("(the engine's cross-entropy stays finite where log(0) would give Inf).")

il.plot(recs, "loss", {labels = names, file = figures .. "/lua_loss.png"})
il.plot(recs[1], "weights", {layer = 1, iters = {0, 100, 15000}, file = figures .. "/lua_zeros_weights.png"})
il.plot(recs[3], "weights", {layer = 1, iters = {0, 100, 15000}, file = figures .. "/lua_he_weights.png"})
il.plot(recs, "distinct", {labels = names, file = figures .. "/lua_distinct.png"})
il.plot(recs, "saturation", {labels = names, file = figures .. "/lua_saturation.png"})
il.csv(recs[3], figures .. "/lua_he.csv")
print("\nfigures written to " .. figures)
