local fk = require "testkit.flow"
local main = require "libcheck.pathsflow"
return { { name = "mutated graphs", resource = main(), others = { fk.instance("false") }, expect = { "pass" } } }
