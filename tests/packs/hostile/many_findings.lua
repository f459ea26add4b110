return {
  id = "HOSTILE-EV-003", title = "many_findings", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    for i = 1, 5000 do ctx:pass("p" .. i) end
  end,
}
