-- Lesson 8: gradient checking - back-propagation against central differences.
-- The Lua twin of examples/octave/lesson8_gradient_check.m (same network,
-- same claims, the figure through gnuplot).  Nudge one parameter by +h and
-- -h: (J(theta + h e_i) - J(theta - h e_i)) / 2h is the derivative to
-- O(h^2), and back-propagation must agree with it to 1e-9 (Andrew Ng's
-- ex4, on its debugging network: 3 inputs, 5 hidden units, 3 classes).
--
--   make lua && LUA_PATH="lua/?.lua;examples/lua/?.lua;;" \
--       LUA_CPATH="build/lua/?.so;;" lua5.4 examples/lua/lesson8_gradient_check.lua [figures]
local il = require "initlab"
local lesson = require "lesson"
local claim = lesson.claim
local figures = lesson.figures()

-- The debugging network: Theta_l = [b_l W_l] filled column by column with
-- sin(1:n)/10 (the course's debugInitializeWeights), the samples sin(1:15)/10,
-- the labels 1 + mod(1:5, 3), one-hot.
local net = il.net{3, 5, 3, act = "sigmoid"}
local theta = il.matrix(38, 1)
for i = 1, 20 do theta:set(i, 1, math.sin(i) / 10) end
for i = 1, 18 do theta:set(20 + i, 1, math.sin(i) / 10) end
net:reroll(theta)
local X = il.matrix(3, 5)
for k = 1, 15 do X:set((k - 1) // 5 + 1, (k - 1) % 5 + 1, math.sin(k) / 10) end
local labels = {}
for j = 1, 5 do labels[j] = 1 + j % 3 end
local Y = il.onehot(labels, 3)
print(string.format("%d parameters", select(1, theta:size())))

-- The check, as the course writes it.
local function check_gradients(lambda, h)
  local opts = {lambda = lambda}
  local start = net:unroll()
  local _, ana = net:cost(X, Y, opts)
  local num = {}
  for i = 1, select(1, start:size()) do
    local keep = start:get(i, 1)
    start:set(i, 1, keep + h)
    local up = net:reroll(start):cost(X, Y, opts)
    start:set(i, 1, keep - h)
    local down = net:reroll(start):cost(X, Y, opts)
    start:set(i, 1, keep)
    num[i] = (up - down) / (2 * h)
  end
  net:reroll(start)
  return num, lesson.values(ana)
end
local function relative(num, ana)
  local diff, sum = 0, 0
  for i = 1, #num do
    diff = diff + (num[i] - ana[i]) ^ 2
    sum = sum + (num[i] + ana[i]) ^ 2
  end
  return math.sqrt(diff) / math.sqrt(sum)
end

local num0, ana0 = check_gradients(0, 1e-4)
local num3, ana3 = check_gradients(3, 1e-4)
print("  numerical   analytical   (lambda = 3, the first 8)")
for i = 1, 8 do print(string.format("%11.6f %12.6f", num3[i], ana3[i])) end
print(string.format("relative difference, lambda = 0: %.3g", relative(num0, ana0)))
print(string.format("relative difference, lambda = 3: %.3g", relative(num3, ana3)))
claim(relative(num0, ana0) < 1e-9,
      "without regularization the gradients agree: relative difference below 1e-9")
claim(relative(num3, ana3) < 1e-9,
      "with lambda = 3 the gradients agree: relative difference below 1e-9")
local J0 = net:cost(X, Y)
local J3 = net:cost(X, Y, {lambda = 3})
local squares = 0
for l = 1, 2 do
  for _, w in ipairs(lesson.values(net.W[l])) do squares = squares + w * w end
end
claim(math.abs(J3 - J0 - 3 / (2 * 5) * squares) < 1e-15,
      "the regularized cost is the cost plus lambda/(2m) sum W^2, biases left out")

-- A wrong gradient is caught: the cost has lambda = 3, the gradient none.
local _, wrong = net:cost(X, Y, {lambda = 0})
print(string.format("a gradient that forgot lambda: relative difference %.3g",
                    relative(num3, lesson.values(wrong))))
claim(relative(num3, lesson.values(wrong)) > 1e-3,
      "a gradient that forgot lambda is caught: relative difference above 1e-3")

-- Why h = 1e-4: truncation (h^2) against rounding (eps/h), a V on log-log axes.
local steps, errors, best = {}, {}, 1
for k = 0, 18 do
  steps[#steps + 1] = 10 ^ (-1 - k / 2)
  errors[#errors + 1] = relative((check_gradients(3, steps[#steps])), ana3)
  if errors[#errors] < errors[best] then best = #errors end
  print(string.format("%10.0e %14.3g", steps[#steps], errors[#errors]))
end
claim(math.abs(math.log(errors[1] / errors[3], 10) - 2) < 0.1,
      "for large h the error falls as h^2: 10 times smaller h, 100 times smaller error")
claim(errors[#errors] > 100 * errors[best],
      "for tiny h rounding takes over: at h = 1e-10 the error is over 100 times its minimum")
claim(steps[best] >= 1e-7 and steps[best] <= 1e-3, "the best step lies between 1e-7 and 1e-3")

il.lines({{
  title = "Gradient check of a [3 5 3] sigmoid network, lambda = 3",
  xlabel = "step h", ylabel = "relative difference to back-propagation",
  logx = true, logy = true,
  {x = steps, y = errors, label = "central differences"},
  {x = {1e-4}, y = {errors[7]}, label = "h = 1e-4 (the course's)", points = true},
}}, {file = figures .. "/lesson8_gradient_check.png", width = 800, height = 560})
