-- Cost and gradients for given weights, the unrolled vector, lambda and a
-- validation set in training.
local il = require "initlab"

local function sigmoid(z) return 1 / (1 + math.exp(-z)) end

-- A one-layer sigmoid net's regularized cross-entropy written out by hand,
-- samples as columns: J = -(1/m) sum [y log h + (1-y) log(1-h)] + lambda/(2m) sum W^2.
local function course_cost(W, b, X, Y, lambda)
  local n, k = W:size()
  local _, m = X:size()
  local J, grad = 0, {}
  for i = 1, n do
    grad[i] = {b = 0, W = {}}
    for p = 1, k do grad[i].W[p] = 0 end
  end
  for j = 1, m do
    for i = 1, n do
      local z = b:get(i, 1)
      for p = 1, k do z = z + W:get(i, p) * X:get(p, j) end
      local h, y = sigmoid(z), Y:get(i, j)
      J = J - (y * math.log(h) + (1 - y) * math.log(1 - h)) / m
      grad[i].b = grad[i].b + (h - y) / m
      for p = 1, k do grad[i].W[p] = grad[i].W[p] + (h - y) * X:get(p, j) / m end
    end
  end
  for i = 1, n do
    for p = 1, k do
      J = J + lambda / (2 * m) * W:get(i, p) ^ 2
      grad[i].W[p] = grad[i].W[p] + lambda / m * W:get(i, p)
    end
  end
  return J, grad
end

local function data()
  local X, Y = il.matrix(3, 8), il.matrix(2, 8)
  for j = 1, 8 do
    for p = 1, 3 do X:set(p, j, math.sin(p * j) / 2) end
    Y:set(1 + j % 2, j, 1)
  end
  return X, Y
end

describe("net:cost and net:gradients", function()
  it("give a course's regularized cross-entropy and its gradient", function()
    local net = il.net{3, 2, act = "sigmoid"}:init("normal", {std = 0.7, seed = 3, bias = "normal"})
    local X, Y = data()
    for _, lambda in ipairs{0, 1, 3} do
      local J, grad = net:cost(X, Y, {lambda = lambda})
      local Jc, gc = course_cost(net.W[1], net.b[1], X, Y, lambda)
      assert.is_true(math.abs(J - Jc) <= 1e-12 * math.abs(Jc))
      assert.are.same({8, 1}, {grad:size()})
      -- unrolled as [b W](:): b1, b2, then W's columns
      for i = 1, 2 do
        assert.is_true(math.abs(grad:get(i, 1) - gc[i].b) < 1e-13)
        for p = 1, 3 do
          assert.is_true(math.abs(grad:get(2 + (p - 1) * 2 + i, 1) - gc[i].W[p]) < 1e-13)
        end
      end
    end
  end)

  it("net:gradients gives the same numbers per layer", function()
    local net = il.net{3, 4, 2, act = {"tanh", "sigmoid"}, seed = 5}
    local X, Y = data()
    local J, grad = net:cost(X, Y, {lambda = 0.5, l2 = 0.01})
    local dW, db, J2 = net:gradients(X, Y, {lambda = 0.5, l2 = 0.01})
    assert.are.equal(J, J2)
    assert.are.equal(2, #dW)
    assert.are.same({4, 3}, {dW[1]:size()})
    assert.are.equal(grad:get(1, 1), db[1]:get(1, 1))
    assert.are.equal(grad:get(5, 1), dW[1]:get(1, 1))
    assert.are.equal(grad:get(17, 1), db[2]:get(1, 1))
  end)

  it("unrolls and rerolls in the course's order", function()
    local net = il.net{3, 2, 1, act = {"relu", "sigmoid"}}
    local theta = il.matrix(11, 1)
    for i = 1, 11 do theta:set(i, 1, i) end
    assert.are.equal(net, net:reroll(theta))
    assert.are.equal(1, net.b[1]:get(1, 1))
    assert.are.equal(3, net.W[1]:get(1, 1))
    assert.are.equal(5, net.W[1]:get(1, 2))
    assert.are.equal(9, net.b[2]:get(1, 1))
    assert.are.equal(11, net.W[2]:get(1, 2))
    local back = net:unroll()
    for i = 1, 11 do assert.are.equal(i, back:get(i, 1)) end
  end)

  it("passes a gradient check: central differences to 1e-9", function()
    local net = il.net{3, 5, 2, act = "sigmoid"}:init("xavier_normal", {seed = 2, bias = "normal"})
    local X, Y = data()
    local opts = {lambda = 3}
    local _, grad = net:cost(X, Y, opts)
    local theta, h = net:unroll(), 1e-4
    local diff, sum = 0, 0
    for i = 1, select(1, theta:size()) do
      local keep = theta:get(i, 1)
      theta:set(i, 1, keep + h)
      local up = net:reroll(theta):cost(X, Y, opts)
      theta:set(i, 1, keep - h)
      local down = net:reroll(theta):cost(X, Y, opts)
      theta:set(i, 1, keep)
      local num = (up - down) / (2 * h)
      diff = diff + (num - grad:get(i, 1)) ^ 2
      sum = sum + (num + grad:get(i, 1)) ^ 2
    end
    assert.is_true(math.sqrt(diff) / math.sqrt(sum) < 1e-9)
  end)

  it("refuses what does not fit", function()
    local net = il.net{3, 2, 2, act = {"relu", "sigmoid"}}
    local X, Y = data()
    assert.has_error(function() net:cost(X, Y, {lambda = -1}) end,
                     "initlab:badValue: lambda must be a finite number >= 0, got -1")
    assert.has_error(function() net:reroll(il.matrix(3, 1)) end,
                     "initlab:badSize: theta must have 14 entries (the network's weights and biases), got 3")
    assert.has_error(function() net:cost(X, Y, {lamda = 1}) end)
  end)
end)

describe("net:train with lambda and a validation set", function()
  it("records the penalty, the cost and the held-out loss", function()
    local X, Y = il.dataset("moons", {n = 60, seed = 2})
    local Xv, Yv = il.dataset("moons", {n = 30, seed = 7})
    local net = il.net{2, 4, 1, act = {"tanh", "sigmoid"}, seed = 4}
    local start = net:copy()
    local rec = net:train(X, Y, {iters = 20, lr = 0.5, lambda = 1, record_every = 10,
                                 verbose = false, validation = {Xv, Yv}})
    assert.are.equal(3, #rec.cost)
    for r = 1, 3 do assert.are.equal(rec.loss[r] + rec.penalty[r], rec.cost[r]) end
    assert.is_true(math.abs(rec.cost[3] - net:cost(X, Y, {lambda = 1})) < 1e-15)
    local loss, acc = net:evaluate(Xv, Yv)
    assert.are.equal(loss, rec.val_loss[3])
    assert.are.equal(acc, rec.val_accuracy[3])
    local loss0 = start:evaluate(Xv, Yv)
    assert.are.equal(loss0, rec.val_loss[1])
    assert.has_error(function()
      start:train(X, Y, {iters = 1, validation = {Xv}, verbose = false})
    end, "initlab:badSize: validation must be {Xv, Yv}, two matrices; got 1")
  end)
end)
