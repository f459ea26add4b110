local arn = require "arn"
local iam = require "iam"
return {
  id = "LIB-CHECK-001", title = "libs", severity = "info", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "s3_bucket", rationale = "r", remediation = "m",
  check = function(r, ctx)
    local a = arn.parse("arn:aws:s3:::b/k/x")
    assert(a.service == "s3" and a.region == "" and a.account == "" and a.resource == "b/k/x")
    assert(arn.bucket_name("arn:aws:s3:::b/k/x") == "b" and arn.bucket_name("arn:aws:s3:::b") == "b")
    assert(arn.bucket_name("arn:aws:kms:us-east-1:1:key/x") == nil and arn.bucket_name("b") == nil)
    assert(arn.region("arn:aws:s3:::b") == nil and arn.region("arn:aws:lambda:eu-west-1:111122223333:function:f") == "eu-west-1")
    assert(arn.parse("arn:aws:lambda") == nil and arn.parse(nil) == nil and arn.parse(5) == nil and arn.parse(false) == nil)
    local t, id = arn.resource_parts("arn:aws:logs:us-east-1:1:log-group:/aws/x:*")
    assert(t == "log-group" and id == "/aws/x:*", tostring(t) .. tostring(id))
    t, id = arn.resource_parts("arn:aws:lambda:us-east-1:1:function:f:PROD")
    assert(t == "function" and id == "f:PROD")
    t, id = arn.resource_parts("arn:aws:s3:::bucket")
    assert(t == nil and id == "bucket")
    assert(arn.account("arn:aws-cn:kms:cn-north-1:111122223333:key/x") == "111122223333")
    assert(arn.format(arn.parse("arn:aws:kms:us-east-1:1:key/x")) == "arn:aws:kms:us-east-1:1:key/x")
    assert(iam.glob("s3:*", "S3:GetObject", true) and not iam.glob("s3:*", "S3:GetObject", false))
    assert(iam.glob("a?c", "abc") and not iam.glob("a?c", "ac") and iam.glob("*", "") and not iam.glob("", "x"))
    assert(not iam.glob(string.rep("*a", 30) .. "b", string.rep("a", 5000)))
    assert(iam.glob("kms:ReEncrypt*", "kms:reencryptfrom", true))
    local p = r.data.Policy
    local st = iam.statements(p)
    assert(#st == 2, #st)
    assert(#iam.as_list(nil) == 0 and #iam.as_list("x") == 1 and #iam.as_list(r.data.Empty) == 0)
    assert(iam.is_public_principal(st[1]) and not iam.is_public_principal(st[2]))
    assert(#iam.conditions(st[1]) == 2)
    local nc = iam.narrowing_conditions(st[1])
    assert(#nc == 1 and nc[1].key == "aws:SourceAccount", #nc)
    assert(iam.resources_match(st[1], "arn:aws:s3:::b/x") and not iam.resources_match(st[1], "arn:aws:s3:::c/x"))
    assert(#iam.public_grants(p, {"s3:GetObject"}) == 0)
    ctx:pass("ok", { path = "data", note = "the assertions above held" })
  end,
}
