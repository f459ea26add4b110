-- FLOW-3 (Connect has permission for its integrations): the instance's
-- service role -- Instance.ServiceRole, Amazon Connect's service-linked role
-- AWSServiceRoleForAmazonConnect_* under /aws-service-role/connect.amazonaws.com/
-- -- exists (IAM GetRole, collect/iam.c) and trusts connect.amazonaws.com.
-- Connect reaches its buckets, keys, streams, Lambda functions and bots
-- through this role; a deleted or re-trusted role breaks them, and an
-- instance on an old custom role lacks what only the service-linked role
-- gives (CloudTrail support, the current admin website). A snapshot
-- without iam_role at all (an older collector; import) asks instead.
local arn = require "arn"
local collection = require "collection"
local iam = require "iam"

local SERVICE = "connect.amazonaws.com"

local function trusts(doc)
  for i, stmt in ipairs(iam.statements(doc)) do
    local p = stmt.Principal
    if iam.is_allow(stmt) and p and type(p) ~= "string" and iam.actions_match(stmt, "sts:AssumeRole") then
      for _, s in ipairs(iam.as_list(p.Service)) do
        if type(s) == "string" and s:lower() == SERVICE then return stmt, i end
      end
    end
  end
  return nil
end

return {
  id = "BASE-IAM-001",
  title = "The instance's service-linked role exists and trusts Amazon Connect",
  severity = "high",
  practice = "FLOW-3",
  controls = { BASELINE = { "FLOW-3" }, ["PCI-DSS-4.0"] = { "7.2.5" } },
  resource = "connect_instance",
  rationale = "Amazon Connect uses its service-linked role to write recordings and transcripts, use KMS keys and "
    .. "invoke the instance's Lambda functions and bots; if the role is gone or no longer trusts Connect, those "
    .. "integrations fail silently at contact time.",
  remediation = "IAM console > Roles: AWSServiceRoleForAmazonConnect_* must exist with the trust policy for "
    .. "connect.amazonaws.com; an instance on a custom role: Amazon Connect console > the instance > Overview > "
    .. "migrate to the service-linked role (aws iam create-service-linked-role --aws-service-name connect.amazonaws.com "
    .. "recreates it).",
  check = function(r, ctx)
    local inst = ctx:need(r.data, "Instance")
    local sr = ctx:need(inst, "ServiceRole")
    local ev = { { path = ctx:ptr(inst, "ServiceRole"), expected = "AWSServiceRoleForAmazonConnect_* (service-linked)" } }
    local kind = select(1, arn.resource_parts(sr))
    if arn.service(sr) ~= "iam" or kind ~= "role" then
      return ctx:error(("instance %s: ServiceRole %s is not an IAM role ARN"):format(r.name or r.arn, tostring(sr)), ev)
    end
    local full = tostring(sr):match(":role/(.*)$") or ""
    if not full:match("^aws%-service%-role/connect%.amazonaws%.com/AWSServiceRoleForAmazonConnect") then
      return ctx:fail(("instance %s uses role %s, not Amazon Connect's service-linked role "
        .. "(aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_*)"):format(r.name or r.arn, full), ev)
    end
    if ctx.snapshot.resources.iam_role == nil then
      return ctx:manual(("instance %s names service-linked role %s; this snapshot holds no IAM roles (an older "
        .. "collector, or an export made before roles were exported), so whether it still exists and trusts %s "
        .. "is for a person to check (FLOW-3)")
        :format(r.name or r.arn, full, SERVICE), ev)
    end
    local role = ctx:lookup("iam_role", sr)
    local data = role and role.data.Role
    if data == nil then
      return ctx:error(("instance %s: service-linked role %s was not read (%s)"):format(r.name or r.arn, full,
        collection.explain(ctx, sr, "iam:GetRole")), ev)
    end
    ev[#ev + 1] = { path = ctx:ptr(role.data, "Role"), expected = "the role, trusting " .. SERVICE }
    if data == false then
      return ctx:fail(("instance %s: its service-linked role %s does not exist (IAM NoSuchEntity): Connect cannot "
        .. "reach its storage, keys or functions"):format(r.name or r.arn, full), ev)
    end
    local doc = data.AssumeRolePolicyDocument
    if doc == nil then
      return ctx:error(("instance %s: role %s's trust policy was not read (%s)"):format(r.name or r.arn, full,
        collection.explain(ctx, sr, "iam:GetRole")), ev)
    end
    local stmt = trusts(doc)
    if not stmt then
      return ctx:fail(("instance %s: role %s exists but its trust policy does not let %s assume it"):format(
        r.name or r.arn, full, SERVICE), ev)
    end
    ev[#ev + 1] = { path = ctx:ptr(stmt), expected = "Allow " .. SERVICE .. " sts:AssumeRole" }
    ctx:pass(("instance %s: service-linked role %s exists and trusts %s"):format(r.name or r.arn, full, SERVICE), ev)
  end,
}
