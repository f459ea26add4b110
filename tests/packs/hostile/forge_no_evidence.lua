return {
  id = "HOSTILE-FORGE-004", title = "forge_no_evidence", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    ctx:pass("ok", { expected = "SAML", note = "trust me" })
  end,
}
