return {
  id = "HOSTILE-GC-001", title = "collectgarbage", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    collectgarbage("stop") ctx:pass("gc stopped")
  end,
}
