-- BASE-CPR-001: every Customer Profiles object type of the instance's domain is
-- tagged -- Security Hub CSPM's Connect.1 ("Amazon Connect Customer Profiles
-- object types should be tagged", AWS::CustomerProfiles::ObjectType, AWS
-- Config rule customerprofiles-object-type-tagged): it fails an object type
-- with no tag key, or without every key of its optional requiredKeyTags
-- (case-sensitive, at most 6); system tags, which begin with "aws:", are
-- ignored. The pack's `profile_object_type_required_tag_keys` is that
-- parameter (empty: any non-system key passes).
--
-- An object type maps one source of customer data (a CRM, a shop, contact
-- records) into the profiles, so its tags are where its owner and purpose are
-- recorded (CW-4: integration points identified). The tags are the list
-- item's `Tags` (ListProfileObjectTypes), or -- for an item listed without any
-- -- ListTagsForResource's answer (`data.Tags`): "untagged" is never read from
-- a member an endpoint may simply not send. A domain whose object types could
-- not be listed is `error` here (no object type of it is known, so none may
-- pass or fail silently); a listed domain is not applicable, its object types
-- being judged one by one.
local collection = require "collection"
local flow = require "flow"

local OP_LIST, OP_TAGS = "profile:ListProfileObjectTypes", "profile:ListTagsForResource"

local function has_key(view)
  if not flow.is_view(view) then return false end
  for _ in pairs(view) do return true end
  return false
end

-- The object type's tags and their pointer, or nil and why not.
local function tags_of(r, ctx)
  local ot = r.data.ObjectType
  if not flow.is_view(ot) then
    return nil, ("its ListProfileObjectTypes item is not in the snapshot (%s)"):format(
      collection.explain(ctx, r.arn, OP_LIST))
  end
  if has_key(ot.Tags) then return ot.Tags, "data/ObjectType/Tags" end
  if flow.is_view(r.data.Tags) then return r.data.Tags, "data/Tags" end
  return nil, ("it was listed without tags and its ListTagsForResource answer is not in the snapshot (%s)"):format(
    collection.explain(ctx, r.arn, OP_TAGS))
end

local function judge_domain(r, ctx)
  local name = r.name or r.arn
  if flow.is_view(r.data.ObjectTypes) then
    return ctx:skip(("Customer Profiles domain %s: %d object type(s) listed, each judged on its own"):format(
      name, #r.data.ObjectTypes))
  end
  local errs = collection.errors_for(ctx, r.arn, OP_LIST)
  for _, e in ipairs(collection.errors_for_op(ctx, OP_LIST, r.region)) do
    if e.arn ~= r.arn then errs[#errs + 1] = e end
  end
  return ctx:error(("Customer Profiles domain %s: its object types were not listed, so whether they are tagged "
    .. "is not known (%s)"):format(name, collection.summary(errs)),
    { path = "data", expected = "ObjectTypes (ListProfileObjectTypes, every page)" })
end

return {
  id = "BASE-CPR-001",
  title = "Customer Profiles object types are tagged",
  severity = "low",
  practice = "CW-4",
  controls = { BASELINE = { "CW-4" } },
  resource = { "customer_profiles_object_type", "customer_profiles_domain" },
  rationale = "A Customer Profiles object type brings one source of customer data into the unified profiles; "
    .. "tags name its owner, purpose and environment, so the data it ingests can be accounted for, reviewed "
    .. "and, with attribute-based access control, restricted (Security Hub CSPM Connect.1).",
  remediation = "aws customer-profiles tag-resource --resource-arn OBJECT_TYPE_ARN --tags owner=TEAM "
    .. "(every key of the pack's profile_object_type_required_tag_keys), or the Tags of the CloudFormation "
    .. "AWS::CustomerProfiles::ObjectType.",
  check = function(r, ctx)
    if r.type == "customer_profiles_domain" then return judge_domain(r, ctx) end
    local name = r.name or r.arn
    local required = ctx.params.profile_object_type_required_tag_keys
    local want = {}
    if required ~= nil and required ~= false then
      if not flow.is_view(required) and type(required) ~= "table" then
        return ctx:error("parameter profile_object_type_required_tag_keys is not a list of tag keys")
      end
      for _, k in ipairs(required) do
        if type(k) ~= "string" or k == "" or k:sub(1, 4) == "aws:" then
          return ctx:error(("parameter profile_object_type_required_tag_keys: %q is not a tag key one may set "
            .. "(system keys begin with aws: and are ignored)"):format(tostring(k)))
        end
        want[#want + 1] = k
      end
    end
    local tags, where = tags_of(r, ctx)
    if not tags then
      return ctx:error(("Object type %s: its tags are not known: %s"):format(name, where),
        { path = "data", expected = "ObjectType.Tags or Tags (ListTagsForResource)" })
    end
    local keys, system = {}, 0
    for k in pairs(tags) do
      if type(k) == "string" and k:sub(1, 4) == "aws:" then system = system + 1 else keys[#keys + 1] = k end
    end
    table.sort(keys)
    if #want == 0 then
      if #keys > 0 then
        return ctx:pass(("Object type %s is tagged (%s)"):format(name, table.concat(keys, ", ")),
          { path = where, expected = "at least one tag key not beginning with aws:" })
      end
      return ctx:fail(("Object type %s has no tag%s"):format(name,
        system > 0 and (" but %d system tag(s) (aws:...), which do not count"):format(system) or ""),
        { path = where, expected = "at least one tag key not beginning with aws:" })
    end
    local have, missing = {}, {}
    for _, k in ipairs(keys) do have[k] = true end
    for _, k in ipairs(want) do
      if not have[k] then missing[#missing + 1] = k end
    end
    if #missing > 0 then
      return ctx:fail(("Object type %s lacks the tag key(s) %s (keys are case-sensitive)"):format(name,
        table.concat(missing, ", ")), { path = where, expected = want })
    end
    return ctx:pass(("Object type %s has every required tag key (%s)"):format(name, table.concat(want, ", ")),
      { path = where, expected = want })
  end,
}
