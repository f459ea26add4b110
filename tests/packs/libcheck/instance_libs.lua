-- lib/stage.lua, lib/alarms.lua, lib/eligibility.lua (pure parts): asserted
-- here; the case passes when every assertion holds. Their rule-level behaviour
-- is tested beside BASE-DEV-001/002, BASE-CW-010 and HIPAA-INT-001/PCI-INT-001.
local stage = require "stage"
local alarms = require "alarms"
local eligibility = require "eligibility"

return {
  id = "LIB-INSTANCE-001", title = "stage, alarms, eligibility", severity = "info", practice = "DEV-2",
  controls = { BASELINE = {"DEV-2"} }, resource = "connect_instance", rationale = "r", remediation = "m",
  check = function(r, ctx)
    local S = { "preprod", "prod", "dev", "qa" }
    assert(stage.of("acme-prod", S) == "prod")
    assert(select(2, stage.of("acme_QA", S)) == "after a separator")
    assert(stage.of("acmeProd", S) == "prod" and select(2, stage.of("acmeProd", S)) == "as a camelCase word")
    assert(stage.of("acme-preprod", S) == "preprod")
    assert(stage.of("acmeprod", S) == nil and stage.of("prod", S) == nil and stage.of("-prod", S) == nil)
    assert(stage.of("acme-prod-east", S) == nil and stage.of(nil, S) == nil and stage.of("acme-prod", {}) == nil)
    local ma = { Namespace = "AWS/Connect", MetricName = "ThrottledCalls", ActionsEnabled = true, AlarmActions = { "t" },
                 Dimensions = { { Name = "InstanceId", Value = "i" } } }
    assert(alarms.watches(ma, "AWS/Connect", "ThrottledCalls", "InstanceId", "i") == "ThrottledCalls")
    assert(alarms.watches(ma, "AWS/Connect", nil, "InstanceId", "i") == "ThrottledCalls")
    assert(alarms.watches(ma, "AWS/Connect", "MissedCalls", "InstanceId", "i") == nil)
    assert(alarms.watches(ma, "AWS/Connect", "ThrottledCalls", "InstanceId", "j") == nil)
    assert(alarms.notifies(ma) and not alarms.notifies({ ActionsEnabled = true, AlarmActions = {} })
      and not alarms.notifies({ ActionsEnabled = false, AlarmActions = { "t" } }))
    local mm = { Metrics = { { Id = "e", Expression = "m*1" }, { Id = "m", MetricStat = { Metric = ma } } } }
    assert(alarms.watches(mm, "AWS/Connect", "ThrottledCalls", "InstanceId", "i") == "ThrottledCalls")
    assert(eligibility.contains(eligibility.CONNECT_REGIONS, "us-east-1"))
    assert(not eligibility.contains(eligibility.CONNECT_REGIONS, "eu-west-1") and not eligibility.contains(nil, "x"))
    local pts = { { service = "s3", what = "b", arn = "1" }, { service = "kms", what = "k", arn = "2" },
                  { service = "s3", what = "c", arn = "3" } }
    local g = eligibility.by_service(pts)
    assert(#g == 2 and g[1].service == "s3" and #g[1].points == 2 and g[2].service == "kms")
    assert(eligibility.inventory(pts, 2) == "b 1; k 2; and 1 more")
    local by_region = alarms.collect(ctx)
    ctx:pass("ok: " .. #(by_region["us-east-1"] or {}) .. " alarm(s) in us-east-1",
      { path = "data", note = "the assertions above held" })
  end,
}
