-- Changes everything of its state it can reach: the module tables the base
-- state gives every rule (flowpaths, the C functions), a library's table,
-- its globals, the string library behind every string's metatable.
local arn = require("arn")
arn.tampered = true
for k in pairs(arn) do if k ~= "tampered" then arn[k] = nil end end
flowpaths.reach = nil
flowpaths.tampered = true
flowgraph = nil
leaked_global = "from aa_tamper"
string.tampered = true
local mt_ok = pcall(function() getmetatable("").__index.tampered = true end)
local keep = {}
return {
  id = "FRESH-TAMPER-001", title = "tamper", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    keep[#keep + 1] = setmetatable({}, { __gc = function() leaked_in_gc = true end })
    ctx:pass("tampered", { path = "data/Instance/InstanceAlias" })
  end,
}
