--- initlab.octfile: Octave's text format (what `save -text` writes and
-- `load` reads), for the values a network is made of: real matrices,
-- single-line strings, 1 x n cells and scalar structs.
--
-- A file this module writes is also checked, in comment lines that
-- Octave's `load` skips:
--
--   # Created by initlab 0.1.0
--   # initlab-format: 1, CRC-32 checked      <- the file carries checks
--   # name: net
--   ...
--   # name: <cell-element>                   <- a value (matrix or string)
--   # type: matrix
--   ...
--    0.25 -1.5                               <- its last line
--   # check: 6 lines, crc32 89abcdef         <- the value's lines, checked
--   ...
--   # end: 95 lines, 9 checks, crc32 01234567
--
-- The check after a value covers its lines, from its "# name:" line to its
-- last; the end line covers every line that no value check does (headers,
-- blank lines and the check lines themselves), so each byte is checked
-- once, and a count and the end line catch a file cut short.  CRC-32 finds
-- every change of up to 32 consecutive bits, and any other change with
-- probability 1 - 2^-32.  The reader names the file and the line of the
-- first thing wrong.  Files Octave wrote carry no checks; they are read
-- as strictly as their format allows (counts, one value per line, the
-- final line end).  CRLF line ends are read as LF.
local core = require "initlab.core"
local crc32 = require "initlab.crc32"
local errors = require "initlab.errors"
local files = require "initlab.files"

local concat, format = table.concat, string.format
local raise = errors.raise

local octfile = {}

local FORMAT = "# initlab-format: 1, CRC-32 checked"

--- octfile.cell{v1, v2, ...}: a 1 x n cell array
function octfile.cell(items)
  return {kind = "cell", items = items}
end

--- octfile.struct{{"name", value}, ...}: a scalar struct, fields in order
function octfile.struct(fields)
  return {kind = "struct", fields = fields}
end

-- The CRC-32 of lines[from..to], each with its "\n".
local function crc_lines(lines, from, to, crc)
  if to < from then return crc or 0 end
  return crc32(concat(lines, "\n", from, to) .. "\n", crc)
end

-- The CRC-32 of lines[1..last] outside the ranges the value checks cover
-- (a list of {first, last}, in order).
local function crc_rest(lines, covered, last)
  local crc, i = 0, 1
  for _, r in ipairs(covered) do
    crc = crc_lines(lines, i, r[1] - 1, crc)
    i = r[2] + 1
  end
  return crc_lines(lines, i, last, crc)
end

-- ---- writing ---------------------------------------------------------------

local function number(v)
  if v ~= v then return "NaN" end
  if v == math.huge then return "Inf" end
  if v == -math.huge then return "-Inf" end
  return format("%.17g", v) -- 17 digits: the same double back
end

local Writer = {}
Writer.__index = Writer

function Writer:emit(line)
  self.lines[#self.lines + 1] = line
end

-- The check line after a value whose lines began at `first`.
function Writer:check(first)
  local lines, last = self.lines, #self.lines
  self.covered[#self.covered + 1] = {first, last}
  self:emit(format("# check: %d lines, crc32 %08x", last - first + 1,
                   crc_lines(lines, first, last)))
end

local row_formats = {} -- cols -> " %.17g %.17g ..."

-- A matrix row as Octave writes it: a space before each number.
local function row_line(values, cols)
  local f = row_formats[cols]
  if not f then
    f = string.rep(" %.17g", cols)
    row_formats[cols] = f
  end
  local line = format(f, table.unpack(values, 1, cols))
  if line:find("[in]") then -- inf or nan: as Octave spells them
    local words = {}
    for j = 1, cols do words[j] = number(values[j]) end
    line = " " .. concat(words, " ")
  end
  return line
end

function Writer:value(name, v)
  local first = #self.lines + 1
  self:emit("# name: " .. name)
  if type(v) == "userdata" then
    local rows, cols = v:size()
    self:emit("# type: matrix")
    self:emit("# rows: " .. rows)
    self:emit("# columns: " .. cols)
    if cols > 0 then
      for _, values in ipairs(v:totable()) do self:emit(row_line(values, cols)) end
    end
    self:check(first)
  elseif type(v) == "string" then
    if v:find("[\r\n]") then raise("initlab:badArg", "%s: a saved string must be one line", name) end
    self:emit("# type: sq_string")
    self:emit("# elements: 1")
    self:emit("# length: " .. #v)
    self:emit(v)
    self:check(first)
  elseif v.kind == "cell" then
    self:emit("# type: cell")
    self:emit("# rows: 1")
    self:emit("# columns: " .. #v.items)
    for _, item in ipairs(v.items) do self:value("<cell-element>", item) end
  elseif v.kind == "struct" then
    self:emit("# type: scalar struct")
    self:emit("# ndims: 2")
    self:emit(" 1 1")
    self:emit("# length: " .. #v.fields)
    for _, f in ipairs(v.fields) do self:value(f[1], f[2]) end
  else
    error("octfile: cannot write a " .. tostring(v.kind)) -- a bug in the caller
  end
  self:emit("")
  self:emit("")
end

--- octfile.write(path, name, value, creator): the variable `name` in
-- Octave's text format, with checks; creator goes into the first line.
function octfile.write(path, name, value, creator)
  local w = setmetatable({lines = {}, covered = {}}, Writer)
  w:emit("# Created by " .. creator)
  w:emit(FORMAT)
  w:value(name, value)
  local n = #w.lines
  w:emit(format("# end: %d lines, %d checks, crc32 %08x", n, #w.covered,
                crc_rest(w.lines, w.covered, n)))
  w:emit("")
  files.write(path, concat(w.lines, "\n"))
end

-- ---- reading ---------------------------------------------------------------

local Reader = {}
Reader.__index = Reader

local function shown(line)
  if #line > 40 then line = line:sub(1, 37) .. "..." end
  return "'" .. line .. "'"
end

function Reader:fail(line, fmt, ...)
  raise("initlab:badFile", "%s, line %d: " .. fmt, self.path, line, ...)
end

-- The next line as it is, which must exist.
function Reader:take(what)
  self.pos = self.pos + 1
  local l = self.lines[self.pos]
  if l == nil then
    self:fail(#self.lines, "the file ends in the middle of %s: it was cut short", what)
  end
  return l
end

-- The next line that is not blank.
function Reader:take_nonblank(what)
  while true do
    local l = self:take(what)
    if l:find("%S") then return l end
  end
end

function Reader:header(key, what)
  local l = self:take_nonblank(what)
  local v = l:match("^# " .. key .. ": (.*)$")
  if not v then self:fail(self.pos, "expected '# %s:' in %s, found %s", key, what, shown(l)) end
  return v
end

function Reader:count(key, what)
  local v = self:header(key, what)
  if not v:find("^%d+$") or #v > 12 then
    self:fail(self.pos, "%s: %s must be a whole number, found '%s'", what, key, v)
  end
  return tonumber(v)
end

local special = {NaN = 0 / 0, NA = 0 / 0, Inf = math.huge, ["-Inf"] = -math.huge,
                 ["+Inf"] = math.huge}

-- A number as Octave writes one (decimal; NaN, NA, Inf, -Inf), or nil.
local function parse_number(word)
  local v = special[word]
  if v then return v end
  if word:find("[^%d%.eE+-]") then return nil end -- no hex, no names
  return tonumber(word)
end

function Reader:matrix(what, rows, cols)
  -- every number takes at least two bytes: refuse sizes the file cannot hold
  if (rows + 0.0) * cols > self.bytes / 2 then
    self:fail(self.pos, "%s: %d x %d is more numbers than the file holds", what, rows, cols)
  end
  if rows == 0 or cols == 0 then return core.matrix(rows, cols) end
  local values = {}
  for i = 1, rows do
    local l = self:take(what)
    local row, j = {}, 0
    -- tonumber reads hexadecimal too, which Octave never writes
    local hex = l:find("x", 1, true) or l:find("X", 1, true)
    for word in l:gmatch("%S+") do
      j = j + 1
      local v = not hex and tonumber(word) or parse_number(word)
      if not v then
        self:fail(self.pos, "%s, row %d: '%s' is not a number", what, i, word:sub(1, 30))
      end
      if v == 0 and word:byte(1) == 45 then v = -0.0 end
      row[j] = v
    end
    if j ~= cols then
      self:fail(self.pos, "%s, row %d: expected %d numbers, found %d", what, i, cols, j)
    end
    values[i] = row
  end
  return core.matrix(values)
end

-- After a value whose lines began at `first`: its check line, in a file
-- that carries checks.
function Reader:check(first, what)
  if not self.checked then return end
  local last = self.pos
  local l = self:take(what)
  local n, hex = l:match("^# check: (%d+) lines, crc32 (%x%x%x%x%x%x%x%x)$")
  if not n then
    self:fail(self.pos, "expected the check line of %s ('# check: ...'), found %s", what, shown(l))
  end
  if tonumber(n) ~= last - first + 1 then
    self:fail(self.pos, "%s takes %d lines (from line %d), its check line says %s", what,
              last - first + 1, first, n)
  end
  if crc_lines(self.lines, first, last) ~= tonumber(hex, 16) then
    raise("initlab:badFile", "%s, lines %d-%d: %s does not match its CRC-32 (line %d): the file "
          .. "was changed or damaged after it was saved", self.path, first, last, what, self.pos)
  end
  self.covered[#self.covered + 1] = {first, last}
end

-- The value whose "# name:" line is line `first`; `what` names it
-- ("net.W{2}") in messages and in self.where.
function Reader:value(what, first)
  self.where[what] = first
  local kind = self:header("type", what)
  if kind == "matrix" then
    local rows = self:count("rows", what)
    local m = self:matrix(what, rows, self:count("columns", what))
    self:check(first, what)
    return m
  elseif kind == "scalar" then -- Octave's 1 x 1 matrix
    local m = self:matrix(what, 1, 1)
    self:check(first, what)
    return m
  elseif kind == "sq_string" or kind == "string" then
    if self:count("elements", what) ~= 1 then
      self:fail(self.pos, "%s: only one-line strings are supported", what)
    end
    local len = self:count("length", what)
    local s = self:take(what)
    if #s ~= len then
      self:fail(self.pos, "%s: expected a string of %d characters, found %d", what, len, #s)
    end
    self:check(first, what)
    return s
  elseif kind == "cell" then
    local rows, cols = self:count("rows", what), self:count("columns", what)
    if (rows + 0.0) * cols > #self.lines then
      self:fail(self.pos, "%s: %d x %d is more elements than the file holds", what, rows, cols)
    end
    local items = {}
    for k = 1, rows * cols do
      local item = what .. "{" .. k .. "}"
      if self:header("name", item) ~= "<cell-element>" then
        self:fail(self.pos, "expected '# name: <cell-element>' for %s", item)
      end
      items[k] = self:value(item, self.pos)
    end
    return {kind = "cell", rows = rows, cols = cols, items = items}
  elseif kind == "scalar struct" then
    if self:header("ndims", what) ~= "2" or not self:take_nonblank(what):find("^%s*1%s+1%s*$") then
      self:fail(self.pos, "%s: expected a 1 x 1 struct", what)
    end
    local n = self:count("length", what)
    local fields, names = {}, {}
    for k = 1, n do
      local name = self:header("name", what .. " (field " .. k .. " of " .. n .. ")")
      if not name:find("^[%a_][%w_]*$") or fields[name] ~= nil then
        self:fail(self.pos, "%s: '%s' is not a new field name", what, name:sub(1, 30))
      end
      names[k] = name
      fields[name] = self:value(what .. "." .. name, self.pos)
    end
    return {kind = "struct", fields = fields, names = names}
  end
  self:fail(self.pos, "%s: values of type '%s' are not supported", what, kind:sub(1, 30))
end

-- The comment lines before the first variable; whether the file carries checks.
function Reader:preamble()
  while true do
    local l = self.lines[self.pos + 1]
    if l == nil or l:find("^# name: ") then return end
    self.pos = self.pos + 1
    if l:find("^# initlab%-format:") then
      if l ~= FORMAT then
        self:fail(self.pos, "unknown or damaged format line %s (this version reads '%s')",
                  shown(l), FORMAT)
      end
      self.checked = true
    elseif l:find("%S") and not (self.pos == 1 and l:find("^# Created by ")) then
      self:fail(self.pos, "expected '# name:', found %s", shown(l))
    end
  end
end

-- The end line and nothing but blank lines after it.
function Reader:finish()
  local l = self:take_nonblank("the end line ('# end: ...')")
  local n, checks, hex = l:match("^# end: (%d+) lines, (%d+) checks, crc32 (%x%x%x%x%x%x%x%x)$")
  if not n then self:fail(self.pos, "expected the end line ('# end: ...'), found %s", shown(l)) end
  local last = self.pos - 1
  if tonumber(n) ~= last or tonumber(checks) ~= #self.covered then
    self:fail(self.pos, "the end line counts %s lines and %s checks, the file has %d and %d", n,
              checks, last, #self.covered)
  end
  if crc_rest(self.lines, self.covered, last) ~= tonumber(hex, 16) then
    self:fail(self.pos, "the lines outside the values do not match the CRC-32 of the end line: "
              .. "the file was changed or damaged after it was saved")
  end
  for i = self.pos + 1, #self.lines do
    if self.lines[i]:find("%S") then self:fail(i, "text after the end line") end
  end
end

-- Whether only blank lines are left.
function Reader:at_end()
  for i = self.pos + 1, #self.lines do
    if self.lines[i]:find("%S") then return false end
  end
  return true
end

local Doc = {}
Doc.__index = Doc

--- doc:fail(what, format, ...) raises initlab:badFile at the line where
-- the value `what` ("net.W{2}") starts.
function Doc:fail(what, fmt, ...)
  raise("initlab:badFile", "%s, line %d (%s): " .. fmt, self.path, self.where[what] or 1, what, ...)
end

--- octfile.read(path, name) -> doc: the variable `name` of the file at
-- path: doc.value (a matrix, a string, {kind = "cell", items = {...}} or
-- {kind = "struct", fields = {...}, names = {...}}), doc.checked (whether
-- the file carried checks), and doc:fail for errors about its content.
function octfile.read(path, name)
  local text = files.read(path)
  local r = setmetatable({path = path, pos = 0, lines = {}, bytes = #text, where = {},
                          covered = {}, checked = false}, Reader)
  local lines, find, sub, pos = r.lines, string.find, string.sub, 1
  while true do
    local nl = find(text, "\n", pos, true)
    if not nl then break end
    local last = nl - 1
    if last >= pos and text:byte(last) == 13 then last = last - 1 end -- CRLF
    lines[#lines + 1] = sub(text, pos, last)
    pos = nl + 1
  end
  if text == "" then r:fail(0, "the file is empty") end
  if text:sub(-1) ~= "\n" then
    r:fail(#r.lines + 1, "the last line has no line end: the file was cut short")
  end
  r:preamble()
  local found = {}
  while true do
    if r:at_end() then
      r:fail(#r.lines, "no variable '%s' in the file%s", name,
             #found > 0 and " (it has " .. concat(found, ", ") .. ")" or "")
    end
    local var = r:header("name", "the file")
    local value = r:value(var, r.pos)
    if r.checked then
      if var ~= name then r:fail(r.where[var], "expected the variable '%s', found '%s'", name, var) end
      r:finish()
    end
    if var == name then
      return setmetatable({path = path, value = value, where = r.where, checked = r.checked}, Doc)
    end
    found[#found + 1] = var
  end
end

return octfile
