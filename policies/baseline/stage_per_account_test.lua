local ak = require "testkit.attest"

local function inst(alias, id)
  id = id or ak.ID
  local a = "arn:aws:connect:us-east-1:111122223333:instance/" .. id
  local r = ak.instance({ Instance = { Id = id, Arn = a, InstanceAlias = alias } })
  r.arn, r.name = a, alias
  return r
end
local function other(alias, id)
  local o = inst(alias, id)
  o.type = "connect_instance"
  return o
end

return {
  { name = "one prod instance: pass, pointing at diff for drift", resource = inst("acme-prod"),
    expect = "pass", message = "connect-auditor diff" },
  { name = "two prod instances: pass", resource = inst("acme-prod"), others = { other("acme-east-Prod", "i-2") },
    expect = "pass", message = "holds stage prod only (2 instance(s))" },
  { name = "prod and dev in one account fail", resource = inst("acme-prod"), others = { other("acme-dev", "i-2") },
    account_id = "111122223333", expect = "fail", message = "acme-dev (dev)" },
  { name = "a second instance without a stage does not make a second stage", resource = inst("acme-prod"),
    others = { other("scratch", "i-2") }, expect = "pass" },
  { name = "this instance's alias names no stage: manual", resource = inst("acme-contact-center"),
    expect = "manual", message = "(DEV-1)" },
  { name = "another instance's alias not collected: error", resource = inst("acme-prod"),
    others = { { type = "connect_instance", arn = "arn:aws:connect:us-east-1:111122223333:instance/i-3",
                 name = "i-3", region = "us-east-1", data = { LambdaFunctions = {} } } },
    errors = { { arn = "arn:aws:connect:us-east-1:111122223333:instance/i-3", operation = "connect:DescribeInstance",
                 code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "the stages come from the parameter", resource = inst("acme-live"), others = { other("acme-dev", "i-2") },
    params = { stage_suffixes = { "live", "dev" } }, expect = "fail" },
  { name = "DescribeInstance not collected is an error",
    resource = ak.instance(nil, { "Instance" }), errors = ak.denied("connect:DescribeInstance"),
    expect = "error", message = "AccessDeniedException" },
}
