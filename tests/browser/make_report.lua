-- make_report.lua OUT: the browser test's report, zeros vs He on a small
-- tanh network (circles), every part recorded.
local il = require "initlab"
local X, Y = il.dataset("circles", {n = 100, seed = 1})
local function run(init, opts)
  local net = il.net{2, 8, 6, 1, act = {"tanh", "tanh", "sigmoid"}}
  net:init(init, opts)
  return net:train(X, Y, {iters = 300, lr = 0.5, record_every = 20, record = "all",
                          verbose = false})
end
il.report({run("zeros"), run("he_normal", {seed = 3})}, arg[1],
          {labels = {"zeros", "He"}, title = "zeros vs He"})
