local S = "arn:aws:kinesis:us-east-1:111122223333:stream/acme-ctr"
local function stream(enc, key)
  return { arn = S, name = "acme-ctr", region = "us-east-1",
           data = { StreamDescriptionSummary = { StreamName = "acme-ctr", StreamARN = S, StreamStatus = "ACTIVE",
                                                 EncryptionType = enc, KeyId = key } } }
end

return {
  { name = "KMS with a customer managed key passes",
    resource = stream("KMS", "arn:aws:kms:us-east-1:111122223333:key/k1"),
    expect = "pass", message = "with key arn:aws:kms:us-east-1:111122223333:key/k1" },
  { name = "KMS with the AWS managed key passes and says so",
    resource = stream("KMS", "alias/aws/kinesis"), expect = "pass", message = "AWS managed key" },
  { name = "NONE fails",
    resource = stream("NONE"), expect = "fail", message = "EncryptionType NONE" },
  { name = "null fails",
    resource = stream(null), expect = "fail", message = "EncryptionType null" },
  { name = "values are compared exactly (kms is not KMS)",
    resource = stream("kms"), expect = "fail" },
  { name = "EncryptionType absent is an error",
    resource = stream(nil), expect = "error", message = "EncryptionType" },
  { name = "summary not collected is an error",
    resource = { arn = S, name = "acme-ctr", region = "us-east-1", data = object{} },
    errors = { { arn = S, operation = "kinesis:DescribeStreamSummary", code = "AccessDeniedException",
                 message = "not authorized" } },
    expect = "error", message = "AccessDeniedException" },
}
