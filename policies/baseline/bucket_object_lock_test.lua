local function bucket(olc)
  return { arn = "arn:aws:s3:::acme-recordings", name = "acme-recordings", region = "us-east-1",
           data = { ObjectLockConfiguration = olc } }
end
local ON = { ObjectLockEnabled = "Enabled", Rule = { DefaultRetention = { Mode = "GOVERNANCE", Days = 400 } } }
local REQ = { object_lock_required = true }

return {
  { name = "not required by default: skipped", resource = bucket(null), expect = "skipped",
    message = "object_lock_required = false" },
  { name = "required and enabled passes", resource = bucket(ON), params = REQ,
    expect = "pass", message = "default retention GOVERNANCE, 400 days" },
  { name = "required and enabled without a default rule passes and says so",
    resource = bucket({ ObjectLockEnabled = "Enabled" }), params = REQ, expect = "pass", message = "no default retention" },
  { name = "required and no configuration (null) fails", resource = bucket(null), params = REQ, expect = "fail" },
  { name = "required and configuration without ObjectLockEnabled fails", resource = bucket(object{}),
    params = REQ, expect = "fail", message = "does not have Object Lock enabled" },
  { name = "required and not collected is an error",
    resource = { arn = "arn:aws:s3:::acme-recordings", name = "acme-recordings", region = "us-east-1", data = object{} },
    params = REQ,
    errors = { { arn = "arn:aws:s3:::acme-recordings", operation = "s3:GetObjectLockConfiguration",
                 code = "AccessDenied", message = "Access Denied" } },
    expect = "error", message = "AccessDenied" },
}
