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

-- print(net): the first line of the engine's summary (sizes, activations,
-- loss, parameters), without the table's statistics; a closed network says
-- so rather than raise.
Net.__tostring = function(self)
  local ok, text = pcall(core.call, "describe", 1, self._core)
  return ok and text or "initlab net (closed)"
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
-- lsuv, matrix, critical: the edge of chaos, hadamard: ZerO), as Octave's
-- il_init defines them (help il_init, and the
-- README's table of their PyTorch, Keras and MATLAB names).  opts: seed,
-- gain, mode, distribution ("normal", PyTorch's; "truncated_normal",
-- Keras's), nonlinearity (he_*: PyTorch's kaiming_*, default leaky_relu),
-- slope, scale, value, a, b (uniform's ends; truncated_normal's absolute
-- bounds, PyTorch's, else mean +- 2 std, Keras's), mean, std, fraction,
-- matrix (a matrix, or a list per layer), X (a batch, for lsuv and
-- nguyen_widrow), tol, max_trials, sigma_b2 (critical's bias variance,
-- default 0.05), bias (a name, a list of names, or a
-- number), rng ("xoshiro", the default, or "numpy": NumPy's legacy
-- generator, seed as np.random.seed, each W drawn row by row as NumPy
-- fills an array).  An option goes to every initializer that reads it, the
-- bias's too ({bias = "uniform", a = -0.1, b = 0.1}); one that none reads
-- is an initlab:badOption error.  Returns the net and the lsuv trials per
-- layer.  No name: "default", what a fresh network gets for its
-- activations.  The engine checks the name and every option.
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

--- net:cost(X, Y [, {lambda =, l2 =}]) -> J, grad: the cost (loss + lambda/(2m)
-- sum W^2 + l2/2 sum W^2, biases never penalized) and its gradient as one
-- column matrix, unrolled as a course unrolls Theta: layer by layer [b W],
-- bias first, column by column (net:unroll()'s order).
method("cost", "X, Y, opts", function(self, X, Y, opts)
  opts = check_table(opts or {}, "net:cost's options")
  return core.call("cost", 2, self._core, X, Y, opts)
end)

--- net:gradients(X, Y [, {lambda =, l2 =}]) -> dW, db (lists of matrices,
-- one per layer, shaped as W and b), J: the same gradient as net:cost's.
method("gradients", "X, Y, opts", function(self, X, Y, opts)
  opts = check_table(opts or {}, "net:gradients's options")
  return core.call("gradients", 3, self._core, X, Y, opts)
end)

--- net:unroll() -> theta, every weight and bias in one column matrix (layer
-- by layer [b W](:)); net:reroll(theta) puts such a vector back (in place)
-- and returns the net.
method("unroll", "", function(self) return core.call("unroll", 1, self._core) end)
method("reroll", "theta", function(self, theta)
  core.call("reroll", 1, self._core, theta)
  return self
end)

--- net:train(X, Y, opts) -> record.  opts: iters or epochs, lr, batch,
-- shuffle, seed, optimizer (sgd, momentum, nesterov, rmsprop, adam),
-- momentum, beta1, beta2, rho, eps, lambda (a course's: lambda/(2m) sum W^2
-- on the cost), l2 (weight decay, l2 = lambda/m), validation ({Xv, Yv}:
-- rec.val_loss, rec.val_accuracy), verbose, progress_every, progress
-- (a function(iter, loss, iters, saturation) that may return false to
-- stop), record_every, record_iters, record (a name or a list: loss,
-- weights, act, percentiles, hist, saturation, grad, norms, distinct, all),
-- percentiles, hist_bins, hist_range, sat_theta, distinct_tol, probe,
-- max_bytes, threads (for the elementwise work of large layers; 0: as many
-- as the BLAS uses; the same bits whatever the count).  Ctrl-C stops
-- training and returns what was recorded.
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

--- net:summary() -> the network at a glance, as text (Octave's
-- il_summary): a first line as tostring(net) gives it, then per layer the
-- units, the activation (with its parameter), the parameters, the mean and
-- std of W and b, and the distinct units (rec.distinct's measure); lines
-- are separated by "\n" (print(net:summary())).
method("summary", "", function(self) return core.call("summary", 1, self._core) end)

--- net:copy() -> an independent network with the same layers
method("copy", "", function(self) return wrap(self._core:copy()) end)

--- net:close() frees the network now (the garbage collector would later)
method("close", "", function(self) self._core:close() end)

--- il.gain(nonlinearity [, param]) -> gain, computed: as Octave's il_gain
-- (tanh 5/3, relu sqrt(2), leaky_relu sqrt(2/(1+param^2)), selu 3/4;
-- PyTorch's conv1d ... conv_transpose3d names: 1; elu, softsign, softplus
-- computed, and computed is true)
il.gain = api(function(name, param) return core.call("gain", 2, name, param) end)

--- il.theory(act, {sigma_w2 =, sigma_b2 = 0, act_param =, depth =, q0 =,
-- c0 =}) or il.theory(act, {critical = true, sigma_b2 =}) -> a table: the
-- mean-field theory of a wide network of act units, as Octave's il_theory
-- (its help gives the formulas and their sources): act, act_param,
-- sigma_w2, sigma_b2, q_star, c_star, chi1, chi_c, xi_q, xi_c (numbers),
-- phase ("ordered", "critical", "chaotic"), and with depth the predicted
-- path q and c (1 x (depth + 1) matrices).
il.theory = api(function(act, opts)
  opts = check_table(opts or {}, "il.theory's options")
  return core.call("theory", 1, act, opts)
end)

--- il.propagation(net, X [, Y]) -> a table: the mean-field prediction of
-- each layer's signal and gradient sizes beside what net does on X, as
-- Octave's il_propagation (its help tells how): sigma_w2, sigma_b2, q_pred,
-- q_meas, a2_pred, a2_meas, grad_pred, grad_meas (1 x L matrices) and
-- table, the same as text (print(P.table)).
il.propagation = api(function(net, X, Y)
  if getmetatable(net) ~= Net then
    raise("initlab:badArg", "il.propagation's net must be a network (il.net), got %s", type(net))
  end
  return core.call("propagation", 1, net._core, X, Y)
end)

--- il.dataset(name, {n = 300, noise =, factor =, classes =, seed =, rng =})
-- -> X, Y, labels: Y is 1 x n of 0/1 for two classes, one-hot for more;
-- labels are 1..k.  rng = "numpy": NumPy's legacy generator, with which
-- circles and moons are scikit-learn's make_circles / make_moons after
-- np.random.seed(seed), point for point.  Bit for bit with one caveat:
-- those place points with np.sin and np.cos, and NumPy 1.20+ uses its own
-- AVX-512 sin, cos, exp and log on CPUs that have AVX-512, which differ
-- from the C library's (the engine's, and NumPy's elsewhere) in the last
-- bit for about a quarter of the values; there NumPy's points and these
-- may differ by about 1e-16 (the draws are the same), and agree bit for
-- bit again with NPY_DISABLE_CPU_FEATURES="AVX512F AVX512_SKX" set before
-- numpy is imported.
il.dataset = api(function(name, opts)
  opts = check_table(opts or {}, "il.dataset's options")
  -- n, noise, ...: the engine's options; Y: the targets it makes
  return core.call("dataset", 3, name, nil, opts)
end)

--- il.onehot(labels [, k]) -> Y: k x n, Y(labels[j], j) = 1, zeros elsewhere;
-- labels a matrix (a row or a column) or a list of whole numbers 1..k, k
-- the largest label unless given.
il.onehot = api(function(labels, k) return core.call("onehot", 1, labels, k) end)

-- ---- random streams ----------------------------------------------------------

-- A stream is a small object around the engine's state (a 1 x k matrix,
-- replaced on every draw, never changed in place): drawing moves it on, as
-- NumPy's global state moves on.
local Stream = {}
Stream.__index = Stream

Stream.__tostring = function(self)
  if self.stream == nil then return "initlab stream (from a state)" end
  return string.format("initlab stream %s (seed %s)", self.stream, tostring(self.seed))
end

local function stream_of(self, method_name)
  if getmetatable(self) ~= Stream then
    raise("initlab:badArg", "call g:%s(...) with a colon (g.%s(...) passes no stream)",
          method_name, method_name)
  end
  return self
end

local function state_copy(m) return core.matrix(m:totable()) end

-- g:draw(distribution, sizes..., [opts]): the sizes are the numbers given
-- (n: a 1 x n row; rows, cols; none: one draw), the options a table of
-- name = value pairs last; the engine checks all of them.
local function draw(self, distribution, ...)
  local args = table.pack(...)
  local opts
  local last = args[args.n]
  if args.n > 0 and type(last) == "table" and getmetatable(last) == nil and rawlen(last) == 0 then
    opts, args.n = last, args.n - 1
  end
  local size = args[1]
  if args.n > 1 then size = {table.unpack(args, 1, args.n)} end
  local x, state = core.call("draw", 2, self._state, distribution, size, opts)
  self._state = state
  return x
end

--- g:draw(distribution, sizes..., [opts]) -> x: Octave's il_rand (g,
-- distribution, ...); g:normal(...) is g:draw("normal", ...), and so on.
Stream.draw = api(function(self, ...) return draw(stream_of(self, "draw"), ...) end)
for _, d in ipairs({"normal", "uniform", "integers", "permutation"}) do
  Stream[d] = api(function(self, ...) return draw(stream_of(self, d), d, ...) end)
end

--- g:copy() -> an independent stream in the same state (draws from either
-- leave the other as it is)
Stream.copy = api(function(self)
  stream_of(self, "copy")
  return setmetatable({stream = self.stream, seed = self.seed,
                       _state = state_copy(self._state)}, Stream)
end)

--- g:state() -> the stream's state as a 1 x k matrix (a copy): Octave's
-- g.state, the same numbers (numpy: [tag, 1, np.random.get_state()'s])
Stream.state = api(function(self) return state_copy(stream_of(self, "state")._state) end)

--- il.rand(stream, seed) -> g, a random stream: "numpy" (NumPy's legacy
-- np.random: np.random.seed(seed), seed in 0..2^32-1) or "xoshiro" (the
-- engine's own, as il.dataset and net:init draw it).  Its draws, each
-- moving g on, with sizes n (a 1 x n row, NumPy's 1-D size) or rows, cols
-- (drawn row by row as NumPy fills randn(rows, cols)) and options last:
--   g:normal(sizes, {mean =, std =})      randn / normal(mean, std, size)
--   g:uniform(sizes, {low =, high =})     rand / uniform(low, high, size)
--   g:integers(sizes, {low =, high =})    randint(low, high, size); high
--                                         is required, low defaults to 0
--   g:permutation(n, {low =})             permutation(n) + low
-- all returning il.matrix values; with the numpy stream NumPy's numbers bit
-- for bit.  integers and permutation count from 0 as NumPy does; {low = 1}
-- gives 1-based indices, the same draws plus one.  g.stream and g.seed say
-- what it is; g:copy(), g:state().  il.rand(state) goes on from a state
-- g:state() gave (checked now: a state no stream could have is refused).
-- See help il_rand for the rest.
il.rand = api(function(stream, seed)
  if getmetatable(stream) == matrix_meta then
    -- no draw (size 0) checks the state as the next draw would
    local g = setmetatable({_state = state_copy(stream)}, Stream)
    draw(g, "normal", 0)
    return g
  end
  local state = core.call("rand", 1, stream, seed)
  return setmetatable({stream = stream, seed = seed, _state = state}, Stream)
end)

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

-- ---- run reports -------------------------------------------------------------

-- A record as the engine reads it back: its fields as name, value pairs,
-- sorted by name (the engine finds them by name; sorted, a call hands the
-- same list whatever order pairs() walks in).
local function record_pairs(rec, what)
  if type(rec) ~= "table" or getmetatable(rec) then
    raise("initlab:badArg", "%s must be a record (a table from net:train or net:stats)", what)
  end
  local names, list = {}, {}
  for name in pairs(rec) do
    if type(name) == "string" then names[#names + 1] = name end
  end
  table.sort(names)
  for _, name in ipairs(names) do
    list[#list + 1] = name
    list[#list + 1] = rec[name]
  end
  return list
end

--- il.jacobian(net, X [, rec] [, {max_bytes =}]) -> a table: sv (k x m:
-- the singular values of each sample's input-output Jacobian d out / d x,
-- descending, k = min(nL, n0)), and over all of them max, mean_sq and
-- condition (max / min), as Octave's il_jacobian.  With rec, a record of
-- net's training that holds its weights (record = "all"), the same at each
-- recorded iteration: iter, max, mean_sq, condition 1 x R matrices and sv
-- (k m) x R, a column per iteration.
il.jacobian = api(function(net, X, rec, opts)
  if getmetatable(net) ~= Net then
    raise("initlab:badArg", "il.jacobian's net must be a network (il.net), got %s", type(net))
  end
  if opts == nil and type(rec) == "table" and rec.iter == nil then rec, opts = nil, rec end
  opts = check_table(opts or {}, "il.jacobian's options")
  if rec ~= nil then rec = record_pairs(rec, "il.jacobian's rec") end
  return core.call("jacobian", 1, net._core, X, rec, opts)
end)

--- il.report(recs, file, {labels = {...}, title =, layers = {...}, max_bytes =})
-- -> bytes: writes an interactive run report, one self-contained HTML page
-- (script, style and data inside; it opens from disk with no network).  A
-- slider scrubs through the recorded iterations and a menu picks the
-- layer; each run of recs (a record, or a list of them: runs side by side,
-- zeros vs He) shows the heat map of [W b] (blue < 0 < red, over +-r, r the
-- largest |weight| of the layer over the run), the activation histogram,
-- saturation and distinct units over the iterations and the loss (log
-- scale), each with a marker at the current iteration.  A part the record
-- lacks shows "not recorded"; a record without iter is an error.  The
-- same bytes as Octave's il_report for the same records: the engine writes
-- both.
il.report = api(function(recs, file, opts)
  check_table(recs, "il.report's records")
  opts = check_table(opts or {}, "il.report's options")
  if recs[1] == nil and next(recs) ~= nil then recs = {recs} end -- one record
  local runs = {}
  for k, rec in ipairs(recs) do runs[k] = record_pairs(rec, ("recs[%d]"):format(k)) end
  local bytes = core.call("report", 1, runs, file, opts)
  return math.tointeger(bytes) or bytes
end)

-- ---- animations --------------------------------------------------------------

--- il.animate(rec, kind, file [, {layer =, delay =, scale =, loop =,
-- max_bytes =}]) -> frames: the recorded iterations of rec as an animated
-- GIF, one frame each, labelled "iter N".  kind "weights": each layer's
-- [W b] as a heat map (blue negative, white 0, red positive), a layer's
-- colour range the same in every frame (needs record = "all" or
-- {"loss", "weights"}); "hist": each layer's activation histogram as bars.
-- layer: the one layer to show (0, the default: all, side by side); delay:
-- ms per frame (100); scale: pixels per cell or bin (0: a frame about 400
-- px wide); loop: play forever (true).  The engine writes the file, so
-- Octave's il_animate writes the same bytes from the same record.
il.animate = api(function(rec, kind, file, opts)
  check_table(rec, "il.animate's record")
  opts = check_table(opts or {}, "il.animate's options")
  -- the record's fields as name, value pairs: the engine reads what it needs
  return math.tointeger(core.call("animate", 1, record_pairs(rec, "il.animate's rec"), kind, file, opts))
end)

-- ---- figures -----------------------------------------------------------------

--- il.plot(recs, what, {file = "x.png", labels = {...}, layer =, iters =,
-- title =, scale = "each"|"shared"}) draws with gnuplot the figures the
-- Octave side draws, of the kinds the engine lists (the README's table;
-- core.plots()): loss, accuracy, the per-layer statistics, act (mean +-
-- std), hist and weights of one record or a list of them (several:
-- overlaid, or a panel per record), il.plot(nets, "boundary", {X =,
-- Y =, labels =, file =}), the class each network predicts over 2-D data,
-- and il.plot(Js, "spectrum", {labels =, title =, file =}), histograms of
-- the singular values of il.jacobian results (one or a list), a panel per
-- result over a shared (log, when they span 10x) axis with a dashed line
-- at 1, in the engine's bins (initlab.gnuplot.spectrum_bins(Js)), the
-- same as Octave's.  file's extension picks the format: .png, .svg, .pdf
-- or .eps.
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
