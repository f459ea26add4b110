-- S3-3: a storage bucket's policy grants no more than Amazon Connect needs.
-- Each Allow statement of the (parsed) bucket policy:
--   * to connect.amazonaws.com: only actions of `connect_bucket_actions`
--     (no wildcard, no NotAction), only this bucket and its objects (no "*",
--     no NotResource), and an aws:SourceAccount / aws:SourceArn condition
--     (confused deputy, lib/deputy.lua);
--   * to another account's principal: not every S3 action ("s3:*", "*",
--     NotAction) -- full control of recordings by an outside account.
-- Public grants are PII-S3-002's; same-account principals are the
-- account's IAM policies' business, not judged here. No policy (null) grants
-- nothing: pass.
local arn = require "arn"
local deputy = require "deputy"
local iam = require "iam"

local SERVICE = "connect.amazonaws.com"

local function names_service(p)
  if not p or type(p) == "string" then return false end
  for _, s in ipairs(iam.as_list(p.Service)) do
    if type(s) == "string" and s:lower() == SERVICE then return true end
  end
  return false
end

-- Accounts a statement's AWS principal names (12 digits or an ARN's account).
local function principal_accounts(p)
  local out = {}
  if not p or type(p) == "string" then return out end
  for _, v in ipairs(iam.as_list(p.AWS)) do
    if type(v) == "string" then
      local a = v:match("^(%d%d%d%d%d%d%d%d%d%d%d%d)$") or arn.account(v)
      if a then out[#out + 1] = a end
    end
  end
  return out
end

local function sid(stmt, i)
  return type(stmt.Sid) == "string" and ("statement %d (%s)"):format(i, stmt.Sid) or ("statement %d"):format(i)
end

return {
  id = "BASE-S3-004",
  title = "S3 bucket policies grant Amazon Connect no more than it needs",
  severity = "medium",
  practice = "S3-3",
  controls = { BASELINE = { "S3-3" }, ["PCI-DSS-4.0"] = { "7.2.5" }, HIPAA = { "164.312(a)(1)" },
               PII = { "GDPR-32(1)(b)" } },
  resource = "s3_bucket",
  rationale = "Recordings, transcripts and exports sit in these buckets. A policy that gives the Connect service "
    .. "wildcard actions or other buckets, or lets it act without aws:SourceAccount/aws:SourceArn, lets any "
    .. "account's Connect instance reach them; full S3 control for another account hands the data over.",
  remediation = "S3 console > the bucket > Permissions > Bucket policy > Edit: list only the actions Connect uses "
    .. "(s3:GetObject, s3:PutObject, s3:GetObjectAcl, s3:PutObjectAcl, s3:DeleteObject, s3:GetBucketLocation, "
    .. "s3:GetBucketAcl, s3:ListBucket) on arn:aws:s3:::BUCKET and arn:aws:s3:::BUCKET/*, add \"StringEquals\": "
    .. "{\"aws:SourceAccount\": \"ACCOUNT_ID\"}, and replace s3:* grants to other accounts with the actions they need "
    .. "(aws s3api put-bucket-policy --bucket BUCKET --policy file://policy.json).",
  check = function(r, ctx)
    local policy = ctx:need(r.data, "Policy")
    local name = r.name or arn.bucket_name(r.arn) or r.arn
    if not policy then
      return ctx:pass(("bucket %s has no bucket policy: it grants nothing beyond the account's IAM policies")
        :format(name), { path = "data/Policy", expected = "no grant broader than Amazon Connect needs" })
    end
    ctx:need(policy, "Statement")
    local stmts = iam.statements(policy)
    local allowed = {}
    for _, a in ipairs(ctx.params.connect_bucket_actions) do allowed[a:lower()] = true end
    local bucket = "arn:aws:s3:::" .. name
    local own = ctx.snapshot.account_id
    local bad, ev = {}, {}
    local guards = {}
    for _, g in ipairs(deputy.grants(policy, SERVICE)) do guards[g.index] = #g.guard > 0 end
    for i, stmt in ipairs(stmts) do
      if iam.is_allow(stmt) and names_service(stmt.Principal) then
        local why = {}
        if stmt.NotAction ~= nil then why[#why + 1] = "NotAction (every other action)" end
        for _, a in ipairs(iam.as_list(stmt.Action)) do
          local s = tostring(a)
          if s:find("[%*%?]") then why[#why + 1] = "wildcard action " .. s
          elseif not allowed[s:lower()] then why[#why + 1] = "action " .. s .. " beyond connect_bucket_actions" end
        end
        if stmt.NotResource ~= nil then why[#why + 1] = "NotResource" end
        for _, res in ipairs(iam.as_list(stmt.Resource)) do
          local s = tostring(res)
          if s ~= bucket and s:sub(1, #bucket + 1) ~= bucket .. "/" then
            why[#why + 1] = "resource " .. s .. " (not this bucket)"
          end
        end
        if not guards[i] then why[#why + 1] = "no aws:SourceAccount / aws:SourceArn condition (confused deputy)" end
        if #why > 0 then
          bad[#bad + 1] = ("%s to %s: %s"):format(sid(stmt, i), SERVICE, table.concat(why, ", "))
          ev[#ev + 1] = { path = ctx:ptr(stmt), expected = "connect_bucket_actions on this bucket, with a source condition" }
        end
      elseif iam.is_allow(stmt) and not iam.is_public_principal(stmt) then
        local full = stmt.NotAction ~= nil
        for _, a in ipairs(iam.as_list(stmt.Action)) do
          if a == "*" or tostring(a):lower() == "s3:*" then full = true end
        end
        local other
        for _, acct in ipairs(principal_accounts(stmt.Principal)) do
          if acct ~= own then other = acct end
        end
        if full and other then
          bad[#bad + 1] = ("%s gives account %s every S3 action"):format(sid(stmt, i), other)
          ev[#ev + 1] = { path = ctx:ptr(stmt), expected = "no s3:* to another account" }
        end
      end
    end
    if #bad > 0 then
      return ctx:fail(("bucket %s's policy is broader than Amazon Connect needs: %s"):format(name,
        table.concat(bad, "; ")), ev)
    end
    ctx:pass(("bucket %s's policy grants %s only connect_bucket_actions on this bucket with a source condition, "
      .. "and no other account every S3 action (%d statement%s)"):format(name, SERVICE, #stmts,
      #stmts == 1 and "" or "s"), { path = ctx:ptr(policy, "Statement"), expected = "no grant broader than Amazon Connect needs" })
  end,
}
