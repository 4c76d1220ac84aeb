-- il.animate: a record's iterations as an animated GIF, written by the engine.
local il = require "initlab"

local function bytes(path)
  local f = assert(io.open(path, "rb"))
  local b = f:read("a")
  f:close()
  return b
end

local function count(s, pattern)
  local n = 0
  for _ in s:gmatch(pattern) do n = n + 1 end
  return n
end

describe("il.animate", function()
  local X, Y = il.dataset("circles", {n = 60, seed = 1})
  local net = il.net{2, 4, 3, 1, act = {"tanh", "tanh", "sigmoid"}}
  net:init("xavier_normal", {seed = 2})
  local rec = net:train(X, Y, {iters = 200, lr = 0.5, record_every = 20, record = "all",
                               verbose = false})
  local file = os.tmpname()
  after_each(function() os.remove(file) end)

  it("writes a GIF89a with a frame per recorded iteration", function()
    assert.are.equal(#rec.iter, il.animate(rec, "weights", file, {delay = 50}))
    local b = bytes(file)
    assert.are.equal("GIF89a", b:sub(1, 6))
    assert.are.equal(";", b:sub(-1))
    assert.truthy(b:find("NETSCAPE2.0", 1, true))
    -- a graphic control block per frame, each of 5 centiseconds
    assert.are.equal(#rec.iter, count(b, "\33\249\4\4\5\0"))
  end)

  it("plays once without the loop block, and draws histograms", function()
    assert.are.equal(#rec.iter, il.animate(rec, "hist", file, {layer = 2, loop = false}))
    assert.falsy(bytes(file):find("NETSCAPE2.0", 1, true))
  end)

  it("writes the same bytes for the same record", function()
    il.animate(rec, "weights", file, {layer = 1})
    local first = bytes(file)
    il.animate(rec, "weights", file, {layer = 1})
    assert.are.equal(first, bytes(file))
    il.animate(rec, "weights", file, {layer = 2})
    assert.are_not.equal(first, bytes(file))
  end)

  it("refuses what it cannot draw, with identifiers", function()
    assert.has_error(function() il.animate(rec, "heat", file) end)
    local ok, e = pcall(il.animate, rec, "heat", file)
    assert.truthy(not ok and e:find("initlab:badName", 1, true))
    ok, e = pcall(il.animate, rec, "weights", "/nonexistent/dir/w.gif")
    assert.truthy(not ok and e:find("initlab:io", 1, true) and e:find("/nonexistent/dir/w.gif", 1, true))
    ok, e = pcall(il.animate, net:stats(X, Y), "weights", file)
    assert.truthy(not ok and e:find("initlab:badArg", 1, true) and e:find("no W", 1, true))
    ok, e = pcall(il.animate, rec, "weights", file, {layer = 4})
    assert.truthy(not ok and e:find("initlab:badIndex", 1, true))
  end)
end)
