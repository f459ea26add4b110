local B = "arn:aws:s3:::clinic-recordings"
local function bucket(policy) return { arn = B, name = "clinic-recordings", region = "us-east-1", data = { Policy = policy } } end
local deny = { Sid = "TLSOnly", Effect = "Deny", Principal = "*", Action = "s3:*", Resource = { B, B .. "/*" },
               Condition = { Bool = { ["aws:SecureTransport"] = "false" } } }

return {
  { name = "a TLS-only bucket policy passes",
    resource = bucket({ Version = "2012-10-17", Statement = { deny } }), expect = "pass", message = "denies requests without TLS" },
  { name = "no bucket policy fails",
    resource = bucket(null), expect = "fail", message = "no bucket policy" },
  { name = "a policy that denies only PutObject fails",
    resource = bucket({ Version = "2012-10-17", Statement = { { Effect = "Deny", Principal = "*", Action = "s3:PutObject",
      Resource = B .. "/*", Condition = { Bool = { ["aws:SecureTransport"] = "false" } } } } }),
    expect = "fail", message = "no statement that denies requests without TLS" },
  { name = "the policy not collected is an error",
    resource = { arn = B, name = "clinic-recordings", region = "us-east-1", data = {} },
    errors = { { arn = B, operation = "s3:GetBucketPolicy", code = "AccessDenied", message = "Access Denied" } },
    expect = "error", message = "AccessDenied" },
}
