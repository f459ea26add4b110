return {
  id = "HOSTILE-NEED-001", title = "swallowed_need", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    pcall(ctx.need, ctx, r.data, "NoSuchMember") ctx:pass("looked fine")
  end,
}
