-- PII-S3-010: the S3 buckets Amazon Connect's storage configs write to are in
-- the instance's region, so recordings, transcripts and reports do not leave
-- it (GDPR-44: a bucket in another region can mean another jurisdiction).
-- One finding per S3 storage config, filed under the instance
-- (lib/storage.lua). The bucket's region is GetBucketLocation's
-- LocationConstraint: null = us-east-1, "EU" = eu-west-1 (legacy value);
-- the bucket not in the snapshot, or its location not collected: error.
local collection = require "collection"
local storage = require "storage"

local LEGACY = { EU = "eu-west-1" }

local function judge(r, ctx, cfg, what)
  local conf = cfg.S3Config
  if not conf then
    return "error", ("%s: missing evidence: %s/S3Config is not in the snapshot (%s)"):format(what, ctx:ptr(cfg),
      collection.explain(ctx, r.arn, "connect:ListInstanceStorageConfigs")), { path = ctx:ptr(cfg) .. "/S3Config" }
  end
  local lead = { path = ctx:ptr(conf) .. "/BucketName" }
  local name = conf.BucketName
  if type(name) ~= "string" then
    return "error", what .. " names no bucket", lead
  end
  local bucket_arn = "arn:aws:s3:::" .. name
  local b = ctx:lookup("s3_bucket", bucket_arn)
  if not b then
    return "error", ("%s writes to bucket %s, which is not in the snapshot (%s)"):format(what, name,
      collection.explain(ctx, bucket_arn)), lead
  end
  local lc = b.data.LocationConstraint
  if lc == nil then
    local path = ctx:ptr(b.data, "LocationConstraint")
    return "error", ("%s: missing evidence: %s is not in the snapshot (%s)"):format(what, path,
      collection.explain(ctx, bucket_arn, "s3:GetBucketLocation")), { lead, { path = path } }
  end
  local region = lc == false and "us-east-1" or (LEGACY[lc] or tostring(lc))
  local ev = { lead, { path = ctx:ptr(b.data, "LocationConstraint"),
                       expected = r.region .. (r.region == "us-east-1" and " (null)" or "") } }
  if region == r.region then
    return "pass", ("%s writes to bucket %s in %s, the instance's region"):format(what, name, region), ev
  end
  return "fail", ("%s writes to bucket %s in %s, outside the instance's region %s"):format(what, name, region,
    r.region), ev
end

return {
  id = "PII-S3-010",
  title = "Buckets of Amazon Connect storage configs are in the instance's region",
  severity = "medium",
  practice = "REG-2",
  controls = {
    PII = { "GDPR-44" },
    BASELINE = { "REG-2" },
  },
  resource = "connect_instance",
  rationale = "Storage configs send recordings, transcripts and reports to S3; a bucket in another " ..
    "region moves that personal data across regions, possibly to a third country, and adds latency " ..
    "and a second region's outage to the contact center.",
  remediation = "Create a bucket in the instance's region (aws s3api create-bucket --bucket NAME " ..
    "--create-bucket-configuration LocationConstraint=REGION), then Amazon Connect console > instance > " ..
    "Data storage > Edit the item and choose it; CLI: aws connect update-instance-storage-config " ..
    "--instance-id ID --association-id ASSOC --resource-type TYPE --storage-config file://config.json.",
  check = function(r, ctx)
    storage.each(ctx, r, function(_, cfg, what) return judge(r, ctx, cfg, what) end, { S3 = true })
  end,
}
