return { { name = "libs", resource = { arn = "arn:aws:s3:::b", name = "b", region = "us-east-1",
  data = { Empty = {}, Policy = { Statement = {
    { Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*",
      Condition = { StringEquals = { ["aws:SourceAccount"] = "111122223333" }, Bool = { ["aws:SecureTransport"] = "true" } } },
    { Effect = "Allow", Principal = { Service = "connect.amazonaws.com" }, Action = "s3:PutObject", Resource = "*" } } } } },
  expect = "pass" } }
