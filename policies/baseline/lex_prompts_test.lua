local ARN = "arn:aws:lex:us-east-1:111122223333:bot:OrderBot"
local function bot(b) return { arn = ARN, name = "OrderBot", data = b } end
local PROMPT = { messages = { { contentType = "PlainText", content = "Sorry, again?" } }, maxAttempts = 2 }
local ABORT = { messages = { { contentType = "PlainText", content = "Goodbye." } } }

return {
  { name = "both configured: pass",
    resource = bot({ Bot = { name = "OrderBot", childDirected = false,
                             clarificationPrompt = PROMPT, abortStatement = ABORT } }),
    expect = "pass" },
  { name = "both omitted by GetBot (not set): fail naming both",
    resource = bot({ Bot = { name = "OrderBot", childDirected = false } }),
    expect = "fail", message = "no clarificationPrompt and abortStatement" },
  { name = "abort statement missing: fail",
    resource = bot({ Bot = { name = "OrderBot", clarificationPrompt = PROMPT } }),
    expect = "fail", message = "OrderBot has no abortStatement" },
  { name = "clarification prompt null: fail",
    resource = bot({ Bot = { name = "OrderBot", clarificationPrompt = null, abortStatement = ABORT } }),
    expect = "fail", message = "no clarificationPrompt" },
  { name = "prompt with an empty message list: fail",
    resource = bot({ Bot = { name = "OrderBot", clarificationPrompt = { messages = {}, maxAttempts = 2 },
                             abortStatement = ABORT } }),
    expect = "fail", message = "clarificationPrompt" },
  { name = "bot not collected is an error",
    resource = bot({}),
    errors = { { arn = ARN, operation = "lex:GetBot", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
}
