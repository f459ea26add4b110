# bench/jq/checks.jq -- four of the built-in rules, decided by jq alone, for
# the comparison in bench/run.sh (bench/README.md, "jq"):
#   BASE-FLOW-020  a flow has at most flow_max_actions (100) actions
#   BASE-FLOW-021  flow name and block display names match ^%l[%a%d]*$
#   BASE-USR-001   an agent profile (BasicAgentAccess, not named Admin) holds
#                  no Users.* / SecurityProfiles.* management permission, and
#                  not Users.View together with SecurityProfiles.View
#                  (lib/profiles.lua with the baseline pack's parameters)
#   BASE-TEL-002   every TransferParticipantToThirdParty dials an E.164
#                  number (+, 2-15 digits, not starting 0); a JSONPath is manual
# (HIPAA-FLOW-001 was the fourth until it began to classify inputs and parse
# the X.509 key: no jq program mirrors that.)
# One line per finding: RULE <tab> ARN <tab> STATUS, as the tool would give
# it (bench/packs/jqcmp runs the same four rules), so `sort | diff` compares
# them. Only the shapes gensnap writes are handled; where the tool would say
# `error` (Content not collected) this says error too.
def truthy: . == true or (type == "string" and ascii_downcase == "true");
def str: if type == "string" then . else null end;
def nonempty: type == "string" and . != "";
def lua_name: type == "string" and test("^[a-z][A-Za-z0-9]*$");
def forbidden: ["Users.Create", "Users.Edit", "Users.Delete", "Users.EditPermission",
                "Users.EnableAndDisable", "SecurityProfiles.Create", "SecurityProfiles.Edit",
                "SecurityProfiles.Delete"];
def forbidden_together: [["Users.View", "SecurityProfiles.View"]];

def line($rule; $arn; $status): "\($rule)\t\($arn)\t\($status)";

(.resources.connect_contact_flow // {} | to_entries[]
  | .key as $arn | .value.data.ContactFlow as $cf
  | ($cf.Content | if type == "object" and (.Actions | type) == "array" then . else null end) as $c
  | if $c == null then
      line("BASE-FLOW-020"; $arn; "error"), line("BASE-FLOW-021"; $arn; "error"),
      line("BASE-TEL-002"; $arn; "error")
    else
      ($c.Actions[:250] | map(select(type == "object"))) as $acts
      | line("BASE-FLOW-020"; $arn; if ($c.Actions | length) > 100 then "fail" else "pass" end),
        ( ($c.Metadata | if type == "object" then . else {} end) as $md
          | ($md.ActionMetadata | if type == "object" then . else ($md.actionMetadata
              | if type == "object" then . else {} end) end) as $am
          | [ $acts[] | .Identifier | str | select(. != null) | $am[.]
              | select(type == "object") | (.displayName | str) // (.DisplayName | str)
              | select(. != null) ] as $names
          | line("BASE-FLOW-021"; $arn;
              if ($cf.Name | lua_name) and all($names[]; lua_name) then "pass" else "fail" end) ),
        ( [ $acts[] | select(.Type == "TransferParticipantToThirdParty")
              | (if (.Parameters | type) == "object" then .Parameters.ThirdPartyPhoneNumber else null end) as $v
              | if $v == null or $v == false or $v == "" then "fail"
                elif ($v | type) == "string" and ($v | contains("$")) then "manual"
                elif ($v | type) == "string" and ($v | test("^\\+[1-9][0-9]{1,14}$")) then "pass"
                else "fail" end ] as $items
          | line("BASE-TEL-002"; $arn;
              if ($items | length) == 0 then "skipped"
              elif any($items[]; . == "fail") then "fail"
              elif any($items[]; . == "manual") then "manual"
              else "pass" end) )
    end),
(.resources.connect_security_profile // {} | to_entries[]
  | .key as $arn | .value.data as $d
  | if ($d.Permissions | type) != "array" or ($d.SecurityProfile.SecurityProfileName | type) != "string" then
      line("BASE-USR-001"; $arn; "error")
    elif ($d.Permissions | length) == 0 then line("BASE-USR-001"; $arn; "pass")
    elif ($d.Permissions | index("BasicAgentAccess")) == null then line("BASE-USR-001"; $arn; "skipped")
    elif $d.SecurityProfile.SecurityProfileName == "Admin" then line("BASE-USR-001"; $arn; "skipped")
    elif any($d.Permissions[]; . as $p | forbidden | index($p) != null) then line("BASE-USR-001"; $arn; "fail")
    elif any(forbidden_together[]; . as $combo | all($combo[]; . as $p | $d.Permissions | index($p) != null))
      then line("BASE-USR-001"; $arn; "fail")
    else line("BASE-USR-001"; $arn; "pass")
    end)
