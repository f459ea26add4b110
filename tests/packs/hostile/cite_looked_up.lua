return {
  id = "HOSTILE-FORGE-007", title = "cite_looked_up", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  -- the same pointer after ctx:lookup: it rests on a resource the check looked up
  check = function(r, ctx)
    local other = ctx:lookup("connect_instance", "arn:aws:connect:us-east-1:111122223333:instance/"
      .. "22222222-2222-2222-2222-222222222222")
    ctx:pass("looked up", { path = ctx:ptr(other.data.Instance, "IdentityManagementType") })
  end,
}
