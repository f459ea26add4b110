local T = "arn:aws:dynamodb:us-east-1:111122223333:table/acme-customers"
local function tbl(status)
  return { arn = T, name = "acme-customers", region = "us-east-1",
           data = { ContinuousBackupsDescription = { ContinuousBackupsStatus = "ENABLED",
                    PointInTimeRecoveryDescription = { PointInTimeRecoveryStatus = status } } } }
end
return {
  { name = "point-in-time recovery on passes", resource = tbl("ENABLED"), expect = "pass", message = "is on" },
  { name = "point-in-time recovery off fails", resource = tbl("DISABLED"), expect = "fail", message = "is off" },
  { name = "an unknown status is an error", resource = tbl("ENABLING"), expect = "error", message = "ENABLING" },
  { name = "not collected is an error",
    resource = { arn = T, name = "acme-customers", region = "us-east-1", data = object{} },
    errors = { { arn = T, operation = "dynamodb:DescribeContinuousBackups", code = "AccessDeniedException",
                 message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
}
