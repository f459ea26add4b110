-- The judgment is lib/storage.lua + lib/kms.lua, tested in depth by
-- HIPAA-STO-001's tests; these cases pin PCI-KMS-011's own default and wiring.
local T = require "testkit.storage"
local instance, s3 = T.instance, T.s3

return {
  { name = "a customer managed key passes",
    resource = instance({ CALL_RECORDINGS = { s3("a1", T.CMK) } }), others = T.keys(),
    expect = "pass", message = "customer managed key " .. T.CMK },
  { name = "the default level is customer_managed: an AWS managed key fails",
    resource = instance({ CHAT_TRANSCRIPTS = { s3("a2", T.AWSKEY) } }), others = T.keys(),
    expect = "fail", message = "below the customer_managed required" },
  { name = "an unencrypted transcript bucket config fails",
    resource = instance({ CHAT_TRANSCRIPTS = { s3("a2") } }), expect = "fail", message = "unencrypted" },
  { name = "a key not in the snapshot is an error",
    resource = instance({ CALL_RECORDINGS = { s3("a1", "arn:aws:kms:us-east-1:111122223333:key/gone") } }),
    errors = { { arn = "arn:aws:kms:us-east-1:111122223333:key/gone", operation = "kms:DescribeKey",
                 code = "NotFoundException", message = "key gone" } },
    expect = "error", message = "NotFoundException" },
  { name = "StorageConfigs not collected is an error",
    resource = { arn = T.I, name = "acme-prod", region = "us-east-1", data = { Instance = { Id = "x" } } },
    errors = { { arn = T.I, operation = "connect:ListInstanceStorageConfigs", code = "AccessDeniedException",
                 message = "not authorized" } },
    expect = "error", message = "AccessDeniedException" },
}
