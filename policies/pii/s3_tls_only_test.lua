local B = "arn:aws:s3:::acme-recordings"
local function deny(over)
  local s = { Sid = "DenyInsecureTransport", Effect = "Deny", Principal = "*", Action = "s3:*",
              Resource = { B, B .. "/*" },
              Condition = { Bool = { ["aws:SecureTransport"] = "false" } } }
  for k, v in pairs(over or {}) do s[k] = v end
  return s
end
local ALLOW_CONNECT = { Sid = "Connect", Effect = "Allow", Principal = { Service = "connect.amazonaws.com" },
                        Action = { "s3:PutObject" }, Resource = B .. "/*" }
local function bucket(policy)
  return { arn = B, name = "acme-recordings", region = "us-east-1", data = { Policy = policy } }
end
local function doc(...) return { Version = "2012-10-17", Statement = { ... } } end

return {
  { name = "standard deny on s3:* passes",
    resource = bucket(doc(ALLOW_CONNECT, deny())), expect = "pass", message = "policy statement 2" },
  { name = "Statement as a single object passes",
    resource = bucket({ Version = "2012-10-17", Statement = deny() }), expect = "pass" },
  { name = "BoolIfExists with a list value, Principal {AWS={\"*\"}} passes",
    resource = bucket(doc(deny({ Principal = { AWS = { "*" } },
      Condition = { BoolIfExists = { ["aws:SecureTransport"] = { "false" } } } }))), expect = "pass" },
  { name = "GetObject + PutObject on Resource \"*\" with Principal {AWS=\"*\"} passes",
    resource = bucket(doc(deny({ Principal = { AWS = "*" }, Action = { "s3:GetObject", "s3:PutObject" },
                                 Resource = "*" }))), expect = "pass" },
  { name = "case variants of action and condition key pass",
    resource = bucket(doc(deny({ Action = "S3:*", Condition = { Bool = { ["AWS:SecureTransport"] = "FALSE" } } }))),
    expect = "pass" },
  { name = "wildcard in the bucket name of the resource passes",
    resource = bucket(doc(deny({ Resource = "arn:aws:s3:::acme-*/*" }))), expect = "pass" },
  { name = "Deny with NotAction that leaves object reads and writes denied passes",
    resource = bucket(doc({ Effect = "Deny", Principal = "*", NotAction = "s3:ListBucket", Resource = B .. "/*",
                            Condition = { Bool = { ["aws:SecureTransport"] = "false" } } })), expect = "pass" },
  { name = "Deny with NotAction that exempts GetObject fails",
    resource = bucket(doc({ Effect = "Deny", Principal = "*", NotAction = "s3:Get*", Resource = B .. "/*",
                            Condition = { Bool = { ["aws:SecureTransport"] = "false" } } })),
    expect = "fail", message = "does not cover both" },
  { name = "no bucket policy (null) fails",
    resource = bucket(null), expect = "fail", message = "NoSuchBucketPolicy" },
  { name = "a policy without any TLS statement fails",
    resource = bucket(doc(ALLOW_CONNECT)), expect = "fail", message = "no statement that denies" },
  { name = "an Allow on aws:SecureTransport true does not refuse anything",
    resource = bucket(doc(deny({ Effect = "Allow", Condition = { Bool = { ["aws:SecureTransport"] = "true" } } }))),
    expect = "fail" },
  { name = "a deny of GetObject only fails",
    resource = bucket(doc(deny({ Action = "s3:GetObject" }))),
    expect = "fail", message = "does not cover both s3:GetObject and s3:PutObject" },
  { name = "a deny on the bucket ARN only does not reach objects",
    resource = bucket(doc(deny({ Resource = B }))), expect = "fail", message = "does not cover every object" },
  { name = "a deny on one prefix does not reach every object",
    resource = bucket(doc(deny({ Resource = B .. "/public/*" }))), expect = "fail", message = "every object" },
  { name = "a deny for one principal fails",
    resource = bucket(doc(deny({ Principal = { AWS = "arn:aws:iam::111122223333:root" } }))),
    expect = "fail", message = "does not apply to every principal" },
  { name = "a further condition narrows the deny and fails",
    resource = bucket(doc(deny({ Condition = { Bool = { ["aws:SecureTransport"] = "false" },
                                               StringEquals = { ["aws:SourceVpce"] = "vpce-1" } } }))),
    expect = "fail", message = "further conditions" },
  { name = "a deny when aws:SecureTransport is true is not this control",
    resource = bucket(doc(deny({ Condition = { Bool = { ["aws:SecureTransport"] = "true" } } }))),
    expect = "fail" },
  { name = "policy not collected is an error",
    resource = { arn = B, name = "acme-recordings", region = "us-east-1", data = object{} },
    errors = { { arn = B, operation = "s3:GetBucketPolicy", code = "AccessDenied", message = "Access Denied" } },
    expect = "error", message = "AccessDenied" },
}
