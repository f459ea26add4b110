-- testkit.attest -- a connect_instance as the collector stores it, and the
-- standard cases of an attestation item (lib/attest.lua). For test files only
-- (it uses `object{}` and `null`, which only the test sandbox has).
--
--   ak.ARN, ak.ID                  the instance's ARN and id (us-east-1, account 111122223333)
--   ak.instance([over [, drop]])   a fresh connect_instance resource { arn, name = "acme-prod",
--                                  region, data } with Instance, Attributes, StorageConfigs,
--                                  LambdaFunctions, LexBots, ApprovedOrigins; `over` replaces
--                                  top-level data members (key -> value), `drop` lists members
--                                  to leave out (not collected)
--   ak.denied(operation)           a snapshot errors[] list with one AccessDeniedException
--                                  for the instance on `operation`
--   ak.cases(practice [, about])   the cases every attestation item must pass:
--     * the instance collected -> manual, the message names the practice "(PRACTICE)";
--     * the instance's data not collected at all -> error quoting the collection error;
--     * for each path in `about` (the rule's evidence), its top-level member absent -> error.
local eligibility = require "eligibility"

local ak = {}

ak.ID = "4f1c0000-0000-0000-0000-000000000001"
ak.ARN = "arn:aws:connect:us-east-1:111122223333:instance/" .. ak.ID
local KEY = "arn:aws:kms:us-east-1:111122223333:key/1a2b3c4d-0000-4000-8000-000000000001"

local function data()
  return {
    Instance = { Id = ak.ID, Arn = ak.ARN, IdentityManagementType = "SAML", InstanceAlias = "acme-prod",
                 InstanceStatus = "ACTIVE", InboundCallsEnabled = true, OutboundCallsEnabled = true,
                 ServiceRole = "arn:aws:iam::111122223333:role/aws-service-role/connect.amazonaws.com/"
                   .. "AWSServiceRoleForAmazonConnect_Ab12" },
    Attributes = { { AttributeType = "CONTACTFLOW_LOGS", Value = "true" },
                   { AttributeType = "OUTBOUND_CALLS", Value = "true" } },
    StorageConfigs = {
      CALL_RECORDINGS = { { AssociationId = "a1", StorageType = "S3",
        S3Config = { BucketName = "acme-prod-recordings", BucketPrefix = "calls",
                     EncryptionConfig = { EncryptionType = "KMS", KeyId = KEY } } } },
      CONTACT_TRACE_RECORDS = { { AssociationId = "a2", StorageType = "KINESIS_STREAM",
        KinesisStreamConfig = { StreamArn = "arn:aws:kinesis:us-east-1:111122223333:stream/acme-ctr" } } },
      AGENT_EVENTS = {},
    },
    LambdaFunctions = { "arn:aws:lambda:us-east-1:111122223333:function:lookupCustomer" },
    LexBots = { { LexV2Bot = { AliasArn = "arn:aws:lex:us-east-1:111122223333:bot-alias/ABCDE12345/TSTALIASID" } } },
    ApprovedOrigins = { "https://agent.acme.example" },
  }
end

function ak.instance(over, drop)
  local d = data()
  -- every storage type collected (an empty list when none is configured)
  for _, t in ipairs(eligibility.STORAGE_TYPES) do d.StorageConfigs[t] = d.StorageConfigs[t] or {} end
  for k, v in pairs(over or {}) do d[k] = v end
  for _, k in ipairs(drop or {}) do d[k] = nil end
  return { arn = ak.ARN, name = "acme-prod", region = "us-east-1", data = d }
end

function ak.denied(operation)
  return { { arn = ak.ARN, operation = operation, code = "AccessDeniedException",
             message = "not authorized to perform " .. operation } }
end

function ak.cases(practice, about)
  local cases = {
    { name = "the instance collected: a manual item asking about " .. practice,
      resource = ak.instance(), expect = "manual", message = "(" .. practice .. ")" },
    { name = "the instance's data not collected: error, not a question about an unseen instance",
      resource = { arn = ak.ARN, name = "acme-prod", region = "us-east-1", data = object{} },
      errors = ak.denied("connect:DescribeInstance"),
      expect = "error", message = "AccessDeniedException" },
  }
  for _, keys in ipairs(about or {}) do
    cases[#cases + 1] = {
      name = "evidence " .. table.concat(keys, "/") .. " not collected: error",
      resource = ak.instance(nil, { keys[1] }),
      expect = "error", message = "missing evidence: /resources/connect_instance/" }
  end
  return cases
end

return ak
