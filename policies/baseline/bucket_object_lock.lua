-- BASE-S3-003: where the baseline pack's `object_lock_required` parameter
-- demands it, S3 buckets holding Amazon Connect data have S3 Object Lock
-- enabled (GetObjectLockConfiguration ObjectLockEnabled "Enabled"), so
-- recordings kept as evidence cannot be altered or deleted before their
-- retention ends. Off by default: Object Lock (compliance mode above all)
-- also stops the deletion that PCI DSS 3.2.1/3.3.1 and GDPR storage limitation
-- require of data recorded by mistake, so it is an organisation's choice.
local function label(r) return r.name or r.arn end

return {
  id = "BASE-S3-003",
  title = "S3 buckets used by Amazon Connect have Object Lock enabled (when required)",
  severity = "low",
  practice = "S3-3",
  controls = {
    -- integrity of records; not PCI DSS 10.3.2, which protects audit log files, and recordings
    -- are not audit logs
    HIPAA = { "164.312(c)(1)" },
    BASELINE = { "S3-3" },
  },
  resource = "s3_bucket",
  rationale = "When recordings or exported logs are records that must not change (disputes, " ..
    "regulated retention), Object Lock enforces write-once-read-many at the storage layer, beyond " ..
    "what IAM policies can guarantee.",
  remediation = "S3 console > bucket > Properties > Object Lock > Edit > Enable, with a default " ..
    "retention. CLI: aws s3api put-object-lock-configuration --bucket NAME --object-lock-configuration " ..
    "'{\"ObjectLockEnabled\":\"Enabled\",\"Rule\":{\"DefaultRetention\":{\"Mode\":\"GOVERNANCE\",\"Days\":N}}}' " ..
    "(versioning must be on).",
  check = function(r, ctx)
    if ctx.params.object_lock_required ~= true then
      return ctx:skip(("Object Lock is not required (object_lock_required = %s)"):format(
        tostring(ctx.params.object_lock_required)))
    end
    local olc = ctx:need(r.data, "ObjectLockConfiguration")
    local ev = { path = "data/ObjectLockConfiguration", expected = { ObjectLockEnabled = "Enabled" } }
    if not olc then
      return ctx:fail(("Bucket %s has no Object Lock configuration (object_lock_required = true)"):format(label(r)), ev)
    end
    ev.path = "data/ObjectLockConfiguration/ObjectLockEnabled"
    if olc.ObjectLockEnabled ~= "Enabled" then
      return ctx:fail(("Bucket %s does not have Object Lock enabled (object_lock_required = true)"):format(label(r)), ev)
    end
    local rule = olc.Rule and olc.Rule.DefaultRetention
    local how = rule and (" (default retention %s, %s)"):format(tostring(rule.Mode),
      rule.Days and (tostring(rule.Days) .. " days") or (tostring(rule.Years) .. " years")) or " (no default retention)"
    ctx:pass(("Bucket %s has Object Lock enabled%s"):format(label(r), how), ev)
  end,
}
