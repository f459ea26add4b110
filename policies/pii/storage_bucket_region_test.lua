local T = require "testkit.storage"
local instance, s3 = T.instance, T.s3
local function bucket(name, lc, region)
  local data = { LocationConstraint = lc }
  return { type = "s3_bucket", arn = "arn:aws:s3:::" .. name, name = name, region = region or "us-east-1", data = data }
end
local function eu_instance(configs)
  local i = instance(configs); i.region = "eu-west-1"; return i
end

return {
  { name = "a us-east-1 bucket (LocationConstraint null) for a us-east-1 instance passes",
    resource = instance({ CALL_RECORDINGS = { s3("a1", T.CMK, "acme-recordings") } }),
    others = { bucket("acme-recordings", null) }, expect = "pass", message = "in us-east-1, the instance's region" },
  { name = "a bucket in another region fails",
    resource = instance({ CHAT_TRANSCRIPTS = { s3("a2", T.CMK, "acme-chats") } }),
    others = { bucket("acme-chats", "eu-central-1", "eu-central-1") },
    expect = "fail", message = "in eu-central-1, outside the instance's region us-east-1" },
  { name = "the legacy EU constraint is eu-west-1",
    resource = eu_instance({ CALL_RECORDINGS = { s3("a1", T.CMK, "acme-eu") } }),
    others = { bucket("acme-eu", "EU", "eu-west-1") }, expect = "pass" },
  { name = "a us-east-1 bucket for an eu-west-1 instance fails",
    resource = eu_instance({ CALL_RECORDINGS = { s3("a1", T.CMK, "acme-us") } }),
    others = { bucket("acme-us", null) }, expect = "fail" },
  { name = "Kinesis configs are not judged here; one finding per S3 config",
    resource = instance({ CALL_RECORDINGS = { s3("a1", T.CMK, "acme-recordings") }, CONTACT_TRACE_RECORDS = { T.ks() } }),
    others = { bucket("acme-recordings", null) }, expect = { "pass" } },
  { name = "only Kinesis configs: skipped",
    resource = instance({ CONTACT_TRACE_RECORDS = { T.ks() } }), expect = "skipped" },
  { name = "a bucket not in the snapshot is an error",
    resource = instance({ CALL_RECORDINGS = { s3("a1", T.CMK, "acme-gone") } }),
    errors = { { arn = "arn:aws:s3:::acme-gone", operation = "s3:GetBucketLocation", code = "AccessDenied",
                 message = "Access Denied" } },
    expect = "error", message = "AccessDenied" },
  { name = "a bucket collected without LocationConstraint is an error",
    resource = instance({ CALL_RECORDINGS = { s3("a1", T.CMK, "acme-recordings") } }),
    others = { { type = "s3_bucket", arn = "arn:aws:s3:::acme-recordings", name = "acme-recordings",
                 region = "us-east-1", data = object{} } },
    expect = "error", message = "LocationConstraint is not in the snapshot" },
  { name = "a config missing S3Config is an error",
    resource = instance({ CALL_RECORDINGS = { { AssociationId = "a9", StorageType = "S3" } } }),
    expect = "error", message = "S3Config is not in the snapshot" },
  { name = "StorageConfigs not collected is an error",
    resource = { arn = T.I, name = "acme-prod", region = "us-east-1", data = { Instance = { Id = "x" } } },
    errors = { { arn = T.I, operation = "connect:ListInstanceStorageConfigs", code = "AccessDeniedException",
                 message = "not authorized" } },
    expect = "error", message = "AccessDeniedException" },
}
