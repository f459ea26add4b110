local testkit = require "testkit.attest"

return testkit.cases("DEV-4")
