local FH = "arn:aws:firehose:us-east-1:111122223333:deliverystream/f1"
local KS = "arn:aws:kinesis:us-east-1:111122223333:stream/s1"
local function fh(desc)
  return { arn = FH, name = "f1", region = "us-east-1", data = { DeliveryStreamDescription = desc } }
end
local function direct(cfg) return fh({ DeliveryStreamType = "DirectPut", DeliveryStreamEncryptionConfiguration = cfg }) end
local function from_kinesis(src)
  return fh({ DeliveryStreamType = "KinesisStreamAsSource", Source = src })
end
local function ks(summary)
  return { type = "kinesis_stream", arn = KS, name = "s1", region = "us-east-1",
           data = { StreamDescriptionSummary = summary } }
end
local KSRC = { KinesisStreamSourceDescription = { KinesisStreamARN = KS } }
return {
  { name = "SSE enabled with a customer managed key passes; evidence Status and KeyType",
    resource = direct({ Status = "ENABLED", KeyType = "CUSTOMER_MANAGED_CMK", KeyARN = "K" }), expect = "pass",
    message = "Firehose stream f1 encrypts buffered data with customer managed key K | evidence: " ..
      "/resources/firehose_delivery_stream/arn:aws:firehose:us-east-1:111122223333:deliverystream~1f1/data/" ..
      "DeliveryStreamDescription/DeliveryStreamEncryptionConfiguration/Status, " ..
      "/resources/firehose_delivery_stream/arn:aws:firehose:us-east-1:111122223333:deliverystream~1f1/data/" ..
      "DeliveryStreamDescription/DeliveryStreamEncryptionConfiguration/KeyType" },
  { name = "SSE enabled with an AWS owned key passes",
    resource = direct({ Status = "ENABLED", KeyType = "AWS_OWNED_CMK" }), expect = "pass", message = "AWS owned key" },
  { name = "SSE disabled fails", resource = direct({ Status = "DISABLED" }), expect = "fail",
    message = "does not encrypt buffered data (server-side encryption DISABLED)" },
  { name = "no encryption configuration fails",
    resource = direct(nil), expect = "fail", message = "reports no server-side encryption configuration" },
  { name = "a configuration without Status is ctx:need's error",
    resource = direct({ KeyType = "AWS_OWNED_CMK" }), expect = "error",
    message = "DeliveryStreamEncryptionConfiguration/Status is not in the snapshot" },
  { name = "no description at all is ctx:need's error",
    resource = { arn = FH, region = "us-east-1", data = object{} }, expect = "error",
    message = "data/DeliveryStreamDescription is not in the snapshot" },
  { name = "a Kinesis source is judged by the source stream: pass",
    resource = from_kinesis(KSRC), others = { ks({ EncryptionType = "KMS" }) }, expect = "pass",
    message = "Firehose stream f1 keeps no data at rest for its Kinesis source (Firehose's own SSE does not " ..
      "apply): Kinesis stream s1 encrypts records with KMS | evidence: /resources/firehose_delivery_stream/" ..
      "arn:aws:firehose:us-east-1:111122223333:deliverystream~1f1/data/DeliveryStreamDescription/Source/" ..
      "KinesisStreamSourceDescription/KinesisStreamARN, /resources/kinesis_stream/" ..
      "arn:aws:kinesis:us-east-1:111122223333:stream~1s1/data/StreamDescriptionSummary/EncryptionType" },
  { name = "a Kinesis source stream unencrypted fails",
    resource = from_kinesis(KSRC), others = { ks({ EncryptionType = "NONE" }) }, expect = "fail",
    message = "EncryptionType NONE" },
  { name = "a Kinesis source stream not in the snapshot is an error naming its collection error",
    resource = from_kinesis(KSRC),
    errors = { { arn = KS, operation = "kinesis:DescribeStreamSummary", code = "ResourceNotFoundException",
                 message = "gone" } },
    expect = "error", message = "Kinesis stream " .. KS .. " is not in the snapshot, so its encryption cannot " ..
      "be seen (collection error: kinesis:DescribeStreamSummary failed: ResourceNotFoundException: gone)" },
  { name = "a Kinesis source stream without its summary is an error, not a pass",
    resource = from_kinesis(KSRC), others = { { type = "kinesis_stream", arn = KS, region = "us-east-1", data = object{} } },
    expect = "error", message = "stream~1s1/data/StreamDescriptionSummary is not in the snapshot" },
  { name = "KinesisStreamAsSource without Source is an error, not SSE-judged",
    resource = fh({ DeliveryStreamType = "KinesisStreamAsSource",
                    DeliveryStreamEncryptionConfiguration = { Status = "ENABLED" } }),
    expect = "error", message = "DeliveryStreamDescription/Source is not in the snapshot" },
  { name = "an MSK source is manual",
    resource = fh({ DeliveryStreamType = "MSKAsSource", Source = { MSKSourceDescription = { MSKClusterARN = "c" } } }),
    expect = "manual", message = "reads from Amazon MSK" },
}
