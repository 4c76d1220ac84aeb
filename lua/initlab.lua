--- initlab: fully connected networks whose start you choose, trained and
-- inspected at every iteration.  The Lua face of the C engine; the same
-- seed gives the same numbers here, in Octave and in C.
--
--   local il = require "initlab"
--   local net = il.net{2, 10, 5, 1, act = {"relu", "relu", "sigmoid"}}
--   net:init("he", {seed = 3})
--   local X, Y = il.dataset("circles", {n = 300, noise = 0.05, seed = 1})
--   local rec = net:train(X, Y, {iters = 15000, lr = 0.01, record_every = 100})
local core = require "initlab.core"

local il = {version = core.version, matrix = core.matrix,
            clock = core.clock} -- il.clock(): wall-clock seconds, for timing
local matrix_meta = getmetatable(core.matrix(0, 0))

local Net = {}
Net.__index = function(self, key)
  if key == "W" or key == "b" then
    -- net.W[l] and net.b[l]: copies, read through the engine; assigning
    -- net.W[l] = m writes the layer back
    return setmetatable({}, {
      __index = function(_, l)
        local W, b = self._core:get(l)
        if key == "W" then return W end
        return b
      end,
      __newindex = function(_, l, m)
        local W, b = self._core:get(l)
        if key == "W" then self._core:set(l, m, b) else self._core:set(l, W, m) end
      end,
      __len = function() return #self.act end,
    })
  end
  return Net[key]
end

local function fail(id, fmt, ...)
  error(id .. ": " .. string.format(fmt, ...), 3)
end

local function check_table(value, name, level)
  if type(value) ~= "table" then
    error(string.format("initlab:badArg: %s must be a table, got %s", name, type(value)),
          level or 3)
  end
end

local function wrap(handle)
  local sizes, act, act_param, loss = handle:info()
  return setmetatable({_core = handle, sizes = sizes, act = act,
                       act_param = act_param, loss = loss}, Net)
end

--- il.net{n0, n1, ..., nL, act = {...} or "name", act_param = {...},
-- loss = "mse"|"bce"|"sce", seed = s}.  The loss follows the output
-- activation unless given (sigmoid: bce, softmax: sce, else mse); a fresh
-- network is initialized for its activations (He normal for the relu
-- family, LeCun normal for selu, Xavier uniform otherwise; zero biases).
function il.net(spec)
  check_table(spec, "il.net's argument")
  local sizes = {}
  for i, n in ipairs(spec) do sizes[i] = n end
  local layers = #sizes - 1
  local act = spec.act
  if type(act) == "string" then
    local name = act
    act = {}
    for l = 1, layers do act[l] = name end
  end
  if type(act) ~= "table" then
    fail("initlab:badArg", "act must be a name or a list of %d names", math.max(layers, 0))
  end
  local net = wrap(core.net(sizes, act, spec.act_param or {}, spec.loss or "auto"))
  if spec.seed then net._core:init_default(spec.seed) end
  return net
end

local spec_fields = {"value", "a", "b", "mean", "std", "scale", "gain", "slope",
                     "mode", "distribution", "fraction"}

local function spec_of(kind, opts, matrix)
  local s = {kind = kind, matrix = matrix}
  for _, f in ipairs(spec_fields) do s[f] = opts[f] end
  return s
end

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
function Net:init(name, opts)
  opts = opts or {}
  check_table(opts, "init options")
  local layers = #self.act
  if name == nil then
    -- the default for each layer's activation, as a fresh network gets
    self._core:init_default(opts.seed or 0)
    return self
  end
  local names = type(name) == "string" and {name} or name
  if type(names) ~= "table" then
    fail("initlab:badArg", "the initializer must be a name or a list of names")
  end
  local matrices = opts.matrix
  if getmetatable(matrices) == matrix_meta then matrices = {matrices} end
  if matrices and #matrices > 1 and #names == 1 then
    -- one initializer, one matrix per layer
    local per_layer = {}
    for i = 1, #matrices do per_layer[i] = names[1] end
    names = per_layer
  end
  local w = {}
  for i, n in ipairs(names) do
    w[i] = spec_of(n, opts, matrices and matrices[math.min(i, #matrices)])
  end
  local b
  if opts.bias ~= nil then
    b = {}
    local bias = opts.bias
    for i = 1, #w do
      if type(bias) == "number" then
        b[i] = {kind = "constant", value = bias}
      elseif type(bias) == "string" then
        b[i] = {kind = bias}
      elseif type(bias) == "table" then
        b[i] = {kind = bias[i] or bias[1]}
      else
        fail("initlab:badArg", "bias must be a name, a list of names or a number")
      end
    end
  end
  local trials = self._core:init(w, b, opts.seed or 0, opts.X, opts.tol, opts.max_trials,
                                     opts.rng)
  return self, trials
end

--- net:forward(X [, {keep = true}]) -> output [, Z, A (lists of matrices)]
function Net:forward(X, opts)
  return self._core:forward(X, opts and opts.keep)
end

--- net:evaluate(X, Y) -> loss, accuracy
function Net:evaluate(X, Y) return self._core:evaluate(X, Y) end

--- net:train(X, Y, opts) -> record.  opts: iters or epochs, lr, batch,
-- shuffle, seed, optimizer (sgd, momentum, nesterov, rmsprop, adam),
-- momentum, beta1, beta2, rho, eps, l2, verbose, progress_every, progress
-- (a function(iter, loss, iters, saturation) that may return false to
-- stop), record_every, record_iters, record (a name or a list: loss,
-- weights, act, percentiles, hist, saturation, grad, norms, distinct, all),
-- percentiles, hist_bins, hist_range, sat_theta, distinct_tol, probe,
-- max_bytes.  Ctrl-C stops training and returns what was recorded.
function Net:train(X, Y, opts)
  opts = opts or {}
  check_table(opts, "train options")
  return self._core:train(X, Y, opts)
end

--- net:stats(X [, Y], opts) -> the statistics of the network on a batch,
-- as a record of one entry (iteration 0).
function Net:stats(X, Y, opts)
  return self._core:stats(X, Y, opts or {})
end

function Net:copy() return wrap(self._core:copy()) end
function Net:close() self._core:close() end

--- il.gain(nonlinearity [, param]) -> gain, computed
function il.gain(name, param) return core.gain(name, param) end

--- il.dataset(name, {n = 300, noise =, factor =, classes =, seed =, rng =})
-- -> X, Y, labels: Y is 1 x n of 0/1 for two classes, one-hot for more;
-- labels are 1..k.  rng = "numpy": NumPy's legacy generator, with which
-- circles and moons are scikit-learn's make_circles / make_moons after
-- np.random.seed(seed), point for point.
function il.dataset(name, opts)
  opts = opts or {}
  check_table(opts, "dataset options")
  local X, zero_based = core.dataset(name, opts.n or 100, opts.noise, opts.factor,
                                     opts.classes, opts.seed or 0, opts.rng)
  local n = select(2, X:size())
  local k = 2
  for j = 1, n do k = math.max(k, zero_based:get(1, j) + 1) end
  local labels = core.matrix(1, n)
  for j = 1, n do labels:set(1, j, zero_based:get(1, j) + 1) end
  if k == 2 then return X, zero_based, labels end
  local Y = core.matrix(k, n, 0)
  for j = 1, n do Y:set(zero_based:get(1, j) + 1, j, 1) end
  return X, Y, labels
end

-- ---- saving: Octave's text format, which `load` reads natively -------------

local function octave_matrix(out, name, m)
  local rows, cols = m:size()
  out[#out + 1] = string.format("# name: %s\n# type: matrix\n# rows: %d\n# columns: %d\n",
                                name, rows, cols)
  for i = 1, rows do
    local line = {}
    for j = 1, cols do line[j] = string.format("%.17g", m:get(i, j)) end
    out[#out + 1] = " " .. table.concat(line, " ") .. "\n"
  end
  out[#out + 1] = "\n\n"
end

local function octave_string(out, name, s)
  out[#out + 1] = string.format("# name: %s\n# type: sq_string\n# elements: 1\n# length: %d\n%s\n\n\n",
                                name, #s, s)
end

local function octave_cell(out, name, items, write)
  out[#out + 1] = string.format("# name: %s\n# type: cell\n# rows: 1\n# columns: %d\n",
                                name, #items)
  for _, item in ipairs(items) do write(out, "<cell-element>", item) end
  out[#out + 1] = "\n\n"
end

local function row_matrix(values)
  local m = core.matrix(1, #values)
  for j, v in ipairs(values) do m:set(1, j, v) end
  return m
end

--- net:save(path): the network as Octave's struct `net` (sizes, act,
-- act_param, loss, W, b) in Octave's text format, which Octave's `load`
-- reads (load(path) then il_forward(net, X)).  Numbers are written with
-- 17 significant digits, so the round trip is exact.
function Net:save(path)
  if type(path) ~= "string" then fail("initlab:badArg", "path must be a string") end
  local out = {"# Created by initlab " .. il.version .. "\n",
               "# name: net\n# type: scalar struct\n# ndims: 2\n 1 1\n# length: 6\n"}
  octave_matrix(out, "sizes", row_matrix(self.sizes))
  octave_cell(out, "act", self.act, octave_string)
  local params = {}
  for l = 1, #self.act do params[l] = self.act_param[l] end
  octave_matrix(out, "act_param", row_matrix(params))
  octave_string(out, "loss", self.loss)
  local W, b = {}, {}
  for l = 1, #self.act do W[l], b[l] = self._core:get(l) end
  octave_cell(out, "W", W, octave_matrix)
  octave_cell(out, "b", b, octave_matrix)
  local f, err = io.open(path, "w")
  if not f then fail("initlab:io", "cannot write %s: %s", path, err) end
  f:write(table.concat(out))
  f:close()
end

-- A small reader for the subset of Octave's text format that save writes:
-- every malformed or truncated part is an error that says where.
local Reader = {}
Reader.__index = Reader

function Reader:fail(what)
  error(string.format("initlab:badFile: %s, line %d: %s", self.path, self.line, what), 0)
end

function Reader:next()
  while true do
    self.line = self.line + 1
    local l = self.lines[self.line]
    if l == nil then self:fail("the file ends too early") end
    if l:match("%S") then return l end
  end
end

function Reader:header(key)
  local l = self:next()
  local v = l:match("^# " .. key .. ": (.*)$")
  if not v then self:fail("expected '# " .. key .. ":', found '" .. l:sub(1, 40) .. "'") end
  return v
end

function Reader:count(key)
  local v = tonumber(self:header(key))
  if not v or v < 0 or v ~= math.floor(v) or v > 1e8 then
    self:fail(key .. " must be a whole number")
  end
  return v
end

function Reader:value()
  local kind = self:header("type")
  if kind == "matrix" then
    local rows, cols = self:count("rows"), self:count("columns")
    local m = core.matrix(rows, cols)
    for i = 1, rows do
      local j = 0
      for word in self:next():gmatch("%S+") do
        j = j + 1
        local v = tonumber(word) or (word == "NaN" and 0 / 0) or (word == "Inf" and math.huge)
                  or (word == "-Inf" and -math.huge)
        if not v or j > cols then self:fail("row " .. i .. " is not " .. cols .. " numbers") end
        m:set(i, j, v)
      end
      if j ~= cols then self:fail("row " .. i .. " is not " .. cols .. " numbers") end
    end
    return m
  elseif kind == "scalar" then
    local v = tonumber(self:next())
    if not v then self:fail("expected a number") end
    return core.matrix(1, 1, v)
  elseif kind == "sq_string" or kind == "string" then
    if self:count("elements") ~= 1 then self:fail("expected one string") end
    local len = self:count("length")
    self.line = self.line + 1
    local s = self.lines[self.line]
    if s == nil or #s ~= len then self:fail("a string of length " .. len .. " was cut") end
    return s
  elseif kind == "cell" then
    local rows, cols = self:count("rows"), self:count("columns")
    local items = {}
    for i = 1, rows * cols do
      if self:header("name") ~= "<cell-element>" then self:fail("expected a cell element") end
      items[i] = self:value()
    end
    return items
  elseif kind == "scalar struct" then
    if self:header("ndims") ~= "2" then self:fail("expected a 2-D struct") end
    self:next()
    local n = self:count("length")
    local s = {}
    for _ = 1, n do
      local name = self:header("name")
      s[name] = self:value()
    end
    return s
  end
  self:fail("unsupported type '" .. kind .. "'")
end

--- il.load(path) -> the network net:save wrote (or Octave saved with
-- save('-text', path, 'net')).  A truncated or corrupt file is an error
-- (initlab:badFile) that says where.
function il.load(path)
  if type(path) ~= "string" then fail("initlab:badArg", "path must be a string") end
  local f, err = io.open(path, "r")
  if not f then fail("initlab:io", "cannot read %s: %s", path, err) end
  local text = f:read("a")
  f:close()
  local r = setmetatable({path = path, line = 0, lines = {}}, Reader)
  for l in (text .. "\n"):gmatch("([^\n]*)\n") do r.lines[#r.lines + 1] = l end
  local name
  repeat
    name = r:next():match("^# name: (.*)$")
  until name
  if name ~= "net" then r:fail("expected the variable 'net'") end
  local s = r:value()
  if type(s) ~= "table" or not (s.sizes and s.act and s.loss and s.W and s.b) then
    r:fail("the struct needs sizes, act, loss, W and b")
  end
  local sizes, params = {}, {}
  local _, n = s.sizes:size()
  for j = 1, n do sizes[j] = s.sizes:get(1, j) end
  if s.act_param then
    local _, k = s.act_param:size()
    for j = 1, k do
      local v = s.act_param:get(1, j)
      if v == v then params[j] = v end
    end
  end
  local spec = {act = s.act, act_param = params, loss = s.loss}
  for j, v in ipairs(sizes) do spec[j] = v end
  local net = il.net(spec)
  if #s.W ~= #net.act or #s.b ~= #net.act then r:fail("W and b need one matrix per layer") end
  for l = 1, #net.act do net._core:set(l, s.W[l], s.b[l]) end
  return net
end

-- ---- records as files and figures -------------------------------------------

local per_layer = {"act_mean", "act_std", "act_min", "act_max", "saturation", "sat_low",
                   "sat_high", "dead", "grad_std", "weight_norm", "update_ratio", "distinct"}

--- il.csv(rec, path): one row per recorded iteration: iter, loss, accuracy
-- and every per-layer statistic as name_l columns.
function il.csv(rec, path)
  check_table(rec, "rec")
  local head, cols = {"iter"}, {rec.iter}
  for _, name in ipairs({"loss", "accuracy"}) do
    if rec[name] then head[#head + 1] = name; cols[#cols + 1] = rec[name] end
  end
  for _, name in ipairs(per_layer) do
    if rec[name] then
      for l, series in ipairs(rec[name]) do
        head[#head + 1] = name .. "_" .. l
        cols[#cols + 1] = series
      end
    end
  end
  local f, err = io.open(path, "w")
  if not f then fail("initlab:io", "cannot write %s: %s", path, err) end
  f:write(table.concat(head, ","), "\n")
  for r = 1, #rec.iter do
    local row = {}
    for c, col in ipairs(cols) do row[c] = string.format("%.17g", col[r]) end
    f:write(table.concat(row, ","), "\n")
  end
  f:close()
end

local function gnuplot(script)
  local name = os.tmpname()
  local f = assert(io.open(name, "w"))
  f:write(script)
  f:close()
  local ok = os.execute("gnuplot " .. name .. " 2>/dev/null")
  os.remove(name)
  if not ok then fail("initlab:plot", "gnuplot failed (is it installed?)") end
end

local function series_block(xs, ys)
  local lines = {}
  for i = 1, #xs do lines[i] = string.format("%.17g %.17g", xs[i], ys[i]) end
  return table.concat(lines, "\n") .. "\ne\n"
end

--- il.plot(recs, what, {file = "x.png", labels = {...}, layer =, iters =})
-- draws with gnuplot the figures the Octave side draws: loss or accuracy
-- of several records on one axes; saturation, distinct, dead, grad_std,
-- act_std or update_ratio per layer; hist (activation histograms at
-- iters); weights (a heat map of layer's [W b] at each of iters).
function il.plot(recs, what, opts)
  opts = opts or {}
  check_table(opts, "plot options")
  if type(opts.file) ~= "string" then fail("initlab:badArg", "plot needs file = 'name.png'") end
  check_table(recs, "rec")
  if recs.iter then recs = {recs} end
  local labels = opts.labels or {}
  local head = string.format("set terminal pngcairo size 800,500\nset output '%s'\n" ..
                             "set key outside right\nset xlabel 'iteration'\n", opts.file)
  local plots, data = {}, {}
  if what == "loss" or what == "accuracy" then
    for i, rec in ipairs(recs) do
      if not rec[what] then fail("initlab:badArg", "the record has no %s; record it", what) end
      plots[#plots + 1] = string.format("'-' with lines lw 2 title '%s'", labels[i] or ("run " .. i))
      data[#data + 1] = series_block(rec.iter, rec[what])
    end
    head = head .. string.format("set ylabel '%s'\n", what)
    if what == "loss" then head = head .. "set logscale y\n" end
  elseif what == "hist" or what == "weights" then
    local rec = recs[1]
    local field = what == "hist" and "hist" or "W"
    if not rec[field] then fail("initlab:badArg", "the record has no %s; record it", field) end
    local wanted = opts.iters or {rec.iter[1], rec.iter[#rec.iter]}
    local cols = {}
    for _, it in ipairs(wanted) do
      local found
      for r, v in ipairs(rec.iter) do if v == it then found = r end end
      if not found then fail("initlab:badArg", "iteration %d was not recorded", it) end
      cols[#cols + 1] = found
    end
    if what == "hist" then
      local centers = {}
      for k = 1, #rec.hist_edges - 1 do centers[k] = (rec.hist_edges[k] + rec.hist_edges[k + 1]) / 2 end
      head = head .. string.format("set multiplot layout %d,1\nset xlabel 'activation'\n", #cols)
      local script = {head}
      for _, r in ipairs(cols) do
        local p, d = {}, {}
        for l = 1, #rec.hist do
          p[#p + 1] = string.format("'-' with lines lw 2 title 'layer %d'", l)
          d[#d + 1] = series_block(centers, rec.hist[l][r])
        end
        script[#script + 1] = string.format("set title 'activations at iteration %d'\nplot %s\n%s",
                                            rec.iter[r], table.concat(p, ", "), table.concat(d))
      end
      gnuplot(table.concat(script) .. "unset multiplot\n")
      return
    end
    local l = opts.layer or 1
    if not rec.W[l] then fail("initlab:badArg", "layer must be in 1..%d", #rec.W) end
    -- room for a colour bar beside each panel
    local wide = head:gsub("size 800,500", string.format("size %d,500", math.max(800, 330 * #cols)))
    local script = {wide, string.format("set multiplot layout 1,%d\nset xlabel 'input (last: bias)'\nunset key\nset view map\n", #cols)}
    for _, r in ipairs(cols) do
      local W, b = rec.W[l][r], rec.b[l][r]
      local rows, k = W:size()
      local lines = {}
      for i = 1, rows do
        for j = 1, k + 1 do
          local v = j <= k and W:get(i, j) or b:get(i, 1)
          lines[#lines + 1] = string.format("%d %d %.17g", j, i, v)
        end
        lines[#lines + 1] = ""
      end
      script[#script + 1] = string.format(
        "set title 'layer %d, iteration %d'\nset xrange [0.5:%g]\nset yrange [%g:0.5]\n" ..
        "set xtics 1\nset ytics 1\nplot '-' with image\n%s\ne\n",
        l, rec.iter[r], k + 1.5, rows + 0.5, table.concat(lines, "\n"))
    end
    gnuplot(table.concat(script) .. "unset multiplot\n")
    return
  else
    local known = false
    for _, name in ipairs(per_layer) do known = known or name == what end
    if not known then
      fail("initlab:badName", "unknown plot '%s'; expected loss, accuracy, %s, hist or weights",
           tostring(what), table.concat(per_layer, ", "))
    end
    for i, rec in ipairs(recs) do
      if not rec[what] then fail("initlab:badArg", "the record has no %s; record it", what) end
      for l, series in ipairs(rec[what]) do
        plots[#plots + 1] = string.format("'-' with lines lw 2 dt %d lc %d title '%s, layer %d'",
                                          (l - 1) % 4 + 1, i, labels[i] or ("run " .. i), l)
        data[#data + 1] = series_block(rec.iter, series)
      end
    end
    head = head .. string.format("set ylabel '%s'\n", what:gsub("_", " "))
  end
  gnuplot(head .. "plot " .. table.concat(plots, ", ") .. "\n" .. table.concat(data))
end

--- il.lines(panels, {file = "x.png", width =, height =}) draws side by side
-- the panels of a figure of one's own, with gnuplot: each panel is
-- {title =, xlabel =, ylabel =, logx =, logy =, xrange = {lo, hi},
-- yrange = {lo, hi}, image = {x = {...}, y = {...}, z = function(i, j)},
-- and a list of series {x = {...}, y = {...}, label =, err = {...} (error
-- bars), points = true (marks, no line), dashed = true}}.  For the figures
-- a lesson needs beyond il.plot's.
function il.lines(panels, opts)
  opts = opts or {}
  check_table(opts, "lines options")
  check_table(panels, "panels")
  if type(opts.file) ~= "string" then fail("initlab:badArg", "lines needs file = 'name.png'") end
  local script = {string.format("set terminal pngcairo size %d,%d\nset output '%s'\n" ..
                                "set multiplot layout 1,%d\n", opts.width or 500 * #panels,
                                opts.height or 420, opts.file, #panels)}
  for p, panel in ipairs(panels) do
    check_table(panel, "panel " .. p)
    local head = {"reset\n"}
    local function setting(format, value)
      if value ~= nil then head[#head + 1] = string.format(format, value) end
    end
    setting("set title '%s'\n", panel.title)
    setting("set xlabel '%s'\n", panel.xlabel)
    setting("set ylabel '%s'\n", panel.ylabel)
    if panel.logx then head[#head + 1] = "set logscale x\n" end
    if panel.logy then head[#head + 1] = "set logscale y\n" end
    if panel.xrange then setting("set xrange [%s]\n", panel.xrange[1] .. ":" .. panel.xrange[2]) end
    if panel.yrange then setting("set yrange [%s]\n", panel.yrange[1] .. ":" .. panel.yrange[2]) end
    local plots, data = {}, {}
    if panel.image then
      local img, rows = panel.image, {}
      for j = 1, #img.y do
        for i = 1, #img.x do
          rows[#rows + 1] = string.format("%.17g %.17g %.17g", img.x[i], img.y[j], img.z(i, j))
        end
        rows[#rows + 1] = ""
      end
      head[#head + 1] = "set palette defined (0 '#ccd9ff', 1 '#ffd9cc')\nunset colorbox\n"
      plots[#plots + 1] = "'-' with image notitle"
      data[#data + 1] = table.concat(rows, "\n") .. "\ne\n"
    end
    for k, series in ipairs(panel) do
      check_table(series, string.format("panel %d series %d", p, k))
      if #series.x ~= #series.y then
        fail("initlab:badSize", "panel %d series %d: x has %d values, y %d", p, k, #series.x, #series.y)
      end
      local style = series.err and "yerrorlines" or series.points and "points pt 7 ps 0.4" or "linespoints pt 7 ps 0.6"
      plots[#plots + 1] = string.format("'-' with %s lw 2%s title '%s'", style,
                                        series.dashed and " dt 2" or "", series.label or "")
      local lines = {}
      for i = 1, #series.x do
        lines[i] = series.err and string.format("%.17g %.17g %.17g", series.x[i], series.y[i], series.err[i])
                   or string.format("%.17g %.17g", series.x[i], series.y[i])
      end
      data[#data + 1] = table.concat(lines, "\n") .. "\ne\n"
    end
    script[#script + 1] = table.concat(head) .. "plot " .. table.concat(plots, ", ") .. "\n" .. table.concat(data)
  end
  gnuplot(table.concat(script) .. "unset multiplot\n")
end

return il
