-- Lesson 1: symmetry - why zero initialization never trains.
-- The Lua twin of examples/octave/lesson1_symmetry.m (same numbers, same
-- claims, the figures through gnuplot).  If every weight and bias of a
-- layer starts at zero, every unit computes the same value, gets the same
-- gradient and takes the same step: the layer stays one unit copied.
--
--   make lua && LUA_PATH="lua/?.lua;examples/lua/?.lua;;" \
--       LUA_CPATH="build/lua/?.so;;" lua5.4 examples/lua/lesson1_symmetry.lua [figures]
local il = require "initlab"
local lesson = require "lesson"
local claim = lesson.claim
local figures = lesson.figures()

-- The notebook's first step: W1 = zeros(3,2), b1 = zeros(3,1), x = [1; 2],
-- a gradient of 0.5 for every unit, one step at learning rate 0.01.  Plain
-- Lua arithmetic, in the notebook's order: W - (lr * gradient) * x'.
local x = {1, 2}
local function step(W, b, gradient, lr)
  for i = 1, 3 do
    for j = 1, 2 do W[i][j] = W[i][j] - (lr * gradient) * x[j] end
    b[i] = b[i] - lr * gradient
  end
end
local function zeros() return {{0, 0}, {0, 0}, {0, 0}}, {0, 0, 0} end
local function show(W)
  local rows = {}
  for i = 1, 3 do rows[i] = string.format("%g %g", W[i][1], W[i][2]) end
  return "[" .. table.concat(rows, "; ") .. "]"
end

local W1, b1 = zeros()
print("z1 = W1 * x + b1 = [0 0 0]: every unit computes the same value")
step(W1, b1, 0.5, 0.01)
print("after one gradient descent step: W1 = " .. show(W1) .. string.format("  b1 = %g", b1[1]))
local one_step = true
for i = 1, 3 do
  one_step = one_step and W1[i][1] == -0.005 and W1[i][2] == -0.01 and b1[i] == -0.005
end
claim(one_step, "one step: W1 rows are all [-0.005 -0.01], b1 all -0.005, as the notebook prints")

-- Five iterations with the notebook's constant gradient 0.1.
local W, b = zeros()
local identical = true
for i = 1, 5 do
  step(W, b, 0.1, 0.01)
  local z = {}
  for u = 1, 3 do z[u] = W[u][1] * x[1] + W[u][2] * x[2] + b[u] end
  print(string.format("iteration %d: W = %s  outputs [%g %g %g]", i, show(W), z[1], z[2], z[3]))
  for u = 2, 3 do
    identical = identical and W[u][1] == W[1][1] and W[u][2] == W[1][2] and z[u] == z[1]
  end
end
claim(identical, "five steps: every row of W and every output stay identical")
claim(math.abs(W[1][1] + 0.005) < 1e-15 and math.abs(W[1][2] + 0.01) < 1e-15,
      "after five steps each row is [-0.005 -0.01] (the notebook's last printout)")

-- For real: a [2 3 1] network with sigmoid hidden units on 301 circles
-- points (150 + 151: with exactly balanced classes zero init is a fixed
-- point where nothing moves at all), 5,000 steps at lr 1.
local X, Y = il.dataset("circles", {n = 301, noise = 0.05, seed = 1})
local shown = {0, 10, 100, 1000}
local function train(init, opts)
  local net = il.net{2, 3, 1, act = {"sigmoid", "sigmoid"}}
  net:init(init, opts)
  local rec = net:train(X, Y, {iters = 5000, lr = 1, record_iters = {0, 10, 100, 1000, 5000},
                               record = {"loss", "distinct", "weights"}, verbose = false})
  local _, accuracy = net:evaluate(X, Y)
  local largest = 0
  for _, v in ipairs(lesson.values(net.W[1])) do largest = math.max(largest, math.abs(v)) end
  return rec, accuracy, largest, net
end
local zero_rec, zero_acc, zero_largest, zero_net = train("zeros")
local rand_rec, rand_acc, rand_largest = train("xavier_normal", {seed = 1})

print(string.format("\n%-10s %10s %10s %12s   %s", "init", "accuracy", "loss", "max |W1|",
                    "distinct hidden units at iterations 0 10 100 1000 5000"))
for _, run in ipairs({{"zeros", zero_rec, zero_acc, zero_largest},
                      {"random", rand_rec, rand_acc, rand_largest}}) do
  local rec = run[2]
  print(string.format("%-10s %10.3f %10.4f %12.3g   [%s ]", run[1], run[3], rec.loss[#rec.loss],
                      run[4], lesson.row(" %g", rec.distinct[1])))
end
print("zeros, W1 after 5000 iterations:")
print(zero_net.W[1])

local all_one, all_three = true, true
for k = 1, #zero_rec.iter do
  all_one = all_one and zero_rec.distinct[1][k] == 1
  all_three = all_three and rand_rec.distinct[1][k] == 3
end
claim(all_one, "zero init: the hidden layer has 1 distinct unit at every recorded iteration")
claim(zero_largest > 1e-3, "zero init: the hidden weights did move away from zero")
claim(math.abs(zero_acc - 0.5) < 0.02, "zero init: accuracy stays at chance (0.5)")
claim(all_three, "random init: all 3 hidden units are distinct throughout")
claim(rand_acc > 0.9, "random init: accuracy above 0.9")

-- The weights side by side: rows are hidden units, columns the two inputs
-- and the bias.
il.plot(zero_rec, "weights", {layer = 1, iters = shown, file = figures .. "/lesson1_zero_weights.png"})
il.plot(rand_rec, "weights", {layer = 1, iters = shown, file = figures .. "/lesson1_random_weights.png"})
il.plot({zero_rec, rand_rec}, "distinct", {labels = {"zeros", "random"},
                                           file = figures .. "/lesson1_distinct.png"})
local f = io.open(figures .. "/lesson1_zero_weights.png")
claim(f ~= nil, "the heat maps were written")
if f then f:close() end

-- Watching it happen: the same two runs recorded every 50 iterations with
-- everything the engine measures and the weights; layer 1's [W b] as an
-- animation on one colour scale for all frames, and a run report that
-- scrubs through both runs side by side (open lesson1_report.html).
local watch = {iters = 5000, lr = 1, record_every = 50, record = {"all", "weights"}, verbose = false}
local zero_all = il.net{2, 3, 1, act = {"sigmoid", "sigmoid"}}:init("zeros"):train(X, Y, watch)
local rand_all = il.net{2, 3, 1, act = {"sigmoid", "sigmoid"}}:init("xavier_normal", {seed = 1})
                   :train(X, Y, watch)
local zero_gif = figures .. "/lesson1_zero_weights.gif"
local rand_gif = figures .. "/lesson1_random_weights.gif"
il.animate(zero_all, "weights", zero_gif, {layer = 1})
il.animate(rand_all, "weights", rand_gif, {layer = 1})
local report = figures .. "/lesson1_report.html"
il.report({zero_all, rand_all}, report, {labels = {"zeros", "random"},
                                         title = "Lesson 1: zeros vs random init"})
local function head(path)
  local file = assert(io.open(path, "rb"))
  local bytes = file:read(6)
  file:close()
  return bytes
end
local page_file = assert(io.open(report, "rb"))
local page = page_file:read("a")
page_file:close()
claim(head(zero_gif) == "GIF89a" and head(rand_gif) == "GIF89a",
      "the animations were written as GIF89a files")
local every_one = #zero_all.iter == 101
for k = 1, #zero_all.iter do every_one = every_one and zero_all.distinct[1][k] == 1 end
claim(every_one, "the animated zero-init run has 101 frames, every one with 1 distinct hidden unit")
claim(page:find('"zeros"', 1, true) and page:find('"random"', 1, true)
      and not page:find("https?://"),
      "the run report holds both runs and needs nothing from the network")
