-- DS-1: where the instance uses an existing directory (identity type
-- EXISTING_DIRECTORY, chosen at creation), the Directory Service directory is
-- in place and healthy (DescribeDirectories Stage "Active").
--
-- Other identity types use no directory: skipped (nothing to configure; the
-- type itself is reported by BASE-USR-010). DescribeInstance does not name the
-- directory, so -- as BASE-IDN-001 does -- every ds_directory collected in the
-- instance's region is judged, and a pass needs all of them Active (a pass
-- never rests on guessing which one is the instance's). None collected: error.
local collection = require "collection"

return {
  id = "BASE-DS-001",
  title = "The instance's Directory Service directory is active",
  severity = "medium",
  practice = "DS-1",
  controls = { BASELINE = {"DS-1"}, HIPAA = {"164.312(d)"} },
  resource = "connect_instance",
  rationale = "An instance that signs users in through an existing directory cannot authenticate "
    .. "agents when the directory is impaired, inoperable or deleted; the identity type cannot be "
    .. "changed afterwards, so the directory must be kept healthy.",
  remediation = "Directory Service console > Directories > the directory: read Status and its reason; "
    .. "restore from a snapshot or fix the network/domain controllers (aws ds describe-directories "
    .. "--directory-ids d-XXXX, aws ds restore-from-snapshot --snapshot-id s-XXXX).",
  check = function(r, ctx)
    local kind = ctx:need(r.data, "Instance", "IdentityManagementType")
    local kind_ev = { path = "data/Instance/IdentityManagementType", expected = "EXISTING_DIRECTORY" }
    if kind ~= "EXISTING_DIRECTORY" then
      ctx:skip("instance " .. r.name .. " uses " .. tostring(kind) .. ", not a Directory Service directory")
      return
    end
    local dirs = {}
    for _, dir in ctx:resources("ds_directory") do
      if dir.region == r.region then dirs[#dirs + 1] = dir end
    end
    if #dirs == 0 then
      ctx:error("instance " .. r.name .. " uses an existing directory, but no ds_directory in " .. r.region
        .. " was collected (" .. collection.explain_op(ctx, "ds:DescribeDirectories", r.region) .. ")", kind_ev)
      return
    end
    local ev, good, bad = { kind_ev }, {}, {}
    for _, dir in ipairs(dirs) do
      local d = dir.data.Directory
      if not d or d.Stage == nil then
        ctx:error("instance " .. r.name .. ": directory " .. dir.arn .. " has no collected Stage ("
          .. collection.explain(ctx, dir.arn) .. ")", { kind_ev, { path = ctx:ptr(dir.data) .. "/Directory/Stage" } })
        return
      end
      ev[#ev + 1] = { path = ctx:ptr(d, "Stage"), expected = "Active" }
      local label = tostring(d.DirectoryId or dir.name) .. " (" .. tostring(d.Name or "?") .. ")"
      if d.Stage == "Active" then good[#good + 1] = label
      else bad[#bad + 1] = label .. " is " .. tostring(d.Stage) .. (d.StageReason and (": " .. tostring(d.StageReason)) or "") end
    end
    if #bad == 0 then
      ctx:pass("instance " .. r.name .. ": directory " .. table.concat(good, ", ") .. " is Active", ev)
    else
      ctx:fail("instance " .. r.name .. ": " .. table.concat(bad, "; "), ev)
    end
  end,
}
