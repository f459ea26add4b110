local ARN = "arn:aws:connect:us-east-1:111122223333:instance/4f1c0000-0000-0000-0000-000000000001"
local FN = "arn:aws:lambda:us-east-1:111122223333:function:lookupCustomer"
local FN2 = "arn:aws:lambda:us-east-1:111122223333:function:scoreRisk"
local TOPIC = "arn:aws:sns:us-east-1:111122223333:oncall"
local function inst(fns) return { arn = ARN, name = "acme-prod", data = { LambdaFunctions = fns } } end
local function alarm_arn(n) return "arn:aws:cloudwatch:us-east-1:111122223333:alarm:" .. n end

-- a classic single-metric alarm
local function alarm(n, fn_name, over)
  local ma = { AlarmName = n, AlarmArn = alarm_arn(n), ActionsEnabled = true, AlarmActions = { TOPIC },
               Namespace = "AWS/Lambda", MetricName = "Errors",
               Dimensions = { { Name = "FunctionName", Value = fn_name } },
               Statistic = "Sum", Period = 60, EvaluationPeriods = 1, Threshold = 1,
               ComparisonOperator = "GreaterThanOrEqualToThreshold" }
  for k, v in pairs(over or {}) do ma[k] = v end
  return { type = "cloudwatch_alarm", arn = alarm_arn(n), name = n, data = { MetricAlarm = ma } }
end

-- a metric-math alarm: error rate = Errors / Invocations
local function math_alarm(n, fn_name)
  local function q(id, metric)
    return { Id = id, ReturnData = false, MetricStat = { Period = 60, Stat = "Sum",
      Metric = { Namespace = "AWS/Lambda", MetricName = metric,
                 Dimensions = { { Name = "FunctionName", Value = fn_name } } } } }
  end
  return { type = "cloudwatch_alarm", arn = alarm_arn(n), name = n, data = { MetricAlarm = {
    AlarmName = n, AlarmArn = alarm_arn(n), ActionsEnabled = true, AlarmActions = { TOPIC },
    EvaluationPeriods = 1, Threshold = 5, ComparisonOperator = "GreaterThanThreshold",
    Metrics = { q("e", "Errors"), q("i", "Invocations"),
                { Id = "rate", Expression = "100*e/i", ReturnData = true } } } } }
end

return {
  { name = "an Errors alarm with an action passes",
    resource = inst({ FN }),
    others = { alarm("lookup-errors", "lookupCustomer") },
    expect = "pass", message = "lookup-errors" },
  { name = "a metric-math alarm built on Errors passes",
    resource = inst({ FN }),
    others = { math_alarm("lookup-error-rate", "lookupCustomer") },
    expect = "pass", message = "lookup-error-rate" },
  { name = "no alarm for the function fails",
    resource = inst({ FN }),
    others = { alarm("other-errors", "somethingElse") },
    expect = "fail", message = "no CloudWatch alarm" },
  { name = "no alarms collected at all fails and says so",
    resource = inst({ FN }),
    expect = "fail", message = "collection gap" },
  { name = "one finding per function in list order",
    resource = inst({ FN, FN2 }),
    others = { alarm("lookup-errors", "lookupCustomer") },
    expect = { "pass", "fail" } },
  { name = "an alarm on another metric (Throttles) does not count",
    resource = inst({ FN }),
    others = { alarm("lookup-throttles", "lookupCustomer", { MetricName = "Throttles" }) },
    expect = "fail" },
  { name = "the metric follows the parameter",
    resource = inst({ FN }),
    others = { alarm("lookup-throttles", "lookupCustomer", { MetricName = "Throttles" }) },
    params = { lambda_alarm_metric = "Throttles" },
    expect = "pass" },
  { name = "an alarm in another namespace does not count",
    resource = inst({ FN }),
    others = { alarm("custom", "lookupCustomer", { Namespace = "Custom/App" }) },
    expect = "fail" },
  { name = "an alarm in another region does not count",
    resource = inst({ FN }),
    others = { { type = "cloudwatch_alarm", arn = "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:x",
                 name = "x", data = { MetricAlarm = { AlarmName = "x", ActionsEnabled = true,
                   AlarmActions = { TOPIC }, Namespace = "AWS/Lambda", MetricName = "Errors",
                   Dimensions = { { Name = "FunctionName", Value = "lookupCustomer" } } } } } },
    expect = "fail" },
  { name = "an alarm without actions notifies nobody: fail",
    resource = inst({ FN }),
    others = { alarm("lookup-errors", "lookupCustomer", { AlarmActions = {} }) },
    expect = "fail", message = "notify nobody" },
  { name = "an alarm with actions disabled: fail",
    resource = inst({ FN }),
    others = { alarm("lookup-errors", "lookupCustomer", { ActionsEnabled = false }) },
    expect = "fail", message = "lookup-errors" },
  { name = "a qualified function ARN matches on the function name",
    resource = inst({ FN .. ":PROD" }),
    others = { alarm("lookup-errors", "lookupCustomer", { Dimensions = {
      { Name = "FunctionName", Value = "lookupCustomer" }, { Name = "Resource", Value = "lookupCustomer:PROD" } } }) },
    expect = "pass" },
  { name = "DescribeAlarms failed in the region: error, not fail",
    resource = inst({ FN }),
    errors = { { arn = "arn:aws:cloudwatch:us-east-1:111122223333:alarm:*", operation = "cloudwatch:DescribeAlarms",
                 code = "AccessDenied", message = "not authorized to perform cloudwatch:DescribeAlarms" } },
    expect = "error", message = "AccessDenied" },
  { name = "DescribeAlarms failed in another region does not excuse this one",
    resource = inst({ FN }),
    errors = { { arn = "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:*", operation = "cloudwatch:DescribeAlarms",
                 code = "AccessDenied", message = "denied" } },
    expect = "fail" },
  { name = "a matching alarm still passes despite a DescribeAlarms error (evidence is there)",
    resource = inst({ FN }),
    others = { alarm("lookup-errors", "lookupCustomer") },
    errors = { { arn = "arn:aws:cloudwatch:us-east-1:111122223333:alarm:*", operation = "cloudwatch:DescribeAlarms",
                 code = "ThrottlingException", message = "Rate exceeded" } },
    expect = "pass" },
  { name = "an alarm whose MetricAlarm was not collected makes the answer unknown",
    resource = inst({ FN }),
    others = { { type = "cloudwatch_alarm", arn = alarm_arn("mystery"), name = "mystery", data = object{} } },
    expect = "error", message = "lack their MetricAlarm" },
  { name = "an entry that is not a Lambda function ARN is an error",
    resource = inst({ "arn:aws:lambda:us-east-1:111122223333:layer:shared:1" }),
    expect = "error", message = "not a Lambda function ARN" },
  { name = "no functions associated: skipped",
    resource = inst({}),
    expect = "skipped" },
  { name = "function list not collected is an error",
    resource = { arn = ARN, name = "acme-prod", data = { Attributes = {} } },
    errors = { { arn = ARN, operation = "connect:ListLambdaFunctions", code = "AccessDeniedException",
                 message = "not authorized" } },
    expect = "error", message = "AccessDeniedException" },
}
