local K = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
local ROOT = { Sid = "Enable IAM User Permissions", Effect = "Allow",
               Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "kms:*", Resource = "*" }
local function key(...)
  return { arn = K, name = "alias/acme-connect", region = "us-east-1",
           data = { Policy = { Version = "2012-10-17", Statement = { ... } } } }
end
local function connect(cond, over)
  local s = { Sid = "Allow Amazon Connect", Effect = "Allow", Principal = { Service = "connect.amazonaws.com" },
              Action = { "kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*" }, Resource = "*", Condition = cond }
  for k, v in pairs(over or {}) do s[k] = v end
  return s
end

return {
  { name = "aws:SourceAccount passes",
    resource = key(ROOT, connect({ StringEquals = { ["aws:SourceAccount"] = "111122223333" } })),
    expect = "pass", message = "statement 2 (Allow Amazon Connect) (StringEquals aws:SourceAccount = 111122223333)" },
  { name = "ArnLike aws:SourceArn on the account's instances passes",
    resource = key(connect({ ArnLike = { ["aws:SourceArn"] = "arn:aws:connect:us-east-1:111122223333:instance/*" } })),
    expect = "pass" },
  { name = "no condition fails (confused deputy)",
    resource = key(ROOT, connect(nil)), expect = "fail", message = "statement 2 (Allow Amazon Connect)" },
  { name = "a condition on another key (kms:ViaService) does not guard",
    resource = key(connect({ StringEquals = { ["kms:ViaService"] = "connect.us-east-1.amazonaws.com" } })),
    expect = "fail" },
  { name = "aws:PrincipalOrgID is not a source condition",
    resource = key(connect({ StringEquals = { ["aws:PrincipalOrgID"] = "o-abc123" } })), expect = "fail" },
  { name = "IfExists does not guard",
    resource = key(connect({ StringEqualsIfExists = { ["aws:SourceAccount"] = "111122223333" } })), expect = "fail" },
  { name = "a wildcard account in SourceArn does not guard",
    resource = key(connect({ ArnLike = { ["aws:SourceArn"] = "arn:aws:connect:us-east-1:*:instance/*" } })),
    expect = "fail" },
  { name = "the service in a list and in other case is recognised; one of two unguarded fails",
    resource = key(connect({ StringEquals = { ["aws:SourceAccount"] = "111122223333" } }),
                   connect(nil, { Sid = "Second", Principal = { Service = { "logs.amazonaws.com", "Connect.AmazonAWS.com" } } })),
    expect = "fail", message = "statement 2 (Second)" },
  { name = "a Deny to connect is not a grant",
    resource = key(ROOT, connect(nil, { Effect = "Deny" })), expect = "pass", message = "grants nothing" },
  { name = "a key with no grant to connect passes",
    resource = key(ROOT), expect = "pass", message = "grants nothing to connect.amazonaws.com" },
  { name = "null policy passes: nothing is granted",
    resource = { arn = K, name = "k", region = "us-east-1", data = { Policy = null } }, expect = "pass" },
  { name = "policy not collected is an error",
    resource = { arn = K, name = "k", region = "us-east-1", data = object{} },
    errors = { { arn = K, operation = "kms:GetKeyPolicy", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
}
