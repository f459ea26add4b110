return {
  name = "hipaa",
  version = "0.1.0",
  framework = "HIPAA",
  description = "HIPAA Security Rule gaps in an Amazon Connect contact center",
  params = {
    -- 164.316(b)(2)(i): documentation (activity logs among it) retained 6 years
    log_retention_days = 2192,
  },
}
