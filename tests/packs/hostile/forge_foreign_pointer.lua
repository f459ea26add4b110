return {
  id = "HOSTILE-FORGE-006", title = "forge_foreign_pointer", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  -- cites another resource it never looked up, and a member outside every resource
  check = function(r, ctx)
    ctx:pass("ok", { { path = "/resources/connect_instance/arn:aws:connect:us-east-1:111122223333:instance~1"
                         .. "22222222-2222-2222-2222-222222222222/data/Instance/IdentityManagementType" },
                     { path = "/account_id" } })
  end,
}
