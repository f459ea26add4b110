return {
  id = "HOSTILE-EV-001", title = "huge_message", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    ctx:fail(("x"):rep(1 << 20))
  end,
}
