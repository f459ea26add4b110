local testkit = require "testkit.attest"

return testkit.cases("KIN-1", { { "StorageConfigs" } })
