-- HIPAA-STO-001: every place Amazon Connect stores or streams contact data is
-- encrypted with a key at the level the pack's `storage_key_level` parameter
-- requires (customer managed by default). PII-STO-001 asks whether a KMS key
-- is used at all; this rule asks whose key it is: an AWS managed or AWS owned
-- key cannot be disabled, its policy cannot be restricted and its use cannot be
-- separated from other data of the account, so access to ePHI cannot be
-- withdrawn by the covered entity.
-- One finding per storage config, filed under the instance (lib/storage.lua);
-- the key is looked up in the snapshot (lib/kms.lua): KeyMetadata.KeyManager
-- and Origin decide its level; a key not in the snapshot is an error.
local storage = require "storage"

return {
  id = "HIPAA-STO-001",
  title = "Amazon Connect storage configurations use keys at the required level (customer managed)",
  severity = "medium",
  practice = "HIP-2",
  controls = {
    HIPAA = { "164.312(a)(2)(iv)", "164.312(a)(1)" },
    BASELINE = { "HIP-2" },
  },
  resource = "connect_instance",
  rationale = "Recordings, transcripts, contact records and media streams hold ePHI. With a " ..
    "customer managed key the covered entity controls who may decrypt them (key policy), can " ..
    "disable the key to cut off access, and sees every use in CloudTrail; AWS managed and AWS " ..
    "owned keys allow none of this.",
  remediation = "Create a customer managed key (KMS console > Customer managed keys > Create key; " ..
    "aws kms create-key), allow connect.amazonaws.com in its policy, then Amazon Connect console > " ..
    "instance > Data storage > Edit each item and choose that key; CLI: aws connect " ..
    "update-instance-storage-config --instance-id ID --association-id ASSOC --resource-type TYPE " ..
    "--storage-config file://config.json (EncryptionConfig {EncryptionType: KMS, KeyId: KEY_ARN}); " ..
    "for Kinesis: aws kinesis start-stream-encryption --encryption-type KMS --key-id KEY_ARN; for " ..
    "Firehose: aws firehose start-delivery-stream-encryption --delivery-stream-encryption-configuration-input " ..
    "KeyType=CUSTOMER_MANAGED_CMK,KeyARN=KEY_ARN.",
  check = function(r, ctx)
    storage.check_key_level(r, ctx, ctx.params.storage_key_level)
  end,
}
