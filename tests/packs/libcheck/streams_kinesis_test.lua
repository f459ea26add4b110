local KS = "arn:aws:kinesis:us-east-1:111122223333:stream/s1"
local function stream(summary)
  return { arn = KS, name = "s1", region = "us-east-1", data = { StreamDescriptionSummary = summary } }
end
return {
  { name = "KMS with a key passes, naming the key; evidence is EncryptionType only",
    resource = stream({ EncryptionType = "KMS", KeyId = "arn:aws:kms:us-east-1:111122223333:key/k1" }),
    expect = "pass",
    message = "Kinesis stream s1 encrypts records with KMS with key arn:aws:kms:us-east-1:111122223333:key/k1 | " ..
      "evidence: /resources/kinesis_stream/arn:aws:kinesis:us-east-1:111122223333:stream~1s1/data/" ..
      "StreamDescriptionSummary/EncryptionType" },
  { name = "the AWS managed key is named as such",
    resource = stream({ EncryptionType = "KMS", KeyId = "alias/aws/kinesis" }), expect = "pass",
    message = "with the AWS managed key alias/aws/kinesis" },
  { name = "KMS without a KeyId still passes",
    resource = stream({ EncryptionType = "KMS" }), expect = "pass", message = "encrypts records with KMS |" },
  { name = "NONE fails", resource = stream({ EncryptionType = "NONE" }), expect = "fail",
    message = "stores records unencrypted (EncryptionType NONE)" },
  { name = "JSON null fails as null", resource = stream({ EncryptionType = null }), expect = "fail",
    message = "EncryptionType null" },
  { name = "absent EncryptionType is ctx:need's error, naming the collection error",
    resource = stream({ StreamName = "s1" }),
    errors = { { arn = KS, operation = "kinesis:DescribeStreamSummary", code = "AccessDeniedException",
                 message = "denied" } },
    expect = "error", message = "StreamDescriptionSummary/EncryptionType is not in the snapshot " ..
      "(collection error: kinesis:DescribeStreamSummary failed: AccessDeniedException: denied)" },
  { name = "absent summary is an error", resource = { arn = KS, region = "us-east-1", data = object{} },
    expect = "error", message = "data/StreamDescriptionSummary is not in the snapshot" },
}
