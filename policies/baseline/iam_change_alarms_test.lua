local ak = require "testkit.attest"
local A = "111122223333"
local TRAIL = "arn:aws:cloudtrail:us-east-1:" .. A .. ":trail/org"
local GROUP = "arn:aws:logs:us-east-1:" .. A .. ":log-group:cloudtrail:*"
local TYPES = { "cloudtrail_trail", "events_rule" }
local CIS = "{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||"
  .. "($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||"
  .. "($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||"
  .. "($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||"
  .. "($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||"
  .. "($.eventName=DetachGroupPolicy)}"
-- the remediation's own pattern must pass too
local REMEDY = "{($.eventSource=iam.amazonaws.com) && (($.eventName=Put*Policy) || ($.eventName=Attach*Policy) || "
  .. "($.eventName=Detach*Policy) || ($.eventName=Delete*Policy) || ($.eventName=CreatePolicy) || "
  .. "($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion))}"
local ALARM = { AlarmName = "iam-changes", Namespace = "CIS", MetricName = "IAMChanges", ActionsEnabled = true,
                AlarmActions = { "arn:aws:sns:us-east-1:" .. A .. ":alerts" } }

local function trail(o)
  o = o or {}
  local d = {
    Trail = { Name = "org", TrailARN = TRAIL, IsMultiRegionTrail = o.multi ~= false, HomeRegion = o.home or "us-east-1",
              IncludeGlobalServiceEvents = o.global ~= false, CloudWatchLogsLogGroupArn = o.nogroup and nil or GROUP },
    Status = { IsLogging = o.logging ~= false },
    EventSelectors = o.selectors or { TrailARN = TRAIL, EventSelectors = { { ReadWriteType = "All", IncludeManagementEvents = true } } },
    MetricFilters = o.filters or { { filterName = "iam", filterPattern = o.pattern or CIS,
      metricTransformations = { { metricName = "IAMChanges", metricNamespace = "CIS", metricValue = "1" } } } },
    MetricAlarms = o.alarms or { ALARM },
  }
  for _, k in ipairs(o.drop or {}) do d[k] = nil end
  return { type = "cloudtrail_trail", arn = TRAIL, name = "org", region = "us-east-1", data = d }
end

local function rule(pattern, o)
  o = o or {}
  local region = o.region or "us-east-1"
  local a = "arn:aws:events:" .. region .. ":" .. A .. ":rule/iam-alerts"
  return { type = "events_rule", arn = a, name = "iam-alerts", region = region,
           data = { Rule = { Name = "iam-alerts", Arn = a, State = o.state or "ENABLED", EventPattern = "..." },
                    EventPattern = pattern, Targets = o.targets or { { Id = "sns", Arn = "arn:aws:sns:us-east-1:" .. A .. ":alerts" } } } }
end

local EB_ALL = { source = { "aws.iam" }, ["detail-type"] = { "AWS API Call via CloudTrail" },
                 detail = { eventSource = { "iam.amazonaws.com" },
                            eventName = { { wildcard = "*Policy" }, { suffix = "PolicyVersion" } } } }
local EB_SOME = { source = { "aws.iam" }, detail = { eventName = { { prefix = "Put" } } } }

local function case(name, others, expect, message, extra)
  local c = { name = name, resource = ak.instance(), others = others, types = TYPES, expect = expect, message = message }
  for k, v in pairs(extra or {}) do c[k] = v end
  return c
end

return {
  case("a CIS metric filter with an alarm passes", { trail() }, "pass", "alarm iam-changes (with an action)"),
  case("the remediation's pattern passes", { trail({ pattern = REMEDY }) }, "pass", "matches all 16 events"),
  case("an EventBridge rule in us-east-1 with a target passes", { trail({ filters = {} }), rule(EB_ALL) }, "pass",
    "EventBridge rule iam-alerts (enabled, in us-east-1)"),
  case("no selectors at all: CloudTrail's default logs management events", { trail({ selectors = { TrailARN = TRAIL } }) },
    "pass"),
  case("a filter without an alarm fails", { trail({ alarms = {} }) }, "fail", "no alarm with an action watches its metric CIS/IAMChanges"),
  case("an alarm without actions does not count", { trail({ alarms = { { AlarmName = "x", Namespace = "CIS",
    MetricName = "IAMChanges", ActionsEnabled = true, AlarmActions = {} } } }) }, "fail", "no alarm with an action"),
  case("a filter on one event only fails", { trail({ pattern = "{$.eventName = PutRolePolicy}" }) }, "fail",
    "no metric filter on its log group matches every IAM policy change"),
  case("a trail that is not logging fails, and a matching rule needs one", { trail({ logging = false }), rule(EB_ALL) },
    "fail", "no trail logs IAM's events"),
  case("a single-region trail outside us-east-1 fails", { trail({ multi = false, home = "eu-west-1" }) }, "fail",
    "single-region trail outside us-east-1"),
  case("a trail without global service events fails", { trail({ global = false }) }, "fail", "global service events"),
  case("read-only management events fail", { trail({ selectors = { EventSelectors = { { ReadWriteType = "ReadOnly",
    IncludeManagementEvents = true } } } }) }, "fail", "no management write events"),
  case("a rule on some events only fails", { trail({ filters = {} }), rule(EB_SOME) }, "fail", "no metric filter"),
  case("a disabled rule does not count", { trail({ filters = {} }), rule(EB_ALL, { state = "DISABLED" }) }, "fail"),
  case("a rule without a target fails", { trail({ filters = {} }), rule(EB_ALL, { targets = {} }) }, "fail", "has no target"),
  case("a rule in another region does not count (IAM's events arrive in us-east-1)",
    { trail({ filters = {} }), rule(EB_ALL, { region = "eu-west-1" }) }, "fail"),
  case("no trail and no rule fails", {}, "fail", "no CloudTrail trail is listed"),
  case("a pattern on a field this check does not model is manual",
    { trail({ pattern = '{($.eventSource = iam.amazonaws.com) && ($.userIdentity.type = "AssumedRole")}' }) },
    "manual", "metric filter iam: cannot tell"),
  case("&& and || mixed without parentheses is manual",
    { trail({ pattern = "{$.eventSource = iam.amazonaws.com && $.eventName = Put* || $.eventName = Delete*}" }) },
    "manual", "mixed without parentheses"),
  case("an EventBridge operator this check does not know is manual",
    { trail({ filters = {} }), rule({ source = { "aws.iam" }, detail = { eventName = { { ["numeric"] = { ">", 0 } } } } }) },
    "manual", "EventBridge rule iam-alerts: cannot tell"),
  case("the metric filters not collected is an error", { trail({ drop = { "MetricFilters" } }) }, "error",
    "AccessDeniedException", { errors = { { arn = TRAIL, operation = "logs:DescribeMetricFilters",
      code = "AccessDeniedException", message = "denied" } } }),
  case("the alarms not collected is an error", { trail({ drop = { "MetricAlarms" } }) }, "error", "alarms on its metric"),
  case("the trail's status not collected is an error", { trail({ drop = { "Status" } }) }, "error", "GetTrailStatus"),
  case("DescribeTrails denied is an error", {}, "error", "cloudtrail:DescribeTrails failed",
    { errors = { { arn = "arn:aws:cloudtrail:us-east-1:" .. A .. ":trail/*", operation = "cloudtrail:DescribeTrails",
      code = "AccessDeniedException", message = "denied" } } }),
  { name = "a snapshot without trails and rules asks (manual)", resource = ak.instance(), expect = "manual",
    message = "holds no CloudTrail trails" },
  { name = "the instance not collected: error", resource = ak.instance({}, { "Instance" }), expect = "error",
    message = "Instance" },
}
