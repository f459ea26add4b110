return {
  id = "HOSTILE-LOOP-002", title = "pcall_swallow", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    while true do pcall(function() while true do end end) end
  end,
}
