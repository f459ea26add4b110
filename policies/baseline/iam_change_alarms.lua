-- IAM-1: alarms on IAM role and policy changes, decided from what
-- collect/trail.c gathers: a CloudTrail trail that logs IAM's events (logging,
-- management write events, global service events from a multi-region trail or
-- one homed in us-east-1) and either
--   * a metric filter on the trail's log group whose pattern matches every
--     event of `iam_change_events` (lib/alerting.lua evaluates the pattern),
--     with a CloudWatch alarm with an action on the filter's metric, or
--   * an enabled EventBridge rule in us-east-1 (where IAM's events arrive)
--     whose pattern matches every one of them, with a target
--     (EventBridge receives API calls only through CloudTrail: the trail is
--     needed for this way too).
-- Any such path passes. Otherwise: what was not collected is `error`; a
-- pattern this check cannot evaluate is `manual` (a person reads it); with
-- everything seen and none of them there, `fail` saying what is missing. A
-- snapshot without trails and rules at all (an older collector; an import of an
-- export made before the script asked them) asks the question as before (manual).
local alerting = require "alerting"
local arn = require "arn"
local collection = require "collection"

local GLOBAL = "us-east-1"

local function decide(ctx, names)
  local iam_ev, eb_ev = alerting.iam_events(names), alerting.eb_iam_events(names)
  local missing, unknown, why = {}, {}, {}
  local trail_ok, trail_ev
  for tarn, t in ctx:resources("cloudtrail_trail") do
    local d, label = t.data, ("trail %s"):format(tostring(t.name))
    local ok, reason = alerting.trail_delivers(d, true)
    if ok == nil then
      missing[#missing + 1] = ("%s: %s (%s)"):format(label, reason, collection.explain(ctx, tarn))
    elseif ok == false then
      why[#why + 1] = ("%s: %s"):format(label, reason)
    else
      trail_ok = true
      trail_ev = trail_ev or { path = ctx:ptr(d, "Status", "IsLogging"), expected = true,
                               note = label .. " logs IAM's events" }
      if not d.Trail.CloudWatchLogsLogGroupArn then
        why[#why + 1] = label .. ": delivers to no CloudWatch Logs group, so no metric filter sees its events"
      elseif d.MetricFilters == nil then
        missing[#missing + 1] = ("%s: the metric filters of its log group were not collected (%s)"):format(label,
          collection.explain(ctx, tarn, "logs:DescribeMetricFilters"))
      else
        local matched = false
        for i, f in ipairs(d.MetricFilters) do
          local cov, w = alerting.filter_covers(f.filterPattern, iam_ev)
          local fl = ("%s: metric filter %s"):format(label, tostring(f.filterName))
          if cov == nil then
            unknown[#unknown + 1] = ("%s: %s"):format(fl, w)
          elseif cov then
            matched = true
            for _, mt in ipairs(f.metricTransformations or {}) do
              if d.MetricAlarms == nil then
                missing[#missing + 1] = ("%s: the alarms on its metric were not collected (%s)"):format(fl,
                  collection.explain(ctx, tarn, "cloudwatch:DescribeAlarmsForMetric"))
              else
                local a, ai = alerting.alarm_on(d.MetricAlarms, mt.metricNamespace, mt.metricName)
                if a then
                  return "pass", ("IAM policy changes raise an alarm: %s matches all %d events of "
                    .. "iam_change_events and alarm %s (with an action) watches %s/%s"):format(fl, #names,
                    tostring(a.AlarmName), tostring(mt.metricNamespace), tostring(mt.metricName)),
                    { trail_ev, { path = ctx:ptr(d.MetricFilters, i, "filterPattern"), note = "matches every event" },
                      { path = ctx:ptr(d.MetricAlarms, ai, "AlarmActions"), note = "the alarm's actions" } }
                end
                why[#why + 1] = ("%s matches them, but no alarm with an action watches its metric %s/%s"):format(fl,
                  tostring(mt.metricNamespace), tostring(mt.metricName))
              end
            end
          end
        end
        if not matched then
          why[#why + 1] = label .. ": no metric filter on its log group matches every IAM policy change"
        end
      end
    end
  end
  if not trail_ok and #why == 0 and #missing == 0 then why[#why + 1] = "no CloudTrail trail is listed" end
  for rarn, rr in ctx:resources("events_rule") do
    if arn.region(rarn) == GLOBAL then
      local d, label = rr.data, ("EventBridge rule %s"):format(tostring(rr.name))
      if d.Rule == nil or d.EventPattern == nil then
        missing[#missing + 1] = ("%s: its pattern was not collected (%s)"):format(label, collection.explain(ctx, rarn))
      elseif d.Rule.State == "ENABLED" then
        local cov, w = alerting.pattern_covers(d.EventPattern, eb_ev)
        if cov == nil then
          unknown[#unknown + 1] = ("%s: %s"):format(label, w)
        elseif cov then
          if d.Targets == nil then
            missing[#missing + 1] = ("%s: its targets were not collected (%s)"):format(label,
              collection.explain(ctx, rarn, "events:ListTargetsByRule"))
          elseif d.Targets[1] == nil then
            why[#why + 1] = label .. " matches them but has no target"
          elseif not trail_ok then
            why[#why + 1] = label .. " matches them, but no trail logs IAM's events (EventBridge receives API "
              .. "calls only through CloudTrail)"
          else
            return "pass", ("IAM policy changes raise an alert: %s (enabled, in %s) matches all %d events of "
              .. "iam_change_events and has %d target%s"):format(label, GLOBAL, #names, #d.Targets,
              #d.Targets == 1 and "" or "s"),
              { trail_ev, { path = ctx:ptr(d, "EventPattern"), note = "matches every event" },
                { path = ctx:ptr(d, "Targets"), note = "where the alert goes" } }
          end
        end
      end
    end
  end
  for _, op in ipairs({ "cloudtrail:DescribeTrails", "events:ListRules" }) do
    local errs = collection.errors_for_op(ctx, op, op == "events:ListRules" and GLOBAL or nil)
    if #errs > 0 then missing[#missing + 1] = collection.describe(errs, 3) end
  end
  local ev = { { path = "/resources/cloudtrail_trail", note = "the trails" },
               { path = "/resources/events_rule", note = "the EventBridge rules on IAM or Connect events" } }
  if #missing > 0 then
    return "error", "cannot tell whether IAM policy changes raise an alarm: " .. table.concat(missing, "; "), ev
  end
  if #unknown > 0 then
    return "manual", "a person must read these patterns to tell whether every IAM policy change raises an "
      .. "alarm: " .. table.concat(unknown, "; ") .. (#why > 0 and ("; and: " .. table.concat(why, "; ")) or ""), ev
  end
  return "fail", "no alarm or EventBridge alert on IAM policy changes: " .. table.concat(why, "; "), ev
end

return {
  id = "BASE-CW-011",
  title = "IAM role and policy changes raise alarms",
  severity = "medium",
  practice = "IAM-1",
  controls = { BASELINE = {"IAM-1"}, ["PCI-DSS-4.0"] = {"10.7.2"}, HIPAA = {"164.308(a)(1)(ii)(D)"} },
  resource = "connect_instance",
  rationale = "A changed role or policy can silently cut Amazon Connect off from its recordings "
    .. "bucket, key or Lambda functions, or widen access to contact data; only an alarm on the "
    .. "change tells the team when it happens.",
  remediation = "CloudWatch console > Log groups > the CloudTrail log group > Metric filters > Create: "
    .. "pattern {($.eventSource=iam.amazonaws.com) && (($.eventName=Put*Policy) || "
    .. "($.eventName=Attach*Policy) || ($.eventName=Detach*Policy) || ($.eventName=Delete*Policy) || "
    .. "($.eventName=CreatePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion))}, "
    .. "then an alarm on the metric "
    .. "notifying an SNS topic (aws logs put-metric-filter ...; aws cloudwatch put-metric-alarm ...); or an "
    .. "EventBridge rule in us-east-1 on source aws.iam with those event names and an SNS target. The trail "
    .. "must be logging, multi-region (or in us-east-1) and include global service events.",
  check = function(r, ctx)
    local inst = ctx:need(r.data, "Instance")
    local res = ctx.snapshot.resources
    if res.cloudtrail_trail == nil or res.events_rule == nil then
      return ctx:manual("Do changes to IAM roles and policies (the Connect service role, Lambda execution "
        .. "roles, key and bucket policies) raise an alarm? This snapshot holds no CloudTrail trails or "
        .. "EventBridge rules (an older collector, or an export made before they were exported), so this cannot be checked "
        .. "automatically. (IAM-1)", { path = ctx:ptr(inst), expected = "a CloudTrail metric filter and alarm "
        .. "(or EventBridge rule) on IAM changes, attested" })
    end
    local names = ctx.params.iam_change_events
    local list = {}
    for _, n in ipairs(names) do list[#list + 1] = n end
    if #list == 0 then return ctx:error("iam_change_events is empty: no IAM event to look for") end
    local v = ctx:once("iam-1", function()
      local status, msg, ev = decide(ctx, list)
      return { status = status, msg = msg, ev = ev }
    end)
    ctx[v.status](ctx, v.msg, v.ev)
  end,
}
