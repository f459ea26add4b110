local I = "arn:aws:connect:us-east-1:111122223333:instance/i1"
local FH = "arn:aws:firehose:us-east-1:111122223333:deliverystream/f1"
local KS = "arn:aws:kinesis:us-east-1:111122223333:stream/s1"
local function inst(kind, target)
  return { arn = I, name = "i1", region = "us-east-1", data = { Kind = kind, Target = target } }
end
local function ks(data)
  return { type = "kinesis_stream", arn = KS, name = "s1", region = "us-east-1", data = data }
end
local function fh(desc)
  return { type = "firehose_delivery_stream", arn = FH, name = "f1", region = "us-east-1",
           data = { DeliveryStreamDescription = desc } }
end
return {
  { name = "kinesis_arn: encrypted stream passes; the lead comes first in the evidence",
    resource = inst("kinesis", KS), others = { ks({ StreamDescriptionSummary = { EncryptionType = "KMS" } }) },
    expect = { "pass", "pass" },
    message = "Kinesis stream s1 encrypts records with KMS | evidence: data/Target, /resources/kinesis_stream/" },
  { name = "kinesis_arn: stream not in the snapshot is an error with the lead as evidence",
    resource = inst("kinesis", KS), expect = { "error", "pass" },
    message = "is not in the snapshot, so its encryption cannot be seen (no collection error recorded for it) " ..
      "| evidence: data/Target" },
  { name = "kinesis_arn: a missing field is an error finding, and the check goes on",
    resource = inst("kinesis", KS), others = { ks(object{}) },
    errors = { { arn = KS, operation = "kinesis:DescribeStreamSummary", code = "AccessDeniedException",
                 message = "denied" } },
    expect = { "error", "pass" },
    message = "missing evidence: /resources/kinesis_stream/arn:aws:kinesis:us-east-1:111122223333:stream~1s1/" ..
      "data/StreamDescriptionSummary is not in the snapshot (collection error: kinesis:DescribeStreamSummary " ..
      "failed: AccessDeniedException: denied) | evidence: data/Target, /resources/kinesis_stream/" },
  { name = "firehose_arn: not in the snapshot is an error",
    resource = inst("firehose", FH), expect = { "error", "pass" },
    message = "Firehose stream " .. FH .. " is not in the snapshot" },
  { name = "firehose_arn: Status null fails as null",
    resource = inst("firehose", FH), others = { fh({ DeliveryStreamEncryptionConfiguration = { Status = null } }) },
    expect = { "fail", "pass" }, message = "server-side encryption null" },
  { name = "firehose_arn: configuration without Status is an error finding",
    resource = inst("firehose", FH), others = { fh({ DeliveryStreamEncryptionConfiguration = object{} }) },
    expect = { "error", "pass" }, message = "DeliveryStreamEncryptionConfiguration/Status is not in the snapshot" },
  { name = "firehose_arn: a null Kinesis source description is an error, not a crash",
    resource = inst("firehose", FH),
    others = { fh({ DeliveryStreamType = "KinesisStreamAsSource", Source = { KinesisStreamSourceDescription = null } }) },
    expect = { "error", "pass" }, message = "KinesisStreamSourceDescription/KinesisStreamARN is not in the snapshot" },
  { name = "firehose_arn: through a Kinesis source, both leads come first",
    resource = inst("firehose", FH),
    others = { fh({ Source = { KinesisStreamSourceDescription = { KinesisStreamARN = KS } } }),
               ks({ StreamDescriptionSummary = { EncryptionType = "NONE" } }) },
    expect = { "fail", "pass" },
    message = "| evidence: data/Target, /resources/firehose_delivery_stream/arn:aws:firehose:us-east-1:" ..
      "111122223333:deliverystream~1f1/data/DeliveryStreamDescription/Source/KinesisStreamSourceDescription/" ..
      "KinesisStreamARN, /resources/kinesis_stream/" },
}
