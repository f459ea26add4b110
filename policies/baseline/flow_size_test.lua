local fk = require "testkit.flow"

-- A chain of n prompts ending in a disconnect (n + 1 actions).
local function chain(n)
  local actions = {}
  for i = 1, n do
    actions[i] = fk.say("p" .. i, "Step " .. i .. ".", i < n and ("p" .. (i + 1)) or "bye")
  end
  actions[#actions + 1] = fk.bye()
  return fk.flow("bigFlow", "p1", actions)
end

return {
  { name = "a 12-action flow passes under the default",
    resource = fk.flow("payments", "logOn", fk.payment_actions()),
    expect = "pass", message = "12 action(s), within flow_max_actions = 100" },
  { name = "101 actions fail under the default of 100",
    resource = chain(100),
    expect = "fail", message = "has 101 actions, more than flow_max_actions = 100" },
  { name = "exactly at the threshold passes",
    resource = chain(99),
    expect = "pass", message = "100 action(s)" },
  { name = "the threshold is a parameter",
    resource = fk.flow("payments", "logOn", fk.payment_actions()), params = { flow_max_actions = 10 },
    expect = "fail", message = "more than flow_max_actions = 10" },
  { name = "ContactFlow not collected (AccessDenied) is an error",
    resource = fk.uncollected("support"), errors = fk.denied("support"),
    expect = "error", message = "AccessDenied" },
  { name = "a flow module is held to the same threshold",
    resource = fk.as_module(chain(100)), expect = "fail", message = "has 101 actions" },
  { name = "a small flow module passes",
    resource = fk.as_module(fk.flow("payments", "logOn", fk.payment_actions())), expect = "pass" },
  { name = "a flow module that was not collected is an error",
    resource = fk.uncollected_module("support"), errors = fk.denied_module("support"),
    expect = "error", message = "AccessDenied" },
}
