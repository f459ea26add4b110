local B = "arn:aws:lex:us-east-1:111122223333:bot:OrderStatus"
local LG = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lex/OrderStatus"
local KEY = "arn:aws:kms:us-east-1:111122223333:key/k1"
local function text(group)
  return { logType = "TEXT", destination = "CLOUDWATCH_LOGS", resourceArn = group or LG, resourcePrefix = "aws/lex/x" }
end
local function audio(key)
  return { logType = "AUDIO", destination = "S3", resourceArn = "arn:aws:s3:::acme-lex-audio", kmsKeyArn = key,
           resourcePrefix = "aws/lex/x" }
end
local function alias(name, settings)
  return { name = name, botName = "OrderStatus", botVersion = "1",
           conversationLogs = settings and { logSettings = settings, iamRoleArn = "arn:aws:iam::111122223333:role/lex-logs" } }
end
local function bot(aliases)
  return { arn = B, name = "OrderStatus", region = "us-east-1", data = { Bot = { name = "OrderStatus" }, Aliases = aliases } }
end
local function group(kms)
  return { type = "logs_log_group", arn = LG, name = "/aws/lex/OrderStatus", region = "us-east-1",
           data = { LogGroup = { logGroupName = "/aws/lex/OrderStatus", kmsKeyId = kms } } }
end

return {
  { name = "text logs to an encrypted group and encrypted audio logs pass",
    resource = bot({ alias("Prod", { text(), audio(KEY) }) }), others = { group(KEY) },
    expect = "pass", message = "alias Prod: audio logs go to arn:aws:s3:::acme-lex-audio, encrypted with " .. KEY },
  { name = "aliases without conversation logs pass",
    resource = bot({ alias("Prod"), alias("Test", {}) }), expect = "pass", message = "2 alias(es), none with logSettings" },
  { name = "a bot without aliases keeps no logs",
    resource = bot({}), expect = "pass", message = "0 alias(es)" },
  { name = "text logs to a group without a KMS key fail",
    resource = bot({ alias("Prod", { text() }) }), others = { group(nil) },
    expect = "fail", message = "alias Prod: text logs go to log group /aws/lex/OrderStatus, which has no KMS key" },
  { name = "audio logs without kmsKeyArn fail, whichever alias",
    resource = bot({ alias("Prod", { audio(KEY) }), alias("Test", { audio(nil) }) }),
    expect = "fail", message = "alias Test: audio logs go to arn:aws:s3:::acme-lex-audio with no kmsKeyArn" },
  { name = "a log group ARN with :* is found",
    resource = bot({ alias("Prod", { text(LG .. ":*") }) }), others = { group(KEY) }, expect = "pass" },
  { name = "a log group not in the snapshot is an error",
    resource = bot({ alias("Prod", { text() }) }),
    errors = { { arn = LG, operation = "logs:DescribeLogGroups", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "a failing audio log and an uncollected group: the error wins",
    resource = bot({ alias("Prod", { text(), audio(nil) }) }), expect = "error", message = "with no kmsKeyArn" },
  { name = "aliases not collected is an error",
    resource = { arn = B, name = "OrderStatus", region = "us-east-1", data = { Bot = { name = "OrderStatus" } } },
    errors = { { arn = B, operation = "lex-models:GetBotAliases", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
}
