-- DS-1: where the instance uses an existing directory (identity type
-- EXISTING_DIRECTORY, chosen at creation), the Directory Service directory is
-- in place and healthy (DescribeDirectories Stage "Active").
--
-- The Stage is the directory's, so the finding is filed on each ds_directory
-- of an EXISTING_DIRECTORY instance's region, linking the instances
-- (lib/directory.lua, as BASE-IDN-001): DescribeInstance does not name the
-- directory, so every directory of the region must be Active. The instance is
-- skipped naming those directories, or is an error when none was collected.
-- Other identity types use no directory: skipped (nothing to configure; the
-- type itself is reported by BASE-USR-010).
local collection = require "collection"
local directory = require "directory"

return {
  id = "BASE-DS-001",
  title = "The instance's Directory Service directory is active",
  severity = "medium",
  practice = "DS-1",
  controls = { BASELINE = {"DS-1"}, HIPAA = {"164.312(d)"} },
  resource = { "connect_instance", "ds_directory" },
  rationale = "An instance that signs users in through an existing directory cannot authenticate "
    .. "agents when the directory is impaired, inoperable or deleted; the identity type cannot be "
    .. "changed afterwards, so the directory must be kept healthy.",
  remediation = "Directory Service console > Directories > the directory: read Status and its reason; "
    .. "restore from a snapshot or fix the network/domain controllers (aws ds describe-directories "
    .. "--directory-ids d-XXXX, aws ds restore-from-snapshot --snapshot-id s-XXXX).",
  check = function(r, ctx)
    if r.type == "ds_directory" then
      return directory.directory_check(ctx, r, function(d)
        local label = tostring(d.DirectoryId or r.name) .. " (" .. tostring(d.Name or "?") .. ")"
        local ev = { { path = ctx:ptr(d) .. "/Stage", expected = "Active" } }
        if d.Stage == nil then
          return nil, "directory " .. r.arn .. " has no collected Stage (" .. collection.explain(ctx, r.arn) .. ")", ev
        end
        if d.Stage == "Active" then return true, "directory " .. label .. " is Active", ev end
        return false, "directory " .. label .. " is " .. tostring(d.Stage)
          .. (d.StageReason and (": " .. tostring(d.StageReason)) or ""), ev
      end)
    end
    local kind = ctx:need(r.data, "Instance", "IdentityManagementType")
    if kind ~= "EXISTING_DIRECTORY" then
      ctx:skip("instance " .. r.name .. " uses " .. tostring(kind) .. ", not a Directory Service directory")
      return
    end
    directory.instance_check(ctx, r, "its state")
  end,
}
