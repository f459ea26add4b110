local testkit = require "testkit.attest"

return testkit.cases("TEL-4")
