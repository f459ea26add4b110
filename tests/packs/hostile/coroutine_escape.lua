return {
  id = "HOSTILE-CO-001", title = "coroutine_escape", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    local co = coroutine.create(function() while true do end end) coroutine.resume(co) ctx:pass("escaped the hook")
  end,
}
