-- CW-3: relevant Amazon Connect metrics have alarms that notify someone.
--
-- Amazon Connect publishes instance metrics in the AWS/Connect namespace with
-- dimension InstanceId = the instance's id (Administrator Guide, "Monitoring
-- your instance using CloudWatch": ConcurrentCalls, ConcurrentCallsPercentage,
-- ThrottledCalls, CallsBreachingConcurrencyQuota, MisconfiguredPhoneNumbers,
-- CallRecordingUploadError, ContactFlowErrors, ContactFlowFatalErrors, ...).
-- The pack parameter `connect_alarm_metrics` names the metrics that each need
-- an alarm; an entry that is a list names equivalent metrics, any one of which
-- covers it (by default one entry: ThrottledCalls, CallsBreachingConcurrencyQuota
-- or ConcurrentCallsPercentage -- each shows the instance reaching its
-- concurrent-call quota); an empty list asks for at least one alarm on any
-- AWS/Connect metric of the instance. One finding per instance, naming each metric's verdict.
--
-- An alarm counts when it is in the instance's region, watches the metric with
-- InstanceId = Instance.Id (directly or in a metric-math query), and notifies
-- (ActionsEnabled and an AlarmActions entry) -- lib/alarms.lua. When none is
-- found, as in BASE-LAM-002: a cloudwatch:DescribeAlarms error for the region
-- -> error; an alarm whose MetricAlarm was not collected -> error (it might be
-- the one); otherwise fail (the message says when no alarm at all was
-- collected in the region, so a collection gap shows).
local alarms = require "alarms"
local collection = require "collection"

local NS = "AWS/Connect"

return {
  id = "BASE-CW-010",
  title = "Amazon Connect instance metrics have notifying CloudWatch alarms",
  severity = "medium",
  practice = "CW-3",
  -- availability, not PCI DSS 10.7.2 (that is failures of security controls)
  controls = { BASELINE = {"CW-3"}, PII = {"GDPR-32(1)(b)"} },
  resource = "connect_instance",
  rationale = "When the instance hits its concurrent-call quota or throttles calls, callers get busy "
    .. "signals and nothing in the contact center tells the team; an alarm on the AWS/Connect "
    .. "metrics is the only early warning.",
  remediation = "CloudWatch console > Alarms > Create alarm > Connect > Metrics with no dimensions / "
    .. "InstanceId > the metric > threshold > notify an SNS topic; or: aws cloudwatch put-metric-alarm "
    .. "--alarm-name connect-throttled-calls --namespace AWS/Connect --metric-name ThrottledCalls "
    .. "--dimensions Name=InstanceId,Value=INSTANCE_ID Name=MetricGroup,Value=VoiceCalls --statistic "
    .. "Sum --period 60 --evaluation-periods 1 --threshold 1 --comparison-operator "
    .. "GreaterThanOrEqualToThreshold --alarm-actions TOPIC_ARN --region REGION",
  check = function(r, ctx)
    local id = ctx:need(r.data, "Instance", "Id")
    local wanted = ctx.params.connect_alarm_metrics
    local id_ev = { path = "data/Instance/Id", expected = "alarms with dimension InstanceId = " .. tostring(id) }
    local by_region, uncollected = alarms.collect(ctx)
    local found = by_region[r.region] or {}

    -- metric nil: any AWS/Connect metric of the instance. Returns status, message, evidence.
    local function judge(metric)
      local label = metric or ("any " .. NS .. " metric")
      local silent = {}
      for _, a in ipairs(found) do
        local hit = alarms.watches(a.ma, NS, metric, "InstanceId", id)
        if hit and alarms.notifies(a.ma) then
          return "pass", ("alarm %s watches %s and notifies %s"):format(tostring(a.ma.AlarmName),
            hit, tostring(a.ma.AlarmActions[1])),
            { { path = ctx:ptr(a.ma, "AlarmName"), expected = "an alarm on " .. label },
              { path = ctx:ptr(a.ma, "AlarmActions"), expected = "at least one action" } }
        elseif hit then
          silent[#silent + 1] = a
        end
      end
      local errs = collection.errors_for_op(ctx, "cloudwatch:DescribeAlarms", r.region)
      local missing = uncollected[r.region] or {}
      if #errs > 0 then
        return "error", ("no notifying alarm on %s found, and alarms in %s were not all collected (%s)"):format(
          label, r.region, collection.summary(errs, 3)), {}
      elseif #missing > 0 then
        return "error", ("no notifying alarm on %s found, but %d alarm(s) in %s lack their MetricAlarm "
          .. "and might be it (%s)"):format(label, #missing, r.region, missing[1]), {}
      elseif #silent > 0 then
        local ev = {}
        for _, a in ipairs(silent) do
          ev[#ev + 1] = { path = ctx:ptr(a.ma, "ActionsEnabled"), expected = true }
          ev[#ev + 1] = { path = ctx:ptr(a.ma, "AlarmActions"), expected = "at least one action" }
        end
        return "fail", ("the alarm(s) on %s notify nobody (%s: actions disabled or no AlarmActions)"):format(
          label, tostring(silent[1].ma.AlarmName)), ev
      else
        return "fail", ("no CloudWatch alarm on %s with InstanceId %s (%d alarm(s) collected in %s%s)"):format(
          label, tostring(id), #found, r.region,
          #found == 0 and "; if alarms were never collected, this is a collection gap" or ""),
          { { expected = "an alarm on " .. label, note = ("%d metric alarm(s) collected in %s"):format(#found, r.region) } }
      end
    end

    -- One finding for the instance (a diff matches findings by their first evidence path,
    -- which is the same for every metric): fail if any metric fails, else error if any
    -- is undecided, else pass; the message lists each metric's verdict.
    -- An entry of connect_alarm_metrics that is a list names equivalent metrics: an alarm on
    -- any one of them covers the entry (pass at the first that passes; else fail if any fails,
    -- else error, each alternative's words in the message).
    local function judge_entry(entry)
      if type(entry) == "string" or entry == false then return judge(entry or nil) end
      local alts, out = {}, { fail = {}, error = {} }
      local evs = {}
      for _, m in ipairs(entry) do alts[#alts + 1] = m end
      if #alts == 0 then return judge(nil) end
      for _, m in ipairs(alts) do
        local st, msg, ev = judge(m)
        if st == "pass" then
          return "pass", msg .. " (accepted for any of " .. table.concat(alts, ", ") .. ")", ev
        end
        table.insert(out[st], msg)
        for _, e in ipairs(ev) do evs[#evs + 1] = e end
      end
      local st = #out.fail > 0 and "fail" or "error"
      local words = {}
      for _, k in ipairs({ "fail", "error" }) do
        for _, m in ipairs(out[k]) do words[#words + 1] = m end
      end
      return st, "no notifying alarm on any of " .. table.concat(alts, ", ") .. " (equivalent metrics): "
        .. table.concat(words, "; "), evs
    end
    local metrics = #wanted == 0 and { false } or wanted
    local by_status, evidence = { pass = {}, fail = {}, error = {} }, { id_ev }
    for _, metric in ipairs(metrics) do
      local st, msg, ev = judge_entry(metric)
      table.insert(by_status[st], msg)
      for _, e in ipairs(ev) do evidence[#evidence + 1] = e end
    end
    local function says(st) return table.concat(by_status[st], "; ") end
    local prefix = "instance " .. r.name .. ": "
    local rest = #by_status.pass > 0 and (" (" .. says("pass") .. ")") or ""
    if #by_status.fail > 0 then
      ctx:fail(prefix .. says("fail") .. (#by_status.error > 0 and ("; " .. says("error")) or "") .. rest, evidence)
    elseif #by_status.error > 0 then
      ctx:error(prefix .. says("error") .. rest, evidence)
    else
      ctx:pass(prefix .. says("pass"), evidence)
    end
  end,
}
