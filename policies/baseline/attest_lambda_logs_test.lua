local testkit = require "testkit.attest"

return testkit.cases("LAM-3", { { "LambdaFunctions" } })
