return {
  id = "HOSTILE-ERR-002", title = "silent", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    local x = 1
  end,
}
