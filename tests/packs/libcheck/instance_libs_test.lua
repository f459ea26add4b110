local A = "arn:aws:cloudwatch:us-east-1:111122223333:alarm:"
return {
  { name = "every assertion holds; collect groups alarms by region and leaves uncollected ones out",
    resource = { arn = "arn:aws:connect:us-east-1:111122223333:instance/i", name = "i", region = "us-east-1",
                 data = object{} },
    others = { { type = "cloudwatch_alarm", arn = A .. "a", name = "a", region = "us-east-1",
                 data = { MetricAlarm = { AlarmName = "a" } } },
               { type = "cloudwatch_alarm", arn = A .. "b", name = "b", region = "us-east-1", data = object{} } },
    expect = "pass", message = "ok: 1 alarm(s) in us-east-1" },
}
