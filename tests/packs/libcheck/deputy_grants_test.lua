local K = "arn:aws:kms:us-east-1:111122223333:key/k"
return {
  { name = "grants and guards",
    resource = { arn = K, name = "k", region = "us-east-1", data = { Policy = { Statement = {
      { Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "kms:*" },
      { Effect = "Allow", Principal = { Service = "connect.amazonaws.com" }, Action = "kms:Decrypt",
        Condition = { ArnLike = { ["aws:SourceArn"] = "arn:aws:connect:us-east-1:111122223333:instance/*" } } },
      { Effect = "Allow", Principal = { Service = { "connect.amazonaws.com" } }, Action = "kms:Decrypt",
        Condition = { StringEquals = { ["kms:CallerAccount"] = "111122223333" } } },
      { Effect = "Allow", Principal = { Service = { "logs.amazonaws.com", "CONNECT.amazonaws.com" } },
        Action = "kms:Decrypt", Condition = { StringEquals = { ["aws:sourceaccount"] = "111122223333" } } },
      { Effect = "Deny", Principal = { Service = "connect.amazonaws.com" }, Action = "kms:Decrypt" },
    } } } },
    expect = "pass" },
}
