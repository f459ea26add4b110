local testkit = require "testkit.attest"

return testkit.cases("VDI-1")
