-- The generated bad-input suite (bad_inputs.lua), one test per function or
-- option: every call raises the initlab:* error the engine's rules give,
-- at the caller's line, or gives the right answer; the interpreter goes on
-- working.  leaks.sh runs the same cases under valgrind.
package.path = "tests/lua/?.lua;" .. package.path
local bad = require "bad_inputs"
local il = require "initlab"

describe("bad inputs", function()
  local cases, groups, order = bad.cases(), {}, {}
  for _, case in ipairs(cases) do
    if not groups[case.group] then
      groups[case.group] = {}
      order[#order + 1] = case.group
    end
    table.insert(groups[case.group], case)
  end

  for _, group in ipairs(order) do
    it(string.format("%s: %d calls", group, #groups[group]), function()
      local wrong = {}
      for _, case in ipairs(groups[group]) do
        local why = bad.run(case)
        if why then wrong[#wrong + 1] = case.name .. ": " .. why end
      end
      assert(#wrong == 0, table.concat(wrong, "\n"))
    end)
  end

  it(string.format("are %d calls, and the interpreter still trains a net after them", #cases),
     function()
    assert.is_true(#cases >= 200)
    local X, Y = il.dataset("xor", {n = 100, seed = 2})
    local net = il.net{2, 8, 1, act = {"tanh", "sigmoid"}}
    net:init("xavier_normal", {seed = 1})
    local rec = net:train(X, Y, {iters = 2000, lr = 0.5, record_every = 1000, verbose = false})
    assert.are.equal("", rec.stopped)
    assert.is_true(rec.loss[3] < rec.loss[1])
  end)
end)
