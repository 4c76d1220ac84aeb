--- initlab.netfile: a network in a file, as the struct `net` the Octave
-- functions use (sizes, act, act_param, loss, W, b), in Octave's text
-- format (initlab.octfile): Octave's `load` reads what netfile.save
-- writes, and netfile.load reads what Octave's save('-text', ...) writes.
local core = require "initlab.core"
local errors = require "initlab.errors"
local octfile = require "initlab.octfile"

local netfile = {}

local FIELDS = {"sizes", "act", "act_param", "loss", "W", "b"}

local function row(values, n)
  local m = core.matrix(1, n)
  for j = 1, n do m:set(1, j, values[j]) end
  return m
end

--- netfile.save(path, handle): the network of an initlab.core handle.
function netfile.save(path, handle)
  local sizes, act, act_param, loss = handle:info()
  local W, b, params = {}, {}, {}
  for l = 1, #act do
    W[l], b[l] = handle:get(l)
    params[l] = act_param[l] or 0 / 0 -- NaN: the activation's default, as in Octave
  end
  octfile.write(path, "net", octfile.struct{
    {"sizes", row(sizes, #sizes)}, {"act", octfile.cell(act)},
    {"act_param", row(params, #act)}, {"loss", loss},
    {"W", octfile.cell(W)}, {"b", octfile.cell(b)}}, "initlab " .. core.version)
end

-- The network in a file octfile.read has read, checked field by field.
local function net_of(doc, build)
  local s = doc.value
  if type(s) ~= "table" or s.kind ~= "struct" then doc:fail("net", "expected a struct") end
  if doc.checked and table.concat(s.names, ",") ~= table.concat(FIELDS, ",") then
    doc:fail("net", "expected the fields %s, found %s", table.concat(FIELDS, ", "),
             table.concat(s.names, ", "))
  end
  local f = s.fields
  local function list(name, kind, n) -- a cell of (n) strings or matrices
    local v = f[name]
    if type(v) ~= "table" or v.kind ~= "cell" or (n and #v.items ~= n) then
      doc:fail("net." .. name, "expected a cell of %s%s", n and n .. " " or "", kind)
    end
    local want = kind == "strings" and "string" or "userdata"
    for k, item in ipairs(v.items) do
      if type(item) ~= want then
        doc:fail(string.format("net.%s{%d}", name, k), "expected one of %s", kind)
      end
    end
    return v.items
  end
  local function numbers(name) -- a vector, as a list
    local m = f[name]
    local rows, cols = 0, 0
    if type(m) == "userdata" then rows, cols = m:size() end
    if rows ~= 1 and cols ~= 1 or rows == 0 then doc:fail("net." .. name, "expected a vector") end
    local out = {}
    for k = 1, rows * cols do out[k] = rows == 1 and m:get(1, k) or m:get(k, 1) end
    return out
  end
  if type(f.loss) ~= "string" then doc:fail("net.loss", "expected a string") end
  local spec = {act = list("act", "strings"), loss = f.loss}
  for j, n in ipairs(numbers("sizes")) do spec[j] = n end
  if f.act_param ~= nil then spec.act_param = numbers("act_param") end -- NaN: the default
  local ok, net = pcall(build, spec)
  if not ok then doc:fail("net", "%s", errors.message(net)) end
  local layers = #spec.act
  local W, b = list("W", "matrices", layers), list("b", "matrices", layers)
  for l = 1, layers do
    -- W with the bias the network has, then b: an error names the one at fault
    local _, b0 = net._core:get(l)
    for _, part in ipairs({{"W", W[l], b0}, {"b", W[l], b[l]}}) do
      local done, e = pcall(net._core.set, net._core, l, part[2], part[3])
      if not done then
        net:close()
        doc:fail(string.format("net.%s{%d}", part[1], l), "%s", errors.message(e))
      end
    end
  end
  return net
end

--- netfile.load(path, build) -> the network in the file, made by
-- build(spec) (il.net's own spec table) and then given its layers.
function netfile.load(path, build)
  return net_of(octfile.read(path, "net"), build)
end

return netfile
