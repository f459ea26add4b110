local testkit = require "testkit.attest"

return testkit.cases("DDB-1", { { "LambdaFunctions" } })
