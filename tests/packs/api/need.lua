return {
  id = "API-NEED-001", title = "need", severity = "high", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "r", remediation = "m",
  check = function(r, ctx)
    local attrs = ctx:need(r.data, "Attributes")
    ctx:pass("attributes collected", { path = ctx:ptr(attrs) })
  end,
}
