-- The edge-of-chaos (critical) and ZerO (hadamard) initializers from Lua.
local il = require "initlab"

local function variance(m)
  local rows, cols = m:size()
  local s, ss, n = 0, 0, rows * cols
  for i = 1, rows do for j = 1, cols do s = s + m:get(i, j) end end
  for i = 1, rows do for j = 1, cols do ss = ss + (m:get(i, j) - s / n) ^ 2 end end
  return ss / n, s / n
end

describe("net:init critical", function()
  it("is he_normal's numbers for relu while no bias draws sit between", function()
    local a, b = il.net{5, 7, 3, act = "relu"}, il.net{5, 7, 3, act = "relu"}
    for _, rng in ipairs({"xoshiro", "numpy"}) do
      a:init("critical", {bias = "zeros", seed = 3, rng = rng})
      b:init("he", {seed = 3, rng = rng})
      assert.is_true(a.W[1] == b.W[1] and a.W[2] == b.W[2], rng)
      a:init("critical", {seed = 3, rng = rng})
      assert.is_true(a.W[1] == b.W[1], rng)
      assert.is_false(a.W[2] == b.W[2], rng)
    end
  end)

  it("draws the edge-of-chaos variance and N(0, sigma_b2) biases", function()
    local net = il.net{600, 600, 1, act = {"tanh", "linear"}}
    net:init("critical", {seed = 4, sigma_b2 = 0.05})
    local v, mean = variance(net.W[1])
    assert.is_true(math.abs(v * 600 - 1.76) < 0.05, "tanh sigma_w2 " .. v * 600)
    assert.is_true(math.abs(mean) < 5 * math.sqrt(v / 360000))
    local vb = variance(net.b[1])
    assert.is_true(math.abs(vb - 0.05) < 5 * 0.05 * math.sqrt(2 / 600), "bias var " .. vb)
    net:init("critical", {seed = 4, sigma_b2 = 0.05})
    local again = net.W[1]
    net:init("critical", {seed = 4, sigma_b2 = 0.05})
    assert.is_true(again == net.W[1])
  end)

  it("refuses bad sigma_b2, a kind that does not read it, and softmax", function()
    local net = il.net{2, 3, 1, act = "tanh"}
    assert.has_error(function() net:init("critical", {sigma_b2 = -1}) end,
      "initlab:badValue: sigma_b2 must be a finite number >= 0, got -1")
    assert.has_error(function() net:init("critical", {sigma_b2 = 0 / 0}) end,
      "initlab:badValue: sigma_b2 must be a finite number >= 0, got NaN")
    assert.has_error(function() net:init("he", {sigma_b2 = 0.1}) end,
      "initlab:badOption: 'sigma_b2' does not apply to he_normal; it is an option of critical")
    local soft = il.net{2, 3, 2, act = {"tanh", "softmax"}}
    assert.has_error(function() soft:init("critical") end,
      "initlab:badValue: layer 2: critical is not defined for a softmax layer: the " ..
      "mean-field theory of its edge of chaos is per unit, and softmax couples the " ..
      "units; give this layer another initializer")
  end)
end)

describe("net:init hadamard", function()
  it("is ZerO's identity, partial identity and scaled Hadamard matrix", function()
    local net = il.net{4, 4, 3, 5, 8, act = "relu"}
    net:init("hadamard")
    assert.are.same({{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}}, net.W[1]:totable())
    assert.are.same({{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}}, net.W[2]:totable())
    -- 3 -> 5: m = 3, c = 2^(-(3-1)/2) = 1/2
    assert.are.same({{.5, .5, .5}, {.5, -.5, .5}, {.5, .5, -.5}, {.5, -.5, -.5}, {.5, .5, .5}},
                    net.W[3]:totable())
    -- 5 -> 8: the first 5 columns of H_3 / 2; rows 5..8 mirror rows 1..4
    local W = net.W[4]:totable()
    for j = 1, 5 do
      assert.are.equal(W[1][j], 0.5)
      assert.are.equal(W[5][j], j == 5 and -0.5 or 0.5)
    end
    assert.are.same({{0}, {0}, {0}, {0}, {0}}, net.b[3]:totable())
  end)

  it("draws nothing", function()
    local a, b = il.net{3, 6, 4, act = "tanh"}, il.net{3, 6, 4, act = "tanh"}
    a:init({"hadamard", "normal"}, {seed = 2})
    b:init({"zeros", "normal"}, {seed = 2})
    assert.is_true(a.W[2] == b.W[2])
    assert.has_error(function() a:init("hadamard", {gain = 2}) end,
      "initlab:badOption: 'gain' does not apply to hadamard; it is an option of " ..
      "xavier_uniform, xavier_normal, he_uniform, he_normal, orthogonal, identity, lsuv")
  end)
end)
