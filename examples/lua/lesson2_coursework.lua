-- Lesson 2: zero, large random and He initialization (the coursework).
-- The Lua twin of examples/octave/lesson2_coursework.m: the model
-- [2 10 5 1] (relu, relu, sigmoid) on circles, 15,000 iterations of
-- full-batch gradient descent at lr 0.01, started from zeros, randn * 10
-- and He, with the data and the weights drawn as the published NumPy
-- version drew them (rng = "numpy"), so that its table comes out exactly.
--
--   make lua && LUA_PATH="lua/?.lua;examples/lua/?.lua;;" \
--       LUA_CPATH="build/lua/?.so;;" lua5.4 examples/lua/lesson2_coursework.lua [figures]
local il = require "initlab"
local lesson = require "lesson"
local claim = lesson.claim
local figures = lesson.figures()

-- np.random.seed(1); make_circles(n_samples=300, noise=.05), then seed 2
-- and 100 points for the test set.
local X, Y = il.dataset("circles", {n = 300, noise = 0.05, rng = "numpy", seed = 1})
local Xt, Yt = il.dataset("circles", {n = 100, noise = 0.05, rng = "numpy", seed = 2})
print(string.format("first training point (%.8f, %.8f), label %d", X:get(1, 1), X:get(2, 1),
                    Y:get(1, 1)))

-- np.random.seed(3), then randn(n_l, n_{l-1}) * 10 or * sqrt(2 / n_{l-1});
-- the assignment's check: initialize_parameters_he([2, 4, 1]) gives W1's
-- first row as 1.78862847, 0.43650985.
local check = il.net{2, 4, 1, act = {"relu", "sigmoid"}}
check:init("he", {rng = "numpy", seed = 3})
print(string.format("He on [2 4 1]: W1(1, :) = %.8f %.8f", check.W[1]:get(1, 1), check.W[1]:get(1, 2)))
claim(math.abs(check.W[1]:get(1, 1) - 1.78862847) < 5e-9 and math.abs(check.W[1]:get(1, 2) - 0.43650985) < 5e-9,
      "He, seed 3: W1's first row is 1.78862847, 0.43650985, as published")

local names = {"zeros", "randn*10", "He"}
local starts = {
  function(net) net:init("zeros") end,
  function(net) net:init("scaled_normal", {scale = 10, rng = "numpy", seed = 3}) end,
  function(net) net:init("he", {rng = "numpy", seed = 3}) end,
}
local recs, nets, train_acc, test_acc = {}, {}, {}, {}
local started = il.clock()
for k = 1, 3 do
  local net = il.net{2, 10, 5, 1, act = {"relu", "relu", "sigmoid"}}
  starts[k](net)
  recs[k] = net:train(X, Y, {iters = 15000, lr = 0.01, record_every = 1000,
                             record = {"loss", "distinct", "saturation"}, verbose = false})
  train_acc[k] = select(2, net:evaluate(X, Y))
  test_acc[k] = select(2, net:evaluate(Xt, Yt))
  nets[k] = net
end
print(string.format("three trainings of 15,000 iterations: %.2f s", il.clock() - started))

print(string.format("\n%9s %22s %22s %22s", "iteration", names[1], names[2], names[3]))
for r = 1, 15 do
  print(string.format("%9d %22.16g %22.16g %22.16g", recs[1].iter[r], recs[1].loss[r],
                      recs[2].loss[r], recs[3].loss[r]))
end
print(string.format("\n%-9s %18s %10s   %s", "init", "train accuracy", "test", "distinct units per layer"))
for k = 1, 3 do
  local last = #recs[k].iter
  print(string.format("%-9s %18.16g %10.4g   [%g %g %g]", names[k], train_acc[k], test_acc[k],
                      recs[k].distinct[1][last], recs[k].distinct[2][last], recs[k].distinct[3][last]))
end

-- What the numbers say: see the Octave lesson's text.  In short: zeros
-- never leaves ln 2 (to the last place: NumPy rounds sigmoid(1e-16) to 0.5,
-- the engine's logit-based cost may show 0.6931471805599455); randn*10
-- starts saturated, with a cost NumPy prints as inf and the engine keeps
-- finite; He trains.
local ln2 = 0.6931471805599453
local ulp = 2 ^ -53
local flat, copies = true, true
for r = 1, 15 do flat = flat and math.abs(recs[1].loss[r] - ln2) <= 2 * ulp end
for r = 1, #recs[1].iter do
  copies = copies and recs[1].distinct[1][r] == 1 and recs[1].distinct[2][r] == 1
end
local he = recs[3].loss
claim(train_acc[1] == 0.5 and test_acc[1] == 0.5, "zeros: train accuracy 0.5, test 0.5")
claim(flat, "zeros: cost ln 2 = 0.6931471805599453 at every print (to 2 units in the last place)")
claim(copies, "zeros: one distinct unit per hidden layer, always")
claim(train_acc[2] == 0.83 and test_acc[2] == 0.86, "randn*10: train accuracy 0.83, test 0.86")
claim(recs[2].loss[1] > 100 and recs[2].loss[1] < math.huge,
      "randn*10: a huge first cost, finite where NumPy prints inf")
claim(train_acc[3] == 0.9933333333333333 and test_acc[3] == 0.96,
      "He: train accuracy 0.9933333333333333, test 0.96")
claim(math.abs(he[1] / 0.8830537463419761 - 1) < 1e-9, "He: cost 0.8830537463419761 at iteration 0 (relative 1e-9)")
claim(math.abs(he[15] / 0.07357895962677366 - 1) < 1e-9,
      "He: cost 0.07357895962677366 at iteration 14000 (relative 1e-9)")

il.plot(recs, "loss", {labels = names, file = figures .. "/lesson2_loss.png"})

-- The three decision boundaries: the class each network predicts over the
-- plane, with the training points on top and its training accuracy in the
-- title.
il.plot(nets, "boundary", {X = X, Y = Y, labels = names, file = figures .. "/lesson2_boundaries.png"})
