-- A rule over two resource types: checked once per resource of each type,
-- the types in the order the rule lists them.
return {
  id = "API-TYPES-001", title = "two types", severity = "info", practice = "LAM-1",
  controls = { BASELINE = {"LAM-1"} }, resource = { "s3_bucket", "connect_instance" },
  rationale = "r", remediation = "m",
  check = function(r, ctx)
    ctx:pass("checked " .. r.type .. " " .. r.name)
  end,
}
