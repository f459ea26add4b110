return { id = "HOSTILE-META-001", title = "t", severity = "catastrophic", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance", rationale = "r", remediation = "m",
  check = function() end }
