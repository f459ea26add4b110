-- LAM-1 / REG-2: every Lambda function associated with the instance runs in
-- the instance's region. One finding per function, filed under the
-- function's ARN (its unqualified one for a qualified ARN) when the snapshot
-- holds the function, so a report lists each offending function by name;
-- under the instance when it does not (the message names the function).
local arn = require "arn"
local collection = require "collection"
local flowrefs = require "flowrefs"

return {
  id = "BASE-LAM-001",
  title = "Lambda functions associated with the instance are in its region",
  severity = "medium",
  practice = "LAM-1",
  controls = { BASELINE = {"LAM-1", "REG-2"}, PII = {"GDPR-44"} },
  resource = "connect_instance",
  rationale = "A flow waits on every Lambda call, so a function in another region adds latency to "
    .. "each contact; and the contact data passed to it leaves the instance's region, which may be "
    .. "a transfer the data-protection assessment never covered.",
  remediation = "Deploy the function in the instance's region, then Amazon Connect console > the "
    .. "instance > Flows > AWS Lambda: add the new function and remove the old one, and point the "
    .. "flows' Invoke AWS Lambda function blocks at it; or: aws connect associate-lambda-function "
    .. "--instance-id ID --function-arn NEW_ARN && aws connect disassociate-lambda-function "
    .. "--instance-id ID --function-arn OLD_ARN",
  check = function(r, ctx)
    local fns = ctx:need(r.data, "LambdaFunctions")
    if #fns == 0 then
      ctx:skip("instance " .. r.name .. " has no Lambda functions associated")
      return
    end
    -- the container's region is the collector's normalised instance region
    local home = r.region
    for i, fn in ipairs(fns) do
      local where = arn.region(fn)
      local ev = {
        { path = ctx:ptr(fns, i), expected = "a function ARN in " .. home },
        { path = "region", expected = home },
      }
      local opts = { resource = collection.filed_under(ctx, "lambda_function", r.arn, fn, flowrefs.lambda_base(fn)) }
      if arn.service(fn) ~= "lambda" or not where then
        ctx:error("instance " .. r.name .. ": associated function " .. tostring(fn)
          .. " is not a Lambda ARN with a region", ev, opts)
      elseif where == home then
        ctx:pass("Lambda function " .. fn .. " is in the instance's region " .. home, ev, opts)
      else
        ctx:fail("Lambda function " .. fn .. " runs in " .. where .. ", not in the instance's region "
          .. home .. " (instance " .. r.name .. ")", ev, opts)
      end
    end
  end,
}
