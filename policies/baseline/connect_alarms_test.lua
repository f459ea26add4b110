local ak = require "testkit.attest"
local TOPIC = "arn:aws:sns:us-east-1:111122223333:oncall"

local function alarm(n, metric, over, region)
  region = region or "us-east-1"
  local a = "arn:aws:cloudwatch:" .. region .. ":111122223333:alarm:" .. n
  local ma = { AlarmName = n, AlarmArn = a, ActionsEnabled = true, AlarmActions = { TOPIC },
               Namespace = "AWS/Connect", MetricName = metric,
               Dimensions = { { Name = "InstanceId", Value = ak.ID }, { Name = "MetricGroup", Value = "VoiceCalls" } },
               Statistic = "Sum", Period = 60, EvaluationPeriods = 1, Threshold = 1,
               ComparisonOperator = "GreaterThanOrEqualToThreshold" }
  for k, v in pairs(over or {}) do ma[k] = v end
  return { type = "cloudwatch_alarm", arn = a, name = n, region = region, data = { MetricAlarm = ma } }
end
local BOTH = { alarm("throttled", "ThrottledCalls"), alarm("concurrency", "ConcurrentCallsPercentage") }
local function inst() return ak.instance({ Instance = { Id = ak.ID, Arn = ak.ARN, InstanceAlias = "acme-prod" } }) end
-- each of the two required (an entry per metric), as before equivalents existed
local ALL = { connect_alarm_metrics = { "ThrottledCalls", "ConcurrentCallsPercentage" } }
local DENIED = { { arn = "arn:aws:cloudwatch:us-east-1:111122223333:alarm:*", operation = "cloudwatch:DescribeAlarms",
                   code = "AccessDenied", message = "not authorized" } }

return {
  { name = "both default metrics alarmed: two passes", resource = inst(), others = BOTH,
    expect = "pass", message = "throttled watches ThrottledCalls" },
  { name = "one metric without an alarm: fail naming it (each metric required)", resource = inst(), params = ALL,
    others = { alarm("concurrency", "ConcurrentCallsPercentage") }, expect = "fail",
    message = "no CloudWatch alarm on ThrottledCalls" },
  { name = "the fail message also names the metric that is alarmed (each metric required)", resource = inst(), params = ALL,
    others = { alarm("concurrency", "ConcurrentCallsPercentage") }, expect = "fail",
    message = "(alarm concurrency watches ConcurrentCallsPercentage" },
  { name = "no alarms at all: fails and says it may be a collection gap", resource = inst(),
    expect = "fail", message = "collection gap" },
  { name = "an alarm on another instance does not count (each metric required)", resource = inst(), params = ALL,
    others = { alarm("throttled", "ThrottledCalls", { Dimensions = { { Name = "InstanceId", Value = "other" } } }),
               alarm("concurrency", "ConcurrentCallsPercentage") },
    expect = "fail" },
  { name = "an alarm in another namespace does not count (each metric required)", resource = inst(), params = ALL,
    others = { alarm("throttled", "ThrottledCalls", { Namespace = "Custom/Connect" }),
               alarm("concurrency", "ConcurrentCallsPercentage") },
    expect = "fail" },
  { name = "an alarm in another region does not count (each metric required)", resource = inst(), params = ALL,
    others = { alarm("throttled", "ThrottledCalls", nil, "us-west-2"), alarm("concurrency", "ConcurrentCallsPercentage") },
    expect = "fail" },
  { name = "an alarm that notifies nobody fails (each metric required)", resource = inst(), params = ALL,
    others = { alarm("throttled", "ThrottledCalls", { AlarmActions = {} }), alarm("concurrency", "ConcurrentCallsPercentage") },
    expect = "fail", message = "notify nobody" },
  { name = "actions disabled fails (each metric required)", resource = inst(), params = ALL,
    others = { alarm("throttled", "ThrottledCalls", { ActionsEnabled = false }), alarm("concurrency", "ConcurrentCallsPercentage") },
    expect = "fail", message = "notify nobody" },
  { name = "a metric-math alarm over ThrottledCalls counts", resource = inst(),
    others = { alarm("concurrency", "ConcurrentCallsPercentage"),
               alarm("throttle-rate", nil, { Namespace = null, Dimensions = null, Metrics = {
                 { Id = "t", ReturnData = false, MetricStat = { Period = 60, Stat = "Sum", Metric = {
                   Namespace = "AWS/Connect", MetricName = "ThrottledCalls",
                   Dimensions = { { Name = "InstanceId", Value = ak.ID } } } } },
                 { Id = "e", Expression = "t*1", ReturnData = true } } }) },
    expect = "pass", message = "throttle-rate" },
  { name = "empty parameter: any AWS/Connect alarm of the instance passes", resource = inst(),
    others = { alarm("missed", "MissedCalls") }, params = { connect_alarm_metrics = {} },
    expect = "pass", message = "MissedCalls" },
  { name = "empty parameter and no alarm: one fail", resource = inst(),
    params = { connect_alarm_metrics = {} }, expect = "fail", message = "any AWS/Connect metric" },
  { name = "the parameter names the metrics", resource = inst(),
    others = { alarm("missed", "MissedCalls") }, params = { connect_alarm_metrics = { "MissedCalls" } },
    expect = "pass" },
  { name = "DescribeAlarms denied in the region: error, not fail", resource = inst(), errors = DENIED,
    expect = "error", message = "AccessDenied" },
  { name = "a matching alarm still passes despite a DescribeAlarms error", resource = inst(), others = BOTH,
    errors = DENIED, expect = "pass" },
  { name = "an alarm without its MetricAlarm makes the answer unknown (each metric required)", resource = inst(), params = ALL,
    others = { alarm("concurrency", "ConcurrentCallsPercentage"),
               { type = "cloudwatch_alarm", arn = "arn:aws:cloudwatch:us-east-1:111122223333:alarm:mystery",
                 name = "mystery", region = "us-east-1", data = object{} } },
    expect = "error", message = "lack their MetricAlarm" },
  { name = "default: an alarm on CallsBreachingConcurrencyQuota alone covers the quota entry", resource = inst(),
    others = { alarm("breach", "CallsBreachingConcurrencyQuota") },
    expect = "pass", message = "accepted for any of ThrottledCalls, CallsBreachingConcurrencyQuota, ConcurrentCallsPercentage" },
  { name = "default: ConcurrentCallsPercentage alone covers it too", resource = inst(),
    others = { alarm("concurrency", "ConcurrentCallsPercentage") },
    expect = "pass", message = "concurrency watches ConcurrentCallsPercentage" },
  { name = "default: an alarm on none of the equivalents fails, naming them", resource = inst(),
    others = { alarm("missed", "MissedCalls") },
    expect = "fail", message = "no notifying alarm on any of ThrottledCalls, CallsBreachingConcurrencyQuota" },
  { name = "default: an equivalent alarm that notifies nobody fails", resource = inst(),
    others = { alarm("throttled", "ThrottledCalls", { AlarmActions = {} }) },
    expect = "fail", message = "notify nobody" },
  { name = "default: an alarm without its MetricAlarm leaves it unknown", resource = inst(),
    others = { { type = "cloudwatch_alarm", arn = "arn:aws:cloudwatch:us-east-1:111122223333:alarm:mystery",
                 name = "mystery", region = "us-east-1", data = object{} } },
    expect = "error", message = "lack their MetricAlarm" },
  { name = "DescribeInstance not collected is an error",
    resource = ak.instance(nil, { "Instance" }), errors = ak.denied("connect:DescribeInstance"),
    expect = "error", message = "AccessDeniedException" },
}
