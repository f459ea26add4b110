/*
 * vocab.h -- the words of the results contract (design.md, results.json):
 * frameworks, severities and their ranks, finding statuses and control
 * statuses.  Every layer that reads or writes findings takes them from here:
 * the rule runtime (policy/ checks a rule's metadata against them), results/,
 * the reports and the history store -- none of which needs policy/ for them.
 */
#ifndef CA_VOCAB_H
#define CA_VOCAB_H

/* Frameworks a rule's controls may name, in the fixed order of every
 * controls list and summary: PCI-DSS-4.0, HIPAA, PII, BASELINE; NULL-terminated. */
extern const char *const ca_frameworks[];
/* Severities, most severe first: critical, high, medium, low, info; NULL-terminated. */
#define CA_NSEVERITIES 5
extern const char *const ca_severities[];
/* 0 = critical .. 4 = info, -1 unknown (or NULL). */
int ca_severity_rank(const char *s);
/* A finding's statuses in results.json's summary order: pass, fail, error,
 * manual, skipped, waived; NULL-terminated. */
#define CA_NSTATUSES 6
extern const char *const ca_statuses[];
/* A control's statuses, worst first as results.c ranks them (docs/waivers.md):
 * failing, unknown, waived, manual, attested, passing, not_applicable. */
#define CA_NCONTROL_STATUSES 7
extern const char *const ca_control_statuses[CA_NCONTROL_STATUSES];

#endif
