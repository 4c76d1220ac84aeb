-- Figures: labels and titles reach gnuplot as text, never as commands;
-- gnuplot's own message is part of the error when it fails, and a failed
-- plot leaves no file behind.
local il = require "initlab"

-- A fresh name (os.tmpname creates the file it names: that one goes).
local function tmp(ext)
  local base = os.tmpname()
  os.remove(base)
  return base .. ext
end

local function exists(path)
  local f = io.open(path, "rb")
  if f then f:close() end
  return f ~= nil
end

-- The size of the PNG at path (0: no PNG), which is removed.
local function png_size(path)
  local f = io.open(path, "rb")
  local head = f and f:read(8)
  local size = f and f:seek("end")
  if f then f:close() end
  os.remove(path)
  return head == "\137PNG\r\n\26\n" and size or 0
end

local rec = {iter = {0, 10, 20}, loss = {1, 0.5, 0.25}, accuracy = {0.5, 0.7, 0.9},
             saturation = {{0, 0.1, 0.2}, {0.3, 0.2, 0.1}}}

local odd_texts = {
  -- (CJK text needs a CJK font, such as Debian's fonts-noto-cjk, to draw)
  "it's", 'say "hi"', [[back\slash \n \\ \"]], "ünïcödé — ∑ αβγ", "two\nlines", "tab\there",
  "x_1^2 {a} @b &c ~d", "100% of %s %d", "# not a comment ; not a command", "",
  "bell\7 and nul\0 dropped",
}

describe("labels and titles", function()
  it("render whatever they hold", function()
    for _, text in ipairs(odd_texts) do
      local path = tmp(".png")
      il.plot({rec, rec}, "loss", {file = path, labels = {text, "it's " .. text}})
      assert.is_true(png_size(path) > 2000, text)
      path = tmp(".png")
      il.plot(rec, "saturation", {file = path, labels = {text}})
      assert.is_true(png_size(path) > 2000, text)
      path = tmp(".png")
      il.lines({{title = text, xlabel = text, ylabel = text, {x = {1, 2}, y = {1, 2}, label = text}}},
               {file = path})
      assert.is_true(png_size(path) > 2000, text)
    end
  end)

  it("an apostrophe makes a PNG", function()
    local path = tmp(".png")
    il.plot(rec, "loss", {file = path, labels = {"He's init"}})
    assert.is_true(png_size(path) > 2000)
  end)

  it("are never run as commands", function()
    local victim = os.tmpname()
    os.remove(victim)
    local attacks = {
      "x'; system('touch " .. victim .. "'); '",
      'x"; system("touch ' .. victim .. '"); "',
      "x'\nsystem('touch " .. victim .. "')\n'",
      "x''; system('touch " .. victim .. "'); ''",
      "`touch " .. victim .. "`",
      "x' . system('touch " .. victim .. "') . '",
      "@ARG0 x\\'; system('touch " .. victim .. "'); '",
    }
    for _, text in ipairs(attacks) do
      local path = tmp(".png")
      il.plot({rec, rec}, "accuracy", {file = path, labels = {text, text}})
      assert.is_true(png_size(path) > 2000, text)
      path = tmp(".png")
      il.lines({{title = text, xlabel = text, ylabel = text, {x = {1, 2}, y = {2, 1}, label = text}}},
               {file = path})
      assert.is_true(png_size(path) > 2000, text)
      assert.is_false(exists(victim), text)
    end
  end)

  it("must be text, and ranges numbers", function()
    local path = tmp(".png")
    assert.has_error(function() il.plot(rec, "loss", {file = path, labels = {{}}}) end,
      "initlab:badArg: labels[1] must be a string, got table")
    assert.has_error(function()
      il.lines({{xrange = {"0:1] ; system('touch x') ; set xrange [0", 1}, {x = {1}, y = {1}}}},
               {file = path})
    end, "initlab:badArg: panel 1's xrange[1] must be a number, got string")
    assert.has_error(function() il.lines({{{x = {1, "2"}, y = {1, 2}}}}, {file = path}) end,
      "initlab:badArg: panel 1 series 1 x[2] must be a number, got string")
    assert.has_error(function() il.lines({{{x = {1}, y = {1}}}}, {file = path, width = "9; x"}) end,
      "initlab:badArg: width must be a whole number of pixels in 16..20000, got 9; x")
    assert.is_false(exists(path))
  end)
end)

describe("a plot gnuplot cannot draw", function()
  local impossible = {{logy = true, {x = {1, 2}, y = {-1, -2}, label = "below zero"}}}

  it("shows gnuplot's own message and leaves no file", function()
    local path = tmp(".png")
    local ok, e = pcall(il.lines, impossible, {file = path})
    assert.is_false(ok)
    assert.truthy(e:find("initlab:plot: gnuplot failed", 1, true), e)
    assert.truthy(e:find("all points y value undefined", 1, true), e)
    assert.is_false(exists(path))
  end)

  it("leaves an older figure of that name as it was", function()
    local path = tmp(".png")
    local f = io.open(path, "wb")
    f:write("the older figure")
    f:close()
    assert.has_error(function() il.lines(impossible, {file = path}) end)
    f = io.open(path, "rb")
    assert.are.equal("the older figure", f:read("a"))
    f:close()
    os.remove(path)
  end)

  it("says where it cannot write", function()
    assert.has_error(function() il.plot(rec, "loss", {file = "/nonexistent/dir/x.png"}) end,
      "initlab:io: cannot write /nonexistent/dir/x.png: No such file or directory")
    assert.has_error(function() il.lines({{{x = {1}, y = {1}}}}, {file = "/dev/full"}) end,
      "initlab:badArg: unknown file type '/dev/full'; expected .png, .svg, .pdf or .eps")
    assert.is_true(exists("/dev/full"))
  end)

  it("says when gnuplot is missing", function()
    local out = io.popen(string.format(
      "PATH=/nonexistent LUA_PATH=%q LUA_CPATH=%q /usr/bin/lua5.4 -e %q 2>&1", package.path,
      package.cpath, 'local il = require "initlab"; ' ..
      'print(select(2, pcall(il.plot, {iter = {0, 1}, loss = {1, 0.5}}, "loss", {file = "/tmp/x.png"})))'))
    local text = out:read("a")
    out:close()
    assert.truthy(text:find("initlab:plot: gnuplot is not installed", 1, true), text)
  end)
end)

describe("a validation set", function()
  it("is drawn beside the training curve, and checked as it is", function()
    local held = {iter = {0, 10, 20}, loss = {1, 0.5, 0.25}, val_loss = {1.1, 0.7, 0.6}}
    local file = tmp(".png")
    il.plot(held, "loss", {file = file})
    assert.is_true(png_size(file) > 2000)
    held.val_loss = {1, 2}
    assert.has_error(function() il.plot(held, "loss", {file = tmp(".png")}) end)
    local ok, err = pcall(il.plot, held, "loss", {file = tmp(".png")})
    assert.is_false(ok)
    assert.truthy(tostring(err):find("rec.val_loss", 1, true))
  end)
end)

-- The bytes of the file at path, which is removed.
local function slurp(path)
  local f = io.open(path, "rb")
  local bytes = f and f:read("a") or ""
  if f then f:close() end
  os.remove(path)
  return bytes
end

describe("every kind of the engine's table", function()
  local core = require "initlab.core"
  local kinds = core.plots()
  local X, Y = il.dataset("xor", {n = 60, seed = 1})
  local Xv, Yv = il.dataset("xor", {n = 30, seed = 2})
  local he = il.net{2, 4, 1, act = {"tanh", "sigmoid"}}
  local rec1 = he:train(X, Y, {iters = 20, record_every = 10, record = {"all", "weights"},
                               validation = {Xv, Yv}, verbose = false})
  local zero = il.net{2, 4, 1, act = "sigmoid"}
  zero:init("zeros")
  local rec0 = zero:train(X, Y, {iters = 20, record_every = 10, record = {"all", "weights"},
                                 verbose = false})
  local signs = {png = "\137PNG", svg = "<svg", pdf = "%PDF", eps = "%!PS"}
  local function draw(what, recs, nets, ext)
    local path = tmp("." .. ext)
    if what == "boundary" then
      il.plot(nets, what, {X = X, Y = Y, labels = {"zeros", "He"}, file = path})
    elseif what == "spectrum" then
      local Js = {}
      for i, net in ipairs(nets._core and {nets} or nets) do Js[i] = il.jacobian(net, X) end
      il.plot(#Js == 1 and Js[1] or Js, what, {labels = {"zeros", "He"}, file = path})
    else
      il.plot(recs, what, {labels = {"zeros", "He"}, file = path})
    end
    return slurp(path)
  end

  it("is the README's table", function()
    local f = io.open("README.md", "rb")
    local readme = f:read("a")
    f:close()
    local listed = {}
    for name in readme:match("what it draws.-(\n| kind |.-)\n\n"):gmatch("\n| `([%w_]+)` |") do
      listed[#listed + 1] = name
    end
    local names = {}
    for i, k in ipairs(kinds) do names[i] = k.name end
    assert.are.same(names, listed)
    assert.truthy(#names >= 19)
  end)

  it("draws in every format", function()
    for _, k in ipairs(kinds) do
      for ext, sign in pairs(signs) do
        local bytes = draw(k.name, {rec0, rec1}, {zero, he}, ext)
        assert.truthy(bytes:sub(1, 400):find(sign, 1, true), k.name .. "." .. ext)
        assert.is_true(#bytes > 3000, k.name .. "." .. ext)
      end
    end
  end)

  it("draws several records otherwise than one", function()
    for _, what in ipairs({"weights", "hist", "distinct", "act", "boundary", "spectrum"}) do
      local one, two = draw(what, rec1, he, "png"), draw(what, {rec0, rec1}, {zero, he}, "png")
      assert.is_true(#one > 3000 and #two > 3000 and one ~= two, what)
    end
  end)

  it("refuses a file type it does not write", function()
    assert.has_error(function() il.plot(rec0, "loss", {file = "x.jpg"}) end,
      "initlab:badArg: unknown file type '.jpg'; expected .png, .svg, .pdf or .eps")
    assert.has_error(function() il.plot(rec0, "los", {file = "x.png"}) end,
      "initlab:badName: unknown plot 'los'; expected " .. kinds[1].name .. ", " .. kinds[2].name ..
      ", " .. table.concat((function()
        local rest = {}
        for i = 3, #kinds do rest[#rest + 1] = kinds[i].name end
        return rest
      end)(), ", "))
    assert.has_error(function() il.plot(zero, "boundary", {file = "x.png"}) end,
      "initlab:badArg: boundary needs X, 2-D data as a 2 x m matrix")
  end)
end)

describe("honest axes and colours", function()
  local core = require "initlab.core"

  it("keep a zero-init record's one distinct unit off the frame", function()
    local lo, hi, log = core.call("axis_range", 3, il.matrix({{1, 1, 1, 1}}), "integer")
    assert.are.same({0.5, 1.5, false}, {lo, hi, log})
    lo, hi, log = core.call("axis_range", 3, il.matrix({{1, 0.1, 0.001}}), "log")
    assert.is_true(log and lo < 0.001 and hi > 1)
  end)

  it("show round-off weights white next to ordinary ones", function()
    assert.are.equal(2e-3, core.call("color_range", 1, 1e-45, 2))
    local map = core.call("palette", 1, 3)
    assert.are.same({1, 1, 1}, {map:get(2, 1), map:get(2, 2), map:get(2, 3)})
    -- two round-off patterns draw the same (white) figure
    local function record(pattern)
      local W0, W1 = il.matrix(2, 2), il.matrix({{2, -2}, {1, 2}})
      for i = 1, 2 do for j = 1, 2 do W0:set(i, j, 1e-45 * pattern[i][j]) end end
      return {iter = {0, 1}, W = {{W0, W1}}, b = {{il.matrix({{0}, {0}}), il.matrix({{0.1}, {-0.2}})}}}
    end
    local a, b = tmp(".png"), tmp(".png")
    il.plot(record({{1, -1}, {1, 1}}), "weights", {file = a})
    il.plot(record({{-1, 1}, {-1, -1}}), "weights", {file = b})
    local one, two = slurp(a), slurp(b)
    assert.is_true(#one > 3000)
    assert.are.equal(one, two)
  end)
end)

describe("spectrum", function()
  local core = require "initlab.core"
  local gnuplot = require "initlab.gnuplot"
  local function deep(init, opts)
    local sizes = {act = "tanh"}
    for l = 1, 11 do sizes[l] = 100 end
    local net = il.net(sizes)
    net:init(init, opts)
    return il.jacobian(net, il.rand("xoshiro", 1):normal(100, 5))
  end
  local Jo = deep("orthogonal", {seed = 1})
  local Jn = deep("normal", {std = 0.1, seed = 1})

  it("draws deep nets' Jacobians as PNG and SVG, a panel per result", function()
    for ext, sign in pairs({png = "\137PNG", svg = "<svg"}) do
      local path = tmp("." .. ext)
      il.plot({Jo, Jn}, "spectrum", {labels = {"orthogonal", "normal"}, file = path})
      local bytes = slurp(path)
      assert.truthy(bytes:sub(1, 400):find(sign, 1, true), ext)
      assert.is_true(#bytes > 10000, ext)
    end
    local one, three = tmp(".png"), tmp(".png")
    il.plot(Jo, "spectrum", {file = one})
    il.plot({Jo, Jn, Jo}, "spectrum", {file = three})
    local a, b = slurp(one), slurp(three)
    -- the PNG's height: bytes 21..24 of its IHDR
    assert.is_true(string.unpack(">I4", b, 21) > string.unpack(">I4", a, 21))
  end)

  -- the same literals as octave/il_plot.m's test and tests/c/test_figure.c
  it("bins as the engine does, the same as Octave", function()
    local JA = {sv = il.matrix({{0.4, 3}, {0.05, 0.9}, {0.001, 0.2}}), max = 3, mean_sq = 1,
                condition = 3000}
    local JB = {sv = il.matrix({{2}, {1.5}, {0.7}}), max = 2, mean_sq = 1, condition = 2 / 0.7}
    local edges, counts, log = gnuplot.spectrum_bins({JA, JB})
    local span = math.log(3, 10) + 3
    assert.is_true(log)
    assert.are.equal(41, #edges)
    assert.is_true(math.abs(edges[1] / 10 ^ (-3 - 0.05 * span) - 1) < 1e-12)
    assert.is_true(math.abs(edges[41] / (3 * 10 ^ (0.05 * span)) - 1) < 1e-12)
    for k = 2, 41 do
      local step = math.log(edges[k], 10) - math.log(edges[k - 1], 10)
      assert.is_true(math.abs(step - 1.1 * span / 40) < 1e-12, k)
    end
    local function nonzero(c)
      local at, total = {}, 0
      for k, v in ipairs(c) do
        if v ~= 0 then at[#at + 1] = k end
        total = total + v
      end
      return at, total
    end
    local at, total = nonzero(counts[1])
    assert.are.same({2, 20, 26, 30, 33, 39}, at)
    assert.are.equal(6, total)
    assert.are.same({32, 36, 37}, (nonzero(counts[2])))
    -- what the plot draws is the engine's command
    local e, c = core.call("histogram", 2, JA.sv,
                           il.matrix({{0.4, 0.05, 0.001, 3, 0.9, 0.2, 2, 1.5, 0.7, 1}}), "log", 40)
    for k = 1, 41 do assert.are.equal(e:get(1, k), edges[k]) end
    for k = 1, 40 do assert.are.equal(c:get(1, k), counts[1][k]) end
    local path = tmp(".png")
    il.plot({JA, JB}, "spectrum", {labels = {"a", "b"}, file = path})
    assert.is_true(png_size(path) > 3000)
  end)

  it("refuses anything but il.jacobian's results", function()
    assert.has_error(function() il.plot({iter = {0}, loss = {1}}, "spectrum", {file = tmp(".png")}) end,
      "initlab:badArg: Js[1] must be a result of il.jacobian (a table with sv, max and condition), " ..
      "got table")
    assert.has_error(function() il.plot({Jo, 3}, "spectrum", {file = tmp(".png")}) end,
      "initlab:badArg: Js[2] must be a result of il.jacobian (a table with sv, max and condition), " ..
      "got number")
    assert.has_error(function() il.plot({Jo}, "spectrum", {file = "x.jpg"}) end,
      "initlab:badArg: unknown file type '.jpg'; expected .png, .svg, .pdf or .eps")
  end)
end)
