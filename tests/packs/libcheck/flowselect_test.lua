-- The flow flowpaths.selected is pinned on (flowselect.lua): reference
-- fields at the top, deep in lists and objects, under EventHooks, an ARN in
-- a list, text with a JSONPath, plain text, empty and missing Parameters,
-- Parameters that are a string, an item that is no action; as a flow and as
-- a flow module.
local fk = require "testkit.flow"
local act = fk.act
local function actions()
  local none = act("none", "DisconnectParticipant")
  none.Parameters = nil
  local str = act("str", "MessageParticipant")
  str.Parameters = "just a string"
  return {
    act("q", "UpdateContactTargetQueue", { QueueId = "q-1" }, "lam"),
    act("lam", "InvokeLambdaFunction", { LambdaFunctionARN = 5, InvocationTimeLimitSeconds = "8" }, "deep"),
    act("deep", "UpdateContactAttributes", { Attributes = { a = { b = { { QueueId = "q-2" } } } } }, "hooks"),
    act("hooks", "UpdateContactEventHooks", { EventHooks = { CustomerQueue = "f-1" } }, "arnlist"),
    act("arnlist", "UpdateFlowAttributes", { FlowAttributes = { x = { Value = { "a", "arn:aws:lambda:us-east-1:1:function:f" } } } }, "text"),
    act("text", "MessageParticipant", { Text = "Hello $.Customer.Name" }, "plain"),
    "junk",
    act("plain", "MessageParticipant", { Text = "Hello" }, "empty"),
    act("empty", "MessageParticipant", nil, "none"),
    none, str,
  }
end
return {
  { name = "parameters of every shape in a flow", resource = fk.flow("sel", "q", actions()), expect = { "pass" } },
  { name = "parameters of every shape in a module", resource = fk.as_module(fk.flow("selm", "q", actions())),
    expect = { "pass" } },
}
