-- Run under valgrind by tests/lua/leaks.sh: every error path of the module
-- once, then a full collection; valgrind must find no definite leak.
local il = require "initlab"

local function fails(f, ...) assert(not pcall(f, ...)) end

local X, Y = il.dataset("circles", {n = 60, seed = 1})
local net = il.net{2, 5, 1, act = {"tanh", "sigmoid"}}
for _ = 1, 3 do
  fails(il.net, {2, 3, 1, act = {"rleu", "sigmoid"}})
  fails(il.net, {2, 3, 1, act = {"tanh", "tanh"}, loss = "bce"})
  fails(il.matrix, {{1, 2}, {3}})
  fails(function() net:init("uniform", {a = 1, b = 0}) end)
  fails(function() net:init("lsuv") end)
  fails(function() net:init("matrix", {matrix = il.matrix(1, 1)}) end)
  fails(function() net:forward(il.matrix(3, 2)) end)
  fails(function() net:forward(il.matrix{{0 / 0}, {1}}) end)
  fails(function() net:train(X, Y, {optimizer = "adamw"}) end)
  fails(function() net:train(X, Y, {record = "wieghts"}) end)
  fails(function() net:train(X, Y, {iters = 1e5, record_every = 1, record = "weights",
                                    max_bytes = 1e5}) end)
  -- an error raised by the progress callback, mid-training, with a record
  fails(function() net:train(X, Y, {iters = 500, record_every = 10, record = "all", progress_every = 10,
                                    progress = function(i) if i >= 100 then error("x") end end}) end)
  local rec = net:train(X, Y, {iters = 500, record_every = 10, record = {"all", "weights"},
                               progress_every = 10, progress = function(i) return i < 20 end})
  assert(rec.stopped == "callback")
  local m <close> = il.matrix(4, 4, 1)
  local closed = il.net{2, 3, 1, act = "tanh"}
  closed:close()
  fails(function() closed:forward(il.matrix(2, 1)) end)
  local path = os.tmpname()
  net:save(path)
  local f = io.open(path, "rb"); local text = f:read("a"); f:close()
  for _, bad in ipairs({text:sub(1, #text // 2), text:sub(1, -2), (text:gsub("0", "1", 1)),
                        (text:gsub("\n# check: [^\n]*", "", 1)), "# name: net\n# type: scalar struct\n"}) do
    f = io.open(path, "wb"); f:write(bad); f:close()
    fails(il.load, path)
  end
  f = io.open(path, "wb"); f:write(text); f:close()
  assert(il.load(path).W[1] == net.W[1])
  os.remove(path)
  fails(function() net:save("/dev/full") end)
  fails(function() il.csv(rec, "/dev/full") end)
  -- layers: iterated, written through, refused
  for _, W in ipairs(net.W) do W:set(1, 1, W:get(1, 1)) end
  fails(function() net.W[1]:set(1, 1, 0 / 0) end)
  fails(function() net.W[1] = il.matrix(1, 1) end)
  fails(function() net.forward(X) end)
end
net = nil
collectgarbage()
collectgarbage()
print("leaks.lua done")
