return {
  id = "HOSTILE-FORGE-002", title = "forge_observed_caught", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  -- the forged claim refused and caught, then an honest pass: observed is the engine's
  check = function(r, ctx)
    pcall(ctx.pass, ctx, "forged", { path = "data/Instance/IdentityManagementType", observed = "SAML" })
    ctx:pass("honest", { path = "data/Instance/IdentityManagementType", expected = "SAML", note = "SAML" })
  end,
}
