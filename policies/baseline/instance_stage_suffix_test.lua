local ak = require "testkit.attest"

local function alias(a)
  return ak.instance({ Instance = { Id = ak.ID, Arn = ak.ARN, InstanceAlias = a } })
end

return {
  { name = "acme-prod passes", resource = alias("acme-prod"), expect = "pass", message = "stage prod" },
  { name = "acme-dev passes", resource = alias("acme-dev"), expect = "pass", message = "stage dev" },
  { name = "case and underscore: acme_QA passes", resource = alias("acme_QA"), expect = "pass" },
  { name = "a dot separator: acme.staging passes", resource = alias("acme.staging"), expect = "pass" },
  { name = "camelCase acmeStaging passes", resource = alias("acmeStaging"), expect = "pass",
    message = "camelCase" },
  { name = "a run-on lower-case acmeprod fails", resource = alias("acmeprod"), expect = "fail",
    message = "no stage suffix" },
  { name = "no stage at all fails", resource = alias("acme-contact-center"), expect = "fail" },
  { name = "a stage in the middle does not count", resource = alias("acme-prod-east"), expect = "fail" },
  { name = "a bare stage name fails (no name with it)", resource = alias("prod"), expect = "fail" },
  { name = "the parameter decides the stages",
    resource = alias("acme-live"), params = { stage_suffixes = { "live" } }, expect = "pass" },
  { name = "a default stage is refused when the parameter does not list it",
    resource = alias("acme-prod"), params = { stage_suffixes = { "live" } }, expect = "fail" },
  { name = "an empty alias fails", resource = alias(""), expect = "fail", message = "no alias" },
  { name = "DescribeInstance not collected is an error",
    resource = ak.instance(nil, { "Instance" }), errors = ak.denied("connect:DescribeInstance"),
    expect = "error", message = "AccessDeniedException" },
}
