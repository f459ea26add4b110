return {
  id = "HOSTILE-EV-002", title = "huge_evidence", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    ctx:fail("big", { expected = ("x"):rep(1 << 20) })
  end,
}
