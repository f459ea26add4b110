return {
  id = "HOSTILE-FORGE-005", title = "forge_resource", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  -- files a pass under an instance the snapshot does not hold
  check = function(r, ctx)
    ctx:pass("ok", { path = "data/Instance/InstanceAlias" },
      { resource = "arn:aws:connect:us-east-1:111122223333:instance/forged-0000" })
  end,
}
