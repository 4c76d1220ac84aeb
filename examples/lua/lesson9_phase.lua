-- Lesson 9: the phase diagram - order, chaos and the edge between them.
-- The Lua twin of examples/octave/lesson9_phase.m (Poole et al. 2016,
-- Schoenholz et al. 2017): chi1 over (sigma_w2, sigma_b2) for tanh and the
-- critical line chi1 = 1; the correlation of two inputs layer by layer,
-- measured in a 500-wide network against il.theory's prediction; and which
-- depths train, against 6 xi_c.
--
--   make lua && LUA_PATH="lua/?.lua;examples/lua/?.lua;;" \
--       LUA_CPATH="build/lua/?.so;;" lua5.4 examples/lua/lesson9_phase.lua [figures]
local il = require "initlab"
local lesson = require "lesson"
local claim = lesson.claim
local figures = lesson.figures()

local function seq(first, step, last)
  local out = {}
  for k = 0, math.floor((last - first) / step + 0.5) do out[#out + 1] = first + k * step end
  return out
end
local function clip(x, lo, hi) return math.min(math.max(x, lo), hi) end

-- The phase diagram: chi1 on a 18 x 16 grid, and the critical line, the
-- sigma_w2 where chi1 = 1 at each sigma_b2.
local sw_grid, sb_grid = seq(0.55, 0.2, 3.95), seq(0, 0.02, 0.3)
local chi1, c_star, phase = {}, {}, {}
for i, sb in ipairs(sb_grid) do
  chi1[i], c_star[i], phase[i] = {}, {}, {}
  for j, sw in ipairs(sw_grid) do
    local T = il.theory("tanh", {sigma_w2 = sw, sigma_b2 = sb})
    chi1[i][j], c_star[i][j], phase[i][j] = T.chi1, T.c_star, T.phase
  end
end
local sb_line, sw_line = seq(0, 0.01, 0.3), {}
for i, sb in ipairs(sb_line) do
  sw_line[i] = il.theory("tanh", {critical = true, sigma_b2 = sb}).sigma_w2
end

print("chi1 (rows: sigma_b2, columns: sigma_w2)")
local shown = {1, 3, 5, 7, 8, 10, 13, 15, 18}
local row = {string.format("%8s", "sb2/sw2")}
for _, j in ipairs(shown) do row[#row + 1] = string.format("%7.2f", sw_grid[j]) end
print(table.concat(row))
for _, i in ipairs({1, 3, 6, 11, 16}) do
  row = {string.format("%8.2f", sb_grid[i])}
  for _, j in ipairs(shown) do row[#row + 1] = string.format("%7.3f", chi1[i][j]) end
  print(table.concat(row))
end
local line_b, line_w = {}, {}
for i = 1, #sb_line, 5 do
  line_b[#line_b + 1] = string.format("%7.2f", sb_line[i])
  line_w[#line_w + 1] = string.format("%7.3f", sw_line[i])
end
print(string.format("\ncritical line: sigma_b2 %s\n         sigma_w2 %s", table.concat(line_b), table.concat(line_w)))

-- the line's sigma_w2 at each grid row's sigma_b2 (sb_grid is every other sb_line)
local sides, stars = true, true
for i = 1, #sb_grid do
  local edge = sw_line[2 * i - 1]
  for j, sw in ipairs(sw_grid) do
    if sw < edge then
      sides = sides and phase[i][j] == "ordered" and chi1[i][j] < 1
    else
      sides = sides and phase[i][j] == "chaotic" and chi1[i][j] > 1
    end
    if phase[i][j] == "ordered" then stars = stars and c_star[i][j] > 1 - 1e-9 end
    if phase[i][j] == "chaotic" then stars = stars and c_star[i][j] < 1 end
  end
end
local rising = math.abs(sw_line[1] - 1) < 1e-6
for i = 2, #sw_line do rising = rising and sw_line[i] > sw_line[i - 1] end
claim(sides, "every grid point left of the critical line is ordered (chi1 < 1), every point right of it chaotic")
claim(stars, "ordered: two inputs end up identical (c* = 1); chaotic: they end up apart (c* < 1)")
claim(rising, string.format("the critical sigma_w2 is 1 at sigma_b2 = 0 and rises with sigma_b2 (%.2f at 0.3)",
                            sw_line[#sw_line]))

il.lines({{title = "tanh: chi1 (blue: ordered, chi1 < 1; red: chaotic, chi1 > 1; clipped to [0.7, 1.3])",
           xlabel = "sigma_w2", ylabel = "sigma_b2", xrange = {0.5, 4.1}, yrange = {-0.01, 0.31},
           image = {x = sw_grid, y = sb_grid, z = function(j, i) return clip(chi1[i][j], 0.7, 1.3) end},
           {x = sw_line, y = sb_line, label = "critical line, chi1 = 1"}}},
         {file = figures .. "/lesson9_phase_diagram.png", width = 760, height = 500})

-- Measured against predicted: ten pairs of 500 inputs, x2 = 0.9 x1 +
-- sqrt(1 - 0.81) g, through 31 tanh layers of 500 units at five points with
-- sigma_b2 = 0.05 (two ordered, the critical one, two chaotic).
local width, depth, pairs, c0, sb = 500, 30, 10, 0.9, 0.05
local G = lesson.gaussian(width, 2 * pairs, 4)
local X = il.matrix(width, 2 * pairs)
for j = 1, pairs do
  for i = 1, width do
    local x1 = G:get(i, j)
    X:set(i, j, x1)
    X:set(i, pairs + j, c0 * x1 + math.sqrt(1 - c0 ^ 2) * G:get(i, pairs + j))
  end
end
local crit = il.theory("tanh", {critical = true, sigma_b2 = sb})
local points = {1.0, 1.4, crit.sigma_w2, 2.5, 4.0}
local spec = {act = "tanh"}
for l = 1, depth + 2 do spec[l] = width end
local wide = il.net(spec)
local measured, predicted, theory = {}, {}, {}
for k, sw in ipairs(points) do
  if k == 3 then
    wide:init("critical", {sigma_b2 = sb, seed = 5})
  else
    wide:init("variance_scaling", {scale = sw, mode = "fan_in", bias = "normal", std = math.sqrt(sb), seed = 5})
  end
  local _, Z = wide:forward(X, {keep = true})
  measured[k], predicted[k] = {}, {}
  for l = 1, depth + 1 do
    local z, total = Z[l], 0
    for j = 1, pairs do
      local s12, s11, s22 = 0, 0, 0
      for i = 1, width do
        local a, b = z:get(i, j), z:get(i, pairs + j)
        s12, s11, s22 = s12 + a * b, s11 + a * a, s22 + b * b
      end
      total = total + s12 / math.sqrt(s11 * s22)
    end
    measured[k][l] = total / pairs
  end
  -- the path starts at layer 1's pre-activations: q1 = sigma_w2 q0 + sigma_b2
  -- and c1 = (sigma_w2 q0 c0 + sigma_b2) / q1, with the inputs' q0 = 1
  local q1 = sw + sb
  theory[k] = il.theory("tanh", {sigma_w2 = sw, sigma_b2 = sb, depth = depth, q0 = q1, c0 = (sw * c0 + sb) / q1})
  for l = 1, depth + 1 do predicted[k][l] = theory[k].c:get(1, l) end
end

local layers = {1, 2, 4, 8, 12, 16, 20, 25, 31}
print(string.format("\ncorrelation of two inputs (c0 = 0.9), measured / predicted, width %d (xi_c 9999: infinite)", width))
row = {string.format("%-22s %6s %6s %7s", "sigma_w2 (phase)", "c*", "xi_c", "layer")}
for _, l in ipairs(layers) do row[#row + 1] = string.format("%12d", l) end
print(table.concat(row))
local gap = {}
for k, sw in ipairs(points) do
  local T = theory[k]
  row = {string.format("%-22s %6.3f %6.1f %7s", string.format("%.2f (%s)", sw, T.phase), T.c_star,
                       math.min(T.xi_c, 9999), "")}
  for _, l in ipairs(layers) do row[#row + 1] = string.format("%6.3f/%5.3f", measured[k][l], predicted[k][l]) end
  print(table.concat(row))
  gap[k] = 0
  for l = 1, depth + 1 do gap[k] = math.max(gap[k], math.abs(measured[k][l] - predicted[k][l])) end
end
print("largest |measured - predicted| over the 31 layers: " .. lesson.row("%.3f ", gap))
-- A 500-unit average has a sampling error of about (1 - c^2) / sqrt(500),
-- shared by the ten pairs (one network); chaos (chi1 > 1) amplifies what
-- each layer inherits, order and the edge damp it: tolerances 0.03, 0.075.
claim(gap[1] < 0.03 and gap[2] < 0.03 and gap[3] < 0.03,
      "ordered and critical: the measured correlation follows the prediction within 0.03 at every layer")
claim(gap[4] < 0.075 and gap[5] < 0.075,
      "chaotic: it follows the prediction within 0.075 at every layer (chaos amplifies the finite-width noise)")
claim(measured[1][depth + 1] > 0.99 and predicted[1][depth + 1] > 0.99,
      "ordered (sigma_w2 = 1): after 31 layers the two inputs are identical to the network (c > 0.99)")
claim(math.abs(measured[5][depth + 1] - theory[5].c_star) < 0.05 and
      math.abs(measured[4][depth + 1] - theory[4].c_star) < 0.05,
      "chaotic (sigma_w2 = 2.5, 4): the inputs decorrelate to c* (within 0.05 after 31 layers)")
local steady = true
for l = 1, depth + 1 do steady = steady and math.abs(measured[3][l] - c0) < 0.05 end
claim(steady, "critical: the correlation stays within 0.05 of its input value through all 31 layers")

local all_layers = lesson.range(depth + 1)
local paths = {title = string.format("sigma_b2 = 0.05, width %d: lines the mean-field prediction, points measured", width),
               xlabel = "layer", ylabel = "correlation of the two pre-activations", xrange = {0, 32},
               yrange = {0, 1.6}}
local gaps = {title = "measured - predicted", xlabel = "layer", ylabel = "correlation: measured - predicted",
              xrange = {0, 32}, yrange = {-0.08, 0.16}}
for k, sw in ipairs(points) do
  paths[#paths + 1] = {x = all_layers, y = predicted[k],
                       label = string.format("sigma_w2 = %.2f (%s)", sw, theory[k].phase)}
  paths[#paths + 1] = {x = all_layers, y = measured[k], points = true}
  local d = {}
  for l = 1, depth + 1 do d[l] = measured[k][l] - predicted[k][l] end
  gaps[#gaps + 1] = {x = all_layers, y = d, label = string.format("sigma_w2 = %.2f", sw)}
end
il.lines({paths, gaps}, {file = figures .. "/lesson9_correlation.png", width = 1300, height = 480})

-- What trains: networks [2, 32 x L tanh, 1 sigmoid] on two moons, L = 8,
-- 16, 32, 64, eight sigma_w2 at sigma_b2 = 0.05, 200 steps of SGD
-- (batches of 32, lr 0.01); "trained": test accuracy >= 0.75.  6 xi_c is a
-- limit, not a promise: at depth 64 some cells inside it fail too.
local Xtr, Ytr = il.dataset("moons", {n = 400, noise = 0.1, seed = 1})
local Xt, Yt = il.dataset("moons", {n = 400, noise = 0.1, seed = 2})
local depths = {8, 16, 32, 64}
local sws = {1, 1.25, 1.5, crit.sigma_w2, 2, 2.5, 3, 4}
local xi = {}
for j, sw in ipairs(sws) do xi[j] = il.theory("tanh", {sigma_w2 = sw, sigma_b2 = sb}).xi_c end
local accuracy = {}
local started = il.clock()
for i, L in ipairs(depths) do
  local net_spec = {2, act = {}}
  for l = 1, L do net_spec[l + 1] = 32; net_spec.act[l] = "tanh" end
  net_spec[L + 2], net_spec.act[L + 1] = 1, "sigmoid"
  local net = il.net(net_spec)
  accuracy[i] = {}
  for j, sw in ipairs(sws) do
    net:init("variance_scaling", {scale = sw, mode = "fan_in", bias = "normal", std = math.sqrt(sb), seed = 1})
    net:train(Xtr, Ytr, {iters = 200, batch = 32, lr = 0.01, seed = 1, verbose = false})
    accuracy[i][j] = select(2, net:evaluate(Xt, Yt))
  end
end
print(string.format("\n32 networks trained in %.1f s\ntest accuracy after 200 steps", il.clock() - started))
print(string.format("%10s", "L / sw2") .. lesson.row("%7.2f", sws))
for i, L in ipairs(depths) do print(string.format("%10d", L) .. lesson.row("%7.3f", accuracy[i])) end
local six = {}
for j = 1, #sws do six[j] = math.min(6 * xi[j], 9999) end
print(string.format("%10s", "6 xi_c") .. lesson.row("%7.1f", six))
local n_within, t_within, n_deeper, t_deeper = 0, 0, 0, 0
for i, L in ipairs(depths) do
  for j = 1, #sws do
    local trained = accuracy[i][j] >= 0.75
    if L <= 6 * xi[j] then
      n_within = n_within + 1
      if trained then t_within = t_within + 1 end
    else
      n_deeper = n_deeper + 1
      if trained then t_deeper = t_deeper + 1 end
    end
  end
end
print(string.format("within 6 xi_c: %d of %d cells trained; deeper: %d of %d", t_within, n_within, t_deeper, n_deeper))
local shallow = true
for i, L in ipairs(depths) do
  for j = 1, #sws do
    if L <= 32 and L <= 6 * xi[j] then shallow = shallow and accuracy[i][j] >= 0.75 end
  end
end
claim(shallow, "every cell of depth 8 to 32 within 6 xi_c trained")
claim(t_within / n_within >= 0.85, "at least 85% of all the cells within 6 xi_c trained")
claim(t_deeper / n_deeper <= 0.4, "at most 40% of the cells deeper than 6 xi_c trained")
claim(accuracy[#depths][1] < 0.75 and accuracy[#depths][#sws] < 0.75,
      "sigma_w2 = 1 and 4 (6 xi_c = 22 and 42) did not train at depth 64")

-- the map: columns are the eight sigma_w2, rows log2 L; the curve L = 6 xi_c
local cols, log_depths = lesson.range(#sws), {}
for i, L in ipairs(depths) do log_depths[i] = math.log(L, 2) end
local curve_x, curve_y = {}, {}
for k = 0, 199 do
  local sw = sws[1] + (sws[#sws] - sws[1]) * k / 199
  local j = 1
  while j < #sws - 1 and sw > sws[j + 1] do j = j + 1 end
  curve_x[#curve_x + 1] = j + (sw - sws[j]) / (sws[j + 1] - sws[j])
  curve_y[#curve_y + 1] = math.log(math.min(6 * il.theory("tanh", {sigma_w2 = sw, sigma_b2 = sb}).xi_c, 1e4), 2)
end
il.lines({{title = "moons, 200 SGD steps: test accuracy (blue 0.5 ... red 1)",
           xlabel = "column: sigma_w2 = 1, 1.25, 1.5, 1.76 (critical), 2, 2.5, 3, 4 (sigma_b2 = 0.05)",
           ylabel = "log2 depth (3: L = 8 ... 6: L = 64)", xrange = {0.5, #sws + 0.5}, yrange = {2.5, 6.5},
           image = {x = cols, y = log_depths, z = function(j, i) return accuracy[i][j] end},
           {x = curve_x, y = curve_y, label = "L = 6 xi_c"}}},
         {file = figures .. "/lesson9_trainability.png", width = 900, height = 460})
