local ak = require "testkit.attest"

local function at(region, part)
  local a = ("arn:%s:connect:%s:111122223333:instance/%s"):format(part or "aws", region, ak.ID)
  local r = ak.instance({ Instance = { Id = ak.ID, Arn = a, InstanceAlias = "acme-prod" } })
  r.arn, r.region = a, region
  return r
end

return {
  { name = "us-east-1 is a Connect region",
    resource = at("us-east-1"), expect = "pass", message = "us-east-1" },
  { name = "GovCloud (US-West) is a Connect region",
    resource = at("us-gov-west-1", "aws-us-gov"), expect = "pass" },
  { name = "eu-west-1 (Ireland) is not on the list: fail",
    resource = at("eu-west-1"), expect = "fail", message = "not a region the pack knows" },
  { name = "the parameter adds a region",
    resource = at("eu-west-1"), params = { connect_regions_extra = { "eu-west-1" } },
    expect = "pass", message = "connect_regions_extra" },
  { name = "the parameter does not widen other regions",
    resource = at("eu-west-3"), params = { connect_regions_extra = { "eu-west-1" } },
    expect = "fail" },
  { name = "an Instance.Arn without a region is an error",
    resource = ak.instance({ Instance = { Id = ak.ID, Arn = "arn:aws:connect:::instance/x" } }),
    expect = "error", message = "names no region" },
  { name = "DescribeInstance not collected is an error",
    resource = ak.instance(nil, { "Instance" }), errors = ak.denied("connect:DescribeInstance"),
    expect = "error", message = "AccessDeniedException" },
}
