-- libcheck.pathsflow -- the flow "main" that LIB-FLOWPATHS-001 and
-- LIB-FLOWMUT-001 search (tests/packs/libcheck/flowpaths.lua, flowmutate.lua):
--   a -> h (hours: True q1, False b) ; b -> q2 ; q1 err -> a (a cycle) ;
--   q2 -> t (transfer to "sub") ; c, unreachable, -> q3.
local fk = require "testkit.flow"
local act = fk.act
return function()
  return fk.flow("main", "a", {
    fk.logging("a", "Enabled", "h"),
    fk.hours("h", "q1", "b"),
    act("b", "MessageParticipant", { Text = "closed" }, "q2"),
    fk.queue("q1", "a"), fk.queue("q2", "t"),
    act("c", "MessageParticipant", { Text = "x" }, "q3"), fk.queue("q3"),
    fk.transfer("t", "sub"),
    fk.bye() })
end
