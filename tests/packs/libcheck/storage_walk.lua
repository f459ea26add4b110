-- lib/storage.lua: storage.each visits every config in ResourceType order
-- (filtered by StorageType when asked) and storage.key finds each one's key.
local storage = require "storage"
return {
  id = "LIB-STORAGE-001", title = "storage", severity = "info", practice = "PII-2",
  controls = { BASELINE = {"PII-2"} }, resource = "connect_instance", rationale = "r", remediation = "m",
  check = function(r, ctx)
    local only = r.data.OnlyS3 and { S3 = true } or nil
    storage.each(ctx, r, function(rtype, cfg, what)
      local where, key, lead, gap_evidence = storage.key(ctx, r, cfg, what)
      if not where then return key, lead, gap_evidence end
      return "pass", ("%s -> %s key %s%s"):format(rtype, where, tostring(key),
        lead.unencrypted and " (unencrypted)" or ""), lead
    end, only)
  end,
}
