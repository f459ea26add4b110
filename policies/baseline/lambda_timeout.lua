-- BASE-LAM-010: every Lambda function a flow invokes fits in the time Connect
-- waits for it. In the flow, InvocationTimeLimitSeconds must lie in 1-8 (the
-- block's documented range; absent = the block's default, inside it). On the
-- function, Configuration.Timeout must be at most `lambda_max_timeout_seconds`
-- (default 8): Connect stops waiting after at most 8 s and takes the error
-- branch, while a function allowed to run longer keeps going - a payment or
-- CRM update then completes after the caller was told it failed.
-- The function side is decided only when the lambda_function resource is in
-- the snapshot; otherwise that half is `manual` (or `error` when errors[]
-- says its collection failed).
local flow = require "flow"
local refs = require "flowrefs"
local collection = require "collection"

local FLOW_MAX = 8

local function flow_item(ctx, node)
  local what = ("InvokeLambdaFunction %s"):format(node.id or "?")
  local v = node.params and node.params.InvocationTimeLimitSeconds
  local path = ctx:ptr(node.view, "Parameters", "InvocationTimeLimitSeconds")
  local expected = ("1-%d seconds"):format(FLOW_MAX)
  if v == nil then
    return { status = "pass", text = what .. ": no InvocationTimeLimitSeconds (the block's default, within 1-8 s)",
             ev = { { path = ctx:ptr(node.view, "Parameters"), note = "InvocationTimeLimitSeconds absent", expected = expected } } }
  end
  if refs.is_dynamic(v) then
    return { status = "manual", text = ("%s: time limit set at run time from %s (unresolved)"):format(what, v),
             ev = { { path = path, expected = expected } } }
  end
  local n = tonumber(v)
  if not n or n < 1 or n > FLOW_MAX then
    return { status = "fail", text = ("%s waits %s s, outside 1-%d s"):format(what, tostring(v), FLOW_MAX),
             ev = { { path = path, expected = expected } } }
  end
  return { status = "pass", text = ("%s waits %s s"):format(what, tostring(v)), ev = { { path = path, expected = expected } } }
end

local function function_item(ctx, node, max)
  local what = ("InvokeLambdaFunction %s"):format(node.id or "?")
  local v = node.params and node.params.LambdaFunctionARN
  local apath = ctx:ptr(node.view, "Parameters", "LambdaFunctionARN")
  local expected = ("Timeout <= %d s (lambda_max_timeout_seconds)"):format(max)
  if refs.is_dynamic(v) then
    return { status = "manual", text = ("%s: function set at run time from %s; confirm its Timeout <= %d s"):format(what, v, max),
             ev = { { path = apath, expected = expected } } }
  end
  local base = refs.lambda_base(v)
  if not base and refs.is_placeholder(v) then
    return { status = "manual", text = ("%s: %s is a template placeholder, not the deployed function; confirm that "
               .. "function's Timeout <= %d s"):format(what, v, max),
             ev = { { path = apath, expected = expected } } }
  end
  if not base then
    return { status = "fail", text = ("%s: %s is not a Lambda function ARN"):format(what, tostring(v)),
             ev = { { path = apath, expected = "a Lambda function ARN" } } }
  end
  local fn = ctx:lookup("lambda_function", base)
  local errs = collection.errors_for(ctx, base)
  if not fn then
    if #errs > 0 then
      return { status = "error", text = ("%s: function %s could not be described (%s)"):format(what, base, collection.summary(errs)),
               ev = { { path = apath, expected = expected } } }
    end
    return { status = "manual", text = ("%s: function %s is not in the snapshot; confirm its Timeout <= %d s"):format(what, base, max),
             ev = { { path = apath, expected = expected } } }
  end
  local tpath = refs.container_ptr({ type = "lambda_function", arn = base }) .. "/data/Configuration/Timeout"
  local cfg = fn.data.Configuration
  local t = flow.is_view(cfg) and cfg.Timeout or nil
  if type(t) ~= "number" then
    return { status = "error", text = ("%s: function %s has no Configuration.Timeout in the snapshot (%s)")
               :format(what, base, collection.summary(errs)),
             ev = { { path = tpath, expected = expected } } }
  end
  local ev = { { path = tpath, expected = expected }, { path = apath, expected = "the function whose Timeout is read" } }
  if t > max then
    return { status = "fail", text = ("%s: function %s may run %d s, longer than Connect waits (lambda_max_timeout_seconds = %d)")
               :format(what, base, t, max), ev = ev }
  end
  return { status = "pass", text = ("%s: function %s Timeout %d s"):format(what, base, t), ev = ev }
end

return {
  id = "BASE-LAM-010",
  title = "Lambda functions invoked by flows time out within Connect's 8-second wait",
  severity = "medium",
  practice = "LAM-1",
  controls = { BASELINE = { "LAM-1" } },
  resource = flow.TYPES, -- flows and flow modules
  rationale = "Amazon Connect waits at most 8 seconds for a Lambda function (InvocationTimeLimitSeconds 1-8). A "
    .. "function whose own timeout is longer keeps running after the flow has taken its error branch: the caller "
    .. "hears a failure while the payment or update goes through, and retries duplicate it.",
  remediation = "Set the function's timeout to 8 s or less: Lambda console > the function > Configuration > "
    .. "General configuration > Timeout, or aws lambda update-function-configuration --function-name NAME "
    .. "--timeout 8; move slow work behind an asynchronous call. In the flow's Invoke AWS Lambda function block "
    .. "set the timeout to at most 8 seconds.",
  check = function(r, ctx)
    local g = flow.load(ctx, r)
    if not g then return end
    local name = r.name or r.arn
    local max = tonumber(ctx.params.lambda_max_timeout_seconds)
    if not max then
      ctx:error("parameter lambda_max_timeout_seconds is not a number: " .. tostring(ctx.params.lambda_max_timeout_seconds))
      return
    end
    local items = {}
    for _, node in ipairs(refs.actions(g, { InvokeLambdaFunction = true })) do
      items[#items + 1] = flow_item(ctx, node)
      items[#items + 1] = function_item(ctx, node, max)
    end
    refs.report(ctx, name, items, {
      none = "invokes no Lambda function",
      words = { fail = "Lambda invocation(s) that can outlast Connect's wait or name no Lambda function",
                error = "Lambda timeout(s) not in the snapshot",
                manual = "Lambda timeout(s) to confirm",
                pass = "Lambda time limit(s) within Connect's wait" } })
  end,
}
