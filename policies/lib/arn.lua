-- arn: Amazon Resource Names, parsed and taken apart.
--
-- API (stable; other packs depend on it):
--   arn.parse(s)          -> {partition, service, region, account, resource} or nil
--                            (nil when s is not a string of the form
--                            arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE;
--                            region and account may be "" as in S3 ARNs)
--   arn.is_arn(s)         -> boolean
--   arn.region(s)         -> region, or nil (not an ARN, or no region: S3, IAM)
--   arn.account(s)        -> 12-digit account, or nil (not an ARN, or none in it)
--   arn.service(s)        -> service ("s3", "kms", …), or nil
--   arn.resource_parts(s) -> type, id: "key/1234" -> "key", "1234";
--                            "log-group:/aws/x:*" -> "log-group", "/aws/x:*";
--                            "function:f:PROD" -> "function", "f:PROD";
--                            a resource with no separator ("bucket") -> nil, "bucket"
--   arn.bucket_name(s)    -> "b" for arn:aws:s3:::b and arn:aws:s3:::b/key…, else nil
--   arn.format(t)         -> the ARN string of a table shaped like parse()'s result
--
-- Views of the snapshot hand strings over as Lua strings, so these accept a
-- snapshot value directly; anything that is not a string gives nil/false.
local arn = {}

function arn.parse(s)
  if type(s) ~= "string" then return nil end
  -- The resource part may itself hold ':' and '/', so only the first five
  -- separators split; partition and service are never empty.
  local partition, service, region, account, resource =
    s:match("^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$")
  if not partition then return nil end
  return { partition = partition, service = service, region = region,
           account = account, resource = resource }
end

function arn.is_arn(s)
  return arn.parse(s) ~= nil
end

local function field(s, name)
  local a = arn.parse(s)
  if not a or a[name] == "" then return nil end
  return a[name]
end

function arn.region(s) return field(s, "region") end
function arn.account(s) return field(s, "account") end
function arn.service(s) return field(s, "service") end

function arn.resource_parts(s)
  local a = arn.parse(s)
  if not a then return nil, nil end
  -- AWS separates type and id with '/' (key/…, stream/…) or ':' (log-group:…,
  -- function:…); whichever comes first is the separator.
  local i = a.resource:find("[/:]")
  if not i then return nil, a.resource end
  return a.resource:sub(1, i - 1), a.resource:sub(i + 1)
end

function arn.bucket_name(s)
  local a = arn.parse(s)
  if not a or a.service ~= "s3" or a.region ~= "" or a.account ~= "" then return nil end
  local name = a.resource:match("^([^/]+)")
  return name
end

function arn.format(t)
  return table.concat({ "arn", t.partition or "aws", t.service, t.region or "",
                        t.account or "", t.resource }, ":")
end

return arn
