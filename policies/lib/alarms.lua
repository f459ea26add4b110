-- alarms: which CloudWatch metric alarms (cloudwatch_alarm resources,
-- DescribeAlarms MetricAlarm items) watch a given metric and notify someone.
--
-- API:
--   alarms.collect(ctx)  -> by_region, uncollected
--       by_region[region]   = list of { arn, ma } for alarms with a MetricAlarm
--       uncollected[region] = list of alarm ARNs whose MetricAlarm is absent
--       (ARN order, from ctx:resources)
--   alarms.watches(ma, namespace, metric, dim_name, dim_value) -> metric name or nil
--       the alarm watches namespace/metric (metric nil: any metric of the
--       namespace) with a dimension dim_name = dim_value -- directly or in one
--       of its Metrics[] queries (MetricStat.Metric, as metric-math alarms are
--       built); extra dimensions still count. Returns the metric's name.
--   alarms.notifies(ma)  -> true when ActionsEnabled is true and AlarmActions
--       has at least one entry (an alarm nobody hears alerts nobody).
local alarms = {}

function alarms.collect(ctx)
  local by_region, uncollected = {}, {}
  for alarm_arn, a in ctx:resources("cloudwatch_alarm") do
    local ma = a.data.MetricAlarm
    local into = ma and by_region or uncollected
    into[a.region] = into[a.region] or {}
    table.insert(into[a.region], ma and { arn = alarm_arn, ma = ma } or alarm_arn)
  end
  return by_region, uncollected
end

local function has_dim(dims, name, value)
  for _, d in ipairs(dims or {}) do
    if d.Name == name and d.Value == value then return true end
  end
  return false
end

local function match(ns, name, dims, namespace, metric, dim_name, dim_value)
  if ns == namespace and (metric == nil or name == metric) and has_dim(dims, dim_name, dim_value) then
    return name
  end
  return nil
end

function alarms.watches(ma, namespace, metric, dim_name, dim_value)
  local hit = match(ma.Namespace, ma.MetricName, ma.Dimensions, namespace, metric, dim_name, dim_value)
  if hit then return hit end
  for _, q in ipairs(ma.Metrics or {}) do
    local m = q.MetricStat and q.MetricStat.Metric
    hit = m and match(m.Namespace, m.MetricName, m.Dimensions, namespace, metric, dim_name, dim_value)
    if hit then return hit end
  end
  return nil
end

function alarms.notifies(ma)
  return ma.ActionsEnabled == true and type(ma.AlarmActions) ~= "boolean" and ma.AlarmActions ~= nil
    and #ma.AlarmActions > 0
end

return alarms
