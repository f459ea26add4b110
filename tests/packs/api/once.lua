return {
  id = "API-ONCE-001", title = "once", severity = "info", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "r", remediation = "m",
  -- a resource looked up inside ctx:once in the first check supports the
  -- passes of every later check, which use the kept value
  check = function(r, ctx)
    local b = ctx:once("bucket", function() return ctx:lookup("s3_bucket", "arn:aws:s3:::acme-b") end)
    ctx:pass("kept bucket", { path = ctx:ptr(b.data.Versioning, "Status") })
  end,
}
