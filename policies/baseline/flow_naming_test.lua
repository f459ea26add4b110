local fk = require "testkit.flow"

local function named(name, metadata)
  local f = fk.flow("f1", "hello", { fk.say("hello", "Hello.", "bye"), fk.bye() }, metadata)
  f.data.ContactFlow.Name = name
  return f
end
local function md(names)
  local am = {}
  for id, n in pairs(names) do am[id] = { position = { x = 1, y = 2 }, displayName = n } end
  return { entryPointPosition = { x = 0, y = 0 }, ActionMetadata = am }
end

return {
  { name = "camelCase flow name without display names passes",
    resource = named("mainInbound"),
    expect = "pass", message = "the flow name and 0 block display name(s) match" },
  { name = "camelCase flow and block names pass",
    resource = named("mainInbound", md({ hello = "playGreeting", bye = "hangUp" })),
    expect = "pass", message = "2 block display name(s)" },
  { name = "a flow name with spaces fails, naming it",
    resource = named("Main Inbound"),
    expect = "fail", message = "flow name \"Main Inbound\"" },
  { name = "a PascalCase flow name fails",
    resource = named("MainInbound"),
    expect = "fail", message = "1 of 1 name(s)" },
  { name = "a block display name with spaces fails",
    resource = named("mainInbound", md({ hello = "Play greeting" })),
    expect = "fail", message = "block hello display name \"Play greeting\"" },
  { name = "lower-case designer metadata key is read too",
    resource = named("mainInbound", { actionMetadata = { hello = { displayName = "play greeting" } } }),
    expect = "fail", message = "\"play greeting\"" },
  { name = "position-only metadata has no names to check",
    resource = named("mainInbound", { ActionMetadata = { hello = { position = { x = 1, y = 1 } } } }),
    expect = "pass" },
  { name = "the pattern is a parameter (Title Case With Spaces)",
    resource = named("Main Inbound", md({ hello = "Play Greeting" })),
    params = { flow_name_pattern = "^%u[%a%d ]*$" },
    expect = "pass" },
  { name = "an invalid pattern is an error, not a pass",
    resource = named("mainInbound"), params = { flow_name_pattern = "[" },
    expect = "error", message = "not a valid Lua pattern" },
  { name = "flow Name not collected is an error",
    resource = (function() local f = named("x"); f.data.ContactFlow.Name = nil; return f end)(),
    expect = "error", message = "ContactFlow/Name" },
  { name = "ContactFlow not collected (AccessDenied) is an error",
    resource = fk.uncollected("support"), errors = fk.denied("support"),
    expect = "error", message = "AccessDenied" },
  { name = "a camelCase flow module name passes",
    resource = fk.as_module(named("takeCard")), expect = "pass", message = "the flow name and 0 block" },
  { name = "a flow module name with spaces fails",
    resource = fk.as_module(named("Take Card")), expect = "fail", message = "flow name \"Take Card\"" },
}
