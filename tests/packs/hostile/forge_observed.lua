return {
  id = "HOSTILE-FORGE-001", title = "forge_observed", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  -- claims the snapshot says SAML, whatever it says
  check = function(r, ctx)
    ctx:pass("ok", { path = "data/Instance/IdentityManagementType", observed = "SAML" })
  end,
}
