-- Lesson 11: which zeros are harmless.
-- The Lua twin of examples/octave/lesson11_zeros.m (same numbers, same
-- claims, the figures through gnuplot).  Zero biases and a zero output
-- layer do no harm; what never trains is a hidden layer whose units start
-- identical, at zero or at any other constant.  Units stay exchangeable
-- under gradient descent when their rows of [W b] are equal AND their
-- outgoing weights (their columns in the next layer's W) are equal.
--
--   make lua && LUA_PATH="lua/?.lua;examples/lua/?.lua;;" \
--       LUA_CPATH="build/lua/?.so;;" lua5.4 examples/lua/lesson11_zeros.lua [figures]
local il = require "initlab"
local lesson = require "lesson"
local claim = lesson.claim
local figures = lesson.figures()

-- Two rings (200 points, the inner one half the outer's radius, noise 0.1)
-- that no straight line separates; a [2 8 8 1] network, tanh hidden units,
-- a sigmoid output, 3,000 full-batch steps at learning rate 1.
local X, Y = il.dataset("circles", {n = 200, noise = 0.1, factor = 0.5, seed = 1})
local function new_net() return il.net{2, 8, 8, 1, act = {"tanh", "tanh", "sigmoid"}} end
local shown = {0, 1, 2, 10, 100, 1000, 3000}
local function train(start)      -- trains a copy: the start stays as it was
  local net = start:copy()
  local rec = net:train(X, Y, {iters = 3000, lr = 1, record_iters = shown,
                               record = {"loss", "distinct", "weights"}, verbose = false})
  local _, accuracy = net:evaluate(X, Y)
  return net, rec, accuracy
end

-- The spread of layer l at each recorded iteration: the largest distance
-- between two rows of [W b].
local function spread(rec, l)
  local out = {}
  for r = 1, #rec.iter do
    local W, b = rec.W[l][r], rec.b[l][r]
    local rows, cols = W:size()
    local largest = 0
    for i = 1, rows do
      for j = i + 1, rows do
        local s = 0
        for c = 1, cols do
          local d = W:get(i, c) - W:get(j, c)
          s = s + d * d
        end
        local d = b:get(i, 1) - b:get(j, 1)
        largest = math.max(largest, math.sqrt(s + d * d))
      end
    end
    out[r] = largest
  end
  return out
end
-- N(0, std^2) biases for n units, drawn by the engine (the same in Octave).
local function biases(n, std, seed)
  return il.net{1, n, act = "linear"}:init("normal", {std = std, seed = seed}).W[1]
end
local function filled(rows, cols, f)   -- the matrix with entries f(i, j)
  local m = il.matrix(rows, cols)
  for i = 1, rows do
    for j = 1, cols do m:set(i, j, f(i, j)) end
  end
  return m
end
local function zero_matrix(rows, cols) return il.matrix(rows, cols, 0) end
local function is_zero(m)
  for _, v in ipairs(lesson.values(m)) do if v ~= 0 then return false end end
  return true
end

-- The starts: one set of Xavier weights (seed 1), and changes to it.
local random = new_net():init("xavier_normal", {seed = 1})      -- biases zero
local random_b = random:copy()                                  -- N(0, 0.5^2) biases
for l = 1, 3 do random_b.b[l] = biases(select(1, random.W[l]:size()), 0.5, 20 + l) end
local zero_out = random:copy()
zero_out.W[3] = zero_matrix(1, 8)
local zero_hidden = random:copy()
zero_hidden.W[1] = zero_matrix(8, 2)
zero_hidden.W[2] = zero_matrix(8, 8)
local half_hidden = random:copy()
half_hidden.W[1] = il.matrix(8, 2, 0.5)
half_hidden.W[2] = il.matrix(8, 8, 0.5)
local names = {"random W and b", "random W, zero b", "zero output layer", "zeros",
               "zero hidden layers", "constant 0.5", "0.5 hidden layers", "identity", "hadamard"}
local starts = {random_b, random, zero_out, new_net():init("zeros"), zero_hidden,
                new_net():init("constant", {value = 0.5}), half_hidden,
                new_net():init("identity"), (new_net():init("hadamard"))}
local trained, recs, acc = {}, {}, {}
for k, start in ipairs(starts) do trained[k], recs[k], acc[k] = train(start) end

print(string.format("%-20s %8s %8s   %-22s %-22s %s", "start", "accuracy", "loss",
                    "distinct in layer 1", "distinct in layer 2", "spread of layer 1"))
print(string.format("%-20s %8s %8s   %-22s %-22s %s", "", "", "", "at 0 1 2 10 .. 3000", "", "at 0 and 3000"))
for k = 1, #starts do
  local s = spread(recs[k], 1)
  print(string.format("%-20s %8.3f %8.4f   %-22s %-22s %8.3g %8.3g", names[k], acc[k],
                      recs[k].loss[#recs[k].loss], lesson.row("%d ", recs[k].distinct[1]),
                      lesson.row("%d ", recs[k].distinct[2]), s[1], s[#s]))
end
local function all_equal(rec, l, n)   -- layer l has n distinct units at every record
  for _, v in ipairs(rec.distinct[l]) do if v ~= n then return false end end
  return true
end
local function all8(rec) return all_equal(rec, 1, 8) and all_equal(rec, 2, 8) end
local function never(rec, l) return all_equal(rec, l, 1) end
local function last(list) return list[#list] end

-- 1. Zero biases: harmless.  With random rows of W the units already
-- differ; the biases learn what they need from zero.
claim(math.abs(acc[2] - acc[1]) <= 0.02 and all8(recs[1]) and all8(recs[2]),
      string.format("zero biases: accuracy %.2f vs %.2f with random biases (within 0.02), "
                    .. "8 distinct units per hidden layer throughout", acc[2], acc[1]))

-- 2. A zero output layer: step 1 moves only the output layer (no gradient
-- passes W3 = 0), and to a different weight per unit (its gradient is
-- delta * a2', and the hidden activations differ); from step 2 on every
-- layer trains.
local rec3 = recs[3]
local still = rec3.W[1][2] == zero_out.W[1] and rec3.W[2][2] == zero_out.W[2]
              and rec3.b[1][2] == zero_out.b[1] and rec3.b[2][2] == zero_out.b[2]
local w3 = lesson.values(rec3.W[3][2])
print("zero output layer, W3 after one step:")
print(rec3.W[3][2])
local nonzero, different, smallest = true, {}, math.huge
for _, v in ipairs(w3) do
  nonzero = nonzero and v ~= 0
  different[v] = true
  smallest = math.min(smallest, math.abs(v))
end
local count = 0
for _ in pairs(different) do count = count + 1 end
claim(still and nonzero and count == 8,
      string.format("zero output layer: step 1 moves only the output layer, to 8 different "
                    .. "nonzero weights (the smallest |w| %.1e)", smallest))
claim(acc[3] >= acc[1] - 0.02 and all8(recs[3]),
      string.format("zero output layer: accuracy %.2f (random start %.2f), "
                    .. "8 distinct units per hidden layer throughout", acc[3], acc[1]))

-- 3. Zero hidden layers: never (lesson 1).  Over a random output layer the
-- biases of layer 2 come apart, but tanh(0) = 0 keeps every gradient of W1
-- and W2 exactly zero: the network computes a constant.
claim(never(recs[4], 1) and never(recs[4], 2) and acc[4] == 0.5,
      string.format("zeros (lesson 1): 1 distinct unit per hidden layer at every recorded iteration, accuracy %.2f",
                    acc[4]))
claim(is_zero(trained[5].W[1]) and is_zero(trained[5].W[2]) and acc[5] == 0.5
      and last(recs[5].distinct[2]) == 8,
      string.format("zero hidden layers under a random output layer: W1 and W2 stay exactly 0, "
                    .. "accuracy %.2f, though layer 2 ends with %d distinct rows (its biases)",
                    acc[5], last(recs[5].distinct[2])))

-- 4. A constant is no better than zero: every weight 0.5, the units are
-- copies (equal rows, equal outgoing weights) and stay copies; the
-- prediction is a threshold on one projection w.x, a straight boundary.
-- Ordered by w.x, the points predicted 1 and 0 do not interleave.
local half = trained[6]
local w = half.W[1]
local out = half:forward(X)
local lo = {[true] = math.huge, [false] = math.huge}
local hi = {[true] = -math.huge, [false] = -math.huge}
for j = 1, select(2, X:size()) do
  local p = w:get(1, 1) * X:get(1, j) + w:get(1, 2) * X:get(2, j)
  local class = out:get(1, j) > 0.5
  lo[class] = math.min(lo[class], p)
  hi[class] = math.max(hi[class], p)
end
local straight = hi[true] < lo[false] or hi[false] < lo[true]
print("constant 0.5: W1 after 3000 steps:")
print(half.W[1])
local loss6 = last(recs[6].loss)
claim(never(recs[6], 1) and never(recs[6], 2) and math.abs(loss6 - math.log(2)) > 0.05,
      string.format("constant 0.5: 1 distinct unit per hidden layer at every recorded iteration, "
                    .. "yet the loss moves to %.3f (ln 2 is 0.693): copies, not zeros", loss6))
claim(straight and acc[6] < 0.8,
      string.format("constant 0.5: the prediction is a threshold on one projection w.x, a straight boundary: accuracy %.2f",
                    acc[6]))
claim(never(recs[7], 1) and last(recs[7].distinct[2]) == 8 and acc[7] < 0.9,
      string.format("0.5 hidden layers under a random output layer: layer 2 comes apart (%d units), "
                    .. "layer 1 stays 1 unit, accuracy %.2f", last(recs[7].distinct[2]), acc[7]))

-- 5. Nearly symmetric: the constant 0.5 start plus eps times N(0, 1) noise
-- in W1 and W2.  While small, the perturbation is proportional to eps and
-- grows exponentially; the loss leaves the symmetric plateau once the
-- spread is of order 1, so each factor of 100 in eps costs the same number
-- of steps, ln(100) / ln(growth per step).
local epsilons = {1e-2, 1e-4, 1e-8}
local lengths = {4000, 8000, 15000}
local noise1 = lesson.gaussian(8, 2, 11)
local noise2 = lesson.gaussian(8, 8, 12)
local near, near_acc, ratio, escape = {}, {}, {}, {}
for k, e in ipairs(epsilons) do
  local net = new_net():init("matrix", {matrix = {
    filled(8, 2, function(i, j) return 0.5 + e * noise1:get(i, j) end),
    filled(8, 8, function(i, j) return 0.5 + e * noise2:get(i, j) end),
    il.matrix(1, 8, 0.5)}})
  near[k] = net:train(X, Y, {iters = lengths[k], lr = 1, record_every = 100,
                             record = {"loss", "distinct", "weights"}, verbose = false})
  near_acc[k] = select(2, net:evaluate(X, Y))
  ratio[k] = {}
  for r, s in ipairs(spread(near[k], 1)) do ratio[k][r] = s / e end
  for r, loss in ipairs(near[k].loss) do
    if loss < 0.3 then escape[k] = near[k].iter[r]; break end
  end
end
print(string.format("\n%10s %12s %12s %12s   %s", "iteration", "eps 1e-2", "eps 1e-4", "eps 1e-8",
                    "(spread of layer 1 / eps; loss)"))
for r = 1, 151, 10 do
  local cells = {}
  for k = 1, 3 do
    cells[k] = ratio[k][r] and string.format("%12.4g", ratio[k][r]) or string.format("%12s", "")
  end
  print(string.format("%10d %s %s %s   loss %.4f", near[3].iter[r], cells[1], cells[2], cells[3],
                      near[3].loss[r]))
end
print(string.format("escape (loss below 0.3) at iterations %d %d %d; accuracy %.3f %.3f %.3f",
                    escape[1], escape[2], escape[3], near_acc[1], near_acc[2], near_acc[3]))

-- The growth, read off the smallest perturbation between steps 2000 and
-- 5000 (records 21 and 51), and the prediction it makes.
local growth = (ratio[3][51] / ratio[3][21]) ^ (1 / 3)
local predicted_gap = 1000 * math.log(100) / math.log(growth)
local gaps = {escape[2] - escape[1], (escape[3] - escape[2]) / 2}
local linear = 0
for r = 1, 41 do linear = math.max(linear, math.abs(ratio[2][r] / ratio[3][r] - 1)) end
claim(linear < 0.01,
      "eps = 1e-4 and 1e-8: spread / eps agree to 1% through iteration 4000 (the perturbation is linear in eps)")
claim(growth > 2 and all_equal(near[3], 1, 8) and near[3].loss[121] > 0.59,
      string.format("eps = 1e-8: the spread grows x%.2f per 1000 steps, exponentially, while "
                    .. "the loss stays on the plateau (%.3f at iteration 12000), 8 distinct units counted throughout",
                    growth, near[3].loss[121]))
claim(math.abs(gaps[1] / predicted_gap - 1) < 0.1 and math.abs(gaps[2] / predicted_gap - 1) < 0.1,
      string.format("the loss falls below 0.3 at iterations %d, %d, %d for eps 1e-2, 1e-4, 1e-8: "
                    .. "%d and %d steps per factor 100 in eps, %.0f predicted by ln(100) / ln(growth) (within 10%%)",
                    escape[1], escape[2], escape[3], gaps[1], gaps[2], predicted_gap))
claim(near_acc[1] >= 0.99 and near_acc[2] >= 0.99 and near_acc[3] >= 0.99 and acc[6] < 0.8,
      string.format("every near-symmetric start trains in the end: accuracy %.2f, %.2f, %.2f; exactly 0.5 stays at %.2f",
                    near_acc[1], near_acc[2], near_acc[3], acc[6]))

local labels = {"eps = 1e-2", "eps = 1e-4", "eps = 1e-8"}
local spread_panel = {title = "the perturbation grows exponentially, in proportion to eps",
                      xlabel = "iteration", ylabel = "spread of layer 1 / eps", logy = true,
                      xrange = {0, lengths[3]}}
local loss_panel = {title = "the loss leaves the plateau when the spread is of order 1",
                    xlabel = "iteration", ylabel = "loss", xrange = {0, lengths[3]}}
for k = 1, 3 do
  spread_panel[k] = {x = near[k].iter, y = ratio[k], label = labels[k]}
  loss_panel[k] = {x = near[k].iter, y = near[k].loss, label = labels[k]}
end
loss_panel[4] = {x = {0, lengths[3]}, y = {loss6, loss6}, label = "exactly 0.5 (its final loss)", dashed = true}
il.lines({spread_panel, loss_panel}, {file = figures .. "/lesson11_near_symmetric.png",
                                      width = 1400, height = 480})

-- 6. Symmetry broken without random numbers.  identity: W1 = eye(8, 2)
-- leaves units 3-8 of layer 1 zero rows, W3 = eye(1, 8) gives units 2-8 of
-- layer 2 zero outgoing weights; a zero row into tanh outputs 0, which
-- teaches its outgoing weight nothing, and a zero outgoing weight sends no
-- gradient back: units 3-8 of both layers are frozen, exactly.
-- hadamard (ZerO, Zhao et al., TMLR 2022): W1 = 0.5 [1 1; 1 -1; ...] has
-- only 2 distinct rows; W2 = I and W3 = eye(1, 8) tell unit 1 apart from
-- its copies and nothing else, so in exact arithmetic 3 distinct units
-- stay for ever (unit 1, its copies 3, 5, 7, and 2, 4, 6, 8).  In floating
-- point the copies meet their round-off at different places of the sums:
-- they come apart by 1e-16, growing to about 1e-10 by step 3000, when
-- 'distinct' (tolerance 1e-12) starts counting 8.
local frozen, initial = trained[8], starts[8]
local frozen_ok = true
for i = 3, 8 do
  frozen_ok = frozen_ok and frozen.W[1]:get(i, 1) == 0 and frozen.W[1]:get(i, 2) == 0
              and frozen.b[1]:get(i, 1) == 0 and frozen.b[2]:get(i, 1) == 0
              and frozen.W[3]:get(1, i) == 0
  for j = 1, 8 do frozen_ok = frozen_ok and frozen.W[2]:get(i, j) == initial.W[2]:get(i, j) end
end
claim(frozen_ok and all_equal(recs[8], 1, 3) and acc[8] < 0.9,
      string.format("identity: units 3-8 of both hidden layers never move (exactly), layer 1 has 3 distinct units throughout: accuracy %.2f",
                    acc[8]))
local zer = trained[9]
local function row_distance(i, j)
  local s = 0
  for c = 1, 2 do
    local d = zer.W[1]:get(i, c) - zer.W[1]:get(j, c)
    s = s + d * d
  end
  local d = zer.b[1]:get(i, 1) - zer.b[1]:get(j, 1)
  return math.sqrt(s + d * d)
end
local copies = math.max(row_distance(3, 5), row_distance(3, 7), row_distance(2, 4),
                        row_distance(2, 6), row_distance(2, 8))
local largest = 0
for _, v in ipairs(lesson.values(zer.W[1])) do largest = math.max(largest, math.abs(v)) end
for _, v in ipairs(lesson.values(zer.b[1])) do largest = math.max(largest, math.abs(v)) end
print(string.format("hadamard: layer 1's W after 3000 steps (the copies differ by at most %.3g):", copies))
print(zer.W[1])
claim(recs[9].distinct[1][1] == 2 and recs[9].distinct[1][2] == 3 and copies < 1e-6 and acc[9] >= 0.99,
      string.format("hadamard (ZerO): layer 1 starts with 2 distinct rows, has 3 after one step, and "
                    .. "its copies differ only by round-off at step 3000 (%.0e, weights up to %.1f): "
                    .. "accuracy %.2f", copies, largest, acc[9]))

-- The first layer's [W b] at the start and after 3000 steps: equal rows
-- show as stripes.
local show = {1, 6, 8, 9}
local shown_recs, shown_names = {}, {}
for i, k in ipairs(show) do shown_recs[i], shown_names[i] = recs[k], names[k] end
il.plot(shown_recs, "weights", {layer = 1, iters = {0, 3000}, labels = shown_names,
                                file = figures .. "/lesson11_weights.png"})
local function exists(path)
  local f = io.open(path)
  if f then f:close() end
  return f ~= nil
end
claim(exists(figures .. "/lesson11_weights.png") and exists(figures .. "/lesson11_near_symmetric.png"),
      "the figures were written")
