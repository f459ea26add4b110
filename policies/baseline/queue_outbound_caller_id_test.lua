local rk = require "testkit.flowrefs"

local QA = rk.queue_arn("e1d2c3b4")
local function queue(cfg)
  return { arn = QA, name = "support", region = "us-east-1",
           data = { Queue = { Name = "support", QueueArn = QA, QueueId = "e1d2c3b4", OutboundCallerConfig = cfg } } }
end
local GOOD = { OutboundCallerIdName = "Acme Support", OutboundCallerIdNumberId = "f0e1d2c3-0000-4000-8000-000000000001" }

return {
  { name = "caller ID number set on an outbound instance passes",
    resource = queue(GOOD), others = { rk.instance({ outbound = "true" }) },
    expect = "pass", message = "has outbound caller ID number f0e1d2c3" },
  { name = "only a caller ID name fails",
    resource = queue({ OutboundCallerIdName = "Acme Support" }), others = { rk.instance({ outbound = "true" }) },
    expect = "fail", message = "has no outbound caller ID number" },
  { name = "OutboundCallerConfig null fails",
    resource = queue(null), others = { rk.instance({ outbound = "true" }) },
    expect = "fail" },
  { name = "an empty config object fails",
    resource = queue(object{}), others = { rk.instance({ outbound = "true" }) },
    expect = "fail" },
  { name = "outbound disabled: skipped",
    resource = queue(object{}), others = { rk.instance({ outbound = "false" }) },
    expect = "skipped" },
  { name = "no OUTBOUND_CALLS attribute: DescribeInstance's flag decides",
    resource = queue(object{}),
    others = { (function() local i = rk.instance(); i.data.Instance.OutboundCallsEnabled = true; return i end)() },
    expect = "fail", message = "places outbound calls" },
  { name = "neither source of the outbound flag is an error",
    resource = queue(GOOD), others = { rk.instance() },
    expect = "error", message = "no OUTBOUND_CALLS attribute" },
  { name = "instance Attributes not collected is an error quoting errors[]",
    resource = queue(GOOD), others = { rk.instance({ outbound = "true", drop = { "Attributes" } }) },
    errors = { { arn = rk.INSTANCE, operation = "connect:ListInstanceAttributes", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "OutboundCallerConfig not collected is an error",
    resource = (function() local q = queue(GOOD); q.data.Queue.OutboundCallerConfig = nil; return q end)(),
    others = { rk.instance({ outbound = "true" }) },
    errors = { { arn = QA, operation = "connect:DescribeQueue", code = "ThrottlingException", message = "slow down" } },
    expect = "error", message = "ThrottlingException" },
  { name = "queue's instance missing from the snapshot is an error",
    resource = queue(GOOD),
    expect = "error", message = "is not in the snapshot" },
}
