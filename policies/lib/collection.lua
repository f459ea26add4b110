-- collection: why evidence is missing, from the snapshot's errors[] entries
-- ({arn, operation, code, message}, docs/snapshot.md).
--
-- API (one wording for every rule, the same as ctx:need's):
--   collection.format(e)              -> "OP failed: CODE: MSG" for one errors[] entry
--   collection.describe(errs [, max]) -> the entries formatted, joined with "; " ("" for
--                                        none); past `max` entries: "… and N more"
--   collection.errors_for(ctx, arn [, operation])
--                                     -> errors[] entries recorded for `arn` (only
--                                        `operation`'s when given), snapshot order
--   collection.errors_for_op(ctx, operation [, region])
--                                     -> errors[] entries of an account- or region-wide
--                                        `operation` (ds:DescribeDirectories,
--                                        cloudwatch:DescribeAlarms, …) whose ARN is in
--                                        `region` or names no region; every region when
--                                        `region` is nil
--   collection.summary(errs [, max])  -> "collection error: <describe>" or
--                                        "no collection error recorded for it"
--   collection.explain(ctx, arn [, operation])
--                                     -> summary(errors_for(ctx, arn, operation))
--   collection.explain_op(ctx, operation [, region])
--                                     -> summary(errors_for_op(ctx, operation, region))
--   collection.filed_under(ctx, type, fallback, arn…)
--                                     -> where a finding about another resource goes: the
--                                        first `arn` (non-strings skipped) the snapshot holds
--                                        a `type` resource by, else `fallback` (the resource
--                                        under test's ARN): the engine turns a finding filed
--                                        under an ARN the snapshot lacks into an error
--
-- A rule puts explain()'s text in parentheses after what it could not see:
--   "Kinesis stream S is not in the snapshot (collection error: kinesis:Describe… failed: …)"
local arn = require "arn"

local collection = {}

function collection.format(e)
  return ("%s failed: %s: %s"):format(tostring(e.operation), tostring(e.code), tostring(e.message))
end

function collection.describe(errs, max)
  local out = {}
  local n = #errs
  local shown = (max and max < n) and max or n
  for i = 1, shown do out[i] = collection.format(errs[i]) end
  local s = table.concat(out, "; ")
  if shown < n then s = s .. (" and %d more"):format(n - shown) end
  return s
end

function collection.errors_for(ctx, resource_arn, operation)
  local out = {}
  for _, e in ipairs(ctx:errors_for(resource_arn)) do
    if operation == nil or e.operation == operation then out[#out + 1] = e end
  end
  return out
end

function collection.errors_for_op(ctx, operation, region)
  local out = {}
  for _, e in ipairs(ctx.snapshot.errors or {}) do
    if e.operation == operation then
      local er = arn.region(e.arn)
      if region == nil or er == nil or er == region then out[#out + 1] = e end
    end
  end
  return out
end

function collection.summary(errs, max)
  if #errs == 0 then return "no collection error recorded for it" end
  return "collection error: " .. collection.describe(errs, max)
end

function collection.explain(ctx, resource_arn, operation)
  return collection.summary(collection.errors_for(ctx, resource_arn, operation))
end

function collection.explain_op(ctx, operation, region)
  return collection.summary(collection.errors_for_op(ctx, operation, region))
end

function collection.filed_under(ctx, rtype, fallback, ...)
  for i = 1, select("#", ...) do
    local a = select(i, ...)
    if type(a) == "string" and ctx:lookup(rtype, a) then return a end
  end
  return fallback
end

return collection
