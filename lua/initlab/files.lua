--- initlab.files: whole-file reads and writes whose every failure is an
-- initlab:io error (a full disk included: the results of write, flush and
-- close are all checked, since a buffered write only fails at the flush).
local errors = require "initlab.errors"

local files = {}

-- "cannot <verb> path: reason" (io.open's reasons start with the path too)
local function fail(verb, path, err)
  err = tostring(err)
  if err:sub(1, #path + 2) == path .. ": " then err = err:sub(#path + 3) end
  errors.raise("initlab:io", "cannot %s %s: %s", verb, path, err)
end

--- files.write(path, text): path holds exactly text, or an error is raised.
function files.write(path, text)
  local f, err = io.open(path, "wb")
  if not f then fail("write", path, err) end
  local ok
  ok, err = f:write(text)
  if ok then ok, err = f:flush() end
  if not ok then
    f:close()
    fail("write", path, err)
  end
  ok, err = f:close()
  if not ok then fail("write", path, err) end
end

--- files.read(path) -> the bytes of path
function files.read(path)
  local f, err = io.open(path, "rb")
  if not f then fail("read", path, err) end
  local text
  text, err = f:read("a")
  f:close()
  if not text then fail("read", path, err) end
  return text
end

--- files.exists(path) -> whether path can be opened for reading
function files.exists(path)
  local f = io.open(path, "rb")
  if f then f:close() end
  return f ~= nil
end

return files
