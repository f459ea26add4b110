-- DDB-1: DynamoDB attribute and key names have no spaces or special characters.
-- The tables are those the instance's Lambda functions name in their
-- environment (collect/ddb.c). DescribeTable shows the names a table's schema
-- holds: its key, its indexes' keys and their AttributeDefinitions. The
-- other attributes are schemaless (item by item), so no API lists them: a
-- pass says so, and BASE-ATT-028 still asks about them.
local ALLOWED = "^[%w_]+$"   -- letters, digits, underscore: a $.External reference takes them as they are

local function names(ctx, t)
  local out, seen = {}, {}
  local function add(list, where)
    for i, a in ipairs(list or {}) do
      local n = a.AttributeName
      if n ~= nil and not seen[n] then
        seen[n] = true
        out[#out + 1] = { name = tostring(n), path = ctx:ptr(list, i, "AttributeName"), where = where }
      end
    end
  end
  add(ctx:need(t, "KeySchema"), "key")
  add(t.AttributeDefinitions, "attribute definition")
  for _, kind in ipairs({ "GlobalSecondaryIndexes", "LocalSecondaryIndexes" }) do
    for _, ix in ipairs(t[kind] or {}) do add(ix.KeySchema, "index " .. tostring(ix.IndexName)) end
  end
  return out
end

return {
  id = "BASE-DDB-001",
  title = "DynamoDB key attribute names have no spaces or special characters",
  severity = "low",
  practice = "DDB-1",
  controls = { BASELINE = { "DDB-1" } },
  resource = "dynamodb_table",
  rationale = "What a Lambda function reads from a table comes back to the flow as $.External.name; a "
    .. "name with spaces or special characters cannot be referenced in a flow and breaks when it is "
    .. "copied into contact attributes.",
  remediation = "A key attribute cannot be renamed: create a table (or index) whose key names use letters, "
    .. "digits and underscores, copy the items across (aws dynamodb scan / batch-write-item, or an export "
    .. "to S3 and import), and point the function's environment at it.",
  check = function(r, ctx)
    local t = ctx:need(r.data, "Table")
    local all = names(ctx, t)
    if #all == 0 then
      return ctx:error(("table %s: DescribeTable gave no key attribute"):format(r.name or r.arn),
        { path = ctx:ptr(t, "KeySchema") })
    end
    local bad, ev = {}, {}
    for _, n in ipairs(all) do
      if not n.name:match(ALLOWED) then
        bad[#bad + 1] = ("%q (%s)"):format(n.name, n.where)
        ev[#ev + 1] = { path = n.path, expected = "letters, digits and underscore only" }
      end
    end
    if #bad > 0 then
      return ctx:fail(("table %s: %d schema attribute name%s with spaces or special characters: %s")
        :format(r.name or r.arn, #bad, #bad == 1 and "" or "s", table.concat(bad, ", ")), ev)
    end
    for _, n in ipairs(all) do ev[#ev + 1] = { path = n.path, expected = "letters, digits and underscore only" } end
    ctx:pass(("table %s: its %d schema attribute names (keys, index keys) use letters, digits and "
      .. "underscore only; non-key attributes have no schema to read (BASE-ATT-028 asks)")
      :format(r.name or r.arn, #all), ev)
  end,
}
