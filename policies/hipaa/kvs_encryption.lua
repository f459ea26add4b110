-- HIPAA-KVS-001: Kinesis Video streams (live media, recordings) use a
-- customer managed KMS key.
--
-- Kinesis Video always encrypts; the question is whose key. StreamInfo.KmsKeyId
-- (an alias name, an alias ARN, a key ARN or a key ID) is judged by lib/kms.lua
-- as the other key rules are: alias/aws/… is the AWS managed key: fail; a key
-- in the snapshot is decided by its KeyManager (and Origin); a customer alias or
-- another account's key not in the snapshot is customer managed; a key of the
-- stream's own account not in the snapshot, or KmsKeyId absent: error.
local kms = require "kms"

return {
  id = "HIPAA-KVS-001",
  title = "Kinesis Video stream encrypts media with a customer managed KMS key",
  severity = "medium",
  practice = "KIN-2",
  controls = {
    HIPAA = { "164.312(a)(2)(iv)" },
    PII = { "GDPR-32(1)(a)" },
    ["PCI-DSS-4.0"] = { "3.6.1" },
    BASELINE = { "KIN-2" },
  },
  resource = "kinesis_video_stream",
  rationale = "Live media streaming puts call audio (ePHI) in Kinesis Video. The default AWS " ..
    "managed key aws/kinesisvideo has a policy nobody can change, so access to the media cannot " ..
    "be restricted or revoked at the key; a customer managed key can be.",
  remediation = "Kinesis Video keeps the key a stream was created with: in Amazon Connect > instance > " ..
    "Data storage > Live media streaming > Edit, choose a customer managed KMS key (new streams use " ..
    "it), or create streams with aws kinesisvideo create-stream --stream-name NAME " ..
    "--kms-key-id KEY_ARN --data-retention-in-hours N, and retire the old ones.",
  check = function(r, ctx)
    kms.check_member(r, ctx, "customer_managed", ("Kinesis Video stream %s"):format(r.name or r.arn), false,
      "StreamInfo", "KmsKeyId")
  end,
}
