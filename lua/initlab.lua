--- initlab: fully connected networks whose start you choose, trained and
-- inspected at every iteration.  The Lua face of the C engine; the same
-- seed gives the same numbers here, in Octave and in C.
--
--   local il = require "initlab"
--   local net = il.net{2, 10, 5, 1, act = {"relu", "relu", "sigmoid"}}
--   net:init("he", {seed = 3})
--   local X, Y = il.dataset("circles", {n = 300, noise = 0.05, seed = 1})
--   local rec = net:train(X, Y, {iters = 15000, lr = 0.01, record_every = 100})
--
-- This file is the API; the parts behind it are modules of their own:
-- initlab.core (the C module), initlab.netfile (net:save and il.load, in
-- Octave's text format: initlab.octfile), initlab.records (il.csv),
-- initlab.gnuplot (il.plot, il.lines) and initlab.errors (how errors are
-- raised).  Errors
-- are "initlab:<id>: message" strings raised at the caller's line.
--
-- The C module takes the API's own arguments (option tables, which the
-- engine checks); this layer adds what is Lua: network objects with
-- methods and fields, layers as matrices, files and figures.
local core = require "initlab.core"
local errors = require "initlab.errors"
local netfile = require "initlab.netfile"
local records = require "initlab.records"
local gnuplot = require "initlab.gnuplot"

local api, protect, raise = errors.api, errors.protect, errors.raise
local check_table, check_string = errors.check_table, errors.check_string

local il = {version = core.version, matrix = core.matrix,
            clock = core.clock} -- il.clock(): wall-clock seconds, for timing

-- ---- layers as matrices that write through -----------------------------------

-- net.W[l] and net.b[l] are copies of the layer taken when read, and stay
-- as they were read; but m:set(i, j, v) on such a copy also writes entry
-- (i, j) into the network.  `bound` remembers which copies those are.
local matrix_meta = getmetatable(core.matrix(0, 0))
local matrix_methods = matrix_meta.__index
assert(type(matrix_methods) == "table" and type(matrix_methods.set) == "function",
       "initlab: initlab.core's matrices need a method table with set")
local raw_set = matrix_methods.set
local bound = setmetatable({}, {__mode = "k"}) -- matrix -> {net =, layer =, key = "W"|"b"}

-- The engine's handle of a network, initlab.core's userdata: h:get(l) ->
-- W, b (copies), h:set(l, W, b), h:copy() -> a new handle.
local handle_methods = getmetatable(core.call("net", 1, nil, nil,
                                              {sizes = {1, 1}, act = "linear"})).__index
function handle_methods.get(h, l) return core.call("layer", 2, h, l) end
function handle_methods.set(h, l, W, b) core.call("set_layer", 1, h, l, W, b) end
function handle_methods.copy(h) return core.call("copy", 1, h) end

local set_through = api(function(m, i, j, v)
  local view = bound[m]
  local handle = view.net._core
  local W, b = handle:get(view.layer)
  raw_set(view.key == "W" and W or b, i, j, v) -- checks i, j and v
  handle:set(view.layer, W, b)
  raw_set(m, i, j, v)
end)

function matrix_methods.set(m, i, j, v)
  if bound[m] then return set_through(m, i, j, v) end
  return raw_set(m, i, j, v) -- a tail call: its errors point at the caller
end

local function layer_number(k, layers)
  if math.type(k) == "float" and k == math.floor(k) then k = math.tointeger(k) end
  if math.type(k) == "integer" and k >= 1 and k <= layers then return k end
end

-- net.W or net.b: indexable, assignable, #, ipairs and pairs, layer by layer.
local function layer_list(net, key)
  local layers = #rawget(net, "_info").act
  return setmetatable({}, {
    __index = api(function(_, k)
      local l = layer_number(k, layers)
      if not l then return nil end
      local W, b = net._core:get(l)
      local m = key == "W" and W or b
      bound[m] = {net = net, layer = l, key = key}
      return m
    end),
    __newindex = api(function(_, k, m)
      local l = layer_number(k, layers)
      if not l then
        raise("initlab:badArg", "net.%s[%s]: the layer must be a whole number in 1..%d", key,
              tostring(k), layers)
      end
      local W, b = net._core:get(l)
      if key == "W" then net._core:set(l, m, b) else net._core:set(l, W, m) end
    end),
    __len = function() return layers end,
    __pairs = function(t)
      return function(_, l)
        if l < layers then return l + 1, t[l + 1] end
      end, t, 0
    end,
  })
end

-- ---- networks ----------------------------------------------------------------

local Net = {}
local fields = {sizes = true, act = true, act_param = true, loss = true}

local function copy(list)
  local c = {}
  for k, v in pairs(list) do c[k] = v end
  return c
end

-- net.sizes, net.act, net.act_param and net.loss are copies: a network's
-- shape is fixed when it is built.
Net.__index = function(self, key)
  local method = Net[key]
  if method ~= nil then return method end
  if key == "W" or key == "b" then return rawget(self, "_" .. key) end
  if fields[key] then
    local v = rawget(self, "_info")[key]
    return type(v) == "table" and copy(v) or v
  end
end

Net.__newindex = function(self, key, value)
  if key == "W" or key == "b" then
    raise("initlab:badArg", "net.%s cannot be replaced; assign its layers: net.%s[l] = matrix", key, key)
  elseif fields[key] then
    raise("initlab:badArg", "net.%s is fixed when the network is built; build another with il.net{...}", key)
  elseif Net[key] ~= nil then
    raise("initlab:badArg", "net.%s is a method of the network and cannot be replaced", tostring(key))
  end
  rawset(self, key, value)
end

Net.__close = function(self) self._core:close() end

Net.__tostring = function(self)
  local info = rawget(self, "_info")
  return string.format("initlab net %s (%s; loss %s)", table.concat(info.sizes, "-"),
                       table.concat(info.act, ", "), info.loss)
end

local function wrap(handle)
  local sizes, act, act_param, loss = handle:info()
  local net = {_core = handle,
               _info = {sizes = sizes, act = act, act_param = act_param, loss = loss}}
  net._W, net._b = layer_list(net, "W"), layer_list(net, "b")
  return setmetatable(net, Net)
end

-- Net[name] = f, refusing a call with a dot (net.forward(X)), which
-- passes something else than the network as self.
local function method(name, args, f)
  Net[name] = function(self, ...)
    if getmetatable(self) ~= Net then
      raise("initlab:badArg", "call net:%s(%s) with a colon (net.%s(...) passes no network)",
            name, args, name)
    end
    -- the C module raises at the caller's line itself: no pcall needed
    return f(self, ...)
  end
end

-- The engine reads the table: its list part is the sizes (a named sizes
-- replaces it), its named keys the options (act, act_param, loss, seed),
-- each checked there.
local function build(spec)
  check_table(spec, "il.net's argument")
  local sizes, opts = {}, {}
  for k, v in pairs(spec) do
    if math.type(k) == "integer" and k >= 1 then sizes[k] = v else opts[k] = v end
  end
  if opts.sizes == nil then opts.sizes = sizes end
  return wrap(core.call("net", 1, nil, nil, opts))
end

--- il.net{n0, n1, ..., nL, act = {...} or "name", act_param = {...},
-- loss = "mse"|"bce"|"sce", seed = s}.  The loss follows the output
-- activation unless given (sigmoid: bce, softmax: sce, else mse); a fresh
-- network is initialized for its activations (He normal for the relu
-- family, LeCun normal for selu, Xavier uniform otherwise; zero biases).
il.net = api(build)

--- net:init(name or {names per layer}, opts): every initializer the engine
-- has (zeros, ones, constant, uniform, normal, truncated_normal,
-- scaled_normal, xavier_uniform/normal, he_uniform/normal, lecun_uniform/
-- normal, variance_scaling, orthogonal, identity, sparse, nguyen_widrow,
-- lsuv, matrix).  opts: seed, gain, mode, distribution, slope, scale, value,
-- a, b, mean, std, fraction, matrix (a matrix, or a list per layer), X (a
-- batch, for lsuv and nguyen_widrow), tol, max_trials, bias (a name, a list
-- of names, or a number), rng ("xoshiro", the default, or "numpy": NumPy's
-- legacy generator, seed as np.random.seed, each W drawn row by row as
-- NumPy fills an array).  Returns the net and the lsuv trials per layer.
-- No name: "default", what a fresh network gets for its activations.  The
-- engine checks the name and every option.
method("init", "name, opts", function(self, name, opts)
  opts = check_table(opts or {}, "net:init's options")
  local _, trials = core.call("init", 2, self._core, name == nil and "default" or name, opts)
  local list = {}
  for l = 1, select(2, trials:size()) do list[l] = math.tointeger(trials:get(1, l)) end
  return self, list
end)

--- net:forward(X [, {keep = true}]) -> output [, Z, A (lists of matrices)]
method("forward", "X", function(self, X, opts)
  if opts ~= nil then
    check_table(opts, "net:forward's options")
    for k in pairs(opts) do
      if k ~= "keep" then
        raise("initlab:badOption", "unknown option '%s' of net:forward; expected: keep", tostring(k))
      end
    end
  end
  return core.call("forward", opts and opts.keep and 3 or 1, self._core, X)
end)

--- net:evaluate(X, Y [, {accuracy = "auto"|"categorical"|"binary"}]) ->
-- loss, accuracy.  auto: one output, the side of 0.5; one-hot targets, the
-- largest output (sigmoid outputs as softmax); other targets, each output.
method("evaluate", "X, Y, opts", function(self, X, Y, opts)
  opts = check_table(opts or {}, "net:evaluate's options")
  return core.call("evaluate", 2, self._core, X, Y, opts)
end)

--- net:train(X, Y, opts) -> record.  opts: iters or epochs, lr, batch,
-- shuffle, seed, optimizer (sgd, momentum, nesterov, rmsprop, adam),
-- momentum, beta1, beta2, rho, eps, l2, verbose, progress_every, progress
-- (a function(iter, loss, iters, saturation) that may return false to
-- stop), record_every, record_iters, record (a name or a list: loss,
-- weights, act, percentiles, hist, saturation, grad, norms, distinct, all),
-- percentiles, hist_bins, hist_range, sat_theta, distinct_tol, probe,
-- max_bytes.  Ctrl-C stops training and returns what was recorded.
method("train", "X, Y, opts", function(self, X, Y, opts)
  opts = check_table(opts or {}, "net:train's options")
  local _, rec = core.call("train", 2, self._core, X, Y, opts)
  return rec
end)

--- net:stats(X [, Y], opts) -> the statistics of the network on a batch,
-- as a record of one entry (iteration 0).
method("stats", "X, Y, opts", function(self, X, Y, opts)
  opts = check_table(opts or {}, "net:stats's options")
  return core.call("stats", 1, self._core, X, Y, opts)
end)

--- net:copy() -> an independent network with the same layers
method("copy", "", function(self) return wrap(self._core:copy()) end)

--- net:close() frees the network now (the garbage collector would later)
method("close", "", function(self) self._core:close() end)

--- il.gain(nonlinearity [, param]) -> gain, computed
il.gain = api(function(name, param) return core.call("gain", 2, name, param) end)

--- il.dataset(name, {n = 300, noise =, factor =, classes =, seed =, rng =})
-- -> X, Y, labels: Y is 1 x n of 0/1 for two classes, one-hot for more;
-- labels are 1..k.  rng = "numpy": NumPy's legacy generator, with which
-- circles and moons are scikit-learn's make_circles / make_moons after
-- np.random.seed(seed), point for point.
il.dataset = api(function(name, opts)
  opts = check_table(opts or {}, "il.dataset's options")
  -- n, noise, ...: the engine's options; Y: the targets it makes
  return core.call("dataset", 3, name, nil, opts)
end)

--- il.onehot(labels [, k]) -> Y: k x n, Y(labels[j], j) = 1, zeros elsewhere;
-- labels a matrix (a row or a column) or a list of whole numbers 1..k, k
-- the largest label unless given.
il.onehot = api(function(labels, k) return core.call("onehot", 1, labels, k) end)

-- ---- files -------------------------------------------------------------------

--- net:save(path): the network as Octave's struct `net` (sizes, act,
-- act_param, loss, W, b) in Octave's text format, which Octave's `load`
-- reads (load(path) then il_forward(net, X)).  Numbers are written with
-- 17 significant digits, so the round trip is exact; comment lines that
-- Octave skips carry counts and CRC-32 checks, so that il.load refuses a
-- file cut short or changed (initlab.octfile).  A failed write (a full
-- disk) is an initlab:io error.
method("save", "path", function(self, path)
  netfile.save(check_string(path, "net:save's path"), self._core)
end)

--- il.load(path) -> the network net:save wrote (or Octave saved with
-- save('-text', path, 'net')).  A file cut short, changed or not a
-- network is an initlab:badFile error naming the file and the line.
il.load = api(function(path)
  check_string(path, "il.load's path")
  return netfile.load(path, build)
end)

--- il.csv(rec, path): one row per recorded iteration: iter, loss, accuracy
-- and every per-layer statistic as name_l columns.
il.csv = api(records.csv)

-- ---- figures -----------------------------------------------------------------

--- il.plot(recs, what, {file = "x.png", labels = {...}, layer =, iters =})
-- draws with gnuplot the figures the Octave side draws: loss or accuracy
-- of several records on one axes; saturation, distinct, dead, grad_std,
-- act_std or update_ratio per layer; hist (activation histograms at
-- iters); weights (a heat map of layer's [W b] at each of iters).
il.plot = api(gnuplot.plot)

--- il.lines(panels, {file = "x.png", width =, height =}) draws side by side
-- the panels of a figure of one's own, with gnuplot: each panel is
-- {title =, xlabel =, ylabel =, logx =, logy =, xrange = {lo, hi},
-- yrange = {lo, hi}, image = {x = {...}, y = {...}, z = function(i, j)},
-- and a list of series {x = {...}, y = {...}, label =, err = {...} (error
-- bars), points = true (marks, no line), dashed = true}}.  For the figures
-- a lesson needs beyond il.plot's.
il.lines = api(gnuplot.lines)

return il
