-- flowrefs: what a contact flow refers to outside itself (its instance, Lambda
-- functions, Lex bots, queues, other flows, phone numbers), and one way of
-- turning a list of per-reference verdicts into a single finding. Used by the
-- baseline flow hygiene and integration rules (BASE-FLOW-02x, BASE-LAM-010,
-- BASE-TEL-00x, BASE-POL-00x); the graph itself comes from lib/flow.lua.
--
-- API:
--   flowrefs.instance_arn(s)    -> "arn:P:connect:R:A:instance/ID" of any Connect ARN under an
--                                  instance (flow, queue, module, …), or nil
--   flowrefs.instance(ctx, r)   -> instance resource, instance ARN; the resource is nil when the
--                                  snapshot lacks it (the ARN is nil when r.arn names no instance)
--   flowrefs.missing_instance(ctx, r, inst_arn)
--                               -> records the `error` finding for a flow whose instance is not in
--                                  the snapshot (quoting errors[] for the instance ARN)
--   flowrefs.container_ptr(res) -> absolute JSON pointer of a resource container {type, arn}
--   flowrefs.need(ctx, res, key)
--                               -> res.data[key] of another resource (the instance, a function);
--                                  absent: records an `error` finding quoting errors[] for that
--                                  resource's ARN (ctx:need quotes the current resource's only)
--                                  and returns nil
--   flowrefs.actions(g, types)  -> graph nodes whose Type is a key of `types`, document order
--   flowrefs.is_dynamic(v)      -> true for a value with a JSONPath in it ("$.…")
--   flowrefs.sorted_keys(view)  -> keys of an object view, sorted (deterministic output)
--   flowrefs.lambda_base(s)     -> the unqualified function ARN of a (possibly qualified) one
--   flowrefs.connect_ref(inst_arn, value, kind)
--                               -> full ARN of a Connect reference that may be a bare ID:
--                                  "q1" with kind "queue" -> inst_arn .. "/queue/q1"; an ARN is
--                                  returned unchanged; nil for anything else
--   flowrefs.e164(s)            -> true when s is "+" and 2–15 digits, the first not 0
--   flowrefs.report(ctx, subject, items [, opts])
--                               -> one finding from items {status, text, ev} (ev: evidence list):
--                                  fail > error > manual > pass; the message names the count and
--                                  the first items of the deciding status; evidence of every item
--                                  of that status (capped). No items: skip with opts.none.
--                                  An item's text and ev may be functions giving them: called
--                                  only for the items whose text or evidence the finding shows
--                                  (most items' are not: their words and pointers cost more than
--                                  the verdicts), so they must not look anything up.
local arn = require "arn"
local flow = require "flow"
local collection = require "collection"

local M = {}

-- Absolute JSON pointer of a resource container (RFC 6901 escapes).
function M.container_ptr(res)
  local a = res.arn:gsub("~", "~0"):gsub("/", "~1")
  return "/resources/" .. res.type .. "/" .. a
end

-- The ARN of `s` cut down to "<prefix>/<id>" (or "<prefix>:<name>"): the
-- first resource part matching `pattern`, rebuilt under the same partition,
-- region and account; nil when `s` is not an ARN of `service` or does not match.
local function narrowed(s, service, pattern, prefix)
  local a = arn.parse(s)
  if not a or a.service ~= service then return nil end
  local id = a.resource:match(pattern)
  if not id then return nil end
  return arn.format({ partition = a.partition, service = service, region = a.region,
                      account = a.account, resource = prefix .. id })
end

-- narrowed(s, "connect", "^instance/([^/]+)", "instance/") in one match and
-- one concatenation, with no table: flow.load asks it for every flow in every
-- flow rule (issue 12). Each field of arn.parse's pattern stops at the first
-- ':' it may not hold, so the fields are the ones parse takes apart, its
-- service is "connect" exactly, and the id is the same run of non-'/'
-- characters at the start of its resource.
function M.instance_arn(s)
  if type(s) ~= "string" then return nil end
  local partition, region, account, id = s:match("^arn:([^:]+):connect:([^:]*):([^:]*):instance/([^/]+)")
  if not partition then return nil end
  return "arn:" .. partition .. ":connect:" .. region .. ":" .. account .. ":instance/" .. id
end

function M.instance(ctx, r)
  local ia = M.instance_arn(r.arn)
  if not ia then return nil, nil end
  return ctx:lookup("connect_instance", ia), ia
end

function M.missing_instance(ctx, r, inst_arn)
  if not inst_arn then
    ctx:error(("%s: its ARN %s names no Amazon Connect instance"):format(r.name or r.arn, r.arn),
      { path = M.container_ptr(r), note = "its ARN: " .. r.arn,
        expected = "arn:aws:connect:REGION:ACCOUNT:instance/ID/…" })
    return
  end
  ctx:error(("%s: its instance %s is not in the snapshot (%s)"):format(r.name or r.arn, inst_arn,
    collection.explain(ctx, inst_arn)),
    { path = M.container_ptr({ type = "connect_instance", arn = inst_arn }), expected = inst_arn })
end

function M.need(ctx, res, key)
  local v = res.data[key]
  if v ~= nil and v ~= false then return v end
  ctx:error(("%s %s: data.%s is %s (%s)"):format(res.type, res.name or res.arn, key,
    v == false and "null" or "not in the snapshot", collection.explain(ctx, res.arn)),
    { path = M.container_ptr(res) .. "/data/" .. key,
      expected = key .. " as collected" })
  return nil
end

-- The engine walks g.nodes (auditor/policy/flowgraph.c, the `flowselect`
-- global) with the same reads as the loop below, which runs only when an
-- item of g.nodes is no table (to raise the error it raises).
function M.actions(g, types)
  local sel = flowselect(g, types)
  if sel then return sel end
  local out = {}
  for _, node in ipairs(g.nodes) do
    if types[node.type] then out[#out + 1] = node end
  end
  return out
end

M.is_dynamic = flow.is_dynamic

function M.sorted_keys(view)
  local keys = {}
  if not flow.is_view(view) then return keys end
  for k in pairs(view) do
    if type(k) == "string" then keys[#keys + 1] = k end
  end
  table.sort(keys)
  return keys
end

-- function:NAME[:QUALIFIER] -> function:NAME
function M.lambda_base(s) return narrowed(s, "lambda", "^function:([^:]+)", "function:") end

function M.connect_ref(inst_arn, value, kind)
  if type(value) ~= "string" or value == "" then return nil end
  if arn.is_arn(value) then return value end
  if value:find("[/:$]") or not inst_arn then return nil end
  return inst_arn .. "/" .. kind .. "/" .. value
end

function M.e164(s)
  return type(s) == "string" and s:match("^%+[1-9]%d%d?%d?%d?%d?%d?%d?%d?%d?%d?%d?%d?%d?%d?$") ~= nil
end

local RANK = { fail = 4, error = 3, manual = 2, pass = 1 }
local MAX_EVIDENCE, MAX_TEXTS = 60, 3

function M.report(ctx, subject, items, opts)
  opts = opts or {}
  if #items == 0 then
    ctx:skip(subject .. ": " .. (opts.none or "nothing to check"))
    return
  end
  local worst = "pass"
  for _, it in ipairs(items) do
    if RANK[it.status] > RANK[worst] then worst = it.status end
  end
  local texts, ev, n, nev = {}, {}, 0, 0
  for _, it in ipairs(items) do
    if it.status == worst then
      n = n + 1
      if n <= MAX_TEXTS then
        local t = it.text
        if type(t) == "function" then t = t() end
        texts[#texts + 1] = t
      end
      if nev < MAX_EVIDENCE then
        local list = it.ev
        if type(list) == "function" then list = list() end
        for _, e in ipairs(list or {}) do
          if nev < MAX_EVIDENCE then
            nev = nev + 1
            ev[nev] = e
          end
        end
      end
    end
  end
  local more = n > MAX_TEXTS and ("; and %d more"):format(n - MAX_TEXTS) or ""
  local head = (opts.words and opts.words[worst]) or worst
  local msg = ("%s: %d of %d %s: %s%s"):format(subject, n, #items, head, table.concat(texts, "; "), more)
  if worst == "fail" then ctx:fail(msg, ev)
  elseif worst == "error" then ctx:error(msg, ev)
  elseif worst == "manual" then ctx:manual(msg, ev)
  else ctx:pass(msg, ev) end
end

-- Is `v` a deployment-template placeholder rather than a value: {{name}},
-- ${Name}, <NAME>, %%NAME%%, or text with spaces where an ARN belongs
-- ("ENTER LAMBDA HERE")? Flows published from samples and IaC keep these until
-- the template is rendered; what they stand for cannot be read from the flow.
function M.is_placeholder(v)
  if type(v) ~= "string" then return false end
  return v:find("{{", 1, true) ~= nil or v:find("${", 1, true) ~= nil or v:find("%%", 1, true) ~= nil
    or v:match("^%s*<[^>]+>%s*$") ~= nil or (v:find("^arn:") == nil and v:find("%s") ~= nil)
end

return M
