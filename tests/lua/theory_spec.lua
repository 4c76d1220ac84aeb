-- The mean-field theory (il.theory), predicted against measured
-- (il.propagation) and the Jacobians' singular values (il.jacobian), checked
-- against computations of their own here.
local il = require "initlab"

-- E[f(sqrt(q) z)^2] by a fine midpoint rule over [-12, 12] (independent
-- of the engine's quadrature)
local function gauss_mean(f, q)
  local n, lo, hi, s = 200000, -12, 12, 0
  local h = (hi - lo) / n
  for i = 0, n - 1 do
    local z = lo + (i + 0.5) * h
    s = s + f(math.sqrt(q) * z) * math.exp(-z * z / 2)
  end
  return s * h / math.sqrt(2 * math.pi)
end

local function tanh(x) return (math.exp(2 * x) - 1) / (math.exp(2 * x) + 1) end

describe("il.theory", function()
  it("follows the variance map", function()
    local T = il.theory("tanh", {sigma_w2 = 1.7, sigma_b2 = 0.1, depth = 2, q0 = 0.8})
    local q1 = 1.7 * gauss_mean(function(u) return tanh(u) ^ 2 end, 0.8) + 0.1
    assert.is_true(math.abs(T.q:get(1, 2) - q1) < 1e-9)
    local rows, cols = T.q:size()
    assert.are.equal(1, rows)
    assert.are.equal(3, cols)
  end)

  it("has a fixed point that is fixed, and chi1 from it", function()
    local T = il.theory("tanh", {sigma_w2 = 1.5, sigma_b2 = 0.05})
    local q = 1.5 * gauss_mean(function(u) return tanh(u) ^ 2 end, T.q_star) + 0.05
    assert.is_true(math.abs(q - T.q_star) < 1e-9)
    local chi1 = 1.5 * gauss_mean(function(u) return (1 - tanh(u) ^ 2) ^ 2 end, T.q_star)
    assert.is_true(math.abs(chi1 - T.chi1) < 1e-9)
    assert.are.equal("ordered", T.phase)
    assert.is_true(math.abs(T.xi_c + 1 / math.log(T.chi1)) < 1e-9)
  end)

  it("knows the closed forms", function()
    assert.is_true(math.abs(il.theory("relu", {sigma_w2 = 3}).chi1 - 1.5) < 1e-14)
    assert.are.equal("chaotic", il.theory("relu", {sigma_w2 = 3}).phase)
    assert.is_true(math.abs(il.theory("tanh", {critical = true, sigma_b2 = 0}).sigma_w2 - 1) < 1e-9)
    assert.is_true(math.abs(il.theory("relu", {critical = true, sigma_b2 = 0.3}).sigma_w2 - 2) < 1e-12)
    local a = 0.2
    local C = il.theory("leaky_relu", {critical = true, act_param = a})
    assert.is_true(math.abs(C.sigma_w2 - 2 / (1 + a * a)) < 1e-12)
    assert.are.equal(a, C.act_param)
  end)

  it("refuses what has no theory, naming it", function()
    assert.has_error(function() il.theory("softmax", {sigma_w2 = 1}) end)
    local ok, err = pcall(il.theory, "tanh", {sigma_w2 = 1, critical = true})
    assert.is_false(ok)
    assert.truthy(err:find("initlab:badOption", 1, true))
    ok, err = pcall(il.theory, "tanh", {sigma_w2 = 0})
    assert.truthy(err:find("sigma_w2", 1, true))
    ok, err = pcall(il.theory, "tanh", {sigma_w2 = 1, sigmaw2 = 1})
    assert.truthy(err:find("unknown option 'sigmaw2'", 1, true))
  end)
end)

describe("il.propagation", function()
  it("predicts layers 1000 wide within a few percent, sigma_w2 read off the weights", function()
    local net = il.net{300, 1000, 1000, 1, act = {"tanh", "tanh", "sigmoid"}}
    net:init("critical", {sigma_b2 = 0.05, seed = 7})
    local X = il.rand("xoshiro", 3):normal(300, 40)
    local Y = il.matrix(1, 40)
    for j = 1, 40 do Y:set(1, j, j % 2) end
    local P = il.propagation(net, X, Y)
    for l = 1, 2 do
      assert.is_true(math.abs(P.q_pred:get(1, l) / P.q_meas:get(1, l) - 1) < 0.05)
      assert.is_true(math.abs(P.grad_pred:get(1, l) / P.grad_meas:get(1, l) - 1) < 0.15)
    end
    local W = net.W[2]
    local s = 0
    for i = 1, 1000 do for j = 1, 1000 do s = s + W:get(i, j) ^ 2 end end
    assert.is_true(math.abs(P.sigma_w2:get(1, 2) - s / 1000) < 1e-9)
    assert.are.equal("string", type(P.table))
  end)
end)

describe("il.jacobian", function()
  it("is W for one linear layer, and an isometry for orthogonal ones", function()
    local net = il.net{3, 3, 3, 3, act = "linear"}
    net:init("orthogonal", {seed = 2})
    local J = il.jacobian(net, il.matrix(3, 2))
    for j = 1, 2 do for i = 1, 3 do assert.is_true(math.abs(J.sv:get(i, j) - 1) < 1e-12) end end
    assert.is_true(math.abs(J.condition - 1) < 1e-12)
  end)

  it("agrees with finite differences", function()
    local net = il.net{2, 4, 2, act = {"tanh", "linear"}}
    net:init("normal", {std = 0.8, seed = 3})
    local x = il.matrix(2, 1)
    x:set(1, 1, 0.3); x:set(2, 1, -0.4)
    local h, F = 1e-6, {}
    for i = 1, 2 do
      local xp, xm = il.matrix(2, 1), il.matrix(2, 1)
      for p = 1, 2 do xp:set(p, 1, x:get(p, 1)); xm:set(p, 1, x:get(p, 1)) end
      xp:set(i, 1, x:get(i, 1) + h); xm:set(i, 1, x:get(i, 1) - h)
      local op, om = net:forward(xp), net:forward(xm)
      F[i] = {(op:get(1, 1) - om:get(1, 1)) / (2 * h), (op:get(2, 1) - om:get(2, 1)) / (2 * h)}
    end
    -- singular values of the 2 x 2 matrix [F11 F21; F12 F22] in closed form
    local a, b, c, d = F[1][1], F[2][1], F[1][2], F[2][2]
    local s1 = a * a + b * b + c * c + d * d
    local det = math.abs(a * d - b * c)
    local big = math.sqrt((s1 + math.sqrt(s1 * s1 - 4 * det * det)) / 2)
    local J = il.jacobian(net, x)
    assert.is_true(math.abs(J.sv:get(1, 1) - big) < 1e-7)
    assert.is_true(math.abs(J.sv:get(2, 1) - det / big) < 1e-7)
  end)

  it("refuses what is not a network", function()
    assert.has_error(function() il.jacobian({}, il.matrix(2, 1)) end)
  end)
end)

describe("il.jacobian at recorded iterations", function()
  it("is the Jacobian of the network at each recorded iteration", function()
    local net = il.net{3, 5, 2, act = {"tanh", "linear"}}
    net:init("xavier_normal", {seed = 3})
    local X = il.rand("xoshiro", 5):normal(3, 4)
    local Y = il.rand("xoshiro", 6):normal(2, 4)
    local rec = net:copy():train(X, Y, {iters = 20, record_every = 10, record = "all",
                                      verbose = false})
    local J = il.jacobian(net, X, rec)
    local rows, cols = J.sv:size()
    assert.are.equal(8, rows)
    assert.are.equal(3, cols)
    assert.are.equal(20, J.iter:get(1, 3))
    local first = il.jacobian(net, X)
    for j = 1, 4 do
      for i = 1, 2 do assert.are.equal(first.sv:get(i, j), J.sv:get(i + 2 * (j - 1), 1)) end
    end
    -- options come after the record, or alone
    assert.has_error(function() il.jacobian(net, X, rec, {max_bytes = 1}) end)
    assert.has_error(function() il.jacobian(net, X, {max_bytes = 1}) end)
  end)
end)
