-- testkit.flowrefs -- builders for the tests of the flow reference rules
-- (BASE-FLOW-02x, BASE-LAM-010, BASE-TEL-00x, BASE-POL-00x). Test files only.
-- Flows themselves come from testkit.flow (fk.flow, fk.act, …); these add the
-- instance, Lambda functions, queues and phone numbers a flow refers to.
--
--   rk.INSTANCE                  fk.INSTANCE (us-east-1, account 111122223333)
--   rk.OTHER_INSTANCE            another instance in the same account and region
--   rk.LAMBDA(name [, region [, account]])   a function ARN
--   rk.instance(o)               connect_instance resource (an `others` entry);
--       o.lambdas (LambdaFunctions), o.bots (LexBots), o.outbound ("true"/"false":
--       OUTBOUND_CALLS attribute; nil leaves it out), o.drop = {member names to leave out}
--   rk.lambda(arn, timeout)      lambda_function resource with Configuration.Timeout
--                                (timeout "DROP" leaves Configuration out)
--   rk.invoke(id, fn, limit, next)  InvokeLambdaFunction, NoMatchingError -> "bye"
--   rk.queue_arn(id [, inst])    queue ARN under the instance
--   rk.flow_with(name, actions)  fk.flow(name, first action's Identifier, actions .. bye)
local fk = require "testkit.flow"
local M = {}

M.INSTANCE = fk.INSTANCE
M.OTHER_INSTANCE = "arn:aws:connect:us-east-1:111122223333:instance/9e9e9e9e-0000-4000-8000-000000000099"

function M.LAMBDA(name, region, account)
  return ("arn:aws:lambda:%s:%s:function:%s"):format(region or "us-east-1", account or "111122223333", name)
end

function M.instance(o)
  o = o or {}
  local attrs = { { AttributeType = "INBOUND_CALLS", Value = "true" } }
  if o.outbound then attrs[#attrs + 1] = { AttributeType = "OUTBOUND_CALLS", Value = o.outbound } end
  local data = {
    Instance = { Id = M.INSTANCE:match("instance/(.*)$"), Arn = M.INSTANCE, InstanceAlias = "acme-prod" },
    Attributes = attrs,
    LambdaFunctions = o.lambdas or {},
    LexBots = o.bots or {},
  }
  for _, k in ipairs(o.drop or {}) do data[k] = nil end
  return { type = "connect_instance", arn = M.INSTANCE, name = "acme-prod", region = "us-east-1", data = data }
end

function M.lambda(fn, timeout)
  local data = { Configuration = { FunctionArn = fn, FunctionName = fn:match("function:([^:]+)"), Timeout = timeout } }
  if timeout == "DROP" then data = { Other = 1 } end
  return { type = "lambda_function", arn = fn, name = fn:match("function:([^:]+)"),
           region = fn:match("^arn:[^:]+:lambda:([^:]+)"), data = data }
end

function M.invoke(id, fn, limit, nextId)
  return fk.act(id, "InvokeLambdaFunction", { LambdaFunctionARN = fn, InvocationTimeLimitSeconds = limit },
    nextId or "bye", { { "NoMatchingError", "bye" } })
end

function M.queue_arn(id, inst) return (inst or M.INSTANCE) .. "/queue/" .. id end

function M.flow_with(name, actions)
  actions[#actions + 1] = fk.bye()
  return fk.flow(name, actions[1].Identifier, actions)
end

return M
