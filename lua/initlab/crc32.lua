--- initlab.crc32: CRC-32 as zlib's crc32() and `gzip` compute it
-- (reflected polynomial 0xEDB88320, initial and final value 0xFFFFFFFF):
-- crc32("123456789") == 0xCBF43926.  crc32(s2, crc32(s1)) == crc32(s1 .. s2).
local byte = string.byte

local table_ = {}
for i = 0, 255 do
  local c = i
  for _ = 1, 8 do
    if c & 1 == 1 then c = 0xEDB88320 ~ (c >> 1) else c = c >> 1 end
  end
  table_[i] = c
end

return function(s, crc)
  local T = table_
  local c = (crc or 0) ~ 0xFFFFFFFF
  local n, i = #s, 1
  while i + 7 <= n do -- eight bytes per string.byte call
    local a, b, d, e, f, g, h, k = byte(s, i, i + 7)
    c = T[(c ~ a) & 0xFF] ~ (c >> 8)
    c = T[(c ~ b) & 0xFF] ~ (c >> 8)
    c = T[(c ~ d) & 0xFF] ~ (c >> 8)
    c = T[(c ~ e) & 0xFF] ~ (c >> 8)
    c = T[(c ~ f) & 0xFF] ~ (c >> 8)
    c = T[(c ~ g) & 0xFF] ~ (c >> 8)
    c = T[(c ~ h) & 0xFF] ~ (c >> 8)
    c = T[(c ~ k) & 0xFF] ~ (c >> 8)
    i = i + 8
  end
  for j = i, n do c = T[(c ~ byte(s, j)) & 0xFF] ~ (c >> 8) end
  return c ~ 0xFFFFFFFF
end
