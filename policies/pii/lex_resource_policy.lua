-- PII-LEX-001: the resource policies of a Lex V2 bot and of each alias an
-- instance names let in no one beyond this account and this account's
-- Amazon Connect: every Allow to a service (connect.amazonaws.com or any
-- other) is confined with aws:SourceAccount or aws:SourceArn naming this
-- account (confused deputy; lib/deputy.lua, as PCI-KMS-010 judges key
-- policies), and no Allow goes to everyone, another account or a federated
-- identity (lib/lex.lua M.outsiders).
--
-- Lex itself asks for both keys on a service-principal statement made with
-- CreateResourcePolicyStatement (botocore lexv2-models: "you must provide two
-- condition blocks, one with a SourceAccount ... and one with a SourceArn"); a
-- whole document put with CreateResourcePolicy is not so checked, and either
-- key stops the confused deputy, so either passes here.
--
-- Amazon Connect writes its grant on the ALIAS's policy when a bot is added
-- to an instance, and the runtime calls (RecognizeText, StartConversation)
-- are authorised against the alias, so both policies are judged: the bot's
-- (lexv2_bot) and each alias's (lexv2_bot_alias, DescribeResourcePolicy on the
-- alias ARN). No policy (null) grants nothing through a resource policy:
-- pass. Whether Connect may call the alias at all is BASE-LEX-004's question.
local lex = require "lex"

local SERVICE = "connect.amazonaws.com"

return {
  id = "PII-LEX-001",
  title = "Lex V2 bot and alias resource policies let in only this account and its Amazon Connect (aws:SourceAccount / aws:SourceArn)",
  severity = "medium",
  practice = "FLOW-3",
  controls = {
    PII = { "GDPR-32(1)(b)" },
    HIPAA = { "164.312(a)(1)" },
    ["PCI-DSS-4.0"] = { "7.2.1" },
    BASELINE = { "FLOW-3" },
  },
  resource = { "lexv2_bot", "lexv2_bot_alias" },
  rationale = "A bot or alias policy that allows connect.amazonaws.com without a source condition lets any " ..
    "account's Amazon Connect instance converse with the bot and read what its fulfilment returns " ..
    "(customer data); a grant to everyone or another account does the same directly. aws:SourceAccount / " ..
    "aws:SourceArn ties the grant to this account's instance.",
  remediation = "Lex console > Bots > bot (and Aliases > alias) > Resource-based policy > Edit: add " ..
    "\"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": \"ACCOUNT_ID\"}, \"ArnEquals\": " ..
    "{\"aws:SourceArn\": \"arn:aws:connect:REGION:ACCOUNT_ID:instance/ID\"}} to each statement allowing " ..
    SERVICE .. ", and remove statements for other accounts or Principal \"*\". CLI: aws lexv2-models " ..
    "update-resource-policy --resource-arn BOT_OR_ALIAS_ARN --policy file://policy.json --expected-revision-id REV",
  check = function(r, ctx)
    local policy = ctx:need(r.data, "ResourcePolicy")
    local is_alias = r.type == "lexv2_bot_alias"
    local what
    if is_alias then
      what = lex.alias_label(ctx, r) .. "'s resource policy"
    else
      local bot = r.data.Bot
      what = ("Lex V2 bot %s's resource policy"):format(tostring((bot and bot.botName) or r.name or r.arn))
    end
    local links = is_alias and lex.alias_links(ctx, r) or {}
    local expected = "Allow only to this account, or to services with aws:SourceAccount / aws:SourceArn of this account"
    if not policy then
      local ev = { { path = "data/ResourcePolicy", expected = expected, note = "no resource policy (null)" } }
      for _, l in ipairs(links) do ev[#ev + 1] = l end
      return ctx:pass(what .. " is absent (null): it lets no one in", ev)
    end
    ctx:need(policy, "Statement")
    local bad, read = lex.outsiders(ctx, policy)
    local ev = {}
    for _, s in ipairs(read) do ev[#ev + 1] = { path = ctx:ptr(s), expected = expected } end
    if #ev == 0 then ev[1] = { path = "data/ResourcePolicy/Statement", expected = expected, note = "no Allow statement" } end
    for _, l in ipairs(links) do ev[#ev + 1] = l end
    if #bad > 0 then
      local parts = {}
      for _, b in ipairs(bad) do parts[#parts + 1] = b.why end
      return ctx:fail(what .. ": " .. table.concat(parts, "; "), ev)
    end
    ctx:pass(("%s lets in only this account and source-confined services (%d Allow statement%s)"):format(
      what, #read, #read == 1 and "" or "s"), ev)
  end,
}
