local function bucket(v)
  return { arn = "arn:aws:s3:::acme-recordings", name = "acme-recordings", region = "us-east-1",
           data = { Versioning = v } }
end

return {
  { name = "Enabled passes", resource = bucket({ Status = "Enabled", MFADelete = "Disabled" }), expect = "pass" },
  { name = "Suspended fails", resource = bucket({ Status = "Suspended" }), expect = "fail", message = "versioning Suspended" },
  { name = "never enabled ({}) fails", resource = bucket(object{}), expect = "fail", message = "never had versioning" },
  { name = "versioning not collected is an error",
    resource = { arn = "arn:aws:s3:::acme-recordings", name = "acme-recordings", region = "us-east-1", data = object{} },
    errors = { { arn = "arn:aws:s3:::acme-recordings", operation = "s3:GetBucketVersioning", code = "AccessDenied",
                 message = "Access Denied" } },
    expect = "error", message = "AccessDenied" },
}
