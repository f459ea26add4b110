/* vocab.c -- the results contract's words (vocab.h). */
#include "results/vocab.h"

#include <string.h>

const char *const ca_frameworks[] = {"PCI-DSS-4.0", "HIPAA", "PII", "BASELINE", NULL};
const char *const ca_severities[] = {"critical", "high", "medium", "low", "info", NULL};
const char *const ca_statuses[] = {"pass", "fail", "error", "manual", "skipped", "waived", NULL};
const char *const ca_control_statuses[CA_NCONTROL_STATUSES] = {"failing", "unknown", "waived", "manual",
                                                               "attested", "passing", "not_applicable",
                                                               "not_assessed"};

int ca_framework_name_ok(const char *s) {
  if (!s || !((*s | 32) >= 'a' && (*s | 32) <= 'z')) return 0;
  size_t n = 0;
  for (; s[n]; n++)
    if (!(((s[n] | 32) >= 'a' && (s[n] | 32) <= 'z') || (s[n] >= '0' && s[n] <= '9') || strchr(".-_", s[n])))
      return 0;
  return n < CA_MAX_FRAMEWORK_NAME;
}

static int builtin_index(const char *s) {
  int i = 0;
  for (; ca_frameworks[i]; i++)
    if (!strcmp(s, ca_frameworks[i])) break;
  return i;
}

int ca_framework_cmp(const char *a, const char *b) {
  int x = builtin_index(a), y = builtin_index(b);
  if (x != y) return x < y ? -1 : 1;
  return strcmp(a, b);
}

int ca_severity_rank(const char *s) {
  for (int i = 0; s && ca_severities[i]; i++)
    if (!strcmp(s, ca_severities[i])) return i;
  return -1;
}
