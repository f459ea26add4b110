local F = "arn:aws:firehose:us-east-1:111122223333:deliverystream/acme-ctr"
local KS = "arn:aws:kinesis:us-east-1:111122223333:stream/acme-ctr-src"
local KEY = "arn:aws:kms:us-east-1:111122223333:key/k1"

local function firehose(desc)
  desc.DeliveryStreamName = "acme-ctr"
  desc.DeliveryStreamARN = F
  desc.DeliveryStreamStatus = "ACTIVE"
  return { arn = F, name = "acme-ctr", region = "us-east-1", data = { DeliveryStreamDescription = desc } }
end
local function direct(enc)
  return firehose({ DeliveryStreamType = "DirectPut", DeliveryStreamEncryptionConfiguration = enc,
                    Source = { DirectPutSourceDescription = { ThroughputHintInMBs = 5 } } })
end
local function from_stream()
  return firehose({ DeliveryStreamType = "KinesisStreamAsSource",
                    Source = { KinesisStreamSourceDescription = { KinesisStreamARN = KS,
                      RoleARN = "arn:aws:iam::111122223333:role/fh" } } })
end
local function source(enc)
  return { type = "kinesis_stream", arn = KS, name = "acme-ctr-src", region = "us-east-1",
           data = { StreamDescriptionSummary = { StreamName = "acme-ctr-src", EncryptionType = enc } } }
end

return {
  { name = "SSE enabled with a customer managed key passes",
    resource = direct({ Status = "ENABLED", KeyType = "CUSTOMER_MANAGED_CMK", KeyARN = KEY }),
    expect = "pass", message = "customer managed key " .. KEY },
  { name = "SSE enabled with an AWS owned key passes and says so",
    resource = direct({ Status = "ENABLED", KeyType = "AWS_OWNED_CMK" }),
    expect = "pass", message = "AWS owned key" },
  { name = "SSE disabled fails",
    resource = direct({ Status = "DISABLED" }), expect = "fail", message = "server-side encryption DISABLED" },
  { name = "SSE still enabling is not yet enabled",
    resource = direct({ Status = "ENABLING", KeyType = "AWS_OWNED_CMK" }), expect = "fail", message = "ENABLING" },
  { name = "enabling failed fails",
    resource = direct({ Status = "ENABLING_FAILED" }), expect = "fail" },
  { name = "no encryption configuration in the description fails",
    resource = direct(nil), expect = "fail", message = "no server-side encryption configuration" },
  { name = "Status absent is an error",
    resource = direct({ KeyType = "AWS_OWNED_CMK" }), expect = "error", message = "Status" },
  { name = "Kinesis source: encrypted source stream passes",
    resource = from_stream(), others = { source("KMS") },
    expect = "pass", message = "Firehose's own SSE does not apply" },
  { name = "Kinesis source: unencrypted source stream fails",
    resource = from_stream(), others = { source("NONE") },
    expect = "fail", message = "EncryptionType NONE" },
  { name = "Kinesis source without SSE on Firehose is judged by the source, not Firehose's Status",
    resource = (function()
      local f = from_stream()
      f.data.DeliveryStreamDescription.DeliveryStreamEncryptionConfiguration = { Status = "DISABLED" }
      return f
    end)(), others = { source("KMS") }, expect = "pass" },
  { name = "Kinesis source not in the snapshot is an error naming its collection error",
    resource = from_stream(),
    errors = { { arn = KS, operation = "kinesis:DescribeStreamSummary", code = "AccessDeniedException",
                 message = "not authorized" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "Kinesis source collected without its summary is an error",
    resource = from_stream(),
    others = { { type = "kinesis_stream", arn = KS, name = "acme-ctr-src", region = "us-east-1", data = object{} } },
    expect = "error", message = "StreamDescriptionSummary" },
  { name = "KinesisStreamAsSource without a source description is an error",
    resource = firehose({ DeliveryStreamType = "KinesisStreamAsSource" }),
    expect = "error", message = "DeliveryStreamDescription/Source is not in the snapshot" },
  { name = "MSK source is manual",
    resource = firehose({ DeliveryStreamType = "MSKAsSource",
                          Source = { MSKSourceDescription = { MSKClusterARN = "arn:aws:kafka:us-east-1:111122223333:cluster/c/1" } } }),
    expect = "manual", message = "MSK" },
  { name = "description not collected is an error",
    resource = { arn = F, name = "acme-ctr", region = "us-east-1", data = object{} },
    errors = { { arn = F, operation = "firehose:DescribeDeliveryStream", code = "AccessDeniedException",
                 message = "not authorized" } },
    expect = "error", message = "AccessDeniedException" },
}
