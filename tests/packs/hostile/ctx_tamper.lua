return {
  id = "HOSTILE-RO-004", title = "ctx_tamper", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    ctx.pass = ctx.fail ctx:pass("replaced ctx.pass")
  end,
}
