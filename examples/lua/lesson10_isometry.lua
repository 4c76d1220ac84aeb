-- Lesson 10: dynamical isometry - the whole spectrum of the Jacobian.
-- The Lua twin of examples/octave/lesson10_isometry.m (Pennington, Schoenholz
-- & Ganguli 2017): the singular values of the input-output Jacobian of deep
-- tanh networks at the edge of chaos, orthogonal against Gaussian weights,
-- and of relu networks with He's Gaussian or orthogonal weights, as depth
-- grows; then how fast each of the four learns.
--
--   make lua && LUA_PATH="lua/?.lua;examples/lua/?.lua;;" \
--       LUA_CPATH="build/lua/?.so;;" lua5.4 examples/lua/lesson10_isometry.lua [figures]
local il = require "initlab"
local lesson = require "lesson"
local claim = lesson.claim
local figures = lesson.figures()

-- tanh at sigma_b2 = 1e-5 and its critical sigma_w2, inputs scaled to q*;
-- relu with He (sigma_w2 = 2, its critical point at sigma_b2 = 0), inputs N(0, 1).
local sb = 1e-5
local Tc = il.theory("tanh", {critical = true, sigma_b2 = sb})
local Tr = il.theory("relu", {critical = true, sigma_b2 = 0})
print(string.format("tanh at sigma_b2 = %g: critical sigma_w2 = %.6f, q* = %.5f, chi1 = %.6f (%s)",
                    sb, Tc.sigma_w2, Tc.q_star, Tc.chi1, Tc.phase))
print(string.format("relu at sigma_b2 = 0: critical sigma_w2 = %.6f (He), chi1 = %.6f", Tr.sigma_w2, Tr.chi1))
local names = {"tanh, orthogonal", "tanh, Gaussian", "relu, He (Gaussian)", "relu, orthogonal"}
local acts = {"tanh", "tanh", "relu", "relu"}
local scale = {math.sqrt(Tc.q_star), math.sqrt(Tc.q_star), 1, 1}       -- input std: sqrt(q0)
local function start(net, k, seed)
  if k == 1 then
    net:init("orthogonal", {gain = math.sqrt(Tc.sigma_w2), bias = "normal", std = math.sqrt(sb), seed = seed})
  elseif k == 2 then
    net:init("critical", {sigma_b2 = sb, seed = seed})
  elseif k == 3 then
    net:init("he_normal", {seed = seed})
  else
    net:init("orthogonal", {gain = math.sqrt(2), seed = seed})
  end
  return net
end
local function scaled(M, s)
  local rows, cols = M:size()
  local out = il.matrix(rows, cols)
  for j = 1, cols do
    for i = 1, rows do out:set(i, j, s * M:get(i, j)) end
  end
  return out
end

-- Square networks of 100 units, depths 2, 8, 32, 128, four samples: 400
-- singular values each; spread = max sv / rms sv (1 for an isometry).
local width, depths, m = 100, {2, 8, 32, 128}, 4
local G = lesson.gaussian(width, m, 5)
local edges = {}
for e = 0, 36 do edges[e + 1] = -3 + 0.125 * e end   -- log10 of the singular values
local sv_max, sv_rms, spread, counts, condition = {}, {}, {}, {}, {}
local J128 = {}                       -- the depth-128 results, for il.plot
for k = 1, 4 do
  sv_max[k], sv_rms[k], spread[k], counts[k], condition[k] = {}, {}, {}, {}, {}
  local X = scaled(G, scale[k])
  for d, depth in ipairs(depths) do
    local spec = {act = acts[k]}
    for l = 1, depth + 1 do spec[l] = width end
    local J = il.jacobian(start(il.net(spec), k, 1), X)
    sv_max[k][d], sv_rms[k][d] = J.max, math.sqrt(J.mean_sq)
    if depth == 128 then J128[k] = J end
    condition[k][d] = J.condition
    spread[k][d] = sv_max[k][d] / sv_rms[k][d]
    local c, values = {}, lesson.values(J.sv)
    for b = 1, #edges - 1 do c[b] = 0 end
    for _, s in ipairs(values) do
      local v = math.min(math.max(math.log(s, 10), edges[1]), edges[#edges] - 1e-9)   -- the ends catch the rest
      for b = 1, #edges - 1 do
        if v >= edges[b] and v < edges[b + 1] then c[b] = c[b] + 1 / #values; break end
      end
    end
    counts[k][d] = c
  end
end
print(string.format("\n%-22s %28s %28s %28s", "width 100, 4 samples", "max sv at depth 2/8/32/128", "rms sv",
                    "spread max/rms"))
for k = 1, 4 do
  print(string.format("%-22s", names[k]) .. " " .. lesson.row("%7.3f", sv_max[k]) .. " " ..
        lesson.row("%7.3f", sv_rms[k]) .. " " .. lesson.row("%7.2f", spread[k]))
end
print("\nlog10 of the condition number max/min at depth 2/8/32/128 (999: infinite, a zero singular value)")
for k = 1, 4 do
  local logs = {}
  for d = 1, #depths do logs[d] = math.min(math.log(condition[k][d], 10), 999) end
  print(string.format("%-22s ", names[k]) .. lesson.row("%7.1f", logs))
end
local bounded, mean_one, growing = true, true, true
for d = 1, #depths do
  bounded = bounded and spread[1][d] < 2
  mean_one = mean_one and math.abs(sv_rms[1][d] ^ 2 - 1) < 0.1
  if d > 1 then growing = growing and spread[2][d] > spread[2][d - 1] end
end
claim(bounded, "orthogonal tanh at the edge of chaos: the spread max/rms stays below 2 up to depth 128")
claim(mean_one, "orthogonal tanh: the mean squared singular value is within 10% of 1 at every depth (chi1 = 1)")
claim(growing and spread[2][4] > 4 * spread[1][4],
      "Gaussian tanh, same sigma_w2 and sigma_b2: the spread grows with depth, past 4 times orthogonal's at 128")
claim(spread[3][4] > 4 * spread[1][4] and spread[4][4] > 4 * spread[1][4],
      "relu: orthogonal weights do not help; both relu spreads exceed 4 times orthogonal tanh's at depth 128")
local conditioned = true
for d = 1, #depths do
  conditioned = conditioned and condition[1][d] < 1000
  for k = 2, 4 do conditioned = conditioned and (d == 1 or condition[k][d] > 1e10) end
end
claim(conditioned,
      "the condition number: orthogonal tanh's below 1000 at every depth, the others' above 1e10 from depth 8 on")

local centers = {}
for b = 1, #edges - 1 do centers[b] = (edges[b] + edges[b + 1]) / 2 end
local panels = {}
for k = 1, 4 do
  local p = {title = names[k], xlabel = "log10 singular value (first bin: all below 1e-3)", xrange = {edges[1], edges[#edges]},
             yrange = {0, 1}}
  if k == 1 then p.ylabel = "fraction of the singular values" end
  for d, depth in ipairs(depths) do p[d] = {x = centers, y = counts[k][d], label = "depth " .. depth} end
  panels[k] = p
end
il.lines(panels, {file = figures .. "/lesson10_spectra.png", width = 1800, height = 420})
-- il.plot draws il.jacobian results too: the depth-128 spectra, a panel each.
il.plot(J128, "spectrum", {labels = names, file = figures .. "/lesson10_spectrum_128.png"})

-- How fast each one learns: 500 samples of 48 N(0, 1) inputs (times the
-- input scale above), labelled by the sign of a random teacher network
-- around its median; 64 layers of 48 units and a sigmoid output, 200 steps
-- of plain SGD (batches of 50, lr 0.01, the same for all four).  (With Adam
-- all four learn: its per-weight steps undo much of the bad conditioning.)
local n0, deep = 48, 64
local Xtask = lesson.gaussian(n0, 500, 1)
local teacher = il.net{n0, 20, 1, act = {"tanh", "linear"}}
teacher:init("xavier_normal", {seed = 2})
local score = lesson.values(teacher:forward(Xtask))
local sorted = {table.unpack(score)}
table.sort(sorted)
local median = (sorted[250] + sorted[251]) / 2
local Ytask = il.matrix(1, 500)
for j = 1, 500 do Ytask:set(1, j, score[j] > median and 1 or 0) end
local recs, final, accuracy = {}, {}, {}
for k = 1, 4 do
  local spec = {n0, act = {}}
  for l = 1, deep do spec[l + 1] = n0; spec.act[l] = acts[k] end
  spec[deep + 2], spec.act[deep + 1] = 1, "sigmoid"
  local net = start(il.net(spec), k, 1)
  local X = scaled(Xtask, scale[k])
  recs[k] = net:train(X, Ytask, {iters = 200, batch = 50, lr = 0.01, seed = 1,
                      record_every = 10, record = {"loss"}, verbose = false})
  -- the record holds each step's batch loss (noisy); the verdict is the
  -- loss on all 500 samples after the last step
  final[k], accuracy[k] = net:evaluate(X, Ytask)
end
print("\n64 layers of 48 units, SGD lr 0.01: batch loss at steps 0, 50, 100, 150, 200; then on all 500")
for k = 1, 4 do
  local r = recs[k].loss
  print(string.format("%-22s ", names[k]) .. lesson.row("%8.3f", {r[1], r[6], r[11], r[16], r[21]}) ..
        string.format("   loss %.3f, accuracy %.3f", final[k], accuracy[k]))
end
claim(final[1] < 0.4 and final[1] < math.min(final[2], final[3], final[4]),
      "orthogonal tanh learns fastest: the lowest training loss after 200 steps, below 0.4")
claim(final[2] > final[1] + 0.1 and final[3] > final[1] + 0.1 and final[4] > final[1] + 0.1,
      "Gaussian tanh and both relus end at least 0.1 above it")
claim(final[3] > 0.45 and final[4] > 0.45,
      "relu at 64 layers, either weights: the training loss is still above 0.45 after 200 steps")
il.plot(recs, "loss", {labels = names, title = "64 layers of 48 units, SGD lr 0.01",
                       file = figures .. "/lesson10_loss.png"})
