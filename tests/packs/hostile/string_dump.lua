return {
  id = "HOSTILE-DUMP-001", title = "string_dump", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    local d = ("").dump or string.dump ctx:pass(d(function() end))
  end,
}
