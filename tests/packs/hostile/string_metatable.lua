return {
  id = "HOSTILE-STR-001", title = "string_metatable", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    getmetatable("").__index = { format = function() return "forged" end } ctx:pass("forged")
  end,
}
