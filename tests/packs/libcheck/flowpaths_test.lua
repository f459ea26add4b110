local fk = require "testkit.flow"
local main = require "libcheck.pathsflow"
return { { name = "flow paths",
  resource = main(),
  others = { fk.as_other(fk.flow("sub", "s", { fk.transfer("s", "main"), fk.bye() })), fk.instance("false") },
  expect = { "pass" } } }
