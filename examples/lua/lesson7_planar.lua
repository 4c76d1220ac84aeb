-- Lesson 7: one hidden layer on the planar "flower" (the assignment).
-- The Lua twin of examples/octave/lesson7_planar.m: deeplearning.ai's
-- "Planar data classification with one hidden layer", its data drawn from
-- np.random.seed(1) and its 2-n_h-1 tanh/sigmoid network started from
-- np.random.seed(2) (randn * 0.01) through il.rand's numpy stream, trained
-- by full-batch gradient descent at learning rate 1.2, and its printed
-- costs and accuracies compared with the published ones.  The Octave
-- lesson's text says why some of them can only be compared to 1e-3.
--
--   make lua && LUA_PATH="lua/?.lua;examples/lua/?.lua;;" \
--       LUA_CPATH="build/lua/?.so;;" lua5.4 examples/lua/lesson7_planar.lua [figures]
local il = require "initlab"
local lesson = require "lesson"
local claim = lesson.claim
local figures = lesson.figures()

-- The flower: per class j = 0, 1, N angles linspace(3.12 j, 3.12 (j+1), N)
-- + 0.2 randn(N) and radii 4 sin(4 t) + 0.2 randn(N), the points
-- (r sin t, r cos t).  linspace written NumPy's way: start + k * step, the
-- last point the end itself.
local g = il.rand("numpy", 1) -- np.random.seed(1)
local N = 200
local X, Y = il.matrix(2, 2 * N), il.matrix(1, 2 * N)
local first_draw
for j = 0, 1 do
  local lo, hi = j * 3.12, (j + 1) * 3.12
  local step = (hi - lo) / (N - 1)
  local e1 = g:normal(N) -- np.random.randn(N)
  local e2 = g:normal(N)
  first_draw = first_draw or e1:get(1, 1)
  for k = 1, N do
    local t = (k == N and hi or (k - 1) * step + lo) + e1:get(1, k) * 0.2
    local r = 4 * math.sin(4 * t) + e2:get(1, k) * 0.2
    X:set(1, j * N + k, r * math.sin(t))
    X:set(2, j * N + k, r * math.cos(t))
    Y:set(1, j * N + k, j)
  end
end
print(string.format("%d points, %d per class; np.random.seed(1) draws %.17g first", 2 * N, N,
                    first_draw))
claim(first_draw == 1.6243453636632417,
      "il_rand ('numpy', 1) draws 1.6243453636632417 first, as np.random.seed(1); np.random.randn() does")

local classes = {{x = {}, y = {}}, {x = {}, y = {}}}
for s = 1, 2 * N do
  local c = classes[Y:get(1, s) + 1]
  c.x[#c.x + 1], c.y[#c.y + 1] = X:get(1, s), X:get(2, s)
end
il.lines({{title = "the flower: np.random.seed(1), 400 points", xlabel = "x1", ylabel = "x2",
           yrange = {-5, 6.5},
           {x = classes[1].x, y = classes[1].y, label = "y = 0", points = true},
           {x = classes[2].x, y = classes[2].y, label = "y = 1", points = true}}},
         {file = figures .. "/lesson7_data.png", width = 600, height = 500})

-- The network: 2-n_h-1, tanh then sigmoid, started as the notebook starts
-- it: np.random.seed(2), W1 = randn(n_h, 2) * 0.01, W2 = randn(1, n_h) *
-- 0.01 (each drawn row by row), zero biases.
local function scaled(m, k)
  local rows, cols = m:size()
  for i = 1, rows do
    for j = 1, cols do m:set(i, j, m:get(i, j) * k) end
  end
  return m
end

local function planar_net(n_h)
  local w = il.rand("numpy", 2) -- np.random.seed(2)
  local net = il.net{2, n_h, 1, act = {"tanh", "sigmoid"}}
  net.W[1] = scaled(w:normal(n_h, 2), 0.01)
  net.W[2] = scaled(w:normal(1, n_h), 0.01)
  net.b[1] = il.matrix(n_h, 1, 0)
  net.b[2] = il.matrix(1, 1, 0)
  return net
end

local net = planar_net(4)
local W1_published = {{-0.00416758, -0.00056267}, {-0.02136196, 0.01640271},
                      {-0.01793436, -0.00841747}, {0.00502881, -0.01245288}}
local W2_published = {-0.01057952, -0.00909008, 0.00551454, 0.02292208}
print(net.W[1])
print(net.W[2])
local start_ok = true
for i = 1, 4 do
  for j = 1, 2 do start_ok = start_ok and math.abs(net.W[1]:get(i, j) - W1_published[i][j]) < 5e-9 end
  start_ok = start_ok and math.abs(net.W[2]:get(1, i) - W2_published[i]) < 5e-9
end
claim(start_ok, "n_h = 4: W1 and W2 are the published start (8 decimals)")

-- 10,000 iterations at learning rate 1.2; the record's loss at iteration i
-- is the notebook's "Cost after iteration i".
local started = il.clock()
local rec = net:train(X, Y, {lr = 1.2, iters = 10000, record_every = 100, record = "loss",
                             verbose = false})
print(string.format("10,000 iterations: %.2f s", il.clock() - started))
local published = {0.693048, 0.288083, 0.254385, 0.233864, 0.226792, 0.222644, 0.219731,
                   0.217504, 0.219454, 0.218607}
local cost = {}
for r, iter in ipairs(rec.iter) do
  if iter % 1000 == 0 and iter < 10000 then cost[#cost + 1] = rec.loss[r] end
end
print(string.format("\n%9s %20s %10s", "iteration", "initlab", "published"))
for k = 1, 10 do
  print(string.format("%9d %20.16f %10.6f", 1000 * (k - 1), cost[k], published[k]))
end
local _, accuracy = net:evaluate(X, Y)
print(string.format("\naccuracy %.2f%% (the notebook prints Accuracy: %d%%)", 100 * accuracy,
                    math.floor(100 * accuracy)))

local early, late = true, true
for k = 1, 8 do early = early and math.abs(cost[k] - published[k]) <= 5e-7 end
for k = 9, 10 do late = late and math.abs(cost[k] / published[k] - 1) < 1e-3 end
claim(early, "n_h = 4: the costs at iterations 0 to 7000 are the published ones (6 decimals)")
claim(late, "n_h = 4: the costs at 8000 and 9000 are the published ones to 1e-3 (where runs differ)")
claim(cost[9] > cost[8], "n_h = 4: the cost rises from iteration 7000 to 8000, as published")
claim(math.floor(100 * accuracy) == 90, "n_h = 4: accuracy prints as 90%, as published")

local every, at = {}, {}
for r, iter in ipairs(rec.iter) do every[r] = iter end
for k = 1, 10 do at[k] = 1000 * (k - 1) end
-- initlab's costs as dots, the published ones as marks on a dashed line
il.lines({{title = "n_h = 4, learning rate 1.2", xlabel = "iteration", ylabel = "cost (cross-entropy)",
           {x = every, y = rec.loss, label = "initlab, every 100", points = true},
           {x = at, y = published, label = "published, every 1000", dashed = true}},
          {title = "after 7000: the bump where runs differ", xlabel = "iteration",
           ylabel = "cost (cross-entropy)", xrange = {5000, 10000}, yrange = {0.215, 0.225},
           {x = every, y = rec.loss, label = "initlab", points = true},
           {x = at, y = published, label = "published", dashed = true}}},
         {file = figures .. "/lesson7_cost.png", width = 1100, height = 420})

-- The decision boundary: the class predicted (output > 0.5) over a grid
-- around the data, the points on top.
local lo_x, hi_x, lo_y, hi_y = math.huge, -math.huge, math.huge, -math.huge
for s = 1, 2 * N do
  lo_x, hi_x = math.min(lo_x, X:get(1, s)), math.max(hi_x, X:get(1, s))
  lo_y, hi_y = math.min(lo_y, X:get(2, s)), math.max(hi_y, X:get(2, s))
end

local function boundary_panel(model, title, steps)
  local gx, gy = {}, {}
  for i = 1, steps do
    gx[i] = lo_x - 1 + (hi_x - lo_x + 2) * (i - 1) / (steps - 1)
    gy[i] = lo_y - 1 + (hi_y - lo_y + 2) * (i - 1) / (steps - 1)
  end
  local out = model:forward(lesson.grid(gx, gy))
  return {title = title, xrange = {gx[1], gx[steps]}, yrange = {gy[1], gy[steps]},
          image = {x = gx, y = gy,
                   -- the palette runs blue (0) to red (1): red for class 0
                   z = function(i, j) return out:get(1, i + (j - 1) * steps) > 0.5 and 0 or 1 end},
          -- no key over the points: the titles say which is which
          {x = classes[1].x, y = classes[1].y, points = true},
          {x = classes[2].x, y = classes[2].y, points = true}}
end

local panel = boundary_panel(net, string.format("n_h = 4: accuracy %.2f%% (points: purple y = 0, " ..
                                                "green y = 1)", 100 * accuracy), 300)
panel.xlabel, panel.ylabel = "x1", "x2"
il.lines({panel}, {file = figures .. "/lesson7_boundary.png", width = 620, height = 520})

-- How many hidden units: n_h = 1, 2, 3, 4, 5, 20, 50, each from its own
-- np.random.seed(2) start, 5,000 iterations each.
local sizes = {1, 2, 3, 4, 5, 20, 50}
local sweep_published = {67.5, 67.25, 90.75, 90.5, 91.25, 90.0, 90.25}
local nets, acc = {}, {}
started = il.clock()
for k, n_h in ipairs(sizes) do
  nets[k] = planar_net(n_h)
  nets[k]:train(X, Y, {lr = 1.2, iters = 5000, verbose = false})
  acc[k] = 100 * select(2, nets[k]:evaluate(X, Y))
end
print(string.format("seven networks, 5,000 iterations each: %.2f s", il.clock() - started))
print(string.format("\n%9s %10s %10s", "n_h", "initlab", "published"))
for k, n_h in ipairs(sizes) do
  print(string.format("%9d %9.2f%% %9.2f%%", n_h, acc[k], sweep_published[k]))
end
local small_same, big_near, shape = true, true, true
for k = 1, 5 do small_same = small_same and acc[k] == sweep_published[k] end
for k = 6, 7 do big_near = big_near and math.abs(acc[k] - sweep_published[k]) <= 0.75 end
for k = 1, 7 do shape = shape and ((k <= 2 and acc[k] < 70) or (k > 2 and acc[k] >= 90)) end
claim(small_same, "sweep: 1 to 5 hidden units give the published 67.5, 67.25, 90.75, 90.5, 91.25%")
claim(big_near, "sweep: 20 and 50 hidden units within 3 points of the published 90.0 and 90.25%")
claim(shape, "sweep: one or two units stay under 70%, three or more reach 90%")

-- the seven boundaries in two figures of panels side by side, the
-- accuracies with the second
local first, second = {}, {}
for k, n_h in ipairs(sizes) do
  local p = boundary_panel(nets[k], string.format("n_h = %d: %.2f%%", n_h, acc[k]), 120)
  table.insert(k <= 4 and first or second, p)
end
table.insert(second, {title = "accuracy (%)", xlabel = "n_h", yrange = {60, 100},
                      {x = sizes, y = acc, label = "initlab"},
                      {x = sizes, y = sweep_published, label = "published", points = true,
                       dashed = true}})
second[4].logx = true
il.lines(first, {file = figures .. "/lesson7_sweep_1_to_4.png", width = 1800, height = 420})
il.lines(second, {file = figures .. "/lesson7_sweep_5_to_50.png", width = 1800, height = 420})
