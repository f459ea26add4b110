local B = "arn:aws:s3:::acme-recordings"
local function bucket(sse)
  return { arn = B, name = "acme-recordings", region = "us-east-1",
           data = { ServerSideEncryptionConfiguration = sse } }
end
local function rule(algo, key)
  return { ApplyServerSideEncryptionByDefault = { SSEAlgorithm = algo, KMSMasterKeyID = key },
           BucketKeyEnabled = true }
end

return {
  { name = "customer managed KMS key passes",
    resource = bucket({ Rules = { rule("aws:kms", "arn:aws:kms:us-east-1:111122223333:key/k1") } }),
    expect = "pass", message = "key arn:aws:kms:us-east-1:111122223333:key/k1" },
  { name = "aws:kms without a key ID passes and says it is the AWS managed key",
    resource = bucket({ Rules = { rule("aws:kms") } }),
    expect = "pass", message = "AWS managed key aws/s3" },
  { name = "dual-layer KMS (aws:kms:dsse) passes",
    resource = bucket({ Rules = { rule("aws:kms:dsse", "arn:aws:kms:us-east-1:111122223333:key/k1") } }),
    expect = "pass", message = "aws:kms:dsse" },
  { name = "SSE-S3 (AES256) fails",
    resource = bucket({ Rules = { rule("AES256") } }),
    expect = "fail", message = "with AES256, not a KMS key" },
  { name = "algorithm compared exactly: AWS:KMS is not a value S3 returns",
    resource = bucket({ Rules = { rule("AWS:KMS") } }),
    expect = "fail" },
  { name = "null configuration (not found) fails",
    resource = bucket(null),
    expect = "fail", message = "ServerSideEncryptionConfigurationNotFoundError" },
  { name = "empty rule list fails",
    resource = bucket({ Rules = {} }),
    expect = "fail", message = "no default encryption rule" },
  { name = "a rule without ApplyServerSideEncryptionByDefault does not count",
    resource = bucket({ Rules = { { BucketKeyEnabled = true } } }),
    expect = "fail", message = "no default encryption rule" },
  { name = "one AES256 rule among KMS rules fails",
    resource = bucket({ Rules = { rule("aws:kms"), rule("AES256") } }),
    expect = "fail" },
  { name = "access denied is an error",
    resource = { arn = B, name = "acme-recordings", region = "us-east-1", data = object{} },
    errors = { { arn = B, operation = "s3:GetBucketEncryption", code = "AccessDenied", message = "Access Denied" } },
    expect = "error", message = "AccessDenied" },
  { name = "Rules absent is an error",
    resource = bucket(object{}),
    expect = "error", message = "ServerSideEncryptionConfiguration/Rules" },
  { name = "SSEAlgorithm absent is an error",
    resource = bucket({ Rules = { { ApplyServerSideEncryptionByDefault = object{} } } }),
    expect = "error", message = "SSEAlgorithm" },
}
