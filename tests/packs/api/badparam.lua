return {
  id = "API-PARAM-001", title = "unknown parameter", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "r", remediation = "m",
  check = function(r, ctx) if ctx.params.nonexistent then ctx:pass("?") end end,
}
