local B = "arn:aws:lex:us-east-1:111122223333:bot/ABCDE12345"
local A = "arn:aws:lex:us-east-1:111122223333:bot-alias/ABCDE12345/PROD01"
local I = "arn:aws:connect:us-east-1:111122223333:instance/i-1"
local LG = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lex/acme-ivr"
local KEY = "arn:aws:kms:us-east-1:111122223333:key/k1"
local function alias_res(a)
  return { arn = A, name = "prod", region = "us-east-1", data = { BotAlias = a } }
end
local function alias(text, audio)
  return alias_res({ botAliasId = "PROD01", botAliasName = "prod", botId = "ABCDE12345",
           conversationLogSettings = { textLogSettings = text or {}, audioLogSettings = audio or {} } })
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
local bot = { type = "lexv2_bot", arn = B, name = "acme-ivr", region = "us-east-1",
              data = { Bot = { botId = "ABCDE12345", botName = "acme-ivr" } } }
local inst = { type = "connect_instance", arn = I, name = "acme", region = "us-east-1",
               data = { LexBots = { { LexV2Bot = { AliasArn = A } } } } }

return {
  { name = "text logs to an encrypted group and encrypted audio logs pass",
    resource = alias({ text(true) }, { audio(true, KEY) }), others = { group(KEY), bot, inst },
    expect = "pass", message = "encrypted with " .. KEY },
  { name = "the finding names the alias and its bot",
    resource = alias({ text(true) }), others = { group(KEY), bot, inst },
    expect = "pass", message = "Lex V2 alias prod of bot acme-ivr" },
  { name = "text logs to a group without a KMS key fail",
    resource = alias({ text(true) }), others = { group(nil), bot, inst },
    expect = "fail", message = "which has no KMS key" },
  { name = "audio logs without kmsKeyArn fail",
    resource = alias(nil, { audio(true) }), expect = "fail", message = "with no kmsKeyArn" },
  { name = "disabled logs are not judged",
    resource = alias({ text(false) }, { audio(false) }), expect = "pass", message = "none enabled" },
  { name = "an alias with conversationLogSettings omitted keeps no logs",
    resource = alias_res({ botAliasId = "TSTALIASID", botAliasName = "TestBotAlias" }), expect = "pass" },
  { name = "a log group ARN with :* is found",
    resource = alias({ text(true, LG .. ":*") }), others = { group(KEY) }, expect = "pass" },
  { name = "a log group not in the snapshot is an error",
    resource = alias({ text(true) }),
    errors = { { arn = LG, operation = "logs:DescribeLogGroups", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "a failing audio log and an uncollected group: the error wins",
    resource = alias({ text(true) }, { audio(true) }), expect = "error", message = "with no kmsKeyArn" },
  { name = "BotAlias not collected is an error",
    resource = { arn = A, name = "PROD01", region = "us-east-1", data = {} },
    errors = { { arn = A, operation = "lexv2-models:DescribeBotAlias", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
}
