local B = "arn:aws:s3:::acme-recordings"
local function bucket(stmts)
  return { arn = B, name = "acme-recordings", region = "us-east-1",
           data = { Policy = stmts and { Version = "2012-10-17", Statement = stmts } or null } }
end
local GUARD = { StringEquals = { ["aws:SourceAccount"] = "111122223333" } }
local function connect(actions, resource, cond)
  return { Sid = "Connect", Effect = "Allow", Principal = { Service = "connect.amazonaws.com" }, Action = actions,
           Resource = resource or { B, B .. "/*" }, Condition = cond == nil and GUARD or cond }
end

return {
  { name = "the needed actions on this bucket with a source condition pass",
    resource = bucket({ connect({ "s3:PutObject", "s3:GetObject", "s3:GetBucketAcl" }) }), expect = "pass",
    message = "only connect_bucket_actions" },
  { name = "no bucket policy passes", resource = bucket(nil), expect = "pass", message = "no bucket policy" },
  { name = "a same-account role with s3:* is not judged here",
    resource = bucket({ { Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:role/ops" }, Action = "s3:*",
                          Resource = B .. "/*" } }), expect = "pass" },
  { name = "s3:* to Connect fails", resource = bucket({ connect("s3:*") }), expect = "fail",
    message = "wildcard action s3:*" },
  { name = "an action beyond Connect's needs fails", resource = bucket({ connect({ "s3:PutObject", "s3:PutBucketPolicy" }) }),
    expect = "fail", message = "action s3:PutBucketPolicy beyond connect_bucket_actions" },
  { name = "Resource * fails", resource = bucket({ connect("s3:GetObject", "*") }), expect = "fail",
    message = "resource * (not this bucket)" },
  { name = "another bucket fails", resource = bucket({ connect("s3:GetObject", "arn:aws:s3:::other/*") }), expect = "fail",
    message = "not this bucket" },
  { name = "no source condition fails", resource = bucket({ connect("s3:PutObject", nil, false) }), expect = "fail",
    message = "confused deputy" },
  { name = "NotAction to Connect fails", resource = bucket({ { Effect = "Allow", Principal = { Service = "connect.amazonaws.com" },
    NotAction = "s3:DeleteBucket", Resource = B .. "/*", Condition = GUARD } }), expect = "fail", message = "NotAction" },
  { name = "s3:* to another account fails",
    resource = bucket({ { Effect = "Allow", Principal = { AWS = "arn:aws:iam::999988887777:root" }, Action = "s3:*",
                          Resource = { B, B .. "/*" } } }), expect = "fail", message = "account 999988887777 every S3 action" },
  { name = "the policy not collected is an error",
    resource = { arn = B, name = "acme-recordings", region = "us-east-1", data = object{} },
    errors = { { arn = B, operation = "s3:GetBucketPolicy", code = "AccessDenied", message = "Access Denied" } },
    expect = "error", message = "AccessDenied" },
}
