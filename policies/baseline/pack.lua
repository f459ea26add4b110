return {
  name = "baseline",
  version = "0.1.0",
  framework = "BASELINE",
  description = "AWS best practices for an Amazon Connect contact center (best-practices checklist)",
  params = {
    -- LEX-1: true when the bots' audience includes children under 13 (COPPA applies)
    lex_audience_children = false,
    -- LAM-2: CloudWatch metric every associated Lambda needs an alarm on
    lambda_alarm_metric = "Errors",
    -- USR-1: security profiles (exact SecurityProfileName) that are administrator profiles, not agent ones
    admin_profile_names = { "Admin" },
  },
}
