local function bucket(name, logging)
  return { arn = "arn:aws:s3:::" .. name, name = name, region = "us-east-1", data = { LoggingEnabled = logging } }
end
local LOG = { TargetBucket = "acme-access-logs", TargetPrefix = "acme-recordings/" }

return {
  { name = "logging to a target bucket passes", resource = bucket("acme-recordings", LOG),
    expect = "pass", message = "logs access to acme-access-logs/acme-recordings/" },
  { name = "logging off (null) fails", resource = bucket("acme-recordings", null),
    expect = "fail", message = "server access logging off" },
  { name = "the log target of another bucket is skipped",
    resource = bucket("acme-access-logs", null),
    others = { { type = "s3_bucket", arn = "arn:aws:s3:::acme-recordings", name = "acme-recordings",
                 region = "us-east-1", data = { LoggingEnabled = LOG } } },
    expect = "skipped", message = "receives the access logs of acme-recordings" },
  { name = "a bucket logging into itself is not skipped",
    resource = bucket("acme-access-logs", { TargetBucket = "acme-access-logs" }), expect = "pass" },
  { name = "LoggingEnabled without TargetBucket is an error",
    resource = bucket("acme-recordings", { TargetPrefix = "x/" }), expect = "error", message = "TargetBucket" },
  { name = "logging not collected is an error",
    resource = { arn = "arn:aws:s3:::acme-recordings", name = "acme-recordings", region = "us-east-1", data = object{} },
    errors = { { arn = "arn:aws:s3:::acme-recordings", operation = "s3:GetBucketLogging", code = "AccessDenied",
                 message = "Access Denied" } },
    expect = "error", message = "AccessDenied" },
}
