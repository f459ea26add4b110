-- testkit.flow -- builders for the contact flows that the flow rules' tests
-- feed to the engine (`local fk = require "testkit.flow"` in a *_test.lua).
-- For test files only: it uses `object{}`, which only the test sandbox has.
-- The shapes are those of reference/flow-language.md (flow
-- language 2019-10-30); every builder returns fresh tables, so a case may
-- change what it gets without touching other cases.
--
-- Resources (what a case puts in `resource` or `others`)
--   fk.flow(name, start, actions [, metadata])
--       a contact_flow resource as the collector stores it:
--       { arn = fk.flow_arn(name), name, region = "us-east-1",
--         data = { ContactFlow = { Arn, Id = name, Name = name, Type = "CONTACT_FLOW",
--           State = "ACTIVE", Content = { Version = "2019-10-30", StartAction = start,
--           Metadata = metadata or {}, Actions = actions } } } }
--       Content is already parsed (an object, not the API's JSON string).
--   fk.flow_arn(name)   fk.INSTANCE .. "/contact-flow/" .. name
--   fk.uncollected(name), fk.denied(name)
--       a flow the collector could not describe: the resource
--       { arn, name, data = { Other = 1 } } (no ContactFlow), and the snapshot
--       errors[] entry for it (connect:DescribeContactFlow, AccessDenied).
--
-- Actions (one element of Content.Actions)
--   fk.act(id, type, params, next, errors, conditions)
--       { Identifier = id, Type = type, Parameters = params or {},
--         Transitions = { NextAction = next,
--           Errors = { { ErrorType, NextAction }, … },
--           Conditions = { { NextAction, Condition = { Operator, Operands = { operand } } }, … } } }
--       errors     = { { "NoMatchingError", "sorry" }, … }         ({ErrorType, NextAction})
--       conditions = { { "Equals", "1", "target" }, … }           ({Operator, operand, NextAction})
--       Each part is left out when its argument is nil; with none, Transitions
--       is `{}` (a terminal action).
--   fk.logging(id, value, next)      UpdateFlowLoggingBehavior { FlowLoggingBehavior = value }
--   fk.recording(id, participants, ivr, next)
--       UpdateContactRecordingBehavior { RecordingBehavior = {
--         RecordedParticipants = participants, IVRRecordingBehavior = ivr } }
--   fk.say(id, text, next)           MessageParticipant { Text }, NoMatchingError -> "bye"
--   fk.bye()                         DisconnectParticipant "bye", terminal (Transitions {})
--   fk.card_input(id, next [, extra])
--       GetParticipantInput storing a card number, NoMatchingError -> "sorry":
--       { Text = "Please enter your 16 digit card number, …", StoreInput = "True",
--         InputTimeLimitSeconds = "8", InputValidation = { CustomValidation = { MaximumLength = "19" } },
--         InputEncryption = { EncryptionKeyId = keys.A_ID, Key = keys.A_CERT } } (testkit.keys:
--         a security key that fk.instance holds and a certificate signed by it)
--       changed by fk.overlay(params, extra)
--   fk.pay(id, next)
--       InvokeLambdaFunction take-payment with LambdaInvocationAttributes
--       { card = "$.StoredCustomerInput" }, NoMatchingError -> "sorry"
--
-- Action lists
--   fk.payment_actions([o])
--       AWS's secure-input pattern, 12 actions, start at "logOn":
--       logOn (logging Enabled) -> recOn (Agent+Customer, IVR Enabled) -> greet
--       (menu: Equals "1" -> logOff, Equals "2" -> o.quick or logOff; timeout,
--       no match and errors -> sorry) -> logOff (Disabled) -> recOff (nobody, IVR
--       Disabled) -> getCard (fk.card_input with o.card) -> takePayment (fk.pay)
--       -> logBackOn -> recBackOn -> thanks -> bye; sorry -> bye.
--   fk.replace(actions, id, action)  puts action where Identifier id was; returns actions
--   fk.with(actions, more)           appends the list more; returns actions
--
-- Parameters
--   fk.overlay(params, extra)
--       copies extra's keys onto params; the value "DROP" removes the key (so
--       { InputEncryption = "DROP" } leaves it out, while null sets JSON null).

-- Routing (hours, staffing, queues, other flows; added for BASE-FLOW-010/011, PCI-FLOW-010)
--   fk.hours(id, open, closed [, err])    CheckHoursOfOperation, Equals "True" -> open,
--                                         Equals "False" -> closed, NoMatchingError -> err or closed
--   fk.staffing(id, yes, no [, metric])   CheckMetricData MetricType metric (default
--                                         NumberOfAgentsAvailable), NumberGreaterThan "0" -> yes,
--                                         NoMatchingCondition and NoMatchingError -> no
--   fk.queue(id [, err])                  TransferContactToQueue, QueueAtCapacity and
--                                         NoMatchingError -> err or "bye"
--   fk.transfer(id, flow_ref [, err])     TransferToFlow { ContactFlowId = flow_ref },
--                                         NoMatchingError -> err or "bye"
--   fk.lex(id, intents, fallback [, timeout [, err]])
--       ConnectParticipantWithLexBot (a V2 alias); intents = { { "Intent", "target" }, … };
--       NoMatchingCondition -> fallback, InputTimeLimitExceeded -> timeout or fallback,
--       NoMatchingError -> err or fallback
--   fk.module(id, module_ref, next [, err])  InvokeFlowModule { FlowModuleId }, NoMatchingError -> err or next
--   fk.loop(id, count, again, done)       Loop { LoopCount }, ContinueLooping -> again, DoneLooping -> done
--   fk.flow_module(name, start, actions)  a connect_contact_flow_module resource (data.ContactFlowModule,
--                                         Content parsed), ARN fk.module_arn(name)
--   fk.module_arn(name)                   fk.INSTANCE .. "/flow-module/" .. name
--   fk.as_module(resource)                the same Content as a flow module: a flow resource
--                                         built by fk.flow (or testkit.flowrefs) turned into a
--                                         connect_contact_flow_module (ARN fk.module_arn(name),
--                                         data.ContactFlowModule without Type)
--   fk.uncollected_module(name), fk.denied_module(name)
--                                         a module the collector could not describe (no
--                                         ContactFlowModule) and its errors[] entry
--                                         (connect:DescribeContactFlowModule, AccessDenied)
--   fk.typed(resource, type)              sets data.ContactFlow.Type; returns the resource
--   fk.as_other(resource [, type])        the resource with type = "connect_contact_flow"
--                                         (default) for a case's `others`
--   fk.instance(logs [, security_keys])   a connect_instance resource (fk.INSTANCE) whose Attributes
--                                         hold CONTACTFLOW_LOGS = logs ("true"/"false"; nil leaves
--                                         the attribute out; "DROP" leaves Attributes out) and whose
--                                         SecurityKeys are security_keys (default: key A of
--                                         testkit.keys; "DROP" leaves SecurityKeys out: not collected)

local keys = require "testkit.keys"

local M = {}

M.INSTANCE = "arn:aws:connect:us-east-1:111122223333:instance/4f1c2b7e-0d3a-4c55-9b61-5e2f8a9c0d11"
M.KEY_PEM = keys.A_CERT

function M.act(id, typ, params, nextId, errors, conds)
  local tr = {}
  if nextId then tr.NextAction = nextId end
  if errors then
    tr.Errors = {}
    for i, e in ipairs(errors) do tr.Errors[i] = { ErrorType = e[1], NextAction = e[2] } end
  end
  if conds then
    tr.Conditions = {}
    for i, c in ipairs(conds) do
      tr.Conditions[i] = { NextAction = c[3], Condition = { Operator = c[1], Operands = { c[2] } } }
    end
  end
  if next(tr) == nil then tr = object{} end
  return { Identifier = id, Type = typ, Parameters = params or object{}, Transitions = tr }
end
local act = M.act

function M.flow_arn(name) return M.INSTANCE .. "/contact-flow/" .. name end

function M.flow(name, start, actions, metadata)
  local arn = M.flow_arn(name)
  return { arn = arn, name = name, region = "us-east-1",
    data = { ContactFlow = { Arn = arn, Id = name, Name = name, Type = "CONTACT_FLOW", State = "ACTIVE",
      Content = { Version = "2019-10-30", StartAction = start, Metadata = metadata or object{}, Actions = actions } } } }
end

function M.uncollected(name)
  return { arn = M.flow_arn(name), name = name, data = { Other = 1 } }
end
function M.denied(name)
  return { { arn = M.flow_arn(name), operation = "connect:DescribeContactFlow",
             code = "AccessDenied", message = "User is not authorized to perform connect:DescribeContactFlow" } }
end

function M.overlay(p, extra)
  for k, v in pairs(extra or {}) do if v == "DROP" then p[k] = nil else p[k] = v end end
  return p
end

function M.logging(id, value, nextId) return act(id, "UpdateFlowLoggingBehavior", { FlowLoggingBehavior = value }, nextId) end
function M.recording(id, participants, ivr, nextId)
  return act(id, "UpdateContactRecordingBehavior",
    { RecordingBehavior = { RecordedParticipants = participants, IVRRecordingBehavior = ivr } }, nextId)
end
function M.say(id, text, nextId) return act(id, "MessageParticipant", { Text = text }, nextId, { { "NoMatchingError", "bye" } }) end
function M.bye() return act("bye", "DisconnectParticipant", nil) end
function M.card_input(id, nextId, extra)
  local p = M.overlay({ Text = "Please enter your 16 digit card number, followed by the pound key.", StoreInput = "True",
    InputTimeLimitSeconds = "8", InputValidation = { CustomValidation = { MaximumLength = "19" } },
    InputEncryption = { EncryptionKeyId = keys.A_ID, Key = keys.A_CERT } }, extra)
  return act(id, "GetParticipantInput", p, nextId, { { "NoMatchingError", "sorry" } })
end
function M.pay(id, nextId)
  return act(id, "InvokeLambdaFunction", { LambdaFunctionARN = "arn:aws:lambda:us-east-1:111122223333:function:take-payment",
    InvocationTimeLimitSeconds = "8", LambdaInvocationAttributes = { card = "$.StoredCustomerInput" } },
    nextId, { { "NoMatchingError", "sorry" } })
end

-- AWS's secure-input pattern: logging and recording on for the call, both
-- off around the card entry, back on afterwards.
function M.payment_actions(o)
  o = o or {}
  local logging, recording, say = M.logging, M.recording, M.say
  return {
    logging("logOn", "Enabled", "recOn"),
    recording("recOn", { "Agent", "Customer" }, "Enabled", "greet"),
    act("greet", "GetParticipantInput", { Text = "Press 1 to pay by card.", StoreInput = "False", InputTimeLimitSeconds = "5" },
      "sorry", { { "InputTimeLimitExceeded", "sorry" }, { "NoMatchingCondition", "sorry" }, { "NoMatchingError", "sorry" } },
      { { "Equals", "1", "logOff" }, { "Equals", "2", o.quick or "logOff" } }),
    logging("logOff", "Disabled", "recOff"),
    recording("recOff", {}, "Disabled", "getCard"),
    M.card_input("getCard", "takePayment", o.card),
    M.pay("takePayment", "logBackOn"),
    logging("logBackOn", "Enabled", "recBackOn"),
    recording("recBackOn", { "Agent", "Customer" }, "Enabled", "thanks"),
    say("thanks", "Thank you, your payment is complete.", "bye"),
    say("sorry", "Sorry, we could not take your payment.", "bye"),
    M.bye(),
  }
end

function M.replace(actions, id, new)
  for i, a in ipairs(actions) do if a.Identifier == id then actions[i] = new end end
  return actions
end
function M.with(actions, extra)
  for _, a in ipairs(extra) do actions[#actions + 1] = a end
  return actions
end

function M.hours(id, open, closed, err)
  return act(id, "CheckHoursOfOperation", nil, nil, { { "NoMatchingError", err or closed } },
    { { "Equals", "True", open }, { "Equals", "False", closed } })
end
function M.staffing(id, yes, no, metric)
  return act(id, "CheckMetricData", { MetricType = metric or "NumberOfAgentsAvailable" }, nil,
    { { "NoMatchingCondition", no }, { "NoMatchingError", no } }, { { "NumberGreaterThan", "0", yes } })
end
function M.queue(id, err)
  return act(id, "TransferContactToQueue", nil, nil, { { "QueueAtCapacity", err or "bye" }, { "NoMatchingError", err or "bye" } })
end
function M.transfer(id, ref, err)
  return act(id, "TransferToFlow", { ContactFlowId = ref }, nil, { { "NoMatchingError", err or "bye" } })
end
function M.lex(id, intents, fallback, timeout, err)
  local conds = {}
  for i, it in ipairs(intents or {}) do conds[i] = { "Equals", it[1], it[2] } end
  return act(id, "ConnectParticipantWithLexBot",
    { Text = "How can I help you today?",
      LexV2Bot = { AliasArn = "arn:aws:lex:us-east-1:111122223333:bot-alias/ABCDE12345/TSTALIASID" } },
    nil, { { "NoMatchingCondition", fallback }, { "InputTimeLimitExceeded", timeout or fallback },
           { "NoMatchingError", err or fallback } }, #conds > 0 and conds or nil)
end
function M.module(id, ref, nextId, err)
  return act(id, "InvokeFlowModule", { FlowModuleId = ref }, nextId, { { "NoMatchingError", err or nextId } })
end
function M.loop(id, count, again, done)
  return act(id, "Loop", { LoopCount = tostring(count) }, nil, { { "NoMatchingError", done } },
    { { "Equals", "ContinueLooping", again }, { "Equals", "DoneLooping", done } })
end
function M.module_arn(name) return M.INSTANCE .. "/flow-module/" .. name end
function M.flow_module(name, start, actions)
  local arn = M.module_arn(name)
  return { type = "connect_contact_flow_module", arn = arn, name = name, region = "us-east-1",
    data = { ContactFlowModule = { Arn = arn, Id = name, Name = name, State = "ACTIVE",
      Content = { Version = "2019-10-30", StartAction = start, Metadata = object{}, Actions = actions } } } }
end
function M.as_module(res)
  local cf = res.data.ContactFlow
  local m = M.flow_module(res.name, cf.Content.StartAction, cf.Content.Actions)
  m.data.ContactFlowModule.Name = cf.Name
  m.data.ContactFlowModule.Content = cf.Content
  return m
end
function M.uncollected_module(name)
  return { type = "connect_contact_flow_module", arn = M.module_arn(name), name = name, data = { Other = 1 } }
end
function M.denied_module(name)
  return { { arn = M.module_arn(name), operation = "connect:DescribeContactFlowModule",
             code = "AccessDenied", message = "User is not authorized to perform connect:DescribeContactFlowModule" } }
end
function M.typed(res, typ) res.data.ContactFlow.Type = typ; return res end
function M.as_other(res, typ) res.type = typ or "connect_contact_flow"; return res end
function M.instance(logs, security_keys)
  local attrs = { { AttributeType = "INBOUND_CALLS", Value = "true" } }
  if logs and logs ~= "DROP" then attrs[2] = { AttributeType = "CONTACTFLOW_LOGS", Value = logs } end
  local data = { Instance = { Arn = M.INSTANCE, Id = M.INSTANCE:match("[^/]+$"), InstanceAlias = "acme" } }
  if logs ~= "DROP" then data.Attributes = attrs end
  if security_keys ~= "DROP" then
    data.SecurityKeys = security_keys
      or { { AssociationId = keys.A_ID, Key = keys.A_PUB, CreationTime = "2025-06-01T00:00:00Z" } }
  end
  return { type = "connect_instance", arn = M.INSTANCE, name = "acme", region = "us-east-1", data = data }
end

return M
