local I = "arn:aws:connect:us-east-1:111122223333:instance/4f1c0000-0000-0000-0000-000000000001"
local function inst(origins)
  return { arn = I, name = "acme-prod", region = "us-east-1", data = { ApprovedOrigins = origins } }
end

return {
  { name = "https origins pass", resource = inst({ "https://agent.acme.example", "HTTPS://crm.acme.example" }),
    expect = "pass", message = "2 approved origin(s) all use HTTPS" },
  { name = "an http origin fails and is named",
    resource = inst({ "https://agent.acme.example", "http://legacy.acme.example" }),
    expect = "fail", message = "http://legacy.acme.example" },
  { name = "an origin without a scheme fails", resource = inst({ "agent.acme.example" }), expect = "fail" },
  { name = "no approved origins passes", resource = inst({}), expect = "pass", message = "no approved origins" },
  { name = "ApprovedOrigins not collected is an error",
    resource = { arn = I, name = "acme-prod", region = "us-east-1", data = { Instance = { Id = "x" } } },
    errors = { { arn = I, operation = "connect:ListApprovedOrigins", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
}
