local testkit = require "testkit.attest"

return testkit.cases("POL-2", { { "Attributes" } })
