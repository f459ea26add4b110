local testkit = require "testkit.attest"

return testkit.cases("LEX-3", { { "LexBots" } })
