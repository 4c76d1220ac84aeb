-- bad_inputs.lua - the Lua bad-input suite, generated: every function of
-- the API and every option of the engine's tables (initlab.core.options,
-- so a new option is covered as soon as it has its row) called with wrong
-- types, wrong sizes, empty values, NaN, +-Inf, negative, non-integer and
-- huge numbers, misspelled names and missing values.
--
-- Each case must raise an initlab:* error -- the identifier the engine's
-- rules give, where they decide it -- or, where acceptance is right, give
-- the right answer (the case's check); the interpreter must go on working.
--
-- Used by bad_inputs_spec.lua (Busted) and, run as a script, by leaks.sh
-- under valgrind:  lua5.4 tests/lua/bad_inputs.lua  ->  "... N calls, 0 failed"
local il = require "initlab"
local core = require "initlab.core"

local M = {}

local DBL_MAX = 1.7976931348623157e308
local NaN, Inf = 0 / 0, math.huge

-- ---- the values ------------------------------------------------------------

-- Built fresh for each case: a case may close or change what it is given.
local function bank()
  local closed = il.matrix(2, 2)
  closed:close()
  local v = {
    {"a string", "x"}, {"an empty table", {}}, {"a list of numbers", {1, 2}},
    {"a list of strings", {"x", "y"}}, {"a nested table", {{1, 2}, {3}}},
    {"a table with named keys", {a = 1}}, {"a list with holes", {1, nil, 3}},
    {"true", true}, {"false", false}, {"a function", function() end},
    {"a network", il.net{2, 2, act = "tanh"}}, {"a closed matrix", closed},
    {"a 2x3 matrix", il.matrix(2, 3, 0.5)}, {"an empty matrix", il.matrix(0, 0)},
  }
  for _, x in ipairs({NaN, Inf, -Inf, -1, 0, 0.5, 1, 3, 1e9, 1e12, 2 ^ 53, 2 ^ 62}) do
    v[#v + 1] = {string.format("%.17g", x), x}
  end
  return v
end

-- A valid name of each kind the engine's NAME options take.
local valid_name = {activation = "relu", nonlinearity = "relu", initializer = "he", loss = "mse", optimizer = "adam",
                    rng = "numpy", ["fan mode"] = "fan_out", distribution = "uniform",
                    ["record part"] = "loss", dataset = "moons", draw = "normal"}

local function kind(x)
  local t = type(x)
  if t == "userdata" then
    local ok, rows, cols = pcall(x.size, x)
    if not ok then return "closed" end
    if rows == 1 and cols == 1 then return "scalar matrix" end
    return (rows == 1 or cols == 1 or rows * cols == 0) and "vector matrix" or "matrix"
  elseif t == "table" then
    if getmetatable(x) then return "net" end
    local n = 0
    for k in pairs(x) do
      if math.type(k) ~= "integer" or k < 1 then return "table" end
      n = n + 1
    end
    return n == #x and "list" or "table"
  end
  return t
end

-- ---- the engine's rules, restated as the oracle ----------------------------

-- Whether x passes row's range (whole: only whole numbers).
local function in_range(row, x, whole)
  if x ~= x or x == Inf or x == -Inf then return false end
  if whole and x ~= math.floor(x) then return false end
  if row.type == "seed" then return x >= 0 and x < 2 ^ 64 end
  if x < row.min or x > row.max then return false end
  if (row.min_open and x == row.min) or (row.max_open and x == row.max) then return false end
  return true
end

local function is_name(row, s) return s == valid_name[row.names] end

-- What il_options_set says of value for option row: "ok" or an identifier.
local function verdict(call, row, value)
  local k, t = kind(value), row.type
  if k == "closed" then return "badArg" end
  if t == "number" or t == "count" or t == "seed" then
    if k ~= "number" and k ~= "scalar matrix" then return "badArg" end
    if k == "scalar matrix" then value = value:get(1, 1) end
    if call == "gain" and value ~= value then return "ok" end -- NaN: the default param
    return in_range(row, value, t ~= "number") and "ok" or "badValue"
  elseif t == "bool" then
    if k == "boolean" or value == 0 or value == 1 then return "ok" end
    return "badArg"
  elseif t == "function" then
    return k == "function" and "ok" or "badArg"
  elseif t == "text" then -- any string; a list of them when max_len is not 1
    if k == "string" then return "ok" end
    if row.max_len == 1 or k ~= "list" then return "badArg" end
    if #value == 0 then return "badSize" end
    for _, item in ipairs(value) do
      if type(item) ~= "string" then return "badArg" end
    end
    return "ok"
  elseif t == "matrix" or t == "matrices" then
    if k:find("matrix$") or k == "number" then return "ok" end
    if t == "matrices" and k == "list" then
      if #value == 0 then return "badSize" end
      for _, item in ipairs(value) do
        local ik = kind(item)
        if not (ik:find("matrix$") or ik == "number") then return "badArg" end
      end
      return "ok"
    end
    return "badArg"
  elseif t == "vector" then
    local items
    if k == "number" then items = {value}
    elseif k == "scalar matrix" or k == "vector matrix" then
      local rows, cols = value:size()
      items = {}
      for i = 1, rows * cols do items[i] = rows == 1 and value:get(1, i) or value:get(i, 1) end
    elseif k == "list" then items = value
    else return "badArg" end
    if row.max_len == 2 and #items ~= 2 or row.max_len > 0 and #items > row.max_len then
      return "badSize"
    end
    local whole = row.max == 2 ^ 53
    for _, x in ipairs(items) do
      if type(x) ~= "number" then return "badArg" end
      local nan_ok = row.min <= -DBL_MAX and row.max_len == 0 -- act_param: NaN, the default
      if not (nan_ok and x ~= x) and not in_range(row, x, whole) then return "badValue" end
    end
    return "ok"
  end
  -- name, names, names_or_number
  if t == "names_or_number" and k == "number" then
    return (value == value and value ~= Inf and value ~= -Inf) and "ok" or "badValue"
  end
  if k == "string" then return is_name(row, value) and "ok" or "badName" end
  if t == "name" or k ~= "list" then return "badArg" end
  if #value == 0 then return "badSize" end
  for _, item in ipairs(value) do
    if type(item) ~= "string" then return "badArg" end
    if not is_name(row, item) then return "badName" end
  end
  return "ok"
end

-- ---- the calls -------------------------------------------------------------

local X, Y = il.dataset("circles", {n = 20, seed = 1})
local REPORT_PATH = (os.getenv("TMPDIR") or "/tmp") .. "/il_bad_report.html"

local function small() return il.net{2, 3, 1, act = {"tanh", "sigmoid"}} end
local function stop() return false end -- stops training at iteration 0

local function finite_net(net)
  for l = 1, #net.act do
    for _, m in ipairs({net.W[l], net.b[l]}) do
      local rows, cols = m:size()
      for i = 1, rows do
        for j = 1, cols do
          local x = m:get(i, j)
          if not (x == x and math.abs(x) < Inf) then return false end
        end
      end
    end
  end
  return true
end

local function a_record(rec)
  return type(rec) == "table" and rec.iter[1] == 0
end

local function a_training(rec)
  return a_record(rec) and type(rec.stopped) == "string" and type(rec.message) == "string" and
         math.type(rec.iters_done) == "integer" and
         (rec.stopped ~= "callback" or rec.iters_done == 0)
end

-- For each call: how to make it with option name = value, and what a
-- right answer looks like.
local calls = {
  net = {
    run = function(name, value)
      local spec = {2, 3, 1, act = "tanh"}
      if name == "sizes" then spec = {act = "tanh"} end
      if name == "act_param" then spec.act = "leaky_relu" end
      spec[name] = value
      return il.net(spec)
    end,
    check = function(net) return #net.sizes >= 2 and finite_net(net) end,
  },
  init = {
    run = function(name, value)
      local net = small()
      if name == "init" then return net:init(value) end
      -- an initializer that reads the option: the engine refuses one that
      -- no initializer of the call reads
      local readers = {a = "uniform", b = "uniform", mean = "normal", std = "normal",
                       value = "constant", scale = "scaled_normal", fraction = "sparse",
                       matrix = "matrix", X = "nguyen_widrow", tol = "lsuv", max_trials = "lsuv",
                       distribution = "variance_scaling", sigma_b2 = "critical"}
      local opts = {[name] = value}
      if readers[name] == "lsuv" then opts.X = X end
      return net:init(readers[name] or "he", opts)
    end,
    check = function(net, trials) return #trials == 2 and finite_net(net) end,
  },
  train = {
    run = function(name, value)
      local opts = {verbose = false, progress = stop, progress_every = 1, max_bytes = 1e7}
      if name == "verbose" then opts.progress_every = 0 end -- no progress lines
      opts[name] = value
      return small():train(X, Y, opts)
    end,
    check = a_training,
  },
  stats = {
    run = function(name, value) return small():stats(X, Y, {max_bytes = 1e7, [name] = value}) end,
    check = a_record,
  },
  dataset = {
    run = function(name, value)
      if name == "name" then return il.dataset(value, {n = 20}) end
      local opts = {n = 20, max_bytes = 1e6}
      opts[name] = value
      return il.dataset(name == "classes" and "spirals" or "circles", opts)
    end,
    check = function(P, Q)
      local _, n = P:size()
      return #P == 2 and select(2, Q:size()) == n
    end,
  },
  gain = {
    run = function(name, value)
      if name == "nonlinearity" then return il.gain(value) end
      return il.gain("leaky_relu", value)
    end,
    check = function(g) return type(g) == "number" and g > 0 and g < Inf end,
  },
  evaluate = {
    run = function(name, value) return small():evaluate(X, Y, {[name] = value}) end,
    check = function(loss, acc) return loss == loss and acc >= 0 and acc <= 1 end,
  },
  -- il.rand(stream, seed) has no options table: its two are positional
  rand = {
    run = function(name, value)
      if name == "stream" then return il.rand(value, 1) end
      return il.rand("xoshiro", value)
    end,
    check = function(g) return select(2, g:state():size()) >= 12 end,
  },
  -- a draw that reads the option (mean and std are normal's)
  draw = {
    run = function(name, value)
      local g = il.rand("numpy", 1)
      if name == "distribution" then return g:draw(value, 2, 3) end
      local d = (name == "mean" or name == "std") and "normal" or "uniform"
      return g:draw(d, 2, 3, {max_bytes = 1e6, [name] = value})
    end,
    check = function(x) return getmetatable(x) ~= nil and #x >= 1 end,
  },
  -- a report of one run, to a scratch file (a string given as the file
  -- goes there too)
  report = {
    run = function(name, value)
      local opts = {[name] = value}
      local path = REPORT_PATH
      if name == "file" then
        path = nil
        if type(value) == "string" then opts.file = REPORT_PATH .. value end
      end
      return il.report(small():stats(X, Y), path, opts)
    end,
    check = function(bytes) return math.type(bytes) == "integer" and bytes > 1000 end,
  },
  cost = {
    run = function(name, value) return small():cost(X, Y, {[name] = value}) end,
    check = function(J, grad) return J == J and J >= 0 and select(1, grad:size()) == 13 end,
  },
}

-- Refusals the engine makes after the option check, for values that pass
-- it: which identifiers are right for which options.
local later = {
  ["net sizes"] = "badSize badValue", ["net act"] = "badSize", ["net act_param"] = "badSize",
  ["init matrix"] = "badSize badArg", ["init X"] = "badSize", ["init init"] = "badSize badArg",
  ["init bias"] = "badSize", ["init gain"] = "badValue", ["init rng"] = "badValue",
  ["init a"] = "badValue", ["init b"] = "badValue", -- past uniform's other end
  ["init sigma_b2"] = "badValue", -- so large no sigma_w2 reaches the edge of chaos
  ["init seed"] = "badValue", ["train probe"] = "badSize", ["stats probe"] = "badSize",
  ["train hist_bins"] = "tooBig", ["stats hist_bins"] = "tooBig",
  ["train max_bytes"] = "tooBig", ["stats max_bytes"] = "tooBig",
  ["train hist_range"] = "badValue", ["stats hist_range"] = "badValue",
  ["train record_every"] = "tooBig", ["train iters"] = "tooBig", ["train epochs"] = "tooBig",
  ["train batch"] = "tooBig", ["dataset n"] = "tooBig badArg", ["dataset classes"] = "badValue",
  ["dataset max_bytes"] = "tooBig", ["gain param"] = "badValue",
  ["train validation"] = "badArg badSize",
  ["draw size"] = "tooBig", ["draw max_bytes"] = "tooBig",
  ["report labels"] = "badSize", ["report layers"] = "badIndex badSize",
  ["report max_bytes"] = "tooBig",
}

-- ---- the cases -------------------------------------------------------------

-- A case: {name, run = function, want = "initlab:<id>" | check function}
local function add(cases, group, name, run, want)
  cases[#cases + 1] = {group = group, name = name, run = run, want = want}
end

local function option_cases(cases)
  for call, spec in pairs(calls) do
    local rows = core.options(call)
    local names = {}
    for _, row in ipairs(rows) do names[row.name:lower()] = true end
    for _, row in ipairs(rows) do
      local group = call .. " " .. row.name
      local values = bank()
      if valid_name[row.names] then
        table.insert(values, {"the name '" .. valid_name[row.names] .. "'", valid_name[row.names]})
        table.insert(values, {"a list of valid names", {valid_name[row.names]}})
      end
      for _, v in ipairs(values) do
        local label, value = v[1], v[2]
        local say = verdict(call, row, value)
        local want = say ~= "ok" and "initlab:" .. say or function(ok, ...)
          if ok then return spec.check(...) end
          local id = tostring(...):match("initlab:(%a+):")
          return id and (" " .. (later[group] or "") .. " "):find(" " .. id .. " ", 1, true)
        end
        add(cases, group, label, function() return spec.run(row.name, value) end, want)
      end
      -- a misspelled name, and the name in capitals (names ignore case)
      local typo = row.name .. "s"
      while names[typo:lower()] do typo = typo .. "s" end
      if call ~= "gain" and call ~= "rand" and not (call == "dataset" and row.name == "name") and
         not (call == "init" and row.name == "init") then
        add(cases, group, "misspelled as '" .. typo .. "'", function()
          local opts = {}
          opts[typo] = 1
          if call == "net" then return il.net{2, 1, act = "tanh", [typo] = 1} end
          if call == "init" then return small():init("he", opts) end
          if call == "train" then return small():train(X, Y, opts) end
          if call == "stats" then return small():stats(X, Y, opts) end
          if call == "draw" then return il.rand("numpy", 1):draw("uniform", 2, opts) end
          return il.dataset("circles", opts)
        end, "initlab:badOption")
      end
    end
  end
  -- names match ignoring case
  add(cases, "option names", "ITERS and Verbose", function()
    return small():train(X, Y, {ITERS = 3, Verbose = false})
  end, function(ok, rec) return ok and rec.iters_done == 3 and rec.stopped == "" end)
  add(cases, "option names", "SEED of il.net", function() return il.net{2, 1, act = "tanh", SEED = 4} end,
      function(ok, net) return ok and net.W[1] == il.net{2, 1, act = "tanh", seed = 4}.W[1] end)
end

-- Option tables that are not tables of name = value pairs.
local function table_cases(cases)
  local runs = {
    ["net:init"] = function(o) return small():init("he", o) end,
    ["net:train"] = function(o) return small():train(X, Y, o) end,
    ["net:stats"] = function(o) return small():stats(X, Y, o) end,
    ["il.dataset"] = function(o) return il.dataset("circles", o) end,
  }
  for what, run in pairs(runs) do
    for _, v in ipairs({{"a string", "x", "badArg"}, {"a number", 5, "badArg"},
                        {"true", true, "badArg"}, {"a function", print, "badArg"},
                        {"a matrix", il.matrix(1, 1), "badArg"},
                        {"a list", {1, 2}, "badOption"}, {"a boolean key", {[true] = 1}, "badOption"},
                        {"a table key", {[{}] = 1}, "badOption"}}) do
      add(cases, what .. "'s options", v[1], function() return run(v[2]) end, "initlab:" .. v[3])
    end
  end
  for _, v in ipairs({{"a string", "x"}, {"a number", 5}, {"nil", nil}}) do
    add(cases, "il.net's table", v[1], function() return il.net(v[2]) end, "initlab:badArg")
  end
  for _, v in ipairs({{"a boolean key", {2, 1, act = "tanh", [true] = 1}},
                      {"a key 0", {[0] = 2, 2, 1, act = "tanh"}}, {"a key 1.5", {2, 1, act = "tanh", [1.5] = 1}}}) do
    add(cases, "il.net's table", v[1], function() return il.net(v[2]) end, "initlab:badOption")
  end
end

-- Missing values: what the call cannot do without.
local function missing_cases(cases)
  local list = {
    {"il.net{act = 'tanh'}: no sizes", function() return il.net{act = "tanh"} end, "badSize"},
    {"il.net{2, 3}: no act", function() return il.net{2, 3} end, "badArg"},
    {"il.net{2, act = 'tanh'}: one size", function() return il.net{2, act = "tanh"} end, "badSize"},
    {"il.dataset(): no name", function() return il.dataset() end, "badArg"},
    {"il.gain(): no nonlinearity", function() return il.gain() end, "badArg"},
    {"net:train(X): no Y", function() return small():train(X) end, "badArg"},
    {"net:train(): no X", function() return small():train() end, "badArg"},
    {"net:forward(): no X", function() return small():forward() end, "badArg"},
    {"net:evaluate(X): no Y", function() return small():evaluate(X) end, "badArg"},
    {"net:cost(X): no Y", function() return small():cost(X) end, "badArg"},
    {"net:gradients(X): no Y", function() return small():gradients(X) end, "badArg"},
    {"net:reroll(): no theta", function() return small():reroll() end, "badArg"},
    {"il.rand(): nothing", function() return il.rand() end, "badArg"},
    {"il.rand('numpy'): no seed", function() return il.rand("numpy") end, "badArg"},
    {"g:draw(): no distribution", function() return il.rand("numpy", 1):draw() end, "badArg"},
    {"g:integers(3): no high", function() return il.rand("numpy", 1):integers(3) end, "badArg"},
    {"net:stats(): no X", function() return small():stats() end, "badArg"},
    {"net:init('lsuv'): no X", function() return small():init("lsuv") end, "badArg"},
    {"net:init('matrix'): no matrix", function() return small():init("matrix") end, "badArg"},
    {"net:get(): no layer", function() return small()._core:get() end, "badArg"},
    {"net:set(1): no W, b", function() return small()._core:set(1) end, "badArg"},
    {"il.matrix(): nothing", function() return il.matrix() end, "badArg"},
    {"il.matrix(2): no cols", function() return il.matrix(2) end, "badArg"},
    {"m:get(1): no column", function() return il.matrix(2, 2):get(1) end, "badArg"},
    {"m:set(1, 1): no value", function() return il.matrix(2, 2):set(1, 1) end, "badArg"},
  }
  for _, c in ipairs(list) do add(cases, "missing values", c[1], c[2], "initlab:" .. c[3]) end
  -- where nothing is the right answer
  add(cases, "missing values", "net:init(): the default", function()
    local net = small()
    net:init()
    return net
  end, function(ok, net) return ok and net.W[1] == small().W[1] end)
  add(cases, "missing values", "net:stats(X): no Y", function() return small():stats(X) end,
      function(ok, rec) -- no targets: no loss (NaN)
        return ok and a_record(rec) and (rec.loss == nil or rec.loss[1] ~= rec.loss[1])
      end)
end

-- The batches X and Y of every call that takes them.
local function batch_cases(cases)
  local runs = {
    {"net:forward X", function(v) return small():forward(v) end, 2},
    {"net:evaluate X", function(v) return small():evaluate(v, Y) end, 2},
    {"net:evaluate Y", function(v) return small():evaluate(X, v) end, 1},
    {"net:cost X", function(v) return small():cost(v, Y) end, 2},
    {"net:cost Y", function(v) return small():cost(X, v) end, 1},
    {"net:gradients X", function(v) return small():gradients(v, Y) end, 2},
    {"net:gradients Y", function(v) return small():gradients(X, v) end, 1},
    {"net:train X", function(v) return small():train(v, Y, {verbose = false}) end, 2},
    {"net:train Y", function(v) return small():train(X, v, {verbose = false}) end, 1},
    {"net:stats X", function(v) return small():stats(v, Y) end, 2},
    {"net:stats Y", function(v) return small():stats(X, v) end, 1},
  }
  for _, r in ipairs(runs) do
    for _, v in ipairs(bank()) do
      if not kind(v[2]):find("matrix$") then
        -- a number or a boolean is a 1 x 1 batch, as in Octave: of the wrong size here
        local scalar = type(v[2]) == "number" or type(v[2]) == "boolean"
        add(cases, r[1], v[1], function() return r[2](v[2]) end,
            scalar and "initlab:badSize" or "initlab:badArg")
      end
    end
    for _, v in ipairs({{"too many rows", il.matrix(r[3] + 1, 20)}, {"no rows", il.matrix(0, 20)},
                        {"other samples", il.matrix(r[3], r[3] == 2 and 20 or 7)}}) do
      local want = "initlab:badSize"
      if r[1]:find("X") and v[1] == "other samples" then want = nil end
      if want then add(cases, r[1], v[1], function() return r[2](v[2]) end, want) end
    end
    add(cases, r[1], "NaN inside", function()
      local m = il.matrix(r[3], 20, 0.5)
      m:set(1, 1, NaN)
      return r[2](m)
    end, "initlab:badValue")
  end
  -- a table of rows is the matrix il.matrix makes of it, true and false 1 and 0
  local rows, flags = X:totable(), {{}}
  for j = 1, select(2, Y:size()) do flags[1][j] = Y:get(1, j) == 1 end
  add(cases, "tables of rows", "net:forward X", function() return small():forward(rows) end,
      function(ok, out) return ok and out == small():forward(X) end)
  add(cases, "tables of rows", "net:evaluate X and Y of booleans", function()
    return small():evaluate(rows, flags)
  end, function(ok, loss) return ok and loss == small():evaluate(X, Y) end)
  add(cases, "tables of rows", "net:stats Y of booleans", function() return small():stats(X, flags) end,
      function(ok, rec) return ok and rec.loss[1] == small():stats(X, Y).loss[1] end)
  add(cases, "tables of rows", "ragged rows", function() return small():forward({{1, 2}, {3}}) end,
      "initlab:badArg")
  add(cases, "tables of rows", "a string entry", function() return small():forward({{1}, {"a"}}) end,
      "initlab:badArg")
end

-- Matrices: construction, indexing, closing; network layers.
local function matrix_cases(cases)
  for _, v in ipairs(bank()) do
    local k = kind(v[2])
    local x = v[2]
    local whole = type(x) == "number" and x == x and math.abs(x) < Inf and x == math.floor(x)
    local rows_want = "initlab:badArg"
    if whole and x < 0 then rows_want = "initlab:badSize" end
    if whole and x >= 0 then
      rows_want = function(ok, m)
        if x * 1e3 * 8 > 1e12 then return not ok and tostring(m):find("initlab:tooBig") end
        return ok and #m == x
      end
    end
    if k ~= "table" and k ~= "list" then
      add(cases, "il.matrix rows", v[1], function() return il.matrix(x, 1e3) end, rows_want)
    end
    add(cases, "il.matrix cols", v[1], function() return il.matrix(1e3, x) end,
        type(rows_want) == "function" and function(ok, m)
          if x * 1e3 * 8 > 1e12 then return not ok and tostring(m):find("initlab:tooBig") end
          return ok and select(2, m:size()) == x
        end or rows_want)
    add(cases, "il.matrix fill", v[1], function() return il.matrix(2, 2, x) end,
        type(x) == "number" and function(ok, m) return ok and (m:get(2, 2) == x or x ~= x) end
        or x == nil and function(ok) return ok end or "initlab:badArg")
    for _, method in ipairs({"get", "set"}) do
      local want = "initlab:badArg"
      if whole then want = "initlab:badIndex" end
      if not (whole and x >= 1 and x <= 2) then
        add(cases, "m:" .. method .. " index", v[1], function()
          local m = il.matrix(2, 2)
          return m[method](m, 1, x, 0)
        end, want)
      end
    end
    add(cases, "m:set value", v[1], function() return il.matrix(2, 2):set(1, 1, x) end,
        type(x) == "number" and function(ok) return ok end or "initlab:badArg")
    add(cases, "net:get layer", v[1], function() return small()._core:get(x) end,
        whole and (x == 1 and function(ok, W) return ok and #W == 3 end or "initlab:badIndex")
        or "initlab:badArg")
    add(cases, "net:set W", v[1], function()
      local net = small()
      local _, b = net._core:get(1)
      return net._core:set(1, x, b)
    end, ((k:find("matrix$") or type(x) == "number" or type(x) == "boolean") -- a 1 x 1 W
          and "initlab:badSize") or "initlab:badArg")
  end
  for _, v in ipairs({{"ragged rows", {{1, 2}, {3}}, "badSize"}, {"a string entry", {{1, "a"}}, "badArg"},
                      {"rows that are numbers", {1, 2}, "badArg"}, {"a nested row", {{{1}}}, "badArg"}}) do
    add(cases, "il.matrix{...}", v[1], function() return il.matrix(v[2]) end, "initlab:" .. v[3])
  end
  add(cases, "il.matrix{...}", "boolean entries", function() return il.matrix{{true, false}} end,
      function(ok, m) return ok and m:get(1, 1) == 1 and m:get(1, 2) == 0 end)
  add(cases, "il.matrix{...}", "an empty table", function() return il.matrix{} end,
      function(ok, m) return ok and #m == 0 end)
  -- every method on a closed matrix, and called with a dot
  for _, method in ipairs({"get", "set", "size", "totable", "hex"}) do
    add(cases, "closed matrix", "m:" .. method, function()
      local m = il.matrix(2, 2)
      m:close()
      return m[method](m, 1, 1, 0)
    end, "initlab:badArg")
    add(cases, "a dot for a colon", "m." .. method, function()
      local m = il.matrix(2, 2)
      return m[method](1, 1, 0)
    end, "initlab:badArg")
  end
  add(cases, "closed matrix", "closed twice", function()
    local m = il.matrix(2, 2)
    m:close()
    m:close()
    return tostring(m)
  end, function(ok, s) return ok and s == "(closed matrix)" end)
end

-- Streams: sizes, the calling convention, and states no stream could have
-- (what g:state() gave, edited, cut short or grown, as il.rand takes it).
local function stream_cases(cases)
  local function g() return il.rand("numpy", 1) end
  local list = {
    {"size -1", function() return g():normal(-1) end, "badValue"},
    {"size 2.5", function() return g():normal(2.5) end, "badValue"},
    {"size NaN", function() return g():normal(0 / 0) end, "badValue"},
    {"sizes 3, -2", function() return g():normal(3, -2) end, "badValue"},
    {"size 2^62", function() return g():normal(2 ^ 62) end, "badValue"},
    {"size 1e9 x 1e9", function() return g():normal(1e9, 1e9) end, "tooBig"},
    {"size 2^53 x 2^53", function() return g():uniform(2 ^ 53, 2 ^ 53) end, "tooBig"},
    {"three sizes", function() return g():normal(1, 2, 3) end, "badSize"},
    {"a permutation of a matrix", function() return g():permutation(2, 2) end, "badSize"},
    {"a size that is a string", function() return g():normal("3") end, "badArg"},
    {"a size list with a string", function() return g():normal({2, "x"}) end, "badArg"},
    {"a size that is a boolean", function() return g():normal(true) end, "badArg"},
    {"integers low = high", function() return g():integers(3, {low = 2, high = 2}) end, "badValue"},
    {"integers high 2^53 + 2", function() return g():integers(3, {high = 2 ^ 53 + 2}) end, "badValue"},
    {"uniform range overflows", function() return g():uniform(3, {low = -1e308, high = 1e308}) end,
     "badValue"},
    {"std for uniform", function() return g():uniform(3, {std = 1}) end, "badOption"},
    {"low for normal", function() return g():normal(3, {low = 1}) end, "badOption"},
    {"a numpy seed past 2^32", function() return il.rand("numpy", 2 ^ 32) end, "badValue"},
    {"a stream name in capitals", function() return il.rand("NUMPY", 1) end, "badName"},
    {"g.normal(3): a dot", function() return g().normal(3) end, "badArg"},
    {"g.copy(): a dot", function() return g().copy() end, "badArg"},
  }
  for _, c in ipairs(list) do add(cases, "streams", c[1], c[2], "initlab:" .. c[3]) end
  -- entry k of the state set to v; the state cut short or grown
  local function edited(k, v)
    local t = g():state():totable()
    t[1][k] = v
    return il.matrix(t)
  end
  for _, e in ipairs({{1, 0, "badValue"}, {2, 2, "badValue"}, {2, 0, "badSize"}, {5, 0.5, "badValue"},
                      {5, -1, "badValue"}, {5, 2 ^ 32, "badValue"}, {5, 0 / 0, "badValue"},
                      {627, 625, "badValue"}, {628, 2, "badValue"}, {629, math.huge, "badValue"},
                      {629, 0.5, "badValue"}, {630, 0, "badSize"}}) do
    add(cases, "streams", string.format("state(%d) = %g", e[1], e[2]), function()
      return il.rand(edited(e[1], e[2])):normal(2)
    end, "initlab:" .. e[3])
  end
  add(cases, "streams", "a state cut short", function()
    local t = g():state():totable()
    t[1][#t[1]] = nil
    return il.rand(il.matrix(t))
  end, "initlab:badSize")
  add(cases, "streams", "a state as a 2 x k matrix", function()
    local t = g():state():totable()
    return il.rand(il.matrix{t[1], t[1]})
  end, "initlab:badArg")
  add(cases, "streams", "every word 0", function()
    local t = g():state():totable()
    for k = 3, 626 do t[1][k] = 0 end
    return il.rand(il.matrix(t))
  end, "initlab:badValue")
  -- where accepting is right: a saved state goes on as the stream would
  add(cases, "streams", "a state given back", function()
    local a = g()
    a:normal(3)
    return il.rand(a:state()):normal(700) == a:normal(700)
  end, function(ok, same) return ok and same end)
  add(cases, "streams", "size {} and none: one draw", function()
    return #g():normal() == 1 and select(2, g():normal({}):size()) == 1
  end, function(ok, fine) return ok and fine end)
end

-- Networks closed, called with a dot, or freed under a running call.
local function lifetime_cases(cases)
  local calls_ = {
    forward = function(net) return net:forward(X) end,
    evaluate = function(net) return net:evaluate(X, Y) end,
    cost = function(net) return net:cost(X, Y) end,
    gradients = function(net) return net:gradients(X, Y) end,
    unroll = function(net) return net:unroll() end,
    reroll = function(net) return net:reroll(il.matrix(13, 1)) end,
    train = function(net) return net:train(X, Y, {verbose = false}) end,
    stats = function(net) return net:stats(X) end,
    init = function(net) return net:init("he") end,
    copy = function(net) return net:copy() end,
    save = function(net) return net:save(os.tmpname()) end,
    summary = function(net) return net:summary() end,
  }
  for name, run in pairs(calls_) do
    add(cases, "closed network", "net:" .. name, function()
      local net = small()
      net:close()
      return run(net)
    end, "initlab:badArg")
    add(cases, "a dot for a colon", "net." .. name, function()
      local net = small()
      return net[name](X, Y)
    end, "initlab:badArg")
  end
  -- closing what a running call uses is refused, and the call goes on
  local closers = {
    ["the network"] = function(net) net:close() end,
    X = function(_, x) x:close() end, Y = function(_, _, y) y:close() end,
    probe = function(_, _, _, p) p:close() end,
    ["the network with <close>"] = function(net) local n <close> = net end,
  }
  for what, close in pairs(closers) do
    add(cases, "busy", "closing " .. what .. " in a progress callback", function()
      local net, x, y = small(), il.matrix(2, 20, 0.5), il.matrix(1, 20, 1)
      local probe = il.matrix(2, 5, 0.1)
      local ok, e = pcall(net.train, net, x, y, {iters = 5, progress_every = 1, probe = probe,
        record_every = 1, progress = function() close(net, x, y, probe) end})
      assert(not ok, "closing was allowed")
      -- everything still works after the refusal
      assert(#net:forward(x) == 1 and x:get(1, 1) == 0.5 and y:get(1, 1) == 1 and #probe == 2)
      return error(e, 0)
    end, "initlab:busy")
  end
  add(cases, "busy", "the callback's error, as it was", function()
    return small():train(X, Y, {progress_every = 1, progress = function() error({7}) end})
  end, function(ok, e) return not ok and type(e) == "table" and e[1] == 7 end)
  add(cases, "busy", "a collection inside the callback", function()
    local net = small()
    local rec = net:train(il.matrix(2, 20, 0.5), il.matrix(1, 20, 1), {iters = 20,
      progress_every = 1, verbose = false, probe = il.matrix(2, 3, 0.2), record_every = 1,
      progress = function() collectgarbage() collectgarbage() end})
    return rec
  end, function(ok, rec) return ok and rec.iters_done == 20 and #rec.iter == 21 end)
end

-- Animations: what to draw, the record it is drawn from, where it goes.
local function animate_cases(cases)
  local function rec(what) return small():stats(X, Y, {record = what}) end
  local file = os.tmpname()
  local list = {
    {"an unknown kind", function() return il.animate(rec("all"), "wieghts", file) end, "badName"},
    {"a kind that is a number", function() return il.animate(rec("all"), 1, file) end, "badArg"},
    {"a record without weights", function() return il.animate(rec("loss"), "weights", file) end,
     "badArg"},
    {"a record without hist", function() return il.animate(rec("loss"), "hist", file) end, "badArg"},
    {"an unwritable path", function()
      return il.animate(rec("all"), "weights", "/nonexistent/dir/w.gif")
    end, "io"},
    {"a file that is a number", function() return il.animate(rec("all"), "weights", 5) end, "badArg"},
    {"an empty file name", function() return il.animate(rec("all"), "weights", "") end, "badValue"},
    {"layer 3 of 2", function() return il.animate(rec("all"), "weights", file, {layer = 3}) end,
     "badIndex"},
    {"delay -1", function() return il.animate(rec("all"), "weights", file, {delay = -1}) end,
     "badValue"},
    {"a misspelled option", function() return il.animate(rec("all"), "hist", file, {dealy = 5}) end,
     "badOption"},
    {"a record that is a number", function() return il.animate(1, "weights", file) end, "badArg"},
    {"W cut short", function()
      local r = rec("all")
      r.W[1] = {}
      return il.animate(r, "weights", file)
    end, "badSize"},
  }
  for _, c in ipairs(list) do add(cases, "animate", c[1], c[2], "initlab:" .. c[3]) end
  add(cases, "animate", "a record of one entry", function()
    local n = il.animate(rec("all"), "weights", file, {layer = 2, loop = false})
    os.remove(file)
    return n
  end, function(ok, n) return ok and n == 1 end)
end

function M.cases()
  local cases = {}
  animate_cases(cases)
  option_cases(cases)
  table_cases(cases)
  missing_cases(cases)
  batch_cases(cases)
  matrix_cases(cases)
  lifetime_cases(cases)
  stream_cases(cases)
  table.sort(cases, function(a, b) return a.group < b.group or a.group == b.group and a.name < b.name end)
  return cases
end

-- Runs a case: nil when it passed, else what went wrong.
function M.run(case)
  local result = table.pack(pcall(case.run))
  local ok, e = result[1], result[2]
  if type(case.want) == "function" then
    local good, why = pcall(case.want, table.unpack(result, 1, result.n))
    if good and why then return nil end
    return ok and "the answer is wrong" or "refused: " .. tostring(e)
  end
  if ok then return "accepted, expected " .. case.want end
  if type(e) ~= "string" or not e:find(case.want .. ":", 1, true) then
    return "raised " .. tostring(e) .. ", expected " .. case.want
  end
  if not e:find("^[^\n]*bad_inputs%.lua:%d+: initlab:") then
    return "the error does not point at the caller's line: " .. e
  end
end

-- ---- as a script: run everything, then train a small net -------------------

if arg and arg[0] and arg[0]:find("bad_inputs%.lua$") then
  local failed, cases = 0, M.cases()
  for _, case in ipairs(cases) do
    local why = M.run(case)
    if why then
      failed = failed + 1
      print(string.format("not ok - %s, %s: %s", case.group, case.name, why))
    end
  end
  local net = il.net{2, 4, 1, act = {"tanh", "sigmoid"}}
  local rec = net:train(X, Y, {iters = 200, lr = 0.5, verbose = false})
  assert(rec.iters_done == 200 and rec.stopped == "", "the interpreter no longer trains")
  collectgarbage()
  collectgarbage()
  print(string.format("bad_inputs.lua done: %d calls, %d failed", #cases, failed))
  os.exit(failed == 0 and 0 or 1, true) -- closing the state frees everything: a leak shows
end

return M
