-- LEX-3 (automatic part): a Lex V1 bot has its own clarification prompt and
-- abort statement, so a misunderstood caller hears something designed for
-- this use case. Whether the wording and retry counts suit it stays an
-- attestation item.
--
-- Shape: PutBot makes both members optional and GetBot (rest-json) simply
-- omits a member that is not set. So once `Bot` was collected, an absent (or
-- null) clarificationPrompt / abortStatement means "not configured" → fail;
-- only `Bot` itself absent means "not collected" → error.

local MEMBERS = { "clarificationPrompt", "abortStatement" }

-- true when the member holds at least one message (Prompt and Statement
-- both carry `messages`, a list of {contentType, content}).
local function configured(v)
  if not v then return false end
  local msgs = v.messages
  return msgs and #msgs > 0 or false
end

return {
  id = "BASE-LEX-003",
  title = "Lex V1 bots have a clarification prompt and an abort statement",
  severity = "low",
  practice = "LEX-3",
  controls = { BASELINE = {"LEX-3"} },
  resource = "lex_bot",
  rationale = "Without a clarification prompt and an abort statement a Lex V1 bot cannot ask the "
    .. "caller to rephrase or end the conversation gracefully; the contact flow then takes the error "
    .. "branch with no explanation to the caller.",
  remediation = "Amazon Lex V1 console > Bots > the bot > Editor > Error handling: set Clarification "
    .. "prompts (with Maximum number of retries) and a Hang-up phrase, then Build and Publish. CLI: "
    .. "aws lex-models get-bot --name NAME --version-or-alias '$LATEST' > bot.json; add "
    .. "clarificationPrompt {messages, maxAttempts} and abortStatement {messages}; drop the read-only "
    .. "members (status, failureReason, createdDate, lastUpdatedDate, version); then aws lex-models "
    .. "put-bot --cli-input-json file://bot.json (PutBot replaces the whole bot, so keep its intents "
    .. "and checksum).",
  check = function(r, ctx)
    local bot = ctx:need(r.data, "Bot")
    local name = tostring(bot.name or r.name)
    local missing, evidence = {}, {}
    for _, m in ipairs(MEMBERS) do
      evidence[#evidence + 1] = { path = "data/Bot/" .. m, expected = m .. " with at least one message" }
      if not configured(bot[m]) then missing[#missing + 1] = m end
    end
    if #missing == 0 then
      ctx:pass("bot " .. name .. " has a clarification prompt and an abort statement", evidence)
    else
      ctx:fail("bot " .. name .. " has no " .. table.concat(missing, " and ")
        .. " (not set in GetBot's answer)", evidence)
    end
  end,
}
