local D = "arn:aws:profile:us-east-1:111122223333:domains/acme-profiles"
local OT = D .. "/object-types/Orders"
local function otype(tags, listed_tags)
  local data = { ObjectType = { ObjectTypeName = "Orders", Description = "Orders from the shop", Tags = listed_tags } }
  if tags ~= nil then data.Tags = tags end
  return { arn = OT, name = "Orders", region = "us-east-1", data = data }
end
local function domain(types)
  return { type = "customer_profiles_domain", arn = D, name = "acme-profiles", region = "us-east-1",
           data = { Domain = { DomainName = "acme-profiles" }, ObjectTypes = types } }
end

return {
  { name = "a tag in the list item passes", resource = otype(nil, { owner = "shop-team" }),
    expect = "pass", message = "is tagged (owner)" },
  { name = "listed without tags, ListTagsForResource's tags decide: tagged passes",
    resource = otype({ owner = "shop-team" }, nil), expect = "pass", message = "owner" },
  { name = "no tag at all fails", resource = otype(object{}, nil), expect = "fail", message = "has no tag" },
  { name = "system tags alone do not count", resource = otype(nil, { ["aws:cloudformation:stack-name"] = "shop" }),
    expect = "fail", message = "1 system tag(s)" },
  { name = "a required key missing fails, keys compared case-sensitively",
    resource = otype(nil, { Owner = "shop-team", env = "prod" }),
    params = { profile_object_type_required_tag_keys = { "owner", "env" } },
    expect = "fail", message = "lacks the tag key(s) owner" },
  { name = "every required key present passes",
    resource = otype(nil, { owner = "shop-team", env = "prod", ["aws:x"] = "y" }),
    params = { profile_object_type_required_tag_keys = { "owner", "env" } },
    expect = "pass", message = "every required tag key (owner, env)" },
  { name = "a system key as a required key is a parameter error",
    resource = otype(nil, { owner = "shop-team" }),
    params = { profile_object_type_required_tag_keys = { "aws:owner" } },
    expect = "error", message = "system keys begin with aws:" },
  { name = "listed without tags and ListTagsForResource denied is an error",
    resource = otype(nil, nil),
    errors = { { arn = OT, operation = "profile:ListTagsForResource", code = "AccessDeniedException",
                 message = "not authorized" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "the list item not collected is an error",
    resource = { arn = OT, name = "Orders", region = "us-east-1", data = object{} },
    expect = "error", message = "is not in the snapshot" },
  { name = "a listed domain is not applicable: its object types are judged",
    resource = domain({ { ObjectTypeName = "Orders", Description = "x" } }),
    expect = "skipped", message = "1 object type(s) listed" },
  { name = "a domain whose object types were denied is an error",
    resource = domain(nil),
    errors = { { arn = D, operation = "profile:ListProfileObjectTypes", code = "AccessDeniedException",
                 message = "not authorized" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "an endpoint that does not know the operation (one entry for the region) is an error",
    resource = domain(nil),
    errors = { { arn = "arn:aws:profile:us-east-1:111122223333:domains/*", operation = "profile:ListProfileObjectTypes",
                 code = "UnknownOperationException", message = "the endpoint does not know ListProfileObjectTypes" } },
    expect = "error", message = "UnknownOperationException" },
}
