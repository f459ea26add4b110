-- directory: the AWS Directory Service directories of instances that sign
-- users in through an existing directory (IdentityManagementType
-- EXISTING_DIRECTORY). What is configured on the directory (RADIUS MFA, its
-- Stage) is the directory's, so the rules that judge it report on the
-- ds_directory resource and link the instances in the evidence.
--
-- DescribeInstance does not name the directory (reference/aws-notes.md), and
-- the collector keeps every directory of such an instance's region, so every
-- directory of the region counts as possibly the instance's: a pass never
-- rests on guessing which one it is.
--
-- API:
--   directory.in_region(ctx, region) -> list of ds_directory resources of the region, ARN order
--   directory.users(ctx, region)     -> instances of the region with EXISTING_DIRECTORY, and
--                                       those whose IdentityManagementType was not collected
--   directory.instance_check(ctx, r, what)
--       the connect_instance side of such a rule, for an EXISTING_DIRECTORY instance:
--       no directory of its region collected -> error quoting ds:DescribeDirectories;
--       else skip, naming the directories `what` is judged on
--   directory.directory_check(ctx, dir, judge)
--       the ds_directory side: no instance of the region uses a directory -> skip (or
--       error when an instance's identity type was not collected); the Directory member
--       not collected -> error; else judge(d) -> ok, message, evidence list, and the
--       finding (pass when ok, fail otherwise) carries the instances' identity type too
local collection = require "collection"

local directory = {}

function directory.in_region(ctx, region)
  local out = {}
  for _, d in ctx:resources("ds_directory") do
    if d.region == region then out[#out + 1] = d end
  end
  return out
end

function directory.users(ctx, region)
  local users, unknown = {}, {}
  for _, inst in ctx:resources("connect_instance") do
    if inst.region == region then
      local i = inst.data.Instance
      local kind = i and i.IdentityManagementType
      if kind == "EXISTING_DIRECTORY" then users[#users + 1] = inst
      elseif kind == nil then unknown[#unknown + 1] = inst end
    end
  end
  return users, unknown
end

function directory.instance_check(ctx, r, what)
  local dirs = directory.in_region(ctx, r.region)
  local ev = { path = "data/Instance/IdentityManagementType", expected = "a collected Directory Service directory" }
  if #dirs == 0 then
    return ctx:error("instance " .. r.name .. " uses an existing directory, but no ds_directory in " .. r.region
      .. " was collected (" .. collection.explain_op(ctx, "ds:DescribeDirectories", r.region) .. ")", ev)
  end
  local ids = {}
  for _, d in ipairs(dirs) do ids[#ids + 1] = d.arn end
  ctx:skip("instance " .. r.name .. " signs users in through Directory Service: " .. what
    .. " is the directory's, judged on " .. table.concat(ids, ", "))
end

function directory.directory_check(ctx, dir, judge)
  local users, unknown = directory.users(ctx, dir.region)
  if #users == 0 then
    if #unknown > 0 then
      local names = {}
      for _, u in ipairs(unknown) do names[#names + 1] = u.name .. " (" .. collection.explain(ctx, u.arn) .. ")" end
      return ctx:error("directory " .. dir.name .. ": whether an instance of " .. dir.region
        .. " signs users in through it is unknown: the identity type of " .. table.concat(names, ", ")
        .. " was not collected", { path = ctx:ptr(dir.data) .. "/Directory", note = "the directory" })
    end
    return ctx:skip("directory " .. dir.name .. ": no Amazon Connect instance of " .. dir.region
      .. " signs users in through a directory")
  end
  local d = dir.data.Directory
  if not d then
    return ctx:error("directory " .. dir.arn .. " was listed but its Directory was not collected ("
      .. collection.explain(ctx, dir.arn) .. ")",
      { path = ctx:ptr(dir.data, "Directory"), expected = "a DescribeDirectories item" })
  end
  local ok, msg, evidence = judge(d)
  if ok == nil then return ctx:error(msg, evidence) end
  local names = {}
  for _, u in ipairs(users) do
    names[#names + 1] = u.name
    evidence[#evidence + 1] = { path = ctx:ptr(u.data.Instance, "IdentityManagementType"),
      expected = "EXISTING_DIRECTORY",
      note = "instance " .. tostring(u.name) .. " signs users in through a directory of " .. dir.region
        .. " (DescribeInstance does not name which: every directory of the region is judged)" }
  end
  local suffix = " (used by instance " .. table.concat(names, ", ") .. ")"
  if ok then ctx:pass(msg .. suffix, evidence) else ctx:fail(msg .. suffix, evidence) end
end

return directory
