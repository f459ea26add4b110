local ARN = "arn:aws:connect:us-east-1:111122223333:instance/4f1c0000-0000-0000-0000-000000000001"
local ARN2 = "arn:aws:connect:us-east-1:111122223333:instance/4f1c0000-0000-0000-0000-000000000002"
local DIR = "arn:aws:ds:us-east-1:111122223333:directory/d-9067000001"
local function inst(kind) return { arn = ARN, name = "acme-prod", region = "us-east-1",
  data = { Instance = { Id = "4f1c", IdentityManagementType = kind } } } end
local function other_inst(kind, arn)
  local i = inst(kind)
  i.type, i.arn = "connect_instance", arn or ARN
  return i
end
local RADIUS = { RadiusServers = { "10.0.0.10" }, RadiusPort = 1812, RadiusTimeout = 5, RadiusRetries = 4,
                 AuthenticationProtocol = "PAP", DisplayLabel = "MFA", UseSameUsername = true }
local function dir(arn, d, region)
  return { type = "ds_directory", arn = arn, name = "corp.example.com", region = region or "us-east-1", data = d }
end
-- the directory under test, used by the EXISTING_DIRECTORY instance
local function on_dir(d, extra)
  local c = { resource = dir(DIR, d), others = { other_inst("EXISTING_DIRECTORY") } }
  for k, v in pairs(extra or {}) do c[k] = v end
  return c
end
local function case(name, c, expect, message)
  c.name, c.expect, c.message = name, expect, message
  return c
end

return {
  -- the instance: what its identity type decides
  { name = "CONNECT_MANAGED fails: no MFA possible",
    resource = inst("CONNECT_MANAGED"),
    expect = "fail", message = "no MFA is possible" },
  { name = "SAML is manual: the IdP's MFA must be attested",
    resource = inst("SAML"),
    expect = "manual", message = "attest" },
  { name = "an existing directory: the instance is skipped, naming the directory judged",
    resource = inst("EXISTING_DIRECTORY"),
    others = { dir(DIR, { Directory = { DirectoryId = "d-9067000001" } }) },
    expect = "skipped", message = "judged on " .. DIR },
  { name = "a directory in another region is not the instance's: error when none is local",
    resource = inst("EXISTING_DIRECTORY"),
    others = { dir("arn:aws:ds:eu-west-1:111122223333:directory/d-9367000001",
                   { Directory = { DirectoryId = "d-9367000001", RadiusSettings = RADIUS,
                                   RadiusStatus = "Completed" } }, "eu-west-1") },
    expect = "error", message = "no ds_directory in us-east-1" },
  { name = "no directory collected is an error quoting the collection error",
    resource = inst("EXISTING_DIRECTORY"),
    errors = { { arn = "arn:aws:ds:us-east-1:111122223333:directory/*", operation = "ds:DescribeDirectories",
                 code = "AccessDeniedException", message = "not authorized" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "a DescribeDirectories error in another region is not quoted",
    resource = inst("EXISTING_DIRECTORY"),
    errors = { { arn = "arn:aws:ds:eu-west-1:111122223333:directory/*", operation = "ds:DescribeDirectories",
                 code = "AccessDeniedException", message = "not authorized" } },
    expect = "error", message = "no collection error recorded" },
  { name = "unknown identity type is an error",
    resource = inst("SOMETHING_NEW"),
    expect = "error", message = "SOMETHING_NEW" },
  { name = "identity type in lower case is not recognised: error, not pass",
    resource = inst("saml"),
    expect = "error" },
  { name = "instance not described is an error",
    resource = { arn = ARN, name = "acme-prod", data = { Attributes = {} } },
    errors = { { arn = ARN, operation = "connect:DescribeInstance", code = "AccessDeniedException",
                 message = "User is not authorized to perform connect:DescribeInstance" } },
    expect = "error", message = "AccessDeniedException" },
  -- the directory: its RADIUS settings, linked to the instances that use one
  case("a directory with RADIUS completed passes, naming the instance",
    on_dir({ Directory = { DirectoryId = "d-9067000001", RadiusSettings = RADIUS, RadiusStatus = "Completed" } }),
    "pass", "d-9067000001 has RADIUS MFA configured (RadiusStatus Completed) (used by instance acme-prod)"),
  case("a directory without RadiusSettings (omitted by AWS) fails",
    on_dir({ Directory = { DirectoryId = "d-9067000001", Stage = "Active" } }), "fail", "no RADIUS settings"),
  case("RADIUS configured but failed fails",
    on_dir({ Directory = { DirectoryId = "d-9067000001", RadiusSettings = RADIUS, RadiusStatus = "Failed" } }),
    "fail", "RadiusStatus Failed"),
  case("RADIUS still being created is not yet MFA: fail",
    on_dir({ Directory = { DirectoryId = "d-9067000001", RadiusSettings = RADIUS, RadiusStatus = "Creating" } }),
    "fail"),
  case("RadiusSettings null fails",
    on_dir({ Directory = { DirectoryId = "d-9067000001", RadiusSettings = null, RadiusStatus = "Completed" } }),
    "fail"),
  case("two instances on directories: both named",
    { resource = dir(DIR, { Directory = { DirectoryId = "d-9067000001" } }),
      others = { other_inst("EXISTING_DIRECTORY"), other_inst("EXISTING_DIRECTORY", ARN2) } },
    "fail", "used by instance acme-prod, acme-prod"),
  case("no instance of the region uses a directory: skipped",
    { resource = dir(DIR, { Directory = { DirectoryId = "d-9067000001" } }), others = { other_inst("SAML") } },
    "skipped", "no Amazon Connect instance of us-east-1"),
  case("an instance whose identity type was not collected: error",
    { resource = dir(DIR, { Directory = { DirectoryId = "d-9067000001" } }),
      others = { { type = "connect_instance", arn = ARN, name = "acme-prod", region = "us-east-1", data = {} } },
      errors = { { arn = ARN, operation = "connect:DescribeInstance", code = "AccessDeniedException", message = "denied" } } },
    "error", "AccessDeniedException"),
  case("a directory listed without its Directory member is an error",
    on_dir(object{}, { errors = { { arn = DIR, operation = "ds:DescribeDirectories", code = "ThrottlingException",
                                     message = "Rate exceeded" } } }),
    "error", "ThrottlingException"),
}
