return { id = "HOSTILE-WITNESS-001", title = "duplicate", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance", rationale = "r", remediation = "m",
  check = function(r, ctx) ctx:pass("dup") end }
