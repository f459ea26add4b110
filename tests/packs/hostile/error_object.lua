return {
  id = "HOSTILE-ERR-001", title = "error_object", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    error(setmetatable({}, { __tostring = function() while true do end end }))
  end,
}
