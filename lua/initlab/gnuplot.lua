--- initlab.gnuplot: figures drawn by gnuplot into PNG, SVG, PDF or EPS files.
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
local core = require "initlab.core"

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

-- gnuplot's terminal for a file's extension (sizes in pixels; the vector
-- terminals take inches, at 100 pixels each), and how its bytes begin.
local terminals = {
  png = {"pngcairo noenhanced size %d,%d", "\137PNG\r\n\26\n", 1},
  svg = {"svg noenhanced size %d,%d", nil, 1},
  pdf = {"pdfcairo noenhanced size %gin,%gin", "%PDF", 100},
  eps = {"epscairo noenhanced size %gin,%gin", "%!PS", 100},
}

local function terminal(file)
  local ext = file:match("%.([^./]*)$")
  local t = ext and terminals[ext:lower()]
  if not t then
    raise("initlab:badArg", "unknown file type '%s'; expected .png, .svg, .pdf or .eps",
          ext and "." .. ext or file)
  end
  return t
end

-- Run gnuplot on body (the commands after the terminal and output lines)
-- and put its image at file, of the type its extension says.
local function draw(file, width, height, body)
  local kind = terminal(file)
  local script, image, log = os.tmpname(), os.tmpname(), os.tmpname()
  local ok, err = pcall(function()
    files.write(script, concat{"set encoding utf8\n",
                               "set terminal " .. format(kind[1], width / kind[3], height / kind[3]) .. "\n",
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
    local signed = kind[2] and png:sub(1, #kind[2]) == kind[2] or
                   not kind[2] and png:find("<svg", 1, true)
    if not signed then
      raise("initlab:plot", "gnuplot wrote no %s image for %s", file:match("[^.]*$"):upper(), file)
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

-- The engine's plot kinds by name, and its figure rules' constants.
local kinds, rules = {}, nil
do
  local list
  list, rules = core.plots()
  for _, k in ipairs(list) do kinds[#kinds + 1] = k; kinds[k.name] = k end
end

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

-- The engine's padded limits of a list of numbers by rule, and whether log.
local function limits(values, rule)
  local m = #values > 0 and core.matrix({values}) or core.matrix(0, 0)
  local lo, hi, log = core.call("axis_range", 3, m, rule)
  return lo, hi, log
end

local function set_range(axis, lo, hi)
  return format("set %srange [%.17g:%.17g]\n", axis, lo, hi)
end

-- The rows of iterations a record draws (default its first and last).
local function wanted_rows(rec, iters)
  local wanted = iters or {rec.iter[1], rec.iter[#rec.iter]}
  local rows = rows_of(rec, check_table(wanted, "iters"))
  if #rows == 2 and rows[1] == rows[2] then rows[2] = nil end
  return rows
end

-- "#rrggbb" of the engine's palette at t in [-1, 1]
local function palette_hex(t, map)
  local i = math.floor((t + 1) * 100 + 0.5) + 1
  return format("#%02x%02x%02x", math.floor(map:get(i, 1) * 255 + 0.5),
                math.floor(map:get(i, 2) * 255 + 0.5), math.floor(map:get(i, 3) * 255 + 0.5))
end

-- Lines over iterations: a colour per layer for one record; a colour per
-- record and a dash per layer for several.  Markers where sparse.
local function plot_lines(recs, kind, label, title)
  local plots, data, values, iters = {}, {}, {}, {}
  for i, rec in ipairs(recs) do
    local n = #rec.iter
    for _, it in ipairs(rec.iter) do iters[#iters + 1] = it end
    local style = n < rules.markers_below and "linespoints pt 7 ps 0.6" or "lines"
    local series = has(rec, kind.field, i)
    if not kind.per_layer then series = {series} end
    for l, y in ipairs(series) do
      local what = kind.per_layer and format("rec.%s[%d]", kind.field, l) or "rec." .. kind.field
      numbers(y, what, n)
      local colour, dash = #recs == 1 and l or i, #recs == 1 and 1 or (l - 1) % 4 + 1
      local name = kind.per_layer and format("%s, layer %d", label(i), l) or label(i)
      if kind.field2 ~= "" then
        local e = numbers(has(rec, kind.field2, i)[l], format("rec.%s[%d]", kind.field2, l), n)
        plots[#plots + 1] = format("'-' with yerrorlines lw 2 dt %d lc %d title %s", dash, colour,
                                   quote(name))
        data[#data + 1] = block{rec.iter, y, e}
        for r = 1, n do values[#values + 1] = y[r] - e[r]; values[#values + 1] = y[r] + e[r] end
      else
        plots[#plots + 1] = format("'-' with %s lw 2 dt %d lc %d title %s", style, dash, colour,
                                   quote(name))
        data[#data + 1] = block{rec.iter, y}
        for r = 1, n do values[#values + 1] = y[r] end
      end
      -- a held-out set (net:train's validation): dashed, in the run's colour
      local held = kind.validation ~= "" and rec[kind.validation]
      if held then
        numbers(held, "rec." .. kind.validation, n)
        plots[#plots + 1] = format("'-' with %s lw 2 dt 2 lc %d title %s", style, colour,
                                   quote(name .. " (validation)"))
        data[#data + 1] = block{rec.iter, held}
        for r = 1, n do values[#values + 1] = held[r] end
      end
    end
  end
  local lo, hi, log = limits(values, kind.axis)
  local head = {"set key outside right\nset xlabel 'iteration'\n",
                format("set ylabel %s\nset title %s\n", quote(kind.ylabel), quote(title)),
                set_range("y", lo, hi), set_range("x", limits(iters, "linear"))}
  if log then head[#head + 1] = "set logscale y\n" end
  if kind.axis == "integer" then
    head[#head + 1] = format("set ytics %d\n", math.max(1, math.ceil((hi - lo) / 10)))
  end
  return 800, 500, concat(head) .. "plot " .. concat(plots, ", ") .. "\n" .. concat(data)
end

-- Small multiples: a row per record, a panel per wanted iteration (a
-- record with fewer leaves the rest of its row empty).
local function multiples(recs, kind, iters, field)
  local panels, cols = {}, 1
  for i, rec in ipairs(recs) do
    has(rec, field or kind.field, i)
    has(rec, kind.field2, i)
    local rows = wanted_rows(rec, iters)
    cols = math.max(cols, #rows)
    for j, r in ipairs(rows) do panels[#panels + 1] = {i = i, j = j, r = r, last = j == #rows} end
  end
  return panels, cols
end

local function skip(p, cols)
  return p.last and string.rep("set multiplot next\n", cols - p.j) or ""
end

local function plot_hists(recs, kind, label, title, iters)
  local panels, cols = multiples(recs, kind, iters)
  local values = {}
  for _, p in ipairs(panels) do
    for l, per_record in ipairs(recs[p.i].hist) do
      for _, v in ipairs(numbers(per_record[p.r], format("rec.hist[%d][%d]", l, p.r))) do
        values[#values + 1] = v
      end
    end
  end
  local script = {format("set multiplot layout %d,%d\nset xlabel 'activation'\nset ylabel %s\n%s",
                         #recs, cols, quote(kind.ylabel), set_range("y", limits(values, kind.axis)))}
  for _, p in ipairs(panels) do
    local rec = recs[p.i]
    local edges = numbers(rec[kind.field2], "rec." .. kind.field2)
    local centers = {}
    for k = 1, #edges - 1 do centers[k] = (edges[k] + edges[k + 1]) / 2 end
    local plot, d = {}, {}
    for l, per_record in ipairs(rec.hist) do
      plot[l] = format("'-' with lines lw 2 lc %d title 'layer %d'", l, l)
      d[l] = block{centers, numbers(per_record[p.r], format("rec.hist[%d][%d]", l, p.r), #centers)}
    end
    script[#script + 1] = set_range("x", edges[1], edges[#edges]) ..
      format("set title %s\nplot %s\n%s", quote(format("%s: %s, iteration %s", title, label(p.i),
             number(rec.iter[p.r], "rec.iter"))), concat(plot, ", "), concat(d)) .. skip(p, cols)
  end
  return math.max(800, 420 * cols), 340 * #recs, concat(script) .. "unset multiplot\n"
end

local function plot_weights(recs, kind, label, iters, layer, scale)
  local l = layer or 1
  local panels, cols = multiples(recs, kind, iters)
  local reference = 0
  for _, p in ipairs(panels) do
    local rec = recs[p.i]
    if rec.W[l] == nil or rec.b[l] == nil then
      raise("initlab:badArg", "layer must be in 1..%d, got %s", #rec.W, tostring(l))
    end
    local W, b = rec.W[l][p.r], rec.b[l][p.r]
    local n, k = W:size()
    local top, lines = 0, {}
    for i = 1, n do
      for j = 1, k + 1 do
        local v = j <= k and W:get(i, j) or b:get(i, 1)
        top = math.max(top, math.abs(v))
        lines[#lines + 1] = format("%d %d %.17g", j, i, v)
      end
      lines[#lines + 1] = ""
    end
    p.n, p.k, p.top, p.data = n, k, top, concat(lines, "\n")
    reference = math.max(reference, top)
  end
  -- the palette is linear between its ends and white: three stops say it
  local map = core.call("palette", 1, 201)
  local script = {format("set multiplot layout %d,%d\nset xlabel 'input (last: bias)'\n" ..
                         "set ylabel %s\nunset key\nset view map\n" ..
                         "set palette defined (-1 '%s', 0 '%s', 1 '%s')\n", #recs, cols,
                         quote(format("layer %d %s", l, kind.ylabel)), palette_hex(-1, map),
                         palette_hex(0, map), palette_hex(1, map))}
  for _, p in ipairs(panels) do
    local r = core.call("color_range", 1, scale == "shared" and reference or p.top, reference)
    local xtics = {}
    for j = 1, p.k do xtics[j] = format("'%d' %d", j, j) end
    xtics[#xtics + 1] = format("'b' %d", p.k + 1)
    script[#script + 1] = format(
      "set title %s\nset xrange [0.5:%g]\nset yrange [%g:0.5]\nset cbrange [%.17g:%.17g]\n" ..
      "set xtics (%s)\nset ytics 1\nplot '-' with image\n%s\ne\n",
      quote(format("%s, iteration %s, max|W| %.3g", label(p.i), number(recs[p.i].iter[p.r], "rec.iter"),
                   p.top)),
      p.k + 1.5, p.n + 0.5, -r, r, p.k <= 20 and concat(xtics, ", ") or "", p.data) .. skip(p, cols)
  end
  return math.max(800, 400 * cols), 360 * #recs, concat(script) .. "unset multiplot\n"
end

-- The class of each column of a matrix: above 0.5 (one row) or the largest.
local function classes_of(M)
  local rows, cols = M:size()
  local k = {}
  for s = 1, cols do
    if rows == 1 then
      k[s] = M:get(1, s) > 0.5 and 2 or 1
    else
      local best = 1
      for c = 2, rows do if M:get(c, s) > M:get(best, s) then best = c end end
      k[s] = best
    end
  end
  return k
end

local function plot_boundaries(nets, label, opts)
  local X, Y = opts.X, opts.Y
  if getmetatable(X) ~= getmetatable(core.matrix(0, 0)) or select(1, X:size()) ~= 2 then
    raise("initlab:badArg", "boundary needs X, 2-D data as a 2 x m matrix")
  end
  local _, m = X:size()
  if getmetatable(Y) ~= getmetatable(X) or select(2, Y:size()) ~= m then
    raise("initlab:badArg", "boundary needs Y, the targets of X (one column per sample)")
  end
  local truth, n_classes = classes_of(Y), math.max(2, (Y:size()))
  local map = core.call("palette", 1, 201)
  local strong, pale = {}, {}
  for c = 1, n_classes do
    local t = -1 + 2 * (c - 1) / (n_classes - 1)
    strong[c], pale[c] = palette_hex(t, map), palette_hex(0.3 * t, map)
  end
  local x1, x2 = {}, {}
  for s = 1, m do x1[s], x2[s] = X:get(1, s), X:get(2, s) end
  local xlo, xhi = limits(x1, "linear")
  local ylo, yhi = limits(x2, "linear")
  local steps = 150
  local grid = core.matrix(2, steps * steps)
  for j = 1, steps do
    for i = 1, steps do
      grid:set(1, i + (j - 1) * steps, xlo + (xhi - xlo) * (i - 1) / (steps - 1))
      grid:set(2, i + (j - 1) * steps, ylo + (yhi - ylo) * (j - 1) / (steps - 1))
    end
  end
  local cols = math.min(#nets, 3)
  local script = {format("set multiplot layout %d,%d\nset xlabel 'x1'\nset ylabel 'x2'\n" ..
                         "set key below horizontal\n%s%s", math.ceil(#nets / cols), cols,
                         set_range("x", xlo, xhi), set_range("y", ylo, yhi))}
  for p, net in ipairs(nets) do
    local k = classes_of(net:forward(grid))
    local _, accuracy = net:evaluate(X, Y)
    local image = {}
    for s = 1, steps * steps do
      local hex = pale[k[s]]
      image[#image + 1] = format("%.17g %.17g %d %d %d", grid:get(1, s), grid:get(2, s),
                                 tonumber(hex:sub(2, 3), 16), tonumber(hex:sub(4, 5), 16),
                                 tonumber(hex:sub(6, 7), 16))
      if s % steps == 0 then image[#image + 1] = "" end
    end
    local plots, data = {"'-' with rgbimage notitle"}, {concat(image, "\n") .. "\ne\n"}
    for c = 1, n_classes do
      local px, py = {}, {}
      for s = 1, m do
        if truth[s] == c then px[#px + 1], py[#py + 1] = x1[s], x2[s] end
      end
      plots[#plots + 1] = format("'-' with points pt 7 ps 0.5 lc rgb '%s' title 'class %d'",
                                 strong[c], c - ((Y:size()) == 1 and 1 or 0))
      data[#data + 1] = #px > 0 and block{px, py} or "e\n"
    end
    script[#script + 1] = format("set title %s\nplot %s\n%s",
                                 quote(format("%s: accuracy %.1f%%", label(p), 100 * accuracy)),
                                 concat(plots, ", "), concat(data))
  end
  return math.max(800, 430 * cols), 430 * math.ceil(#nets / cols), concat(script) .. "unset multiplot\n"
end

local function is_net(v)
  return type(v) == "table" and v._core ~= nil
end

local function is_matrix(v)
  return getmetatable(v) ~= nil and getmetatable(v) == getmetatable(core.matrix(0, 0))
end

-- A result of il.jacobian: sv (a matrix), max and condition.
local function is_jacobian(J)
  return type(J) == "table" and is_matrix(J.sv) and select(1, J.sv:size()) > 0 and
         type(J.max) == "number" and type(J.condition) == "number"
end

-- a number as Octave's %.3g writes it (Inf, NaN)
local function g3(v)
  if v ~= v then return "NaN" end
  if v == math.huge then return "Inf" elseif v == -math.huge then return "-Inf" end
  return format("%.3g", v)
end

-- a matrix's entries, column by column
local function list_of(M)
  local rows, cols = M:size()
  local t = {}
  for j = 1, cols do for i = 1, rows do t[#t + 1] = M:get(i, j) end end
  return t
end

--- gnuplot.spectrum_bins(Js) -> edges, counts, log: the engine's bins of a
-- spectrum figure ("histogram" command, il_hist_edges): the same
-- rules.spectrum_bins + 1 edges over all the results' singular values and
-- 1, by the kind's axis rule; counts[i], result i's singular values per
-- bin; log, whether the axis (and the bins) are log.  Octave's il_plot
-- draws the same.
function gnuplot.spectrum_bins(Js)
  local over = {}
  for i, J in ipairs(Js) do
    if not is_jacobian(J) then
      raise("initlab:badArg", "Js[%d] must be a result of il.jacobian (a table with sv, max and " ..
            "condition), got %s", i, type(J))
    end
    for _, v in ipairs(list_of(J.sv)) do over[#over + 1] = v end
  end
  over[#over + 1] = 1
  local edges, counts, log = nil, {}, false
  for i, J in ipairs(Js) do
    local e, c, l = core.call("histogram", 3, J.sv, core.matrix({over}), kinds.spectrum.axis,
                              rules.spectrum_bins)
    edges, counts[i], log = list_of(e), list_of(c), l
  end
  return edges, counts, log
end

-- A panel per Jacobian result, stacked on a shared x-axis: each a filled
-- histogram outline, a dashed line at 1 (isometry).
local function plot_spectra(Js, kind, label, title)
  local edges, counts, log = gnuplot.spectrum_bins(Js)
  local all = {0}
  for _, c in ipairs(counts) do for _, v in ipairs(c) do all[#all + 1] = v end end
  local _, top = limits(all, "linear")
  local n = #Js
  local script = {format("set multiplot layout %d,1\nunset key\nset ylabel %s\n%s%s%s" ..
                         "set style fill transparent solid 0.4 border\n" ..
                         "set arrow 1 from 1, graph 0 to 1, graph 1 nohead dt 2 lw 2 lc rgb 'black'\n",
                         n, quote(kind.ylabel), set_range("x", edges[1], edges[#edges]),
                         set_range("y", 0, top), log and "set logscale x\nset format x '%.0e'\n" or "")}
  local x = {edges[1]}
  for k = 1, #edges - 1 do x[#x + 1] = edges[k]; x[#x + 1] = edges[k + 1] end
  x[#x + 1] = edges[#edges]
  for p, J in ipairs(Js) do
    local y = {0}
    for k = 1, #counts[p] do y[#y + 1] = counts[p][k]; y[#y + 1] = counts[p][k] end
    y[#y + 1] = 0
    if p == n then script[#script + 1] = "set xlabel 'singular value (dashed: 1, isometry)'\n" end
    script[#script + 1] = format("set title %s\nplot '-' with filledcurves y=0 lc %d, " ..
                                 "'-' with lines lw 1 lc %d\n%s%s",
                                 quote(format("%s: %s, max %s, condition %s", title, label(p),
                                              g3(J.max), g3(J.condition))),
                                 p, p, block{x, y}, block{x, y})
  end
  return 800, math.max(440, 260 * n), concat(script) .. "unset multiplot\n"
end

--- gnuplot.plot(recs, what, {file = "x.png", labels = {...}, layer =, iters =,
-- title =, scale =, X =, Y =}) draws what the Octave side draws, kind by
-- kind from the engine's table (core.plots()); "boundary" takes networks,
-- "spectrum" results of il.jacobian.
function gnuplot.plot(recs, what, opts)
  opts = check_table(opts or {}, "il.plot's options")
  local kind = type(what) == "string" and kinds[what]
  if not kind then
    local names = {}
    for i, k in ipairs(kinds) do names[i] = k.name end
    raise("initlab:badName", "unknown plot '%s'; expected %s", tostring(what), concat(names, ", "))
  end
  local file = errors.check_string(opts.file, "il.plot's file")
  check_table(recs, "il.plot's records")
  if recs.iter or recs.sv ~= nil or is_net(recs) then recs = {recs} end
  local labels = check_table(opts.labels or {}, "labels")
  local function label(i)
    if labels[i] == nil then return "run " .. i end
    return text(labels[i], "labels[" .. i .. "]")
  end
  local title = opts.title == nil and kind.title or text(opts.title, "title")
  local scale = opts.scale or "each"
  if scale ~= "each" and scale ~= "shared" then
    raise("initlab:badArg", "scale must be 'shared' or 'each', got %s", tostring(scale))
  end
  if recs[1] == nil then raise("initlab:badArg", "il.plot needs a record") end
  local width, height, body
  if what == "boundary" then
    for i, net in ipairs(recs) do
      if not is_net(net) then raise("initlab:badArg", "nets[%d] must be a network", i) end
    end
    width, height, body = plot_boundaries(recs, label, opts)
  elseif what == "spectrum" then
    width, height, body = plot_spectra(recs, kind, label, title)
  else
    for i, rec in ipairs(recs) do
      check_table(rec, "record " .. i)
      numbers(has(rec, "iter", i), "rec.iter")
    end
    if what == "hist" then
      width, height, body = plot_hists(recs, kind, label, title, opts.iters)
    elseif what == "weights" then
      width, height, body = plot_weights(recs, kind, label, opts.iters, opts.layer, scale)
    else
      width, height, body = plot_lines(recs, kind, label, title)
    end
  end
  return draw(file, width, height, body)
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
