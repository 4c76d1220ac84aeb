--- initlab.errors: how the Lua layer raises errors.
--
-- Every message starts with an identifier ("initlab:badArg: ...") and the
-- position of the user's call, however deep inside the library the problem
-- was found: raise skips the frames of initlab's own Lua files
-- (initlab.lua and initlab/*.lua); the C module's errors point at the Lua
-- line that called it, and `api`, around each public function, moves those
-- on to the line that called the library.
local errors = {}

local function own(source)
  return source:find("[@/.]initlab%.lua$") ~= nil or source:find("[@/.]initlab/[%w_]+%.lua$") ~= nil
end

-- error(msg) at the innermost Lua line that is not initlab's own (no
-- position when there is none).  debug.getinfo(k) here is error's level k.
local function throw(msg)
  local k = 2
  while true do
    local info = debug.getinfo(k, "Sl")
    if not info then error(msg, 0) end
    if info.currentline > 0 and not own(info.source) then error(msg, k) end
    k = k + 1
  end
end

--- raise(id, format, ...): the error "id: message" at the user's line.
function errors.raise(id, fmt, ...)
  throw(id .. ": " .. string.format(fmt, ...))
end

-- An error of the C module, which points at the Lua line that called it:
-- a line of initlab's own when an API function called it.
local function own_position(msg)
  local chunk, rest = msg:match("^(.-):%d+: (initlab:.*)$")
  if chunk and own("@" .. chunk) then return rest end
end

local function finish(ok, ...)
  if ok then return ... end
  local e = ...
  local moved = type(e) == "string" and own_position(e)
  if moved then throw(moved) end
  error(e, 0) -- anything else (the user's callback's error, a bug) as it was
end

--- protect(f, ...) -> f(...), its C module errors moved to the user's line
function errors.protect(f, ...)
  return finish(pcall(f, ...))
end

--- api(f) -> f, protected
function errors.api(f)
  return function(...) return finish(pcall(f, ...)) end
end

--- message(e) -> the text of an error without its position and identifier
function errors.message(e)
  local text = tostring(e):gsub("^.-:%d+: (initlab:)", "%1")
  return (text:gsub("^initlab:%a+: ", ""))
end

--- check_table(value, what) -> value, which must be a table ("what" names it)
function errors.check_table(value, what)
  if type(value) ~= "table" then
    errors.raise("initlab:badArg", "%s must be a table, got %s", what, type(value))
  end
  return value
end

--- check_string(value, what) -> value, which must be a string
function errors.check_string(value, what)
  if type(value) ~= "string" then
    errors.raise("initlab:badArg", "%s must be a string, got %s", what, type(value))
  end
  return value
end

return errors
