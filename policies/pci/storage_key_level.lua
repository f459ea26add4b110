-- PCI-KMS-011: every place Amazon Connect stores or streams contact data is
-- encrypted with a key at the level the pack's `storage_key_level` parameter
-- requires (customer managed by default). Recordings and transcripts may hold
-- PAN despite PCI-FLOW-* controls; 3.6.1 asks that the keys protecting it be
-- protected against misuse, which needs a key policy the entity controls
-- (AWS managed keys allow any principal of the account through the service).
-- Same judgment as HIPAA-STO-001 (lib/storage.lua + lib/kms.lua).
local storage = require "storage"

return {
  id = "PCI-KMS-011",
  title = "Amazon Connect storage configurations use keys at the required level (customer managed)",
  severity = "medium",
  practice = "PCI-3",
  controls = {
    ["PCI-DSS-4.0"] = { "3.5.1", "3.6.1" },
    BASELINE = { "PCI-3" },
  },
  resource = "connect_instance",
  rationale = "An AWS managed key's policy lets every principal of the account use it through " ..
    "the service and cannot be changed; only a customer managed key lets the entity restrict who " ..
    "can decrypt stored recordings and transcripts that may hold account data, and disable it.",
  remediation = "Create a customer managed key (aws kms create-key), allow connect.amazonaws.com " ..
    "with an aws:SourceAccount condition, then Amazon Connect console > instance > Data storage > " ..
    "Edit each item and choose that key; CLI: aws connect update-instance-storage-config " ..
    "--instance-id ID --association-id ASSOC --resource-type TYPE --storage-config " ..
    "file://config.json; Kinesis: aws kinesis start-stream-encryption --encryption-type KMS " ..
    "--key-id KEY_ARN; Firehose: aws firehose start-delivery-stream-encryption " ..
    "--delivery-stream-encryption-configuration-input KeyType=CUSTOMER_MANAGED_CMK,KeyARN=KEY_ARN.",
  check = function(r, ctx)
    storage.check_key_level(r, ctx, ctx.params.storage_key_level)
  end,
}
