-- Networks: building, initializing, forward, training and recording.
local il = require "initlab"

-- tanh(z); math.tanh is gone from Lua 5.4 (only a LUA_COMPAT_MATHLIB build has it)
local function tanh(z)
  local e = math.exp(-2 * math.abs(z))
  local t = (1 - e) / (1 + e)
  return z < 0 and -t or t
end

local function circles(n, seed)
  return il.dataset("circles", {n = n or 200, noise = 0.05, seed = seed or 1})
end

describe("il.net", function()
  it("builds a network with a loss fitting its output", function()
    local net = il.net{2, 10, 5, 1, act = {"relu", "relu", "sigmoid"}}
    assert.are.same({2, 10, 5, 1}, net.sizes)
    assert.are.equal("bce", net.loss)
    assert.are.same({10, 2}, {net.W[1]:size()})
    assert.are.same({1, 1}, {net.b[3]:size()})
    assert.are.equal("mse", il.net{3, 2, act = "tanh"}.loss)
    assert.are.equal("sce", il.net{3, 4, act = "softmax"}.loss)
  end)

  it("counts accuracy as a course does: one-hot targets by the largest output", function()
    -- ten sigmoid outputs that say "no" to every class score 1 in 10, not 9 in 10
    local net = il.net{2, 10, act = "sigmoid"}
    local W, b = il.matrix(10, 2), il.matrix(10, 1, -5)
    b:set(3, 1, -4)
    net.W[1], net.b[1] = W, b
    local X, Y = il.matrix(2, 100), il.matrix(10, 100)
    for j = 1, 100 do Y:set((j - 1) % 10 + 1, j, 1) end
    local _, acc = net:evaluate(X, Y)
    assert.is_near(0.1, acc, 1e-15)
    _, acc = net:evaluate(X, Y, {accuracy = "binary"})
    assert.is_near(0.9, acc, 1e-15)
    assert.is_near(0.9, net:stats(X, Y, {accuracy = "binary"}).accuracy[1], 1e-15)
    assert.is_near(0.1, net:stats(X, Y).accuracy[1], 1e-15)
    assert.has_error(function() net:evaluate(X, Y, {accuracy = "top5"}) end)
  end)

  it("makes one-hot targets from labels 1..k, as il_onehot does", function()
    local Y = il.onehot({2, 1, 3})
    assert.are.same({{0, 1, 0}, {1, 0, 0}, {0, 0, 1}}, Y:totable())
    assert.are.same({4, 2}, {il.onehot(il.matrix{{1, 2}}, 4):size()})
    local _, _, labels = il.dataset("spirals", {n = 30, classes = 3, seed = 1})
    local _, Yd = il.dataset("spirals", {n = 30, classes = 3, seed = 1})
    assert.is_true(il.onehot(labels, 3) == Yd) -- the dataset's own targets
    assert.has_error(function() il.onehot({1, 0}) end,
      "initlab:badValue: labels(2) must be a whole number >= 1, got 0")
    assert.has_error(function() il.onehot({1, 3}, 2) end,
      "initlab:badValue: labels go up to 3, more than k = 2")
  end)

  it("shows an activation's own parameter as NaN, as Octave's net.act_param does", function()
    local net = il.net{2, 3, 1, act = "leaky_relu", act_param = {0.2, 0 / 0}}
    assert.are.equal(0.2, net.act_param[1])
    assert.is_true(net.act_param[2] ~= net.act_param[2])
    local plain = il.net{2, 3, 1, act = "leaky_relu"}
    assert.is_true(plain.act_param[1] ~= plain.act_param[1])
  end)

  it("is initialized for its activations, the same for the same seed", function()
    local a = il.net{20, 200, 1, act = {"relu", "sigmoid"}}
    local b = il.net{20, 200, 1, act = {"relu", "sigmoid"}}
    assert.is_true(a.W[1] == b.W[1])
    local W, ss = a.W[1], 0
    local rows, cols = W:size()
    for i = 1, rows do for j = 1, cols do ss = ss + W:get(i, j) ^ 2 end end
    assert.is_near(2 / 20, ss / (rows * cols), 0.015) -- He normal
    assert.is_false(il.net{20, 200, 1, act = {"relu", "sigmoid"}, seed = 4}.W[1] == a.W[1])
  end)

  it("explains bad networks with the engine's words", function()
    assert.has_error(function() il.net{2, 3, 1, act = {"rleu", "sigmoid"}} end,
      "initlab:badName: unknown activation 'rleu'; expected one of: linear, sigmoid, tanh, relu, leaky_relu, elu, selu, softsign, softplus, softmax, identity, logistic")
    assert.has_error(function() il.net{2, 3, 1, act = {"relu", "relu", "relu"}} end,
      "initlab:badSize: act must be one name or 2 names (one per layer), got 3")
    assert.has_error(function() il.net{2, 3, 1, act = "relu", sed = 3} end,
      "initlab:badOption: unknown option 'sed'; expected one of: sizes, act, act_param, loss, seed")
    assert.has_error(function() il.net{2, 3, 1, act = "relu", act_param = {0.1}} end,
      "initlab:badSize: act_param must have 2 entries (one per layer), got 1")
    assert.has_error(function() il.net{2, 3, 1, act = {"tanh", "tanh"}, loss = "bce"} end,
      "initlab:badArg: loss 'bce' needs a sigmoid output layer, got tanh")
    assert.has_error(function() il.net{2, 0, 1, act = "relu"} end)
    assert.has_error(function() il.net(5) end)
  end)
end)

describe("net:init", function()
  it("draws every initializer from one seeded stream", function()
    local net = il.net{4, 6, 3, act = "tanh"}
    local names = {"zeros", "ones", "uniform", "normal", "truncated_normal", "scaled_normal",
                   "xavier_uniform", "xavier_normal", "he_uniform", "he_normal",
                   "lecun_uniform", "lecun_normal", "variance_scaling", "orthogonal",
                   "identity", "sparse", "nguyen_widrow", "glorot_uniform", "kaiming"}
    for _, name in ipairs(names) do
      net:init(name, {seed = 9})
      local first = net.W[1]
      net:init(name, {seed = 9})
      assert.is_true(first == net.W[1], name)
    end
    net:init("constant", {value = 0.25})
    assert.are.equal(0.25, net.W[2]:get(3, 6))
  end)

  it("takes one initializer per layer, parameters and biases", function()
    local net = il.net{2, 3, 1, act = {"tanh", "sigmoid"}}
    net:init({"zeros", "ones"}, {bias = 0.5})
    assert.are.same({{0, 0}, {0, 0}, {0, 0}}, net.W[1]:totable())
    assert.are.same({{1, 1, 1}}, net.W[2]:totable())
    assert.are.same({{0.5}, {0.5}, {0.5}}, net.b[1]:totable())
    net:init("uniform", {a = 2, b = 3, seed = 1})
    local v = net.W[1]:get(1, 1)
    assert.is_true(v >= 2 and v <= 3)
    net:init("matrix", {matrix = {il.matrix{{1, 2}, {3, 4}, {5, 6}}, il.matrix{{7, 8, 9}}}})
    assert.are.same({{7, 8, 9}}, net.W[2]:totable())
    assert.has_error(function() net:init("matrix", {matrix = il.matrix(2, 2)}) end,
      "initlab:badSize: layer 1: matrix must be 3x2, got 2x2")
  end)

  it("runs lsuv to unit variance and reports its trials", function()
    local X = il.matrix(8, 100)
    for i = 1, 8 do for j = 1, 100 do X:set(i, j, math.sin(i * j) * 3) end end
    local net = il.net{8, 16, 16, 1, act = "tanh"}
    local _, trials = net:init("lsuv", {X = X, seed = 2})
    for l = 1, 3 do assert.is_true(trials[l] >= 1) end
    local _, Z = net:forward(X, {keep = true})
    local rows, cols = Z[2]:size()
    local s, ss = 0, 0
    for i = 1, rows do for j = 1, cols do s = s + Z[2]:get(i, j) end end
    local mean = s / (rows * cols)
    for i = 1, rows do for j = 1, cols do ss = ss + (Z[2]:get(i, j) - mean) ^ 2 end end
    assert.is_near(1, ss / (rows * cols), 0.05)
  end)

  it("explains bad initializers", function()
    local net = il.net{2, 3, 1, act = {"tanh", "sigmoid"}}
    assert.has_error(function() net:init("hee") end)
    assert.has_error(function() net:init("uniform", {a = 1, b = 0}) end,
      "initlab:badValue: layer 1: uniform needs low <= high, both finite, got low=1 high=0")
    assert.has_error(function() net:init("lsuv") end,
      "initlab:badArg: lsuv needs a batch X to measure the layers' output variance")
    assert.has_error(function() net:init({"he", "he", "he"}) end)
    assert.has_error(function() net:init("he", {bias = "orthogonal"}) end)
  end)
end)

describe("net:forward", function()
  it("computes W*A+b and the activations, layer by layer", function()
    local net = il.net{2, 3, 1, act = {"tanh", "sigmoid"}}
    net.W[1] = il.matrix{{0.1, 0.2}, {0.3, 0.4}, {0.5, 0.6}}
    net.b[1] = il.matrix{{0.1}, {0.2}, {0.3}}
    net.W[2] = il.matrix{{1, -1, 1}}
    net.b[2] = il.matrix{{-0.2}}
    local X = il.matrix{{1, -1}, {2, 0}}
    local out, Z, A = net:forward(X, {keep = true})
    for j = 1, 2 do
      local z2 = -0.2
      for i = 1, 3 do
        local z = ({0.1, 0.2, 0.3})[i] + ({0.1, 0.3, 0.5})[i] * X:get(1, j)
                  + ({0.2, 0.4, 0.6})[i] * X:get(2, j)
        assert.is_near(z, Z[1]:get(i, j), 1e-15)
        assert.is_near(tanh(z), A[1]:get(i, j), 1e-15)
        z2 = z2 + ({1, -1, 1})[i] * tanh(z)
      end
      assert.is_near(1 / (1 + math.exp(-z2)), out:get(1, j), 1e-15)
    end
  end)

  it("checks its input", function()
    local net = il.net{2, 3, 1, act = "tanh"}
    assert.has_error(function() net:forward(il.matrix(3, 2)) end,
      "initlab:badSize: X must have 2 rows (one per input), got 3")
    assert.has_error(function() net:forward({1, 2}) end,
      "initlab:badArg: X must be a real matrix, got a list")
    assert.has_error(function() net:forward({{1, 2}, {3}}) end,
      "initlab:badArg: X must be a real matrix, got a table of rows of different lengths")
    local bad = il.matrix{{1, 0 / 0}, {2, 3}}
    assert.has_error(function() net:forward(bad) end,
      "initlab:badValue: X must be finite; X(1,2) is NaN")
    assert.has_error(function() net.W[1] = il.matrix(2, 3) end,
      "initlab:badSize: layer 1 W must be 3x2, got 2x3")
  end)
end)

describe("inputs as students write them", function()
  it("takes a table of rows for a matrix, true and false as 1 and 0", function()
    local net = il.net{2, 3, 1, act = {"tanh", "sigmoid"}}
    local X, Y = il.matrix{{0.5, -1, 2}, {1, 0, -3}}, il.matrix{{1, 0, 1}}
    assert.are.equal(net:forward(X), net:forward({{0.5, -1, 2}, {1, 0, -3}}))
    -- Lua integers are numbers; a boolean Y is what labels[j] == k gives
    assert.are.same({net:evaluate(il.matrix{{1.0, -1.0, 2.0}, {1.0, 0.0, -3.0}}, Y)},
                    {net:evaluate({{1, -1, 2}, {1, 0, -3}}, {{true, false, true}})})
    assert.are.equal(il.matrix{{1, 0}}, il.matrix{{true, false}})
    local a, b = net:copy(), net:copy()
    local ra = a:train(X, Y, {iters = 5, verbose = false})
    local rb = b:train({{0.5, -1, 2}, {1, 0, -3}}, {{true, false, true}}, {iters = 5, verbose = false})
    assert.are.same(ra.loss, rb.loss)
    assert.are.equal(a.W[1], b.W[1])
    -- and wherever a matrix is taken: a layer's W
    net.W[1] = {{1, 2}, {3, 4}, {5, 6}}
    assert.are.equal(il.matrix{{1, 2}, {3, 4}, {5, 6}}, net.W[1])
  end)

  it("converts integers past 2^53 as a double does", function()
    local big = math.maxinteger -- 2^63 - 1, the nearest double is 2^63
    assert.are.equal(2.0 ^ 63, il.matrix{{big}}:get(1, 1))
    assert.are.equal(2.0 ^ 53, il.matrix{{(1 << 53) + 1}}:get(1, 1))
  end)
end)

describe("net:summary", function()
  local function known()
    local net = il.net{2, 3, 1, act = {"tanh", "sigmoid"}}
    net.W[1], net.b[1] = il.matrix{{1, 2}, {3, 4}, {5, 6}}, il.matrix{{1}, {2}, {3}}
    net.W[2], net.b[2] = il.matrix{{1, -1, 1}}, il.matrix{{-0.5}}
    return net
  end

  it("shows a network at a glance, in the engine's words", function()
    assert.are.equal(
      "initlab net 2-3-1 (tanh, sigmoid; loss bce), 13 parameters\n" ..
      "layer  units  activation  params    W mean     W std  b mean     b std  distinct\n" ..
      "    1      3  tanh             9       3.5   1.70783       2  0.816497         3\n" ..
      "    2      1  sigmoid          4  0.333333  0.942809    -0.5         0         1\n" ..
      "total                         13", known():summary())
  end)

  it("counts one distinct unit per layer of a zero network", function()
    local net = il.net{2, 4, 3, 1, act = {"relu", "relu", "sigmoid"}}
    net:init("zeros")
    local distinct = {}
    for row in net:summary():gmatch("\n +%d+ [^\n]* (%d+)") do distinct[#distinct + 1] = row end
    assert.are.same({"1", "1", "1"}, distinct)
    assert.is_truthy(net:summary():find("\ntotal +" .. (4 * 3 + 3 * 5 + 1 * 4) .. "$"))
  end)

  it("shows activation parameters", function()
    local net = il.net{3, 4, 2, act = {"leaky_relu", "elu"}, act_param = {0.2, 0 / 0}}
    assert.is_truthy(net:summary():find("leaky_relu(0.2)", 1, true))
    assert.is_truthy(net:summary():find("elu(1) ", 1, true))
  end)

  it("gives tostring(net) its first line, and says when the network is closed", function()
    local net = known()
    assert.are.equal(net:summary():match("^[^\n]*"), tostring(net))
    net:close()
    assert.are.equal("initlab net (closed)", tostring(net))
    assert.has_error(function() net:summary() end, "initlab:badArg: the network has been closed")
    assert.has_error(function() known().summary() end)
  end)
end)

describe("net:train", function()
  it("trains and records plain tables", function()
    local X, Y = circles()
    local net = il.net{2, 8, 1, act = {"tanh", "sigmoid"}}
    net:init("xavier_normal", {seed = 2})
    local rec = net:train(X, Y, {iters = 1000, lr = 1, record_every = 250, verbose = false})
    assert.are.same({0, 250, 500, 750, 1000}, rec.iter)
    assert.is_true(rec.loss[5] < 0.5 * rec.loss[1])
    assert.is_true(rec.accuracy[5] > 0.9)
    assert.are.equal(2, #rec.saturation)
    assert.are.equal(5, #rec.saturation[1])
    assert.are.equal(5, #rec.percentiles[1][1])
    assert.are.equal("", rec.stopped)
    assert.are.equal("", rec.message)
    assert.are.equal(1000, rec.iters_done)
    local loss = net:evaluate(X, Y)
    assert.are.equal(rec.loss[5], loss)
  end)

  it("shows that zero init never breaks symmetry", function()
    local X, Y = circles()
    local net = il.net{2, 8, 1, act = "sigmoid"}
    net:init("zeros")
    local rec = net:train(X, Y, {iters = 200, lr = 0.5, record_every = 50,
                                 record = {"distinct", "weights"}, verbose = false})
    for k = 1, 5 do assert.are.equal(1, rec.distinct[1][k]) end
    assert.are_not.equal(0, net.W[1]:get(1, 1))
    assert.is_true(rec.W[1][5] == net.W[1])
  end)

  it("gives the same numbers for the same seeds", function()
    local X, Y = circles()
    local a = il.net{2, 8, 1, act = {"relu", "sigmoid"}}
    local b = a:copy()
    local opts = {iters = 60, batch = 32, optimizer = "adam", seed = 4, verbose = false}
    a:train(X, Y, opts)
    b:train(X, Y, opts)
    assert.is_true(a.W[1] == b.W[1])
    assert.are.equal(a.W[2]:hex(), b.W[2]:hex())
  end)

  it("stops on NaN/Inf and says where", function()
    local X, Y = circles(40)
    local net = il.net{2, 3, 1, act = "linear"}
    net:init("normal", {std = 1})
    for j = 1, 40 do Y:set(1, j, Y:get(1, j) * 1000) end
    local rec = net:train(X, Y, {iters = 5000, lr = 10, record_every = 1, verbose = false})
    assert.are.equal("nonfinite", rec.stopped)
    assert.truthy(rec.message:find("not finite"))
  end)

  it("calls the progress callback, which may stop training", function()
    local X, Y = circles()
    local net = il.net{2, 4, 1, act = {"tanh", "sigmoid"}}
    local calls = {}
    local rec = net:train(X, Y, {iters = 10000, progress_every = 100,
      progress = function(iter, loss, iters)
        calls[#calls + 1] = iter
        assert(iters == 10000 and loss > 0)
        return iter < 300
      end})
    assert.are.same({0, 100, 200, 300}, calls)
    assert.are.equal("callback", rec.stopped)
    assert.are.equal(300, rec.iters_done)
    assert.are.equal(300, rec.iter[#rec.iter])
  end)

  it("lets an error in the callback through, as it was", function()
    local X, Y = circles()
    local net = il.net{2, 4, 1, act = {"tanh", "sigmoid"}}
    assert.has_error(function()
      net:train(X, Y, {iters = 1000, progress = function() error("stop here", 0) end})
    end, "stop here")
    -- and the network is still usable afterwards
    assert.are.same({1, 200}, {net:forward(X):size()})
  end)

  it("prints a progress line unless told not to", function()
    local X, Y = circles()
    local net = il.net{2, 4, 1, act = {"tanh", "sigmoid"}}
    local out = io.popen(string.format(
      "LUA_PATH=%q LUA_CPATH=%q lua5.4 -e %q", package.path, package.cpath,
      'local il = require "initlab"; local X, Y = il.dataset("circles", {n = 50}); ' ..
      'il.net{2, 3, 1, act = {"tanh", "sigmoid"}}:train(X, Y, {iters = 300, progress_every = 100})'))
    local text = out:read("a")
    out:close()
    local count = 0
    for line in text:gmatch("[^\n]+") do
      if line:match("^iter ") then count = count + 1 end
    end
    assert.are.equal(3, count)
    assert.truthy(text:find("loss"))
  end)

  it("checks its options with the engine's words", function()
    local X, Y = circles()
    local net = il.net{2, 4, 1, act = {"tanh", "sigmoid"}}
    assert.has_error(function() net:train(X, Y, {lr = "fast"}) end,
      "initlab:badArg: lr must be a number, got a string")
    assert.has_error(function() net:train(X, Y, {optimizer = "adamw"}) end)
    assert.has_error(function() net:train(X, Y, {iters = -1}) end,
      "initlab:badValue: iters must be a whole number in [0, 2^53], got -1")
    assert.has_error(function() net:train(X, il.matrix(1, 3)) end,
      "initlab:badSize: X and Y must have the same number of columns (samples), got 200 and 3")
    assert.has_error(function() net:train(X, Y, {record = "wieghts"}) end)
    assert.has_error(function()
      net:train(X, Y, {iters = 100000, record_every = 1, record = "weights", max_bytes = 1e6})
    end)
    assert.has_error(function() net:train(X, Y, {progress = 5}) end,
      "initlab:badArg: progress must be a function, got a number")
    -- misspelled options are errors, not defaults
    assert.has_error(function() net:train(X, Y, {itres = 5}) end,
      "initlab:badOption: unknown option 'itres'; expected one of: iters, epochs, lr, batch, "
      .. "shuffle, seed, optimizer, momentum, beta1, beta2, rho, eps, lambda, l2, verbose, "
      .. "progress_every, progress, record_every, record_iters, validation, threads, record, percentiles, hist_bins, "
      .. "hist_range, sat_theta, distinct_tol, probe, max_bytes, accuracy")
    assert.has_error(function() net:init("he", {sed = 3}) end)
    assert.has_error(function() il.dataset("circles", {noize = 0.3}) end)
    -- names match ignoring case, as in Octave
    assert.are.equal(3, net:train(X, Y, {ITERS = 3, Verbose = false}).iters_done)
  end)
end)

describe("the rest of the API", function()
  it("gives the literature's gains and says which are computed", function()
    assert.are.equal(5 / 3, il.gain("tanh"))
    assert.are.equal(math.sqrt(2), il.gain("relu"))
    assert.is_near(math.sqrt(2 / 1.04), il.gain("leaky_relu", 0.2), 1e-15)
    local g, computed = il.gain("softsign")
    assert.is_true(computed and g > 1)
    assert.has_error(function() il.gain("softmax") end)
  end)

  it("makes seeded datasets", function()
    local X, Y = il.dataset("circles", {n = 100, seed = 3})
    local X2 = il.dataset("circles", {n = 100, seed = 3})
    assert.is_true(X == X2)
    assert.are.same({1, 100}, {Y:size()})
    local _, Y3, labels = il.dataset("spirals", {n = 90, classes = 3})
    assert.are.same({3, 90}, {Y3:size()})
    assert.are.equal(3, labels:get(1, 90))
    -- one row per class even when a small sample misses some classes
    local _, Y4 = il.dataset("spirals", {n = 2, classes = 5})
    assert.are.same({5, 2}, {Y4:size()})
    assert.has_error(function() il.dataset("circle") end)
  end)

  it("computes statistics without training", function()
    local X = il.matrix(4, 300)
    for i = 1, 4 do for j = 1, 300 do X:set(i, j, math.sin(7 * i + j)) end end
    local net = il.net{4, 50, 50, 1, act = {"tanh", "tanh", "sigmoid"}}
    net:init("scaled_normal", {scale = 10, seed = 1})
    local big = net:stats(X)
    net:init("scaled_normal", {scale = 0.01, seed = 1})
    local small = net:stats(X)
    assert.is_true(big.saturation[2][1] > 0.8)
    assert.are.equal(0, small.saturation[2][1])
    -- histograms per layer: each layer's counts add up to units x samples
    local s = net:stats(X, nil, {hist_bins = 6, percentiles = {10, 50, 90}})
    for l, units in ipairs({50, 50, 1}) do
      local total = 0
      for b = 1, 6 do total = total + s.hist[l][1][b] end
      assert.are.equal(units * 300, total)
      assert.is_true(s.percentiles[l][1][1] <= s.percentiles[l][1][2])
      assert.is_true(s.percentiles[l][1][2] <= s.percentiles[l][1][3])
    end
  end)

  it("refuses a closed network", function()
    local net = il.net{2, 3, 1, act = "tanh"}
    net:close()
    assert.has_error(function() net:forward(il.matrix(2, 1)) end)
  end)
end)

describe("the numpy stream", function()
  it("draws He weights as np.random.seed(3); randn(n, n_in) * sqrt(2/n_in)", function()
    -- the assignment's initialize_parameters_he([2, 4, 1]): W1's first row
    local net = il.net{2, 4, 1, act = {"relu", "sigmoid"}}
    net:init("he", {rng = "numpy", seed = 3})
    assert.is_near(1.78862847, net.W[1]:get(1, 1), 5e-9)
    assert.is_near(0.43650985, net.W[1]:get(1, 2), 5e-9)
    assert.are.equal(0, net.b[1]:get(4, 1))
  end)

  it("makes scikit-learn's circles after np.random.seed(1)", function()
    local X, Y = il.dataset("circles", {n = 300, noise = 0.05, rng = "numpy", seed = 1})
    assert.are.equal(-0.07741354010048114, X:get(1, 1))
    assert.are.equal(0.85260226427427421, X:get(2, 1))
    local ones = 0
    for j = 1, 300 do ones = ones + Y:get(1, j) end
    assert.are.equal(150, ones)
  end)

  it("refuses an unknown stream and a seed NumPy would refuse", function()
    assert.has_error(function() il.dataset("circles", {rng = "mt"}) end,
      "initlab:badName: unknown rng 'mt'; expected one of: xoshiro, numpy")
    assert.has_error(function()
      il.net{2, 3, 1, act = "tanh"}:init("he", {rng = "numpy", seed = 2 ^ 32})
    end, "initlab:badValue: seed must be in 0..4294967295 for the numpy stream (as np.random.seed), got 4294967296")
  end)
end)
