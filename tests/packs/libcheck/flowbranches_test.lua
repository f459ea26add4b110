-- The flow flowpaths.branches is pinned on (flowbranches.lua): a cycle, a
-- self-loop, a dangling NextAction, an empty one, conditions and errors that
-- lead nowhere (null, "", a string item, a container), a non-string
-- ErrorType, a duplicate Identifier, an action without one, an item that is
-- no action, Transitions that are a list, an action that is a list, a module
-- call; as a flow and as a flow module.
local fk = require "testkit.flow"
local act = fk.act
local function actions()
  local d = act("d", "Compare", { ComparisonValue = "$.Attributes.x" })
  d.Transitions = { Conditions = { { NextAction = null, Condition = { Operator = "Equals", Operands = { "1" } } } } }
  local s = act("s", "MessageParticipant", { Text = "s" })
  s.Transitions = { Errors = { "x" } }
  local y = act("y", "MessageParticipant", { Text = "y" })
  y.Transitions = { NextAction = { Not = "an id" }, Conditions = { { NextAction = { "z" } } } }
  local c = act("c", "MessageParticipant", { Text = "c" }, "")
  c.Transitions.Errors = { { ErrorType = 5, NextAction = "a" } }
  local f = act("f", "MessageParticipant", { Text = "f" })
  f.Transitions = { NextAction = 7 }
  local t = act("t", "MessageParticipant", { Text = "t" })
  t.Transitions = {}
  return {
    act("a", "MessageParticipant", { Text = "a" }, "b", { { "NoMatchingError", "b" }, { "QueueAtCapacity", "a" } },
      { { "Equals", "1", "b" } }),
    act("b", "MessageParticipant", { Text = "b" }, "zzz", { { "NoMatchingError", "a" } }),
    c, d,
    act("e", "MessageParticipant", { Text = "e" }, nil, { { "NoMatchingError", "" } }),
    f,
    act("a", "MessageParticipant", { Text = "dup" }, "c", { { "NoMatchingError", "a" } }),
    "junk",
    { Type = "MessageParticipant", Transitions = { NextAction = "c" } },
    s, t,
    fk.module("m", "mod1", "bye", "bye"),
    fk.bye(),
    { "just", "a list" },
    y,
  }
end
return {
  { name = "odd edges in a flow", resource = fk.flow("br", "a", actions()), expect = { "pass" } },
  { name = "odd edges in a module", resource = fk.as_module(fk.flow("brm", "a", actions())), expect = { "pass" } },
}
