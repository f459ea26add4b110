local fk = require "testkit.flow"
return { { name = "leaves of nested parameters",
  resource = fk.flow("main", "a", {
    fk.act("a", "UpdateContactEventHooks", { Z = "z", B = { "b1", { "b21" }, 7, null }, A = "a", N = 5, T = true,
      C = { x = { y = "cxy" }, e = {} }, EventHooks = { CustomerQueue = "q" } }, "bye"),
    fk.bye() }),
  expect = { "pass" } } }
