return {
  id = "HOSTILE-DBG-001", title = "debug_lib", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    debug.sethook() ctx:pass("unhooked")
  end,
}
