local B = "arn:aws:lex:us-east-1:111122223333:bot/ABCDE12345"
local LG = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lex/acme-ivr"
local KEY = "arn:aws:kms:us-east-1:111122223333:key/k1"
local function bot(...)
  return { arn = B, name = "acme-ivr", region = "us-east-1",
           data = { Bot = { botId = "ABCDE12345", botName = "acme-ivr" }, Aliases = { ... } } }
end
local function alias(text, audio)
  return { botAliasId = "PROD01", botAliasName = "prod", botId = "ABCDE12345",
           conversationLogSettings = { textLogSettings = text or {}, audioLogSettings = audio or {} } }
end
local function text(enabled, group)
  return { enabled = enabled, destination = { cloudWatch = { cloudWatchLogGroupArn = group or LG, logPrefix = "p" } } }
end
local function audio(enabled, key)
  return { enabled = enabled, destination = { s3Bucket = { s3BucketArn = "arn:aws:s3:::acme-lex-audio",
                                                           logPrefix = "p", kmsKeyArn = key } } }
end
local function group(kms)
  return { type = "logs_log_group", arn = LG, name = "/aws/lex/acme-ivr", region = "us-east-1",
           data = { LogGroup = { logGroupName = "/aws/lex/acme-ivr", kmsKeyId = kms } } }
end

return {
  { name = "text logs to an encrypted group and encrypted audio logs pass",
    resource = bot(alias({ text(true) }, { audio(true, KEY) })), others = { group(KEY) },
    expect = "pass", message = "encrypted with " .. KEY },
  { name = "text logs to a group without a KMS key fail",
    resource = bot(alias({ text(true) })), others = { group(nil) },
    expect = "fail", message = "which has no KMS key" },
  { name = "audio logs without kmsKeyArn fail",
    resource = bot(alias(nil, { audio(true) })), expect = "fail", message = "with no kmsKeyArn" },
  { name = "disabled logs are not judged",
    resource = bot(alias({ text(false) }, { audio(false) })), expect = "pass", message = "none enabled" },
  { name = "an alias with conversationLogSettings omitted keeps no logs",
    resource = bot({ botAliasId = "TSTALIASID", botAliasName = "TestBotAlias" }), expect = "pass" },
  { name = "a log group ARN with :* is found",
    resource = bot(alias({ text(true, LG .. ":*") })), others = { group(KEY) }, expect = "pass" },
  { name = "one finding per alias, in order",
    resource = bot(alias({ text(true) }), alias(nil, { audio(true, KEY) })), others = { group(nil) },
    expect = { "fail", "pass" } },
  { name = "a log group not in the snapshot is an error",
    resource = bot(alias({ text(true) })),
    errors = { { arn = LG, operation = "logs:DescribeLogGroups", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "a failing audio log and an uncollected group: the error wins",
    resource = bot(alias({ text(true) }, { audio(true) })), expect = "error", message = "with no kmsKeyArn" },
  { name = "no aliases is skipped",
    resource = bot(), expect = "skipped" },
  { name = "Aliases not collected is an error",
    resource = { arn = B, name = "acme-ivr", region = "us-east-1", data = { Bot = { botName = "acme-ivr" } } },
    errors = { { arn = B, operation = "lexv2-models:DescribeBotAlias", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
}
