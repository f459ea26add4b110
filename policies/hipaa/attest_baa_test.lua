local testkit = require "testkit.attest"

return testkit.cases("HIP-1")
