/* vocab.c -- the results contract's words (vocab.h). */
#include "results/vocab.h"

#include <string.h>

const char *const ca_frameworks[] = {"PCI-DSS-4.0", "HIPAA", "PII", "BASELINE", NULL};
const char *const ca_severities[] = {"critical", "high", "medium", "low", "info", NULL};
const char *const ca_statuses[] = {"pass", "fail", "error", "manual", "skipped", "waived", NULL};
const char *const ca_control_statuses[CA_NCONTROL_STATUSES] = {"failing", "unknown", "waived", "manual",
                                                               "attested", "passing", "not_applicable"};

int ca_severity_rank(const char *s) {
  for (int i = 0; s && ca_severities[i]; i++)
    if (!strcmp(s, ca_severities[i])) return i;
  return -1;
}
