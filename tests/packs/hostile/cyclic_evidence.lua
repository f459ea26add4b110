return {
  id = "HOSTILE-EV-004", title = "cyclic_evidence", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    local t = {} t.self = t ctx:fail("cycle", { expected = t })
  end,
}
