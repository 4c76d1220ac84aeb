-- Matrices: construction, access, printing, equality, closing.
local il = require "initlab"

describe("il.matrix", function()
  it("builds from a table of rows and reads back 1-based", function()
    local m = il.matrix{{1, 2, 3}, {4, 5, 6}}
    assert.are.same({2, 3}, {m:size()})
    assert.are.equal(2, #m)
    assert.are.equal(4, m:get(2, 1))
    assert.are.equal(3, m:get(1, 3))
    assert.are.same({{1, 2, 3}, {4, 5, 6}}, m:totable())
  end)

  it("builds rows x cols filled, and sets within bounds", function()
    local m = il.matrix(2, 3, 7)
    assert.are.same({{7, 7, 7}, {7, 7, 7}}, m:totable())
    m:set(2, 3, -1.5)
    assert.are.equal(-1.5, m:get(2, 3))
    assert.are.same({{0, 0}}, il.matrix(1, 2):totable())
  end)

  it("refuses indices out of range with the engine's words", function()
    local m = il.matrix(2, 2)
    assert.has_error(function() m:get(3, 1) end,
                     "initlab:badIndex: row index 3 is out of range 1..2")
    assert.has_error(function() m:set(1, 0, 1) end,
                     "initlab:badIndex: column index 0 is out of range 1..2")
    assert.has_error(function() m:get(1.5, 1) end)
    assert.has_error(function() m:set(1, 1, "x") end)
  end)

  it("refuses ragged and non-numeric tables", function()
    assert.has_error(function() il.matrix{{1, 2}, {3}} end,
                     "initlab:badSize: row 2 has 1 numbers, row 1 has 2")
    assert.has_error(function() il.matrix{{1, "a"}} end,
                     "initlab:badArg: entry (1,2) must be a number, got a string")
    assert.has_error(function() il.matrix{1, 2} end,
                     "initlab:badArg: row 1 must be a table of numbers, got a number")
    assert.has_error(function() il.matrix(-1, 2) end)
  end)

  it("prints like Octave's disp", function()
    assert.are.equal("   1   2\n   3   4", tostring(il.matrix{{1, 2}, {3, 4}}))
    assert.are.equal("     0.5   -1.25", tostring(il.matrix{{0.5, -1.25}}))
  end)

  it("compares by value", function()
    assert.is_true(il.matrix{{1, 2}} == il.matrix{{1, 2}})
    assert.is_false(il.matrix{{1, 2}} == il.matrix{{1, 3}})
    assert.is_false(il.matrix{{1, 2}} == il.matrix{{1}, {2}})
  end)

  it("frees at once with <close>, and refuses use after close", function()
    local kept
    do
      local m <close> = il.matrix(3, 3, 1)
      kept = m
      assert.are.equal(1, m:get(3, 3))
    end
    assert.has_error(function() kept:get(1, 1) end)
    assert.are.equal("(closed matrix)", tostring(kept))
    kept:close() -- closing twice is harmless
  end)

  it("shows its exact bits", function()
    assert.are.equal("3ff0000000000000 bff8000000000000", il.matrix{{1, -1.5}}:hex())
  end)
end)
