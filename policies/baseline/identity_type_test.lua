local ak = require "testkit.attest"

local function kind(k)
  return ak.instance({ Instance = { Id = ak.ID, Arn = ak.ARN, InstanceAlias = "acme-prod",
                                    IdentityManagementType = k } })
end

return {
  { name = "SAML: manual, naming the type", resource = kind("SAML"), expect = "manual",
    message = "SAML, fixed at creation" },
  { name = "CONNECT_MANAGED: manual, saying there is no MFA", resource = kind("CONNECT_MANAGED"),
    expect = "manual", message = "no MFA" },
  { name = "EXISTING_DIRECTORY: manual", resource = kind("EXISTING_DIRECTORY"), expect = "manual",
    message = "(USR-3)" },
  { name = "an unknown type is an error, not a question", resource = kind("OIDC"), expect = "error",
    message = "unknown IdentityManagementType OIDC" },
  { name = "null type (nothing declared) is an error", resource = kind(null), expect = "error" },
  { name = "DescribeInstance not collected is an error",
    resource = ak.instance(nil, { "Instance" }), errors = ak.denied("connect:DescribeInstance"),
    expect = "error", message = "AccessDeniedException" },
}
