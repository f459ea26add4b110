local ak = require "testkit.attest"
local ROLE = "arn:aws:iam::111122223333:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_Ab12"
local TRUST = { Version = "2012-10-17", Statement = { { Effect = "Allow", Principal = { Service = "connect.amazonaws.com" },
                                                          Action = "sts:AssumeRole" } } }
local function role(r)
  return { type = "iam_role", arn = ROLE, name = "AWSServiceRoleForAmazonConnect_Ab12", region = "us-east-1",
           data = r == nil and object{} or { Role = r } }
end
local function present(trust)
  return { RoleName = "AWSServiceRoleForAmazonConnect_Ab12", Arn = ROLE, AssumeRolePolicyDocument = trust }
end
local function custom()
  local i = ak.instance()
  i.data.Instance.ServiceRole = "arn:aws:iam::111122223333:role/connect-legacy-role"
  return i
end

return {
  { name = "the role exists and trusts Connect: pass", resource = ak.instance(), others = { role(present(TRUST)) },
    expect = "pass", message = "exists and trusts connect.amazonaws.com" },
  { name = "the role deleted (NoSuchEntity) fails", resource = ak.instance(), others = { role(null) },
    expect = "fail", message = "does not exist" },
  { name = "a trust policy for another service fails", resource = ak.instance(),
    others = { role(present({ Statement = { { Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" },
                                              Action = "sts:AssumeRole" } } })) },
    expect = "fail", message = "does not let connect.amazonaws.com assume it" },
  { name = "a custom role instead of the service-linked one fails", resource = custom(), expect = "fail",
    message = "not Amazon Connect's service-linked role" },
  { name = "GetRole denied is an error", resource = ak.instance(), others = { role(nil) }, types = { "iam_role" },
    errors = { { arn = ROLE, operation = "iam:GetRole", code = "AccessDenied", message = "denied" } },
    expect = "error", message = "AccessDenied" },
  { name = "roles collected but this one missing is an error", resource = ak.instance(), types = { "iam_role" },
    expect = "error", message = "was not read" },
  { name = "a snapshot without IAM roles asks", resource = ak.instance(), expect = "manual", message = "holds no IAM roles" },
  { name = "ServiceRole not collected is an error", resource = ak.instance({ Instance = { Id = ak.ID, Arn = ak.ARN } }),
    expect = "error", message = "ServiceRole" },
}
