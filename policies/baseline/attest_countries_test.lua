local testkit = require "testkit.attest"

return testkit.cases("TEL-2", { { "Instance", "InboundCallsEnabled" }, { "Instance", "OutboundCallsEnabled" } })
