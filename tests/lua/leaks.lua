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
  fails(function() net:train(X, Y, {iters = 500, record_every = 10, record = "all",
                                    progress = function(i) if i >= 100 then error("x") end end}) end)
  local rec = net:train(X, Y, {iters = 500, record_every = 10, record = {"all", "weights"},
                               progress = function(i) return i < 20 end})
  assert(rec.stopped == "callback")
  local m <close> = il.matrix(4, 4, 1)
  local closed = il.net{2, 3, 1, act = "tanh"}
  closed:close()
  fails(function() closed:forward(il.matrix(2, 1)) end)
  local path = os.tmpname()
  net:save(path)
  local f = io.open(path, "w"); f:write("# name: net\n# type: scalar struct\n"); f:close()
  fails(il.load, path)
  os.remove(path)
end
net = nil
collectgarbage()
collectgarbage()
print("leaks.lua done")
