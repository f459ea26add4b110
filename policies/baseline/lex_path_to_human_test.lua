-- Flow builders: policies/lib/testkit/flow.lua (documented there).
local fk = require "testkit.flow"
local act, flow, say, bye = fk.act, fk.flow, fk.say, fk.bye
local lex, queue, transfer, replace, with = fk.lex, fk.queue, fk.transfer, fk.replace, fk.with

-- menu (bot: "Billing" -> billing) ; fallback -> o.fallback or "toAgent"
local function bot_flow(o)
  o = o or {}
  return {
    lex("menu", { { "Billing", "billing" }, { "Agent", "toAgent" } }, o.fallback or "toAgent", o.timeout, o.err),
    say("billing", "Your balance is 10 dollars.", "bye"),
    say("toAgent", "Let me get you an agent.", "q"),
    queue("q"),
    say("sorry", "Sorry, goodbye.", "bye"),
    bye(),
  }
end

local function other(name, actions) return fk.as_other(flow(name, actions[1].Identifier, actions)) end
local agents = other("agents", { say("hi", "Connecting you to an agent.", "q"), queue("q"), bye() })

return {
  { name = "fallback, timeout and error branches reaching the queue pass",
    resource = flow("main", "menu", bot_flow()),
    expect = "pass", message = "every fallback, timeout and error branch of 1 bot(s) reaches a human" },
  { name = "a fallback that only says goodbye fails",
    resource = flow("main", "menu", bot_flow({ timeout = "sorry" })),
    expect = "fail", message = "InputTimeLimitExceeded (-> 'sorry') reaches no queue or agent" },
  { name = "a retry that only loops back into the bot (queue only via the Agent intent) fails",
    resource = flow("main", "menu", with(bot_flow({ fallback = "retry" }), { say("retry", "Sorry, say that again.", "menu") })),
    expect = "fail", message = "without re-entering the bot" },
  { name = "a branch pointing at the bot itself fails",
    resource = flow("main", "menu", bot_flow({ err = "menu" })),
    expect = "fail", message = "NoMatchingError loops straight back into the bot" },
  { name = "Loop: retry twice, then the queue: passes",
    resource = flow("main", "menu", with(bot_flow({ fallback = "retry" }), { fk.loop("retry", 2, "menu", "toAgent") })),
    expect = "pass", message = "NoMatchingCondition -> retry -> toAgent -> q" },
  { name = "a missing NoMatchingError branch fails",
    resource = flow("main", "menu", replace(bot_flow(), "menu", act("menu", "ConnectParticipantWithLexBot",
      { LexV2Bot = { AliasArn = "arn:aws:lex:us-east-1:111122223333:bot-alias/ABCDE12345/TSTALIASID" } }, nil,
      { { "NoMatchingCondition", "toAgent" }, { "InputTimeLimitExceeded", "toAgent" } }))),
    expect = "fail", message = "has no NoMatchingError branch" },
  { name = "TransferToFlow to a flow of the instance that queues passes",
    resource = flow("main", "menu", with(bot_flow({ fallback = "handoff" }), { transfer("handoff", "agents") })),
    others = { agents },
    expect = "pass", message = "handoff -> [flow agents] -> hi -> q" },
  { name = "TransferToFlow by ARN, two levels deep, passes",
    resource = flow("main", "menu", with(bot_flow({ fallback = "handoff" }), { transfer("handoff", fk.flow_arn("router")) })),
    others = { other("router", { transfer("next", "agents") }), agents },
    expect = "pass", message = "handoff -> [flow router] -> next -> [flow agents] -> hi -> q" },
  { name = "TransferToFlow into a flow that only hangs up fails",
    resource = flow("main", "menu", with(bot_flow({ fallback = "handoff" }), { transfer("handoff", "goodbye") })),
    others = { other("goodbye", { say("hi", "Goodbye.", "bye"), bye() }) },
    expect = "fail" },
  { name = "flows transferring to each other without a queue end terminate and fail",
    resource = flow("main", "menu", with(bot_flow({ fallback = "handoff" }), { transfer("handoff", "pingpong") })),
    others = { other("pingpong", { transfer("back", "main") }) },
    expect = "fail" },
  { name = "a transfer back into this flow, whose start leads only into the bot again, fails",
    resource = flow("main", "start", with(bot_flow({ fallback = "handoff" }), {
      say("start", "Welcome.", "menu"), transfer("handoff", "router") })),
    others = { other("router", { transfer("back", "main") }) },
    expect = "fail", message = "NoMatchingCondition (-> 'handoff') reaches no queue or agent without re-entering the bot" },
  { name = "StartAction naming no action is an error",
    resource = flow("main", "nowhere", bot_flow()),
    expect = "error", message = "StartAction 'nowhere' does not name an action, so no path into the bot can be traced" },
  { name = "TransferToFlow to a flow missing from the snapshot is manual",
    resource = flow("main", "menu", with(bot_flow({ fallback = "handoff" }), { transfer("handoff", "agents") })),
    expect = "manual", message = "target flow " .. fk.flow_arn("agents") .. " not in the snapshot" },
  { name = "TransferToFlow whose target flow was not collected is manual",
    resource = flow("main", "menu", with(bot_flow({ fallback = "handoff" }), { transfer("handoff", "agents") })),
    others = { fk.as_other(fk.uncollected("agents")) }, errors = fk.denied("agents"),
    expect = "manual", message = "ContactFlow.Content not collected" },
  { name = "TransferToFlow to a JSONPath is manual",
    resource = flow("main", "menu", with(bot_flow({ fallback = "handoff" }), { transfer("handoff", "$.Attributes.nextFlow") })),
    expect = "manual", message = "is a JSONPath" },
  { name = "TransferToFlow into another instance is manual",
    resource = flow("main", "menu", with(bot_flow({ fallback = "handoff" }),
      { transfer("handoff", "arn:aws:connect:us-east-1:111122223333:instance/other/contact-flow/agents") })),
    expect = "manual", message = "in another instance" },
  { name = "a module call on the way to the queue is passed through (its return edge)",
    resource = flow("main", "menu", with(bot_flow({ fallback = "lookup" }), { fk.module("lookup", "crm-lookup", "toAgent") })),
    expect = "pass" },
  { name = "an unreachable bot is skipped",
    resource = flow("main", "hi", with(bot_flow(), { say("hi", "Hello.", "bye") })),
    expect = "skipped", message = "no Lex bot reachable" },
  { name = "flow without a bot is skipped",
    resource = flow("main", "hi", { say("hi", "Hello.", "bye"), bye() }),
    expect = "skipped", message = "no Lex bot" },
  { name = "ContactFlow not collected (AccessDenied) is an error",
    resource = fk.uncollected("main"), errors = fk.denied("main"),
    expect = "error", message = "AccessDenied" },
}
