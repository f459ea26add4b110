local testkit = require "testkit.attest"

return testkit.cases("PCI-5")
