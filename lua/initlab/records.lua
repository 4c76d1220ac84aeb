--- initlab.records: what a training record holds, and records as CSV.
local errors = require "initlab.errors"
local files = require "initlab.files"

local raise = errors.raise
local records = {}

--- The statistics recorded per layer: rec[name][l][r] is layer l's value
-- at the r-th recorded iteration rec.iter[r].
records.per_layer = {"act_mean", "act_std", "act_min", "act_max", "saturation", "sat_low",
                     "sat_high", "dead", "grad_std", "weight_norm", "update_ratio", "distinct"}

local function number(v)
  if v ~= v then return "NaN" end
  if v == math.huge then return "Inf" end
  if v == -math.huge then return "-Inf" end
  return string.format("%.17g", v)
end

--- records.csv(rec, path): one row per recorded iteration: iter, loss,
-- accuracy and every per-layer statistic as name_l columns.
function records.csv(rec, path)
  errors.check_table(rec, "il.csv's record")
  errors.check_string(path, "il.csv's path")
  errors.check_table(rec.iter, "rec.iter")
  local head, cols = {"iter"}, {rec.iter}
  for _, name in ipairs({"loss", "accuracy"}) do
    if rec[name] then head[#head + 1] = name; cols[#cols + 1] = rec[name] end
  end
  for _, name in ipairs(records.per_layer) do
    if rec[name] then
      for l, series in ipairs(rec[name]) do
        head[#head + 1] = name .. "_" .. l
        cols[#cols + 1] = series
      end
    end
  end
  local n = #rec.iter
  for c, col in ipairs(cols) do
    if type(col) ~= "table" or #col ~= n then
      raise("initlab:badArg", "rec's %s must be a list of %d numbers (one per rec.iter)", head[c], n)
    end
  end
  local lines = {table.concat(head, ",")}
  for r = 1, n do
    local row = {}
    for c, col in ipairs(cols) do
      if type(col[r]) ~= "number" then
        raise("initlab:badArg", "rec's %s[%d] must be a number, got %s", head[c], r, type(col[r]))
      end
      row[c] = number(col[r])
    end
    lines[r + 1] = table.concat(row, ",")
  end
  lines[#lines + 1] = ""
  files.write(path, table.concat(lines, "\n"))
end

return records
