-- The Lua layer's own behaviour: methods called with a dot, errors at the
-- caller's line, net.W and net.b as lists of layers that write through.
local il = require "initlab"

local function small()
  local net = il.net{2, 3, 1, act = {"tanh", "sigmoid"}}
  net:init("normal", {seed = 1, bias = "normal"})
  return net
end

-- f's error, and the line f was written on (each case is one line).
local function error_of(f)
  local ok, e = pcall(f)
  assert.is_false(ok, "no error")
  return tostring(e), debug.getinfo(f, "S").linedefined
end

describe("a method called with a dot", function()
  it("says to call it with a colon", function()
    local net = small()
    local X = il.matrix(2, 1)
    assert.has_error(function() net.forward(X) end,
      "initlab:badArg: call net:forward(X) with a colon (net.forward(...) passes no network)")
    for name, args in pairs({init = "name, opts", train = "X, Y, opts", evaluate = "X, Y, opts",
                             stats = "X, Y, opts", save = "path", copy = "", close = ""}) do
      assert.has_error(function() net[name]() end,
        string.format("initlab:badArg: call net:%s(%s) with a colon (net.%s(...) passes no network)",
                      name, args, name))
    end
    -- and the network is still fine
    assert.are.same({1, 1}, {net:forward(X):size()})
  end)
end)

describe("errors", function()
  local net = small()
  local X, Y = il.dataset("xor", {n = 10, seed = 1})
  local rec = {iter = {0, 1}, loss = {1, 0.5}}
  local cases = {
    function() il.load(5) end,
    function() il.load("/nonexistent/net.txt") end,
    function() net:save(5) end,
    function() net:save("/dev/full") end,
    function() il.csv(5, "x.csv") end,
    function() il.plot(rec, "los", {file = "/nonexistent/x.png"}) end,
    function() il.lines({}, {file = "/nonexistent/x.png"}) end,
    function() net.W[9] = il.matrix(3, 2) end,
    function() net.W = {} end,
    function() net.act = {"relu", "relu"} end,
    function() net.forward(X) end,
    function() net:forward(il.matrix(3, 1)) end,
    function() net:forward(X, {kepe = true}) end,
    function() net:train(X, Y, {itres = 5}) end,
    function() net:init("hee") end,
    function() net.W[1] = il.matrix(1, 1) end,
    function() net.W[1]:set(1, 1, 0 / 0) end,
    function() net.b[1]:set(7, 1, 0) end,
    function() il.net{2, "x", act = "tanh"} end,
    function() il.dataset("circle") end,
    function() il.gain("softmax") end,
  }

  it("point at the caller's line, with an initlab identifier", function()
    for k, f in ipairs(cases) do
      local e, line = error_of(f)
      assert.truthy(e:find("^[^\n]*api_spec%.lua:" .. line .. ": initlab:%a+: "),
                    "case " .. k .. ": " .. e)
    end
  end)

  it("let a callback's own error through as it was", function()
    local e = error_of(function()
      net:train(X, Y, {iters = 10, progress_every = 1, progress = function() error({code = 7}) end})
    end)
    assert.truthy(e:find("^table"), e)
    assert.has_error(function()
      net:train(X, Y, {iters = 10, progress_every = 1, progress = function() error("mine", 0) end})
    end, "mine")
  end)
end)

describe("net.W and net.b", function()
  it("are lists of layers: #, ipairs and pairs", function()
    local net = il.net{2, 5, 4, 1, act = {"relu", "relu", "sigmoid"}}
    assert.are.equal(3, #net.W)
    assert.are.equal(3, #net.b)
    local rows = {}
    for l, W in ipairs(net.W) do
      rows[l] = select(1, W:size())
      assert.is_true(W == net.W[l])
    end
    assert.are.same({5, 4, 1}, rows)
    local seen = {}
    for l, b in pairs(net.b) do seen[#seen + 1] = l .. ":" .. select(1, b:size()) end
    assert.are.same({"1:5", "2:4", "3:1"}, seen)
    assert.is_nil(net.W[0])
    assert.is_nil(net.W[4])
    assert.is_nil(net.W.first)
  end)

  it("write an entry set on them through to the network", function()
    local net = small()
    local X = il.matrix{{0.5}, {-1}}
    local W, b = net.W[1], net.b[2]
    W:set(2, 1, 0.25)
    b:set(1, 1, -3)
    assert.are.equal(0.25, net.W[1]:get(2, 1))
    assert.are.equal(0.25, W:get(2, 1))
    assert.are.equal(-3, net.b[2]:get(1, 1))
    -- the output is that of the network with those entries
    local z = net.b[1]:totable()
    local W1 = net.W[1]:totable()
    local z2 = -3
    for i = 1, 3 do
      local a = math.exp(-2 * math.abs(W1[i][1] * 0.5 - W1[i][2] + z[i][1]))
      local t = (1 - a) / (1 + a)
      if W1[i][1] * 0.5 - W1[i][2] + z[i][1] < 0 then t = -t end
      z2 = z2 + net.W[2]:get(1, i) * t
    end
    assert.is_near(1 / (1 + math.exp(-z2)), net:forward(X):get(1, 1), 1e-14)
  end)

  it("write only the entry set, not the rest of an older copy", function()
    local net = small()
    local old = net.W[1]
    local X, Y = il.dataset("xor", {n = 20, seed = 2})
    net:train(X, Y, {iters = 20, lr = 0.5, verbose = false})
    local trained = net.W[1]
    old:set(1, 1, 9)
    local now = net.W[1]
    assert.are.equal(9, now:get(1, 1))
    assert.are.equal(trained:get(3, 2), now:get(3, 2))
    assert.are_not.equal(old:get(3, 2), now:get(3, 2))
  end)

  it("refuse what the network refuses, and change nothing then", function()
    local net = small()
    local W = net.W[1]
    local before = net.W[1]:hex()
    assert.has_error(function() W:set(1, 1, 0 / 0) end,
      "initlab:badValue: layer 1 W(1,1) is NaN; weights must be finite")
    assert.has_error(function() W:set(4, 1, 0) end)
    assert.are.equal(before, net.W[1]:hex())
    assert.are.equal(before, W:hex())
    net:close()
    assert.has_error(function() W:set(1, 1, 0) end)
  end)

  it("leave other matrices alone: il.matrix, records, forward's output", function()
    local net = small()
    local m = il.matrix(2, 2)
    m:set(1, 2, 5)
    assert.are.equal(5, m:get(1, 2))
    local X, Y = il.dataset("xor", {n = 20, seed = 2})
    local rec = net:train(X, Y, {iters = 2, record_every = 1, record = "weights", verbose = false})
    local before = net.W[1]:hex()
    rec.W[1][1]:set(1, 1, 42)
    net:forward(X):set(1, 1, 42)
    assert.are.equal(before, net.W[1]:hex())
  end)

  it("are assigned whole, layer by layer", function()
    local net = small()
    net.W[2] = il.matrix{{1, 2, 3}}
    net.b[2] = il.matrix{{0.5}}
    assert.are.same({{1, 2, 3}}, net.W[2]:totable())
    assert.are.same({{0.5}}, net.b[2]:totable())
    assert.has_error(function() net.W[3] = il.matrix(1, 3) end,
      "initlab:badArg: net.W[3]: the layer must be a whole number in 1..2")
    assert.has_error(function() net.W = {} end,
      "initlab:badArg: net.W cannot be replaced; assign its layers: net.W[l] = matrix")
  end)
end)

describe("a network's other fields", function()
  it("are fixed, read as copies", function()
    local net = small()
    local act = net.act
    act[1] = "relu"
    assert.are.same({"tanh", "sigmoid"}, net.act)
    assert.has_error(function() net.sizes = {2, 2, 1} end,
      "initlab:badArg: net.sizes is fixed when the network is built; build another with il.net{...}")
    assert.has_error(function() net.forward = print end,
      "initlab:badArg: net.forward is a method of the network and cannot be replaced")
    net.name = "mine"
    assert.are.equal("mine", net.name)
    assert.are.equal("initlab net 2-3-1 (tanh, sigmoid; loss bce), 13 parameters", tostring(net))
    -- the summary's first line, as the engine writes both
    local wide = il.net{30, 40, 20, 3, act = {"relu", "leaky_relu", "softmax"}}
    assert.are.equal(wide:summary():match("^[^\n]*"), tostring(wide))
  end)

  it("close with the scope", function()
    local kept
    do
      local net <close> = small()
      kept = net
    end
    assert.has_error(function() kept:forward(il.matrix(2, 1)) end)
  end)
end)
