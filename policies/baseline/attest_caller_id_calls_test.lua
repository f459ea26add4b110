local testkit = require "testkit.attest"

return testkit.cases("TEL-3", { { "Instance", "OutboundCallsEnabled" } })
