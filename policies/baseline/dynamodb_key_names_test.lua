local T = "arn:aws:dynamodb:us-east-1:111122223333:table/acme-customers"
local function tbl(keys, attrs, gsi)
  local t = { TableName = "acme-customers", KeySchema = {}, AttributeDefinitions = {} }
  for _, k in ipairs(keys) do t.KeySchema[#t.KeySchema + 1] = { AttributeName = k, KeyType = "HASH" } end
  for _, a in ipairs(attrs or keys) do
    t.AttributeDefinitions[#t.AttributeDefinitions + 1] = { AttributeName = a, AttributeType = "S" }
  end
  if gsi then
    t.GlobalSecondaryIndexes = { { IndexName = "byPhone", KeySchema = { { AttributeName = gsi, KeyType = "HASH" } } } }
  end
  return { arn = T, name = "acme-customers", region = "us-east-1", data = { Table = t } }
end

return {
  { name = "plain key names pass and say non-key attributes are not seen",
    resource = tbl({ "customerId" }, { "customerId", "phone_number" }, "phone_number"),
    expect = "pass", message = "non-key attributes have no schema" },
  { name = "a space in the partition key fails", resource = tbl({ "customer id" }),
    expect = "fail", message = "\"customer id\" (key)" },
  { name = "a hyphen in a sort key fails", resource = tbl({ "id", "started-at" }),
    expect = "fail", message = "started-at" },
  { name = "an index key with a dot fails", resource = tbl({ "id" }, { "id", "phone.number" }, "phone.number"),
    expect = "fail", message = "phone.number" },
  { name = "the table not described is an error",
    resource = { arn = T, name = "acme-customers", region = "us-east-1", data = object{} },
    errors = { { arn = T, operation = "dynamodb:DescribeTable", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "KeySchema absent is an error",
    resource = { arn = T, name = "acme-customers", region = "us-east-1", data = { Table = { TableName = "x" } } },
    expect = "error", message = "KeySchema" },
}
