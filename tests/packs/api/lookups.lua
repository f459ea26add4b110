return {
  id = "API-LOOKUP-001", title = "lookups", severity = "info", practice = "LAM-1",
  controls = { BASELINE = {"LAM-1"} }, resource = "connect_instance",
  rationale = "r", remediation = "m",
  check = function(r, ctx)
    local b = ctx:lookup("s3_bucket", "arn:aws:s3:::acme-b")
    assert(b and b.name == "acme-b" and b.data.Versioning.Status == "Enabled", "lookup")
    assert(ctx:lookup("s3_bucket", "arn:aws:s3:::nope") == nil, "lookup of a missing resource")
    local seen = {}
    for arn, res in ctx:resources("connect_instance") do seen[#seen + 1] = res.name end
    assert(#seen == 2, "resources")
    local errs = ctx:errors_for(r.arn)
    assert(ctx.snapshot.account_id == "111122223333", "snapshot view")
    -- filed under each function; "ghost" is named by the instance but not in
    -- the snapshot, so its finding is an error whatever the rule says
    for i, fn in ipairs(r.data.LambdaFunctions or {}) do
      local region = fn:match("^arn:aws:lambda:([^:]+):")
      local ev = { path = ctx:ptr(r.data.LambdaFunctions, i), expected = ctx.params.region }
      if region == ctx.params.region then ctx:pass("same region", ev, { resource = fn })
      else ctx:fail("other region", ev, { resource = fn }) end
    end
    if #errs > 0 then ctx:error(errs[1].code .. " on " .. errs[1].operation) end
  end,
}
