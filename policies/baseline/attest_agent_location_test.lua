local testkit = require "testkit.attest"

return testkit.cases("REG-3")
