local S = require "testkit.storage"
local T = "arn:aws:dynamodb:us-east-1:111122223333:table/acme-customers"
local function tbl(sse)
  return { arn = T, name = "acme-customers", region = "us-east-1",
           data = { Table = { TableName = "acme-customers", KeySchema = { { AttributeName = "id", KeyType = "HASH" } },
                              SSEDescription = sse } } }
end
local function kmsd(key) return { Status = "ENABLED", SSEType = "KMS", KMSMasterKeyArn = key } end

return {
  { name = "a customer managed key passes", resource = tbl(kmsd(S.CMK)), others = S.keys(),
    expect = "pass", message = "customer managed key " .. S.CMK },
  { name = "the AWS managed key passes at the default level", resource = tbl(kmsd(S.AWSKEY)), others = S.keys(),
    expect = "pass", message = "level aws_managed" },
  { name = "SSEDescription omitted is the AWS owned key and fails", resource = tbl(nil),
    expect = "fail", message = "AWS owned key" },
  { name = "Status DISABLED is the AWS owned key and fails", resource = tbl({ Status = "DISABLED" }),
    expect = "fail", message = "level aws_owned" },
  { name = "dynamodb_key_level customer_managed fails the AWS managed key", resource = tbl(kmsd(S.AWSKEY)),
    others = S.keys(), params = { dynamodb_key_level = "customer_managed" }, expect = "fail" },
  { name = "a key not in the snapshot is an error", resource = tbl(kmsd("arn:aws:kms:us-east-1:111122223333:key/gone")),
    errors = { { arn = "arn:aws:kms:us-east-1:111122223333:key/gone", operation = "kms:DescribeKey",
                 code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "the table not described is an error",
    resource = { arn = T, name = "acme-customers", region = "us-east-1", data = object{} },
    errors = { { arn = T, operation = "dynamodb:DescribeTable", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
}
