-- The flow flowpaths.paths is searched on (flowsearch.lua): an input whose
-- error branches go to a Loop, to itself and to an Identifier that does not
-- exist, a Compare that loops back, a module call, an unreachable action;
-- as a flow and as a flow module.
local fk = require "testkit.flow"
local act = fk.act
local function actions()
  return {
    act("s", "GetParticipantInput", { Text = "Press 1", StoreInput = "False" }, nil,
      { { "NoMatchingError", "loop" }, { "InputTimeLimitExceeded", "s" }, { "NoMatchingCondition", "gone" } },
      { { "Equals", "1", "cmp" } }),
    act("cmp", "Compare", { ComparisonValue = "$.Attributes.n" }, nil, { { "NoMatchingCondition", "m" } },
      { { "Equals", "1", "s" } }),
    act("loop", "Loop", { LoopCount = "3" }, nil, nil, { { "Equals", "ContinueLooping", "cmp" },
      { "Equals", "DoneLooping", "bye" } }),
    fk.module("m", "mod1", "s", "bye"),
    act("gone2", "MessageParticipant", { Text = "x" }, "m"),
    fk.bye(),
  }
end
return {
  { name = "searches in a flow", resource = fk.flow("search", "s", actions()), expect = { "pass" } },
  { name = "searches in a module", resource = fk.as_module(fk.flow("searchm", "s", actions())), expect = { "pass" } },
}
