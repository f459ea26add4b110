local testkit = require "testkit.attest"

return testkit.cases("S3-1", { { "StorageConfigs" } })
