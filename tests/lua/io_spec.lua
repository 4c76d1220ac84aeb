-- Saving and loading networks, CSV and figures.
local il = require "initlab"

-- A fresh name (os.tmpname creates the file it names: that one goes).
local function tmp(ext)
  local base = os.tmpname()
  os.remove(base)
  return base .. ext
end

describe("net:save and il.load", function()
  it("round-trip exactly", function()
    local net = il.net{3, 5, 2, act = {"leaky_relu", "softmax"}, act_param = {0.2, 0 / 0}}
    net:init("orthogonal", {seed = 7, bias = "normal"})
    local path = tmp(".txt")
    net:save(path)
    local back = il.load(path)
    os.remove(path)
    for l = 1, 2 do
      assert.are.equal(net.W[l]:hex(), back.W[l]:hex())
      assert.are.equal(net.b[l]:hex(), back.b[l]:hex())
    end
    assert.are.same(net.act, back.act)
    assert.are.equal(0.2, back.act_param[1])
    assert.are.equal("sce", back.loss)
  end)

  it("gives a clear error for truncated or corrupt files, never a crash", function()
    local net = il.net{2, 4, 1, act = {"relu", "sigmoid"}}
    local path = tmp(".txt")
    net:save(path)
    local f = io.open(path)
    local text = f:read("a")
    f:close()
    for _, cut in ipairs({10, 100, #text // 2, #text - 20}) do
      local g = io.open(path, "w")
      g:write(text:sub(1, cut))
      g:close()
      local ok, err = pcall(il.load, path)
      assert.is_false(ok)
      assert.truthy(tostring(err):find("initlab:badFile", 1, true), tostring(err))
    end
    local g = io.open(path, "w")
    g:write((text:gsub("# rows: 4", "# rows: four")))
    g:close()
    local ok, err = pcall(il.load, path)
    assert.is_false(ok)
    assert.truthy(tostring(err):find("rows must be a whole number", 1, true))
    os.remove(path)
    assert.has_error(function() il.load("/nonexistent/net.txt") end)
  end)
end)

describe("il.csv and il.plot", function()
  local X, Y = il.dataset("xor", {n = 100, seed = 1})
  local net = il.net{2, 4, 1, act = {"tanh", "sigmoid"}}
  local rec = net:train(X, Y, {iters = 20, record_every = 10, record = {"all", "weights"},
                               verbose = false})

  it("writes one CSV row per recorded iteration", function()
    local path = tmp(".csv")
    il.csv(rec, path)
    local lines = {}
    for l in io.lines(path) do lines[#lines + 1] = l end
    os.remove(path)
    assert.are.equal(4, #lines)
    assert.truthy(lines[1]:find("^iter,loss,accuracy,act_mean_1,act_mean_2"))
    assert.truthy(lines[4]:find("^20,"))
  end)

  it("draws PNG figures with gnuplot", function()
    for _, what in ipairs({"loss", "saturation", "distinct", "hist", "weights"}) do
      local path = tmp(".png")
      il.plot(rec, what, {file = path})
      local f = io.open(path, "rb")
      local head = f and f:read(8)
      local size = f and f:seek("end")
      if f then f:close() end
      os.remove(path)
      assert.are.equal("\137PNG\r\n\26\n", head, what)
      assert.is_true(size > 2000, what)
    end
    assert.has_error(function() il.plot(rec, "los", {file = tmp(".png")}) end)
    assert.has_error(function() il.plot(rec, "weights", {file = tmp(".png"), iters = {7}}) end,
      "initlab:badArg: iteration 7 was not recorded")
  end)
end)

describe("il.lines", function()
  local function png_size(path)
    local f = io.open(path, "rb")
    local head = f and f:read(8)
    local size = f and f:seek("end")
    if f then f:close() end
    os.remove(path)
    return head == "\137PNG\r\n\26\n" and size or 0
  end

  it("draws panels of lines, points, error bars and an image", function()
    local path = tmp(".png")
    il.lines({
      {title = "lines", logy = true, {x = {1, 2, 3}, y = {1, 10, 100}, label = "up"},
       {x = {1, 2, 3}, y = {100, 10, 1}, label = "down", dashed = true}},
      {title = "bars", {x = {1, 2}, y = {0.5, 0.6}, err = {0.1, 0.2}, label = "mean"}},
      {image = {x = {0, 1}, y = {0, 1}, z = function(i, j) return i + j end},
       {x = {0.5}, y = {0.5}, points = true, label = "a point"}},
    }, {file = path, width = 900, height = 300})
    assert.is_true(png_size(path) > 2000)
  end)

  it("says what is wrong with its arguments", function()
    assert.has_error(function() il.lines({{}}, {}) end,
      "initlab:badArg: lines needs file = 'name.png'")
    assert.has_error(function() il.lines({{{x = {1, 2}, y = {1}}}}, {file = tmp(".png")}) end,
      "initlab:badSize: panel 1 series 1: x has 2 values, y 1")
    assert.has_error(function() il.lines(5, {file = tmp(".png")}) end)
  end)
end)
