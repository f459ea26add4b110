-- PII-LEX-001: a Lex V2 bot's resource policy that lets Amazon Connect
-- (connect.amazonaws.com) call the bot confines it with aws:SourceAccount or
-- aws:SourceArn (confused deputy; judged by lib/deputy.lua, as PCI-KMS-010
-- judges key policies). Lex itself asks for both keys on a service-principal
-- statement made with CreateResourcePolicyStatement (botocore lexv2-models:
-- "you must provide two condition blocks, one with a SourceAccount ... and one
-- with a SourceArn"); a whole document put with CreateResourcePolicy is not so
-- checked, and either key stops the confused deputy, so either passes here.
--
-- The policy read is the bot's own (DescribeResourcePolicy on the bot ARN).
-- Amazon Connect writes its grant when a bot is added to an instance, on the
-- bot ALIAS's resource policy, which the snapshot does not hold. So a bot
-- policy that is null, or that grants Connect nothing, proves nothing about
-- the alias: manual (confirm the alias policy), never pass.
local deputy = require "deputy"

local SERVICE = "connect.amazonaws.com"
local function label(r)
  local bot = r.data.Bot
  return (bot and bot.botName) or r.name or r.arn
end

return {
  id = "PII-LEX-001",
  title = "Lex V2 bot resource policy grants to Amazon Connect carry aws:SourceAccount / aws:SourceArn",
  severity = "medium",
  practice = "FLOW-3",
  controls = {
    PII = { "GDPR-32(1)(b)" },
    HIPAA = { "164.312(a)(1)" },
    ["PCI-DSS-4.0"] = { "7.2.1" },
    BASELINE = { "FLOW-3" },
  },
  resource = "lexv2_bot",
  rationale = "A bot policy that allows connect.amazonaws.com without a source condition lets any " ..
    "account's Amazon Connect instance converse with the bot and read what its fulfilment returns " ..
    "(customer data); aws:SourceAccount / aws:SourceArn ties the grant to this account's instance.",
  remediation = "Lex console > Bots > bot (and Aliases > alias) > Resource-based policy > Edit: add " ..
    "\"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": \"ACCOUNT_ID\"}, \"ArnEquals\": " ..
    "{\"aws:SourceArn\": \"arn:aws:connect:REGION:ACCOUNT_ID:instance/ID\"}} to each statement allowing " ..
    "connect.amazonaws.com. CLI: aws lexv2-models update-resource-policy --resource-arn BOT_OR_ALIAS_ARN " ..
    "--policy file://policy.json --expected-revision-id REV",
  check = function(r, ctx)
    local policy = ctx:need(r.data, "ResourcePolicy")
    local what = ("Lex V2 bot %s's resource policy"):format(label(r))
    local status, msg, evidence
    if policy then
      ctx:need(policy, "Statement")
      status, msg, evidence = deputy.judge(ctx, policy, SERVICE, what)
    end
    if status then return ctx[status](ctx, msg, evidence) end
    ctx:manual(("%s %s; Amazon Connect's grant normally sits on the bot alias's resource policy, " ..
      "which the snapshot does not hold: confirm every statement there allowing %s carries " ..
      "aws:SourceAccount or aws:SourceArn"):format(what, policy and "grants nothing to " .. SERVICE or "is absent (null)",
      SERVICE),
      { path = "data/ResourcePolicy", expected = "alias policy: Allow to " .. SERVICE .. " with aws:SourceAccount / aws:SourceArn (attest)" })
  end,
}
