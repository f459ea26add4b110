local testkit = require "testkit.attest"

return testkit.cases("GOV-1")
