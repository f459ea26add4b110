local ak = require "testkit.attest"

local cases = ak.cases("IAM-1", { { "Instance" } })
cases[#cases + 1] = { name = "the message says why it is not automatic", resource = ak.instance(),
                      expect = "manual", message = "no CloudTrail metric filters" }
cases[#cases + 1] = { name = "the service role not collected: error",
                      resource = ak.instance({ Instance = { Id = ak.ID, Arn = ak.ARN } }),
                      expect = "error", message = "ServiceRole" }
return cases
