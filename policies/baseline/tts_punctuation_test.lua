local fk = require "testkit.flow"
local rk = require "testkit.flowrefs"

local LONG = "thank you for calling acme our opening hours are eight in the morning until eight in the evening monday to friday"
local function main(...) return rk.flow_with("main", { ... }) end
local function say(text, id, nextId) return fk.say(id or "p", text, nextId or "bye") end

return {
  { name = "a punctuated prompt passes",
    resource = main(say("Thank you for calling Acme. Our opening hours are eight in the morning until eight in the evening, Monday to Friday.")),
    expect = "pass", message = "1 of 1 prompt(s) punctuated" },
  { name = "a long prompt without punctuation fails",
    resource = main(say(LONG)), expect = "fail", message = "runs 113 characters without punctuation" },
  { name = "a single full stop at the end of a long run is not enough",
    resource = main(say(LONG .. ".")), expect = "fail", message = "runs 113 characters" },
  { name = "a short unpunctuated prompt passes",
    resource = main(say("Please hold")), expect = "pass" },
  { name = "a prompt shorter than the limit still names its longest stretch (measured only when shown)",
    resource = main(say("  Please hold, we are connecting you  ")), expect = "pass",
    message = "MessageParticipant p prompt (longest unpunctuated stretch 21)" },
  { name = "a JSONPath in a short prompt is left out of its stretch",
    resource = main(say("Hello $.Customer.Name, welcome")), expect = "pass",
    message = "(longest unpunctuated stretch 7)" },
  { name = "SSML text passes",
    resource = main(say("<speak>" .. LONG .. "</speak>")), expect = "pass", message = "prompt(s) punctuated or in SSML" },
  { name = "dots inside a JSONPath are not pauses",
    resource = main(say("we are now looking up the account of $.Customer.FirstName and will be with you shortly so please stay on the line")),
    expect = "fail", message = "without punctuation" },
  { name = "Japanese punctuation counts",
    resource = main(say("お電話ありがとうございます。ただいま電話が大変混み合っております、そのままお待ちいただくか、後ほどおかけ直しください。")),
    expect = "pass" },
  { name = "input prompts and loop messages are checked too",
    resource = main(fk.act("ask", "GetParticipantInput", { Text = "Press 1 for sales.", StoreInput = "False" }, "loop",
        { { "NoMatchingError", "bye" } }, { { "Equals", "1", "loop" } }),
      fk.act("loop", "MessageParticipantIteratively", { Messages = { { Text = "Please hold." }, { Text = LONG } } },
        nil, { { "NoMatchingError", "bye" } })),
    expect = "fail", message = "1 of 3" },
  { name = "the threshold is a parameter",
    resource = main(say(LONG)), params = { tts_unpunctuated_max_chars = 200 }, expect = "pass" },
  { name = "prompts given by PromptId only: skipped",
    resource = main(fk.act("p", "MessageParticipant", { PromptId = rk.INSTANCE .. "/prompt/x" }, "bye", { { "NoMatchingError", "bye" } })),
    expect = "skipped" },
  { name = "ContactFlow not collected (AccessDenied) is an error",
    resource = fk.uncollected("support"), errors = fk.denied("support"),
    expect = "error", message = "AccessDenied" },
  { name = "a flow module's unpunctuated prompt fails",
    resource = fk.as_module(main(say(LONG))), expect = "fail", message = "without punctuation" },
}
