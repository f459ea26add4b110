-- DEV-1: a separate AWS account per stage. A snapshot is one account, so the
-- part a single snapshot can decide is "this account holds one stage": every
-- connect_instance in it has an alias naming the same stage (lib/stage.lua,
-- parameter stage_suffixes, as BASE-DEV-001). Instances of two stages in one
-- account -> fail. The other half of DEV-1 -- configuration identical across
-- stages -- needs two snapshots: `connect-auditor diff DEV.json PROD.json`
-- (stage drift, docs/diff.md); the pass message says so.
-- This instance's alias without a stage: manual (a person knows the stage).
-- Another instance's alias not collected: error (it might be another stage).
local stage = require "stage"
local collection = require "collection"

return {
  id = "BASE-DEV-002",
  title = "The account holds instances of one stage only",
  severity = "medium",
  practice = "DEV-1",
  controls = { BASELINE = {"DEV-1"}, ["PCI-DSS-4.0"] = {"6.5.3", "7.2.1"} },  -- 6.5.3: pre-production separated from production
  resource = "connect_instance",
  rationale = "Stages in separate accounts keep test users, test flows and their permissions away "
    .. "from production data; two stages in one account share IAM, keys and buckets, and a change "
    .. "meant for dev reaches prod.",
  remediation = "Move the non-production instance to its own account (AWS Organizations > Add an "
    .. "AWS account; recreate the instance there and import its flows), then compare the stages "
    .. "with: connect-auditor diff DEV_SNAPSHOT.json PROD_SNAPSHOT.json",
  check = function(r, ctx)
    local alias = ctx:need(r.data, "Instance", "InstanceAlias")
    local suffixes = ctx.params.stage_suffixes
    local mine = stage.of(alias, suffixes)
    local ev = { { path = "data/Instance/InstanceAlias", expected = "the same stage as every instance in the account" } }
    if not mine then
      ctx:manual("instance " .. r.name .. ": alias " .. tostring(alias) .. " names no stage (parameter "
        .. "stage_suffixes); is this account used for this instance's stage only? (DEV-1)", ev)
      return
    end
    local others = {}
    for other_arn, o in ctx:resources("connect_instance") do
      if other_arn ~= r.arn then
        local inst = o.data.Instance
        local oa = inst and inst.InstanceAlias
        if oa == nil then
          ctx:error("instance " .. r.name .. ": the alias of instance " .. other_arn .. " in the same snapshot "
            .. "was not collected (" .. collection.explain(ctx, other_arn) .. "); it may be another stage", ev)
          return
        end
        ev[#ev + 1] = { path = ctx:ptr(inst, "InstanceAlias"), expected = "stage " .. mine }
        local theirs = stage.of(oa, suffixes)
        if theirs and theirs:lower() ~= mine:lower() then
          others[#others + 1] = tostring(oa) .. " (" .. theirs .. ")"
        end
      end
    end
    if #others > 0 then
      ctx:fail("instance " .. r.name .. " (stage " .. mine .. ") shares account " .. tostring(ctx.snapshot.account_id)
        .. " with instance(s) of another stage: " .. table.concat(others, ", "), ev)
    else
      ctx:pass("account " .. tostring(ctx.snapshot.account_id) .. " holds stage " .. mine .. " only ("
        .. #ev .. " instance(s)); compare stages with connect-auditor diff (stage drift)", ev)
    end
  end,
}
