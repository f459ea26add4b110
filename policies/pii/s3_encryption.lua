-- PII-S3-001: buckets holding contact-center data encrypt by default with KMS.
local KMS = { ["aws:kms"] = true, ["aws:kms:dsse"] = true }

local function label(r) return r.name or r.arn end

return {
  id = "PII-S3-001",
  title = "S3 bucket encrypts new objects by default with an AWS KMS key",
  severity = "high",
  practice = "S3-2",
  controls = {
    PII = { "GDPR-32(1)(a)" },
    HIPAA = { "164.312(a)(2)(iv)" },
    ["PCI-DSS-4.0"] = { "3.5.1" },
    BASELINE = { "PII-2", "S3-2" },
  },
  resource = "s3_bucket",
  rationale = "Recordings, transcripts and exports hold personal data. SSE-S3 (AES256) " ..
    "encrypts with keys S3 owns, so there is no key policy to restrict who can decrypt and " ..
    "no per-key CloudTrail record of each use; a KMS key gives both.",
  remediation = "S3 console > bucket > Properties > Default encryption > Edit: SSE-KMS with a " ..
    "customer managed key, Bucket Key on. CLI: aws s3api put-bucket-encryption --bucket BUCKET " ..
    "--server-side-encryption-configuration '{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":" ..
    "{\"SSEAlgorithm\":\"aws:kms\",\"KMSMasterKeyID\":\"KEY_ARN\"},\"BucketKeyEnabled\":true}]}'",
  check = function(r, ctx)
    local sse = ctx:need(r.data, "ServerSideEncryptionConfiguration")
    local expected = "SSEAlgorithm aws:kms or aws:kms:dsse"
    if not sse then
      -- null: GetBucketEncryption answered ServerSideEncryptionConfigurationNotFoundError
      -- (a bucket older than 2023's SSE-S3 default, never configured).
      return ctx:fail(("Bucket %s has no default encryption configuration " ..
        "(ServerSideEncryptionConfigurationNotFoundError)"):format(label(r)),
        { path = "data/ServerSideEncryptionConfiguration", expected = expected })
    end
    local rules = ctx:need(sse, "Rules")
    local ok, bad, notes = {}, {}, {}
    for i, rule in ipairs(rules) do
      local by_default = rule.ApplyServerSideEncryptionByDefault
      if by_default then
        local algo = ctx:need(by_default, "SSEAlgorithm")
        local item = { path = ctx:ptr(by_default, "SSEAlgorithm"), expected = expected }
        if KMS[algo] then
          ok[#ok + 1] = item
          local key = by_default.KMSMasterKeyID
          if key then
            ok[#ok + 1] = { path = ctx:ptr(by_default, "KMSMasterKeyID") }
            notes[#notes + 1] = ("%s with key %s"):format(algo, key)
          else
            -- Without a key ID S3 uses the AWS managed key aws/s3.
            notes[#notes + 1] = algo .. " with the AWS managed key aws/s3"
          end
        else
          bad[#bad + 1] = item
          notes[#notes + 1] = tostring(algo)
        end
      end
    end
    if #bad > 0 then
      return ctx:fail(("Bucket %s encrypts new objects by default with %s, not a KMS key " ..
        "(SSE-S3 has no key policy or per-key audit trail)"):format(label(r), table.concat(notes, ", ")), bad)
    end
    if #ok == 0 then
      return ctx:fail(("Bucket %s has a default encryption configuration with no default " ..
        "encryption rule"):format(label(r)), { path = ctx:ptr(rules), expected = expected })
    end
    ctx:pass(("Bucket %s encrypts new objects by default with %s"):format(label(r),
      table.concat(notes, ", ")), ok)
  end,
}
