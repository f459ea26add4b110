-- IAM-1: alarms on IAM role and policy changes. Such alarms are CloudWatch
-- alarms on CloudTrail metric filters (logs:DescribeMetricFilters on the trail's
-- log group, e.g. the CIS "IAM policy changes" filter) or EventBridge rules on
-- IAM API calls; the snapshot holds neither, so the rule cannot see them and
-- asks (manual) instead of passing or failing on a guess. The evidence is the
-- instance's service role, whose policies are what a change would break.
local attest = require "attest"

return attest.rule {
  id = "BASE-CW-011",
  title = "IAM role and policy changes raise alarms",
  severity = "medium",
  practice = "IAM-1",
  controls = { BASELINE = {"IAM-1"}, ["PCI-DSS-4.0"] = {"10.7.2"}, HIPAA = {"164.308(a)(1)(ii)(D)"} },
  question = "Do changes to IAM roles and policies (the Connect service role, Lambda execution roles, "
    .. "key and bucket policies) raise an alarm? The snapshot holds no CloudTrail metric filters or "
    .. "EventBridge rules, so this cannot be checked automatically. (IAM-1)",
  about = { { "Instance", "ServiceRole" } },
  expected = "a CloudTrail metric filter and alarm (or EventBridge rule) on IAM changes, attested",
  rationale = "A changed role or policy can silently cut Amazon Connect off from its recordings "
    .. "bucket, key or Lambda functions, or widen access to contact data; only an alarm on the "
    .. "change tells the team when it happens.",
  remediation = "CloudWatch console > Log groups > the CloudTrail log group > Metric filters > Create: "
    .. "pattern {($.eventSource=iam.amazonaws.com) && (($.eventName=Put*Policy) || "
    .. "($.eventName=Attach*Policy) || ($.eventName=Detach*Policy) || ($.eventName=Delete*Policy) || "
    .. "($.eventName=CreatePolicyVersion))}, then an alarm on the metric notifying an SNS topic "
    .. "(aws logs put-metric-filter ...; aws cloudwatch put-metric-alarm ...).",
}
