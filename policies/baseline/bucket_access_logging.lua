-- BASE-S3-001: S3 buckets holding Amazon Connect data have server access
-- logging on (GetBucketLogging: LoggingEnabled non-null), so every read of a
-- recording or transcript leaves a record. A bucket that is itself the log
-- target of another bucket in the snapshot is skipped: logging a log bucket
-- into itself loops, and AWS advises against it.
local function label(r) return r.name or r.arn end

return {
  id = "BASE-S3-001",
  title = "S3 buckets used by Amazon Connect have server access logging enabled",
  severity = "medium",
  practice = "S3-3",
  controls = {
    ["PCI-DSS-4.0"] = { "10.2.1" },
    HIPAA = { "164.312(b)" },
    PII = { "GDPR-32(1)(b)" },
    BASELINE = { "S3-3" },
  },
  resource = "s3_bucket",
  rationale = "Without access logs nobody can tell who downloaded which call recording or chat " ..
    "transcript; an investigation after a leak has nothing to go on.",
  remediation = "S3 console > bucket > Properties > Server access logging > Edit > Enable, with a " ..
    "target bucket in the same region. CLI: aws s3api put-bucket-logging --bucket NAME " ..
    "--bucket-logging-status '{\"LoggingEnabled\":{\"TargetBucket\":\"LOG_BUCKET\",\"TargetPrefix\":\"NAME/\"}}'",
  check = function(r, ctx)
    for other_arn, b in ctx:resources("s3_bucket") do
      local le = b.data.LoggingEnabled
      if other_arn ~= r.arn and le and le.TargetBucket == r.name then
        return ctx:skip(("Bucket %s receives the access logs of %s; a log bucket is not logged into itself")
          :format(label(r), b.name or other_arn))
      end
    end
    local le = ctx:need(r.data, "LoggingEnabled")
    local expected = "LoggingEnabled with a TargetBucket"
    if not le then
      return ctx:fail(("Bucket %s has server access logging off"):format(label(r)),
        { path = "data/LoggingEnabled", expected = expected })
    end
    local target = ctx:need(le, "TargetBucket")
    ctx:pass(("Bucket %s logs access to %s/%s"):format(label(r), tostring(target), tostring(le.TargetPrefix or "")),
      { path = "data/LoggingEnabled/TargetBucket", expected = expected })
  end,
}
