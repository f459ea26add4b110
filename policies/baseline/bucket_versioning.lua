-- BASE-S3-002: S3 buckets holding Amazon Connect data have versioning
-- enabled (GetBucketVersioning Status "Enabled"), so an overwritten or
-- deleted recording can be recovered. {} (never enabled) and "Suspended" fail.
local function label(r) return r.name or r.arn end

return {
  id = "BASE-S3-002",
  title = "S3 buckets used by Amazon Connect have versioning enabled",
  severity = "low",
  practice = "S3-3",
  controls = {
    HIPAA = { "164.312(c)(1)" },
    PII = { "GDPR-32(1)(b)" },
    BASELINE = { "S3-3" },
  },
  resource = "s3_bucket",
  rationale = "Without versioning a mistaken or malicious overwrite or delete of a recording, " ..
    "transcript or report cannot be undone; versioning keeps prior versions (pair it with a " ..
    "lifecycle rule that expires noncurrent versions so retention limits still hold).",
  remediation = "S3 console > bucket > Properties > Bucket Versioning > Edit > Enable. CLI: aws s3api " ..
    "put-bucket-versioning --bucket NAME --versioning-configuration Status=Enabled",
  check = function(r, ctx)
    local v = ctx:need(r.data, "Versioning")
    local ev = { path = "data/Versioning/Status", expected = "Enabled" }
    if v.Status == "Enabled" then
      return ctx:pass(("Bucket %s has versioning enabled"):format(label(r)), ev)
    end
    if v.Status == nil then
      ev.note = "no Status: versioning never enabled"
      return ctx:fail(("Bucket %s has never had versioning enabled"):format(label(r)), ev)
    end
    ctx:fail(("Bucket %s has versioning %s"):format(label(r), tostring(v.Status)), ev)
  end,
}
