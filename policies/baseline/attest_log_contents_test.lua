local testkit = require "testkit.attest"

return testkit.cases("CW-2", { { "Attributes" } })
