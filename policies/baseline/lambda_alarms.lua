-- LAM-2: every Lambda function associated with the instance has a CloudWatch
-- alarm on its AWS/Lambda error metric (pack parameter lambda_alarm_metric,
-- default "Errors") that notifies someone.
--
-- Resource: connect_instance, not lambda_function. "Associated" is a fact of
-- the instance (ListLambdaFunctions); a lambda_function resource does not say
-- which instance uses it, and a function the collector could not describe
-- would silently drop out. Findings are filed under each function's ARN (its
-- unqualified one for a qualified ARN) when the snapshot holds the function,
-- else under the instance (the message names the function).
--
-- Which alarms count: a cloudwatch_alarm in the function's region whose
-- MetricAlarm watches Namespace AWS/Lambda, MetricName = the parameter, with
-- a dimension FunctionName = the function's name -- either directly or in
-- one of its Metrics[] queries (MetricStat.Metric), as metric-math alarms
-- are built. Extra dimensions (Resource = "name:alias") still count. The
-- alarm must notify: ActionsEnabled true and at least one AlarmActions entry;
-- an alarm nobody hears alerts nobody (PCI DSS 10.7.2 asks for alerting).
-- All associated functions are treated as critical: the snapshot cannot tell
-- which ones are.
--
-- "No alarm" vs "alarms not collected": DescribeAlarms is one account-wide
-- call per region, so its failure is an errors[] entry with operation
-- cloudwatch:DescribeAlarms. When no notifying alarm is found:
--   * such an error for the function's region (or with no region) -> error;
--   * an alarm in that region whose MetricAlarm is absent -> error (it might
--     be the one);
--   * otherwise -> fail. A collector that never tried to list alarms and
--     recorded nothing leads to fail, never to pass; the message then says
--     no alarm at all was collected in that region, so the gap shows.
local arn = require "arn"
local collection = require "collection"
local flowrefs = require "flowrefs"

local MAX_LISTED = 5

-- true when a {Name, Value} dimension list holds FunctionName = name.
local function has_function_dim(dims, name)
  if not dims then return false end
  for _, d in ipairs(dims) do
    if d.Name == "FunctionName" and d.Value == name then return true end
  end
  return false
end

local function metric_matches(namespace, metric_name, dims, want_metric, fn_name)
  return namespace == "AWS/Lambda" and metric_name == want_metric and has_function_dim(dims, fn_name)
end

-- Does MetricAlarm ma watch the function's metric (directly or via Metrics[])?
local function watches(ma, want_metric, fn_name)
  if metric_matches(ma.Namespace, ma.MetricName, ma.Dimensions, want_metric, fn_name) then return true end
  for _, q in ipairs(ma.Metrics or {}) do
    local m = q.MetricStat and q.MetricStat.Metric
    if m and metric_matches(m.Namespace, m.MetricName, m.Dimensions, want_metric, fn_name) then
      return true
    end
  end
  return false
end

local function notifies(ma)
  return ma.ActionsEnabled == true and ma.AlarmActions ~= nil and ma.AlarmActions ~= false
    and #ma.AlarmActions > 0
end

local function list(names)
  local shown = {}
  for i = 1, math.min(#names, MAX_LISTED) do shown[i] = names[i] end
  local s = table.concat(shown, ", ")
  if #names > MAX_LISTED then s = s .. " and " .. (#names - MAX_LISTED) .. " more" end
  return s
end

return {
  id = "BASE-LAM-002",
  title = "Lambda functions associated with the instance have error alarms",
  severity = "medium",
  practice = "LAM-2",
  -- availability, not PCI DSS 10.7.2 (that is failures of security controls)
  controls = { BASELINE = {"LAM-2"}, PII = {"GDPR-32(1)(b)"} },
  resource = "connect_instance",
  rationale = "Flows depend on their Lambda functions; when one starts failing, callers hit error "
    .. "branches silently unless a CloudWatch alarm on the function's errors notifies the team.",
  remediation = "CloudWatch console > Alarms > Create alarm > Lambda > By Function Name > the "
    .. "function's Errors metric > threshold > notify an SNS topic; or: aws cloudwatch "
    .. "put-metric-alarm --alarm-name NAME-errors --namespace AWS/Lambda --metric-name Errors "
    .. "--dimensions Name=FunctionName,Value=NAME --statistic Sum --period 60 --evaluation-periods 1 "
    .. "--threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --alarm-actions TOPIC_ARN "
    .. "--region REGION",
  check = function(r, ctx)
    local fns = ctx:need(r.data, "LambdaFunctions")
    if #fns == 0 then
      ctx:skip("instance " .. r.name .. " has no Lambda functions associated")
      return
    end
    local metric = ctx.params.lambda_alarm_metric
    -- alarms grouped by region once: ARN order (ctx:resources) keeps output stable
    local by_region, uncollected = {}, {}
    for alarm_arn, a in ctx:resources("cloudwatch_alarm") do
      local ma = a.data.MetricAlarm
      if ma then
        by_region[a.region] = by_region[a.region] or {}
        table.insert(by_region[a.region], { arn = alarm_arn, ma = ma })
      else
        uncollected[a.region] = uncollected[a.region] or {}
        table.insert(uncollected[a.region], alarm_arn)
      end
    end

    for i, fn in ipairs(fns) do
      local region = arn.region(fn)
      local kind, id = arn.resource_parts(fn)
      local name = id and id:match("^[^:]+")
      local fn_ev = { path = ctx:ptr(fns, i),
                      expected = "an AWS/Lambda " .. metric .. " alarm with FunctionName = "
                        .. tostring(name) .. " and an alarm action" }
      local opts = { resource = collection.filed_under(ctx, "lambda_function", r.arn, fn, flowrefs.lambda_base(fn)) }
      if arn.service(fn) ~= "lambda" or kind ~= "function" or not region or not name then
        ctx:error("instance " .. r.name .. ": associated function " .. tostring(fn)
          .. " is not a Lambda function ARN", fn_ev, opts)
      else
        local alarms = by_region[region] or {}
        local good, silent = nil, {}
        for _, a in ipairs(alarms) do
          if watches(a.ma, metric, name) then
            if notifies(a.ma) then good = good or a else silent[#silent + 1] = a end
          end
        end
        if good then
          ctx:pass("Lambda function " .. name .. " has alarm " .. tostring(good.ma.AlarmName)
            .. " on its " .. metric .. " metric, notifying " .. tostring(good.ma.AlarmActions[1]),
            { fn_ev,
              { path = ctx:ptr(good.ma, "AlarmName"), expected = "an alarm on " .. name .. "'s " .. metric },
              { path = ctx:ptr(good.ma, "AlarmActions"), expected = "at least one action" } },
            opts)
        else
          local errs = collection.errors_for_op(ctx, "cloudwatch:DescribeAlarms", region)
          local missing = uncollected[region] or {}
          if #errs > 0 then
            ctx:error("Lambda function " .. name .. ": alarms in " .. region .. " were not all collected ("
              .. collection.summary(errs, MAX_LISTED) .. "), so a missing alarm cannot be told from an unseen one",
              fn_ev, opts)
          elseif #missing > 0 then
            ctx:error("Lambda function " .. name .. ": no notifying " .. metric .. " alarm found, but "
              .. #missing .. " alarm(s) in " .. region .. " lack their MetricAlarm (" .. list(missing)
              .. ") and might be it", fn_ev, opts)
          elseif #silent > 0 then
            local names, ev = {}, { fn_ev }
            for k, a in ipairs(silent) do
              names[#names + 1] = tostring(a.ma.AlarmName)
              if k <= MAX_LISTED then
                ev[#ev + 1] = { path = ctx:ptr(a.ma, "ActionsEnabled"), expected = true }
                ev[#ev + 1] = { path = ctx:ptr(a.ma, "AlarmActions"), expected = "at least one action" }
              end
            end
            ctx:fail("Lambda function " .. name .. " has " .. metric .. " alarm(s) that notify nobody ("
              .. list(names) .. ": actions disabled or no AlarmActions)", ev, opts)
          else
            ctx:fail("Lambda function " .. name .. " has no CloudWatch alarm on its AWS/Lambda " .. metric
              .. " metric (" .. #alarms .. " alarm(s) collected in " .. region
              .. (#alarms == 0 and "; if alarms were never collected, this is a collection gap)" or ")"),
              { fn_ev, { expected = "an alarm on " .. name .. "'s " .. metric,
                         note = ("%d metric alarm(s) collected in %s"):format(#alarms, region) } },
              opts)
          end
        end
      end
    end
  end,
}
