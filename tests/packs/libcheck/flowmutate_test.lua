local fk = require "testkit.flow"
local main = require "libcheck.pathsflow"
local function odd()
  local x = fk.act("x", "MessageParticipant", { Text = "t" }, nil, { { "NoMatchingError", "y" } },
    { { "Equals", "1", { "y" } } })
  x.Transitions.NextAction = { Not = "an id" }
  return fk.flow("odd", "x", { x, fk.act("y", "DisconnectParticipant", nil) })
end
return { { name = "mutated graphs", resource = main(), others = { fk.instance("false") }, expect = { "pass" } },
         { name = "edges whose NextAction is a container", resource = odd(), others = { fk.instance("false") },
           expect = { "pass" } } }
