local fk = require "testkit.flow"
local rk = require "testkit.flowrefs"

local function set(id, attrs, nextId)
  return fk.act(id, "UpdateContactAttributes", { Attributes = attrs, TargetContact = "Current" }, nextId or "bye",
    { { "NoMatchingError", "bye" } })
end
local function setflow(id, attrs)
  local fa = {}
  for k, v in pairs(attrs) do fa[k] = { Value = v } end
  return fk.act(id, "UpdateFlowAttributes", { FlowAttributes = fa }, "bye", { { "NoMatchingError", "bye" } })
end

return {
  { name = "camelCase, snake_case and dashed keys pass",
    resource = rk.flow_with("f", { set("s", { accountId = "$.External.id", call_reason = "billing", ["survey-1"] = "5" }) }),
    expect = "pass", message = "3 of 3 attribute key(s) with letters, digits" },
  { name = "a key with a space fails, naming the character",
    resource = rk.flow_with("f", { set("s", { ["account number"] = "$.StoredCustomerInput", ok = "1" }) }),
    expect = "fail", message = "key \"account number\" has ' '" },
  { name = "a key with a dot fails (it would read as a nested path)",
    resource = rk.flow_with("f", { set("s", { ["customer.tier"] = "gold" }) }),
    expect = "fail", message = "has '.'" },
  { name = "non-ASCII letters are outside the allowed set",
    resource = rk.flow_with("f", { set("s", { ["clé"] = "x" }) }),
    expect = "fail" },
  { name = "flow attribute keys are checked too",
    resource = rk.flow_with("f", { setflow("fa", { ["queue arn"] = "arn:aws:connect:x" }) }),
    expect = "fail", message = "UpdateFlowAttributes fa key \"queue arn\"" },
  { name = "a key built from a JSONPath is unresolved: manual",
    resource = rk.flow_with("f", { set("s", { ["survey_result_$.Attributes.loopCounter"] = "$.Lex.Slots.answer" }) }),
    expect = "manual", message = "built at run time (unresolved)" },
  { name = "a dynamic key whose static prefix has a space still fails",
    resource = rk.flow_with("f", { set("s", { ["survey result $.Attributes.n"] = "x" }) }),
    expect = "fail", message = "has '  '" },
  { name = "a bad key in a second block fails the flow",
    resource = rk.flow_with("f", { set("s1", { good = "1" }, "s2"), set("s2", { ["bad key!"] = "2" }) }),
    expect = "fail", message = "1 of 2" },
  { name = "no attribute blocks: skipped",
    resource = fk.flow("hello", "hi", { fk.say("hi", "Hello.", "bye"), fk.bye() }),
    expect = "skipped" },
  { name = "ContactFlow not collected (AccessDenied) is an error",
    resource = fk.uncollected("support"), errors = fk.denied("support"),
    expect = "error", message = "AccessDenied" },
  { name = "a flow module's attribute keys are checked: a good one passes",
    resource = fk.as_module(rk.flow_with("m", { set("s", { accountId = "$.External.id" }) })),
    expect = "pass", message = "1 of 1 attribute key(s)" },
  { name = "a flow module's key with a space fails",
    resource = fk.as_module(rk.flow_with("m", { set("s", { ["account number"] = "x" }) })),
    expect = "fail", message = "key \"account number\" has ' '" },
}
