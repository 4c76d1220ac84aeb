--- lesson.lua - what every Lua lesson shares (the Octave lessons have
-- lesson_setup, lesson_claim and lesson_save for the same).
--
--   local lesson = require "lesson"
--   local figures = lesson.figures()      -- IL_FIGURES, or the first argument, or "."
--   lesson.claim(x > 0, "x is positive")  -- prints "ok - ..." or "not ok - ..."
local lesson = {}

--- The folder for the lesson's PNG files, created when missing.
function lesson.figures()
  local folder = os.getenv("IL_FIGURES")
  if not folder or folder == "" then folder = arg and arg[1] or "." end
  os.execute("mkdir -p '" .. folder .. "'")
  return folder
end

--- A lesson's claim and whether its own numbers bear it out, as one line
-- "ok - text" or "not ok - text"; make test counts these lines.
function lesson.claim(holds, text)
  print((holds and "ok - " or "not ok - ") .. text)
end

--- A rows x cols batch of independent N(0, 1) values drawn by the engine
-- (the weights of a layer with a normal initializer), the same numbers as
-- the Octave lessons' lesson_gaussian.
function lesson.gaussian(rows, cols, seed)
  local il = require "initlab"
  local source = il.net{cols, rows, act = "linear"}
  source:init("normal", {std = 1, seed = seed})
  return source.W[1]
end

--- The values of a matrix as one flat list, column by column.
function lesson.values(m)
  local rows, cols = m:size()
  local out = {}
  for j = 1, cols do
    for i = 1, rows do out[#out + 1] = m:get(i, j) end
  end
  return out
end

--- mean(x) and the population variance of a list.
function lesson.mean_var(x)
  local s = 0
  for _, v in ipairs(x) do s = s + v end
  local mean, ss = s / #x, 0
  for _, v in ipairs(x) do ss = ss + (v - mean) ^ 2 end
  return mean, ss / #x
end

--- The points of a grid, one column each, x fastest: column i + (j-1) #xs is
-- (xs[i], ys[j]), as a decision-boundary image indexes them.
function lesson.grid(xs, ys)
  local il = require "initlab"
  local points = il.matrix(2, #xs * #ys)
  for j = 1, #ys do
    for i = 1, #xs do
      points:set(1, i + (j - 1) * #xs, xs[i])
      points:set(2, i + (j - 1) * #xs, ys[j])
    end
  end
  return points
end

--- 1, 2, ..., n
function lesson.range(n)
  local out = {}
  for i = 1, n do out[i] = i end
  return out
end

--- A table row: format applied to each of the values.
function lesson.row(format, values)
  local parts = {}
  for i, v in ipairs(values) do parts[i] = string.format(format, v) end
  return table.concat(parts)
end

return lesson
