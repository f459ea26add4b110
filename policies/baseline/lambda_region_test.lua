local ARN = "arn:aws:connect:us-east-1:111122223333:instance/4f1c0000-0000-0000-0000-000000000001"
local function inst(fns) return { arn = ARN, name = "acme-prod", data = { LambdaFunctions = fns } } end
local NEAR = "arn:aws:lambda:us-east-1:111122223333:function:lookupCustomer"
local FAR = "arn:aws:lambda:eu-west-1:111122223333:function:scoreRisk"

return {
  { name = "a function in the instance's region passes",
    resource = inst({ NEAR }),
    expect = "pass", message = "lookupCustomer" },
  { name = "a function in another region fails",
    resource = inst({ FAR }),
    expect = "fail", message = "runs in eu-west-1" },
  { name = "one finding per function, in list order",
    resource = inst({ NEAR, FAR, "arn:aws:lambda:us-east-1:111122223333:function:logCall:PROD" }),
    expect = { "pass", "fail", "pass" } },
  { name = "a qualified ARN in another region fails",
    resource = inst({ "arn:aws:lambda:us-west-2:111122223333:function:f:3" }),
    expect = "fail", message = "us-west-2" },
  { name = "a GovCloud-partition ARN is read by its region",
    resource = { arn = "arn:aws-us-gov:connect:us-gov-west-1:111122223333:instance/x", name = "gov",
                 data = { LambdaFunctions = { "arn:aws-us-gov:lambda:us-gov-west-1:111122223333:function:f" } } },
    expect = "pass" },
  { name = "an entry that is not a Lambda ARN is an error",
    resource = inst({ "lookupCustomer" }),
    expect = "error", message = "not a Lambda ARN" },
  { name = "no functions associated: skipped",
    resource = inst({}),
    expect = "skipped" },
  { name = "function list not collected is an error",
    resource = { arn = ARN, name = "acme-prod", data = { Attributes = {} } },
    errors = { { arn = ARN, operation = "connect:ListLambdaFunctions", code = "AccessDeniedException",
                 message = "not authorized" } },
    expect = "error", message = "AccessDeniedException" },
}
