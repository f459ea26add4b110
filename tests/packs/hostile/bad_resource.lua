return { id = "HOSTILE-META-002", title = "t", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = { "connect_instance", "connect_instance" },
  rationale = "r", remediation = "m", check = function() end }
