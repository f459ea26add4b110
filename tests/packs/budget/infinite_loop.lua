return {
  id = "HOSTILE-LOOP-001", title = "infinite_loop", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    while true do end
  end,
}
