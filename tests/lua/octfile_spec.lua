-- Saved networks: every prefix of a saved file and every small change of
-- it is refused with initlab:badFile naming the file and the line, never
-- loaded as another network; CRLF files load; write errors are errors;
-- Octave's own load reads the files, and il.load reads Octave's.
local il = require "initlab"

-- A fresh name (os.tmpname creates the file it names: that one goes).
local function tmp(ext)
  local base = os.tmpname()
  os.remove(base)
  return base .. ext
end

local function slurp(path)
  local f = assert(io.open(path, "rb"))
  local text = f:read("a")
  f:close()
  return text
end

local function spit(path, text)
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
end

-- Everything a network is made of, as comparable text.
local function fingerprint(net)
  local parts = {table.concat(net.sizes, " "), table.concat(net.act, " "), net.loss}
  for l = 1, #net.act do
    parts[#parts + 1] = string.format("%a", net.act_param[l])
    parts[#parts + 1] = net.W[l]:hex()
    parts[#parts + 1] = net.b[l]:hex()
  end
  return table.concat(parts, "\n")
end

-- The numbers of two networks of the same shape that differ.
local function differences(a, b)
  local n = 0
  for l = 1, #a.act do
    if a.act_param[l] ~= b.act_param[l] and a.act_param[l] == a.act_param[l] then n = n + 1 end
    for _, key in ipairs({"W", "b"}) do
      local x, y = a[key][l], b[key][l]
      local rows, cols = x:size()
      for i = 1, rows do
        for j = 1, cols do
          if string.pack("<d", x:get(i, j)) ~= string.pack("<d", y:get(i, j)) then n = n + 1 end
        end
      end
    end
  end
  return n
end

-- A network with negative, tiny, huge and -0 weights and a parameter.
local function sample_net()
  local net = il.net{3, 4, 2, act = {"leaky_relu", "sigmoid"}, act_param = {0.2, 0}}
  net:init("orthogonal", {seed = 7, bias = "normal"})
  local W = net.W[1]:totable()
  W[1][1], W[2][2], W[3][3], W[4][1] = -0.0, 1e-300, -123456.789e10, 2 ^ -1074
  net.W[1] = il.matrix(W)
  return net
end

-- pcall(il.load, path) -> "loaded", net | "badFile" | the other error
local function try_load(path)
  local ok, result = pcall(il.load, path)
  if ok then return "loaded", result end
  local e = tostring(result)
  if e:find("initlab:badFile: " .. path .. ", line", 1, true)
     or e:find("initlab:badFile: " .. path .. ", lines", 1, true) then
    return "badFile"
  end
  return e
end

local net = sample_net()
local saved = tmp(".txt")
net:save(saved)
local text = slurp(saved)
local want = fingerprint(net)
teardown(function() os.remove(saved) end)

-- The same file as Octave would have written it: no checks.
local function unchecked(t)
  local lines = {}
  for line in t:gmatch("([^\n]*)\n") do
    if not (line:find("^# check: ") or line:find("^# end: ") or line:find("^# initlab%-format:")) then
      lines[#lines + 1] = line
    end
  end
  return table.concat(lines, "\n") .. "\n"
end

-- Every outcome of loading the variants of a text.
local function outcomes(variants, judge)
  local path = tmp(".txt")
  local bad = {}
  for _, v in ipairs(variants) do
    spit(path, v.text)
    local verdict = judge(v, try_load(path))
    if verdict ~= true then bad[#bad + 1] = v.what .. ": " .. tostring(verdict) end
  end
  os.remove(path)
  return bad
end

local function prefixes(t)
  local out, seen = {}, {}
  local function add(n)
    if n < #t and not seen[n] then
      seen[n] = true
      out[#out + 1] = {what = "the first " .. n .. " bytes", text = t:sub(1, n)}
    end
  end
  for pos in t:gmatch("()\n") do add(pos) end -- at every line end
  for n = 0, #t - 1, 5 do add(n) end         -- and every 5th byte
  for n = #t - 40, #t - 1 do add(n) end      -- and each of the last 40
  return out
end

-- One-character changes: a digit to the next digit, a letter to another,
-- a line end to a space, anything else to a digit; deletions; swaps.
local function changes(t)
  local out = {}
  for i = 1, #t do
    local c = t:sub(i, i)
    local to
    if c:find("%d") then to = tostring((tonumber(c) + 1) % 10)
    elseif c:find("%a") then to = c == "q" and "z" or "q"
    elseif c == "\n" then to = " "
    else to = "7" end
    out[#out + 1] = {what = string.format("byte %d '%s' -> '%s'", i, c, to), at = i,
                     text = t:sub(1, i - 1) .. to .. t:sub(i + 1)}
    if i % 3 == 0 then
      out[#out + 1] = {what = "byte " .. i .. " deleted", at = i, text = t:sub(1, i - 1) .. t:sub(i + 1)}
    end
    local d = t:sub(i + 1, i + 1)
    if i % 2 == 0 and d ~= "" and d ~= c then
      out[#out + 1] = {what = "bytes " .. i .. ", " .. (i + 1) .. " swapped", at = i, numbers = 2,
                       text = t:sub(1, i - 1) .. d .. c .. t:sub(i + 2)}
    end
  end
  return out
end

describe("a saved network", function()
  it("loads back bit for bit, -0 and denormals included", function()
    local back = il.load(saved)
    assert.are.equal(want, fingerprint(back))
    assert.are.equal("-0x0p+0", string.format("%a", back.W[1]:get(1, 1)))
  end)

  it("loads with CRLF line ends", function()
    local path = tmp(".txt")
    spit(path, (text:gsub("\n", "\r\n")))
    assert.are.equal(want, fingerprint(il.load(path)))
    os.remove(path)
  end)

  it("refuses every prefix of itself, with the file and the line", function()
    local cases = prefixes(text)
    local crlf = text:gsub("\n", "\r\n")
    for _, p in ipairs(prefixes(crlf)) do
      p.what = "CRLF: " .. p.what
      cases[#cases + 1] = p
    end
    assert.is_true(#cases > 500)
    local bad = outcomes(cases, function(_, verdict) return verdict == "badFile" or verdict end)
    assert.are.same({}, bad)
  end)

  it("refuses every change of one character, deletion and swap of two", function()
    local cases = changes(text)
    assert.is_true(#cases > 3000)
    local bad = outcomes(cases, function(_, verdict) return verdict == "badFile" or verdict end)
    assert.are.same({}, bad)
  end)

  it("carries its checks in comments that say what they count", function()
    local lines = {}
    for line in text:gmatch("([^\n]*)\n") do lines[#lines + 1] = line end
    assert.truthy(lines[1]:find("^# Created by initlab "))
    assert.are.equal("# initlab-format: 1, CRC-32 checked", lines[2])
    assert.truthy(lines[#lines]:find("^# end: " .. (#lines - 1) .. " lines, 9 checks, crc32 %x+$"))
  end)
end)

describe("a network file without checks (as Octave writes it)", function()
  local plain = unchecked(text)

  it("loads", function()
    local path = tmp(".txt")
    spit(path, plain)
    assert.are.equal(want, fingerprint(il.load(path)))
    os.remove(path)
  end)

  it("refuses every prefix but those that only lack blank lines at the end", function()
    local bad = outcomes(prefixes(plain), function(v, verdict, back)
      if verdict == "loaded" then
        return (fingerprint(back) == want and not plain:sub(#v.text + 1):find("%S"))
               or "loaded a prefix that lacks more than blank lines"
      end
      return verdict == "badFile" or verdict
    end)
    assert.are.same({}, bad)
  end)

  it("refuses a change, or loads a network that differs in the numbers changed", function()
    local bad = outcomes(changes(plain), function(v, verdict, back)
      if verdict == "loaded" then
        local same = table.concat(back.sizes, " ") == table.concat(net.sizes, " ")
                     and table.concat(back.act, " ") == table.concat(net.act, " ")
                     and back.loss == net.loss
        return (same and differences(net, back) <= (v.numbers or 1))
               or "loaded a network that differs more"
      end
      return verdict == "badFile" or verdict
    end)
    assert.are.same({}, bad)
  end)
end)

describe("il.load", function()
  it("says what is wrong, where", function()
    local path = tmp(".txt")
    local function refused(content, message)
      spit(path, content)
      local ok, e = pcall(il.load, path)
      assert.is_false(ok)
      assert.truthy(tostring(e):find(message, 1, true), tostring(e))
    end
    refused("", path .. ", line 0: the file is empty")
    refused(text:sub(1, -2), ", line " .. select(2, text:gsub("\n", ""))
            .. ": the last line has no line end")
    refused(text .. "x\n", "text after the end line")
    refused((text:gsub("# rows: 4", "# rows: four", 1)), "rows must be a whole number")
    refused((text:gsub("initlab%-format: 1", "initlab-format: 2")), "line 2: unknown or damaged format line")
    -- W{1}(1, 1), written " -0": to " -5"
    local row = text:find("\n -0 ", text:find("# name: W", 1, true), true)
    refused(text:sub(1, row + 2) .. "5" .. text:sub(row + 4),
            ": net.W{1} does not match its CRC-32")
    refused((unchecked(text):gsub("leaky_relu", "leaky_relq")),
            "(net): unknown activation 'leaky_relq'")
    os.remove(path)
  end)

  it("names the line of the caller, and io errors", function()
    local ok, e = pcall(function() il.load("/nonexistent/net.txt") end)
    assert.is_false(ok)
    assert.truthy(e:find("octfile_spec.lua:%d+: initlab:io: cannot read /nonexistent/net.txt: "), e)
  end)
end)

describe("write errors", function()
  it("are errors for net:save and il.csv (a full disk)", function()
    assert.has_error(function() net:save("/dev/full") end,
      "initlab:io: cannot write /dev/full: No space left on device")
    assert.has_error(function() il.csv({iter = {0, 10}, loss = {1, 0.5}}, "/dev/full") end,
      "initlab:io: cannot write /dev/full: No space left on device")
    assert.has_error(function() net:save("/nonexistent/dir/net.txt") end,
      "initlab:io: cannot write /nonexistent/dir/net.txt: No such file or directory")
  end)
end)

describe("Octave", function()
  local octave = os.execute("command -v octave-cli > /dev/null 2>&1")

  it("loads a saved network (LF and CRLF), and il.load reads what Octave saves", function()
    if not octave then pending("octave-cli is not installed") return end
    local crlf, resaved, out, script = tmp(".txt"), tmp(".txt"), tmp(".txt"), tmp(".m")
    spit(crlf, (text:gsub("\n", "\r\n")))
    spit(script, string.format([[
for f = {'%s', '%s'}
  load (f{1});
  for l = 1:2
    printf ('%%s\n', strjoin (cellstr (num2hex (net.W{l}(:)))', ' '));
    printf ('%%s\n', strjoin (cellstr (num2hex (net.b{l}(:)))', ' '));
  end
end
save ('-text', '%s', 'net');
]], saved, crlf, resaved))
    local ok = os.execute(string.format("octave-cli --norc -q %s > %s 2>&1", script, out))
    local printed = slurp(out)
    assert.is_true(ok, printed)
    local hex = {}
    for line in printed:gmatch("[^\n]+") do
      if line:find("^%x+ ") or line:find("^%x+$") then hex[#hex + 1] = line end
    end
    local expected = {}
    for l = 1, 2 do
      expected[#expected + 1] = net.W[l]:hex()
      expected[#expected + 1] = net.b[l]:hex()
    end
    assert.are.same(expected, {table.unpack(hex, 1, 4)})
    assert.are.same(expected, {table.unpack(hex, 5, 8)})
    assert.are.equal(want, fingerprint(il.load(resaved)))
    for _, f in ipairs({crlf, resaved, out, script}) do os.remove(f) end
  end)
end)
