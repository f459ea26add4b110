local T = require "testkit.storage"
local KB = "arn:aws:wisdom:us-east-1:111122223333:knowledge-base/kb-0001"
local function kb(sse)
  return { arn = KB, name = "acme-kb", region = "us-east-1",
           data = { knowledgeBase = { knowledgeBaseId = "kb-0001", name = "acme-kb", knowledgeBaseType = "EXTERNAL",
                                      status = "ACTIVE", serverSideEncryptionConfiguration = sse } } }
end

return {
  { name = "a customer managed key passes", resource = kb({ kmsKeyId = T.CMK }), others = T.keys(),
    expect = "pass", message = "Wisdom knowledge base acme-kb" },
  { name = "a customer alias resolves through the keys", resource = kb({ kmsKeyId = "alias/acme-connect" }),
    others = T.keys(), expect = "pass" },
  { name = "an AWS managed key fails", resource = kb({ kmsKeyId = T.AWSKEY }), others = T.keys(), expect = "fail" },
  { name = "no encryption configuration is an AWS owned key and fails", resource = kb(nil),
    expect = "fail", message = "AWS owned key" },
  { name = "a configuration without kmsKeyId is an AWS owned key too", resource = kb(object{}), expect = "fail" },
  { name = "knowledgeBase not collected is an error",
    resource = { arn = KB, name = "acme-kb", region = "us-east-1", data = object{} },
    errors = { { arn = KB, operation = "wisdom:GetKnowledgeBase", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
}
