--- initlab.gnuplot: figures drawn by gnuplot into PNG files.
--
-- Every text a caller gives (labels, titles, axis names) reaches gnuplot
-- as string constants, never as part of a command: single-quoted gnuplot
-- strings take no escapes, no backquote command and no @macro; the quote
-- itself, a newline and a tab are joined on as "'", "\n" and "\t"; other
-- control characters are dropped.  The terminal is `noenhanced`, so
-- _ ^ { } @ & ~ \ show as typed.  Numbers are checked to be numbers
-- before they are formatted.
--
-- gnuplot draws into a temporary file; the figure is copied to its path
-- only once gnuplot has succeeded, so a failed plot leaves no file (and
-- does not touch an older figure of that name).  gnuplot's own message is
-- part of the error.
local errors = require "initlab.errors"
local files = require "initlab.files"
local records = require "initlab.records"

local concat, format = table.concat, string.format
local raise, check_table = errors.raise, errors.check_table

local gnuplot = {}

--- quote(s) -> a gnuplot string expression whose value is s: runs of
-- plain text in single quotes, joined by "." to "'", "\n" and "\t" (a
-- single-quoted string cannot start with a doubled quote in gnuplot 5.4,
-- so the quote itself goes in double quotes, where it needs no escape).
local function quote(s)
  local out = {}
  for text, c in s:gmatch("([^%c']*)([%c']?)") do
    if text ~= "" then out[#out + 1] = "'" .. text .. "'" end
    if c == "'" then out[#out + 1] = [["'"]]
    elseif c == "\n" then out[#out + 1] = [["\n"]]
    elseif c == "\t" then out[#out + 1] = [["\t"]] end
  end
  if #out == 0 then return "''" end
  return "(" .. concat(out, ".") .. ")"
end
gnuplot.quote = quote

-- A label, title or axis name: a string (or a number, as Lua prints it).
local function text(value, what)
  if type(value) == "number" then return tostring(value) end
  if type(value) ~= "string" then
    raise("initlab:badArg", "%s must be a string, got %s", what, type(value))
  end
  return value
end

local function number(v, what)
  if type(v) ~= "number" then raise("initlab:badArg", "%s must be a number, got %s", what, type(v)) end
  return format("%.17g", v)
end

-- A list of n numbers (n = #list when not given).
local function numbers(list, what, n)
  check_table(list, what)
  n = n or #list
  if #list ~= n then raise("initlab:badSize", "%s has %d values, expected %d", what, #list, n) end
  for i = 1, n do number(list[i], what .. "[" .. i .. "]") end
  return list
end

-- An inline data block: one "x y [z]" line per point, then "e".
local function block(columns)
  local lines, n = {}, #columns[1]
  for i = 1, n do
    local row = {}
    for c, col in ipairs(columns) do row[c] = format("%.17g", col[i]) end
    lines[i] = concat(row, " ")
  end
  lines[n + 1] = "e\n"
  return concat(lines, "\n")
end

local function shell_quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

local function pattern_escape(s)
  return (s:gsub("[%^%$%(%)%%%.%[%]%*%+%-%?]", "%%%0"))
end

-- Run gnuplot on body (the commands after the terminal and output lines)
-- and put its PNG at file.
local function draw(file, width, height, body)
  local script, image, log = os.tmpname(), os.tmpname(), os.tmpname()
  local ok, err = pcall(function()
    files.write(script, concat{"set encoding utf8\n",
                               format("set terminal pngcairo noenhanced size %d,%d\n", width, height),
                               "set output ", quote(image), "\n", body, "unset output\n"})
    local done, _, code = os.execute(format("gnuplot %s > %s 2>&1", shell_quote(script),
                                            shell_quote(log)))
    if not done then
      if code == 127 then raise("initlab:plot", "gnuplot is not installed (or not on the PATH)") end
      local said = files.read(log):gsub(pattern_escape(script), "the plot script")
      said = said:gsub("^%s+", ""):gsub("%s+$", "")
      if #said > 2000 then said = said:sub(1, 2000) .. " ..." end
      raise("initlab:plot", "gnuplot failed (exit %s) drawing %s:\n%s", tostring(code), file,
            said ~= "" and said or "(it printed nothing)")
    end
    local png = files.read(image)
    if png:sub(1, 8) ~= "\137PNG\r\n\26\n" then
      raise("initlab:plot", "gnuplot wrote no PNG image for %s", file)
    end
    local existed = files.exists(file)
    local wrote, why = pcall(files.write, file, png)
    if not wrote then
      if not existed then os.remove(file) end -- ours, and incomplete
      error(why, 0)
    end
  end)
  os.remove(script)
  os.remove(image)
  os.remove(log)
  if not ok then error(err, 0) end
end

local function size(value, default, what)
  if value == nil then return default end
  if type(value) ~= "number" or value ~= math.floor(value) or value < 16 or value > 20000 then
    raise("initlab:badArg", "%s must be a whole number of pixels in 16..20000, got %s", what,
          tostring(value))
  end
  return math.tointeger(value)
end

local function range(r, what)
  check_table(r, what)
  if #r ~= 2 then raise("initlab:badArg", "%s must be {low, high}", what) end
  return format("[%s:%s]", number(r[1], what .. "[1]"), number(r[2], what .. "[2]"))
end

-- ---- il.plot -----------------------------------------------------------------

local function has(rec, field, r)
  if rec[field] == nil then
    raise("initlab:badArg", "record %d has no %s; record it (record = ...)", r, field)
  end
  return rec[field]
end

-- the record rows at which the wanted iterations were recorded
local function rows_of(rec, wanted)
  local rows = {}
  for k, it in ipairs(wanted) do
    local found
    for r, v in ipairs(rec.iter) do if v == it then found = r end end
    if not found then
      raise("initlab:badArg", "iteration %s was not recorded", number(it, "iters[" .. k .. "]"))
    end
    rows[k] = found
  end
  return rows
end

local function plot_hist(rec, rows)
  local edges = numbers(has(rec, "hist_edges", 1), "rec.hist_edges")
  local centers = {}
  for k = 1, #edges - 1 do centers[k] = (edges[k] + edges[k + 1]) / 2 end
  local script = {format("set key outside right\nset multiplot layout %d,1\nset xlabel 'activation'\n",
                         #rows)}
  for _, r in ipairs(rows) do
    local p, d = {}, {}
    for l, per_record in ipairs(rec.hist) do
      p[l] = format("'-' with lines lw 2 title 'layer %d'", l)
      d[l] = block{centers, numbers(per_record[r], format("rec.hist[%d][%d]", l, r), #centers)}
    end
    script[#script + 1] = format("set title 'activations at iteration %s'\nplot %s\n%s",
                                 number(rec.iter[r], "rec.iter"), concat(p, ", "), concat(d))
  end
  return 800, 500, concat(script) .. "unset multiplot\n"
end

local function plot_weights(rec, rows, layer)
  local l = layer or 1
  if rec.W[l] == nil or rec.b == nil or rec.b[l] == nil then
    raise("initlab:badArg", "layer must be in 1..%d, got %s", #rec.W, tostring(l))
  end
  local script = {format("set multiplot layout 1,%d\nset xlabel 'input (last: bias)'\nunset key\n" ..
                         "set view map\n", #rows)}
  for _, r in ipairs(rows) do
    local W, b = rec.W[l][r], rec.b[l][r]
    local n, k = W:size()
    local lines = {}
    for i = 1, n do
      for j = 1, k + 1 do
        lines[#lines + 1] = format("%d %d %.17g", j, i, j <= k and W:get(i, j) or b:get(i, 1))
      end
      lines[#lines + 1] = ""
    end
    script[#script + 1] = format(
      "set title 'layer %d, iteration %s'\nset xrange [0.5:%g]\nset yrange [%g:0.5]\n" ..
      "set xtics 1\nset ytics 1\nplot '-' with image\n%s\ne\n",
      l, number(rec.iter[r], "rec.iter"), k + 1.5, n + 0.5, concat(lines, "\n"))
  end
  -- room for a colour bar beside each panel
  return math.max(800, 330 * #rows), 500, concat(script) .. "unset multiplot\n"
end

--- gnuplot.plot(recs, what, {file = "x.png", labels = {...}, layer =, iters =})
-- draws what the Octave side draws: loss or accuracy of several records on
-- one axes; a per-layer statistic (saturation, distinct, dead, grad_std,
-- act_std, update_ratio, ...) per layer; hist (activation histograms at
-- iters); weights (a heat map of layer's [W b] at each of iters).
function gnuplot.plot(recs, what, opts)
  opts = check_table(opts or {}, "il.plot's options")
  local file = errors.check_string(opts.file, "il.plot's file")
  check_table(recs, "il.plot's records")
  if recs.iter then recs = {recs} end
  local labels = check_table(opts.labels or {}, "labels")
  local function label(i)
    if labels[i] == nil then return "run " .. i end
    return text(labels[i], "labels[" .. i .. "]")
  end
  for i, rec in ipairs(recs) do
    check_table(rec, "record " .. i)
    numbers(has(rec, "iter", i), "rec.iter")
  end
  if recs[1] == nil then raise("initlab:badArg", "il.plot needs a record") end

  if what == "hist" or what == "weights" then
    local rec = recs[1]
    has(rec, what == "hist" and "hist" or "W", 1)
    local wanted = opts.iters or {rec.iter[1], rec.iter[#rec.iter]}
    local rows = rows_of(rec, check_table(wanted, "iters"))
    local width, height, body
    if what == "hist" then
      width, height, body = plot_hist(rec, rows)
    else
      width, height, body = plot_weights(rec, rows, opts.layer)
    end
    return draw(file, width, height, body)
  end

  local plots, data = {}, {}
  local head = "set key outside right\nset xlabel 'iteration'\n"
  if what == "loss" or what == "accuracy" then
    for i, rec in ipairs(recs) do
      plots[#plots + 1] = format("'-' with lines lw 2 lc %d title %s", i, quote(label(i)))
      data[#data + 1] = block{rec.iter, numbers(has(rec, what, i), "rec." .. what, #rec.iter)}
      -- a held-out set (net:train's validation): dashed, in the run's colour
      local held = rec["val_" .. what]
      if held then
        plots[#plots + 1] = format("'-' with lines lw 2 dt 2 lc %d title %s", i,
                                   quote(label(i) .. " (validation)"))
        data[#data + 1] = block{rec.iter, numbers(held, "rec.val_" .. what, #rec.iter)}
      end
    end
    head = head .. format("set ylabel '%s'\n", what)
    if what == "loss" then head = head .. "set logscale y\n" end
  else
    local known = false
    for _, name in ipairs(records.per_layer) do known = known or name == what end
    if not known then
      raise("initlab:badName", "unknown plot '%s'; expected loss, accuracy, %s, hist or weights",
            tostring(what), concat(records.per_layer, ", "))
    end
    for i, rec in ipairs(recs) do
      for l, series in ipairs(has(rec, what, i)) do
        plots[#plots + 1] = format("'-' with lines lw 2 dt %d lc %d title %s", (l - 1) % 4 + 1, i,
                                   quote(label(i) .. ", layer " .. l))
        data[#data + 1] = block{rec.iter, numbers(series, format("rec.%s[%d]", what, l), #rec.iter)}
      end
    end
    head = head .. format("set ylabel '%s'\n", what:gsub("_", " "))
  end
  return draw(file, 800, 500, head .. "plot " .. concat(plots, ", ") .. "\n" .. concat(data))
end

-- ---- il.lines ----------------------------------------------------------------

local function panel_script(panel, p)
  local what = "panel " .. p
  local head = {"reset\n"}
  for _, key in ipairs({"title", "xlabel", "ylabel"}) do
    if panel[key] ~= nil then
      head[#head + 1] = format("set %s %s\n", key, quote(text(panel[key], what .. "'s " .. key)))
    end
  end
  if panel.logx then head[#head + 1] = "set logscale x\n" end
  if panel.logy then head[#head + 1] = "set logscale y\n" end
  if panel.xrange then head[#head + 1] = "set xrange " .. range(panel.xrange, what .. "'s xrange") .. "\n" end
  if panel.yrange then head[#head + 1] = "set yrange " .. range(panel.yrange, what .. "'s yrange") .. "\n" end
  local plots, data = {}, {}
  if panel.image then
    local img = check_table(panel.image, what .. "'s image")
    numbers(img.x, what .. "'s image.x")
    numbers(img.y, what .. "'s image.y")
    if type(img.z) ~= "function" then
      raise("initlab:badArg", "%s's image.z must be a function(i, j), got %s", what, type(img.z))
    end
    local rows = {}
    for j = 1, #img.y do
      for i = 1, #img.x do
        rows[#rows + 1] = format("%.17g %.17g %s", img.x[i], img.y[j],
                                 number(img.z(i, j), format("%s's image.z(%d, %d)", what, i, j)))
      end
      rows[#rows + 1] = ""
    end
    head[#head + 1] = "set palette defined (0 '#ccd9ff', 1 '#ffd9cc')\nunset colorbox\n"
    plots[#plots + 1] = "'-' with image notitle"
    data[#data + 1] = concat(rows, "\n") .. "\ne\n"
  end
  for k, series in ipairs(panel) do
    local name = format("panel %d series %d", p, k)
    check_table(series, name)
    numbers(series.x, name .. " x")
    if type(series.y) == "table" and #series.x ~= #series.y then
      raise("initlab:badSize", "%s: x has %d values, y %d", name, #series.x, #series.y)
    end
    numbers(series.y, name .. " y", #series.x)
    local columns = {series.x, series.y}
    if series.err ~= nil then columns[3] = numbers(series.err, name .. " err", #series.x) end
    local style = series.err and "yerrorlines" or series.points and "points pt 7 ps 0.4"
                  or "linespoints pt 7 ps 0.6"
    local label = series.label == nil and "" or text(series.label, name .. " label")
    plots[#plots + 1] = format("'-' with %s lw 2%s title %s", style, series.dashed and " dt 2" or "",
                               quote(label))
    data[#data + 1] = #series.x > 0 and block(columns) or "e\n"
  end
  if #plots == 0 then raise("initlab:badArg", "%s has nothing to draw", what) end
  return concat(head) .. "plot " .. concat(plots, ", ") .. "\n" .. concat(data)
end

--- gnuplot.lines(panels, {file = "x.png", width =, height =}) draws side
-- by side the panels of a figure of one's own: each panel is {title =,
-- xlabel =, ylabel =, logx =, logy =, xrange = {lo, hi}, yrange = {lo, hi},
-- image = {x = {...}, y = {...}, z = function(i, j)}, and a list of series
-- {x = {...}, y = {...}, label =, err = {...} (error bars), points = true
-- (marks, no line), dashed = true}}.
function gnuplot.lines(panels, opts)
  opts = check_table(opts or {}, "il.lines's options")
  check_table(panels, "il.lines's panels")
  if type(opts.file) ~= "string" then
    raise("initlab:badArg", "lines needs file = 'name.png'")
  end
  if #panels == 0 then raise("initlab:badArg", "il.lines needs at least one panel") end
  local script = {format("set multiplot layout 1,%d\n", #panels)}
  for p, panel in ipairs(panels) do
    script[p + 1] = panel_script(check_table(panel, "panel " .. p), p)
  end
  draw(opts.file, size(opts.width, 500 * #panels, "width"), size(opts.height, 420, "height"),
       concat(script) .. "unset multiplot\n")
end

return gnuplot
