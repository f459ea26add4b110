local testkit = require "testkit.attest"

return testkit.cases("FLOW-11")
