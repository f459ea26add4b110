local fk = require "testkit.flow"
local act = fk.act
return { { name = "flow paths",
  resource = fk.flow("main", "a", {
    fk.logging("a", "Enabled", "h"),
    fk.hours("h", "q1", "b"),
    act("b", "MessageParticipant", { Text = "closed" }, "q2"),
    fk.queue("q1", "a"), fk.queue("q2", "t"),
    act("c", "MessageParticipant", { Text = "x" }, "q3"), fk.queue("q3"),
    fk.transfer("t", "sub"),
    fk.bye() }),
  others = { fk.as_other(fk.flow("sub", "s", { fk.transfer("s", "main"), fk.bye() })), fk.instance("false") },
  expect = { "pass" } } }
