local testkit = require "testkit.attest"

return testkit.cases("LEX-2", { { "LexBots" } })
