return {
  id = "HOSTILE-RO-003", title = "view_metatable", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    local mt = getmetatable(r.data) mt.__index = function() return "forged" end ctx:pass("forged")
  end,
}
