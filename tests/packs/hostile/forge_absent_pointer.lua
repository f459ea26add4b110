return {
  id = "HOSTILE-FORGE-003", title = "forge_absent_pointer", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    ctx:pass("ok", { path = "/no/such/pointer", expected = "anything" })
  end,
}
