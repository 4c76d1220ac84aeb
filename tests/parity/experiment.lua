-- experiment.lua - the parity experiment from Lua: the same seeded run as
-- experiment.c, printed the same way (raw IEEE bits).
local il = require "initlab"

local function bits(x) return string.format("%016x", string.unpack("<i8", string.pack("<d", x))) end

local function emit(name, m) print(name .. " " .. m:hex()) end

-- lists of numbers, or per-layer lists over records (L x R, column-major)
local function emit_list(name, list) local t = {}; for i, v in ipairs(list) do t[i] = bits(v) end
  print(name .. " " .. table.concat(t, " ")) end

local function emit_layers(name, per_layer)
  local t = {}
  for r = 1, #per_layer[1] do
    for l = 1, #per_layer do t[#t + 1] = bits(per_layer[l][r]) end
  end
  print(name .. " " .. table.concat(t, " "))
end

-- L x P x R (or L x bins x R) from rec.x[l][r][p]
local function emit_cube(name, cube)
  local t = {}
  for r = 1, #cube[1] do
    for p = 1, #cube[1][1] do
      for l = 1, #cube do t[#t + 1] = bits(cube[l][r][p]) end
    end
  end
  print(name .. " " .. table.concat(t, " "))
end

local net = il.net{2, 6, 4, 1, act = {"tanh", "relu", "sigmoid"}}
net:init({"xavier_uniform", "he_normal", "orthogonal"}, {seed = 11})
for l = 1, 3 do
  emit("init_W" .. l, net.W[l])
  emit("init_b" .. l, net.b[l])
end
local X, Y = il.dataset("circles", {n = 64, seed = 7})
emit("X", X)
local rec = net:train(X, Y, {iters = 100, lr = 0.01, batch = 16, optimizer = "adam", seed = 5,
                             record_every = 10, record = "all", verbose = false})
for l = 1, 3 do
  emit("trained_W" .. l, net.W[l])
  local t = {}
  for r = 1, #rec.iter do t[r] = rec.W[l][r]:hex() end
  print("rec_W" .. l .. " " .. table.concat(t, " "))
end
emit_list("rec_loss", rec.loss)
emit_list("rec_accuracy", rec.accuracy)
for _, s in ipairs({"act_mean", "act_std", "act_min", "act_max", "saturation", "sat_low",
                    "sat_high", "dead", "grad_std", "weight_norm", "update_ratio", "distinct"}) do
  emit_layers("rec_" .. s, rec[s])
end
emit_cube("rec_percentiles", rec.percentiles)
emit_cube("rec_hist", rec.hist)
local dir = os.getenv("IL_PARITY_DIR") -- the animations, compared by run.sh
if dir then
  il.animate(rec, "weights", dir .. "/lua_weights.gif")
  il.animate(rec, "hist", dir .. "/lua_hist.gif", {layer = 2, delay = 50})
end
if dir then -- the run report, compared by run.sh
  il.report({rec, rec}, dir .. "/lua_report.html",
            {labels = {"adam", "again"}, title = "parity", layers = {3, 1}})
end

-- the trained network's summary, byte by byte
print("summary " .. net:summary():gsub(".", function(c) return string.format("%02x ", c:byte()) end):sub(1, -2))

-- il.rand's draws from both streams and the states they leave
for _, stream in ipairs({"numpy", "xoshiro"}) do
  local g = il.rand(stream, 5)
  emit("rand_" .. stream .. "_normal", g:normal(3, 4))
  emit("rand_" .. stream .. "_uniform", g:uniform(2, 3, {low = -1, high = 2}))
  emit("rand_" .. stream .. "_integers", g:integers(1, 7, {low = -3, high = 1e10}))
  emit("rand_" .. stream .. "_permutation", g:permutation(9, {low = 1}))
  g:normal()
  emit("rand_" .. stream .. "_state", g:state())
end

-- critical and hadamard per layer, from both streams
do
  local cnet = il.net{3, 5, 8, 2, act = {"tanh", "relu", "sigmoid"}}
  for _, stream in ipairs({"xoshiro", "numpy"}) do
    cnet:init({"critical", "hadamard", "critical"}, {sigma_b2 = 0.1, seed = 13, rng = stream})
    for l = 1, 3 do
      emit("crit_" .. stream .. "_W" .. l, cnet.W[l])
      emit("crit_" .. stream .. "_b" .. l, cnet.b[l])
    end
  end
end

-- with a path, also save the trained network for Octave to load
if arg and arg[1] then net:save(arg[1]) end
