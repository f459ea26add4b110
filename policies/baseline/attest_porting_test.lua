local testkit = require "testkit.attest"

return testkit.cases("TEL-1", { { "Instance", "InboundCallsEnabled" } })
