/*
 * vocab.h -- the words of the results contract (design.md, results.json):
 * frameworks, severities and their ranks, finding statuses and control
 * statuses.  Every layer that reads or writes findings takes them from here:
 * the rule runtime (policy/ checks a rule's metadata against them), results/,
 * the reports and the history store -- none of which needs policy/ for them.
 */
#ifndef CA_VOCAB_H
#define CA_VOCAB_H

/* The built-in frameworks (reference/controls.md), first in the fixed order
 * of every controls list and summary: PCI-DSS-4.0, HIPAA, PII, BASELINE;
 * NULL-terminated.  A pack may declare others with their control catalogue
 * (docs/policies.md, "Frameworks and their controls"); they follow, by name. */
extern const char *const ca_frameworks[];
/* A framework name a pack may declare: a letter, then at most
 * CA_MAX_FRAMEWORK_NAME - 1 letters, digits, '.', '-' or '_' (it names files:
 * controls-<NAME>.csv). */
#define CA_MAX_FRAMEWORK_NAME 40
int ca_framework_name_ok(const char *s);
/* The order frameworks are listed in: the built-in ones in ca_frameworks'
 * order, then the others by name (strcmp). */
int ca_framework_cmp(const char *a, const char *b);
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
 * failing, unknown, waived, manual, attested, passing, not_applicable, and
 * not_assessed: a control of the framework's catalogue that no finding
 * decided (no selected rule maps to it, or its rules judged nothing). */
#define CA_NCONTROL_STATUSES 8
extern const char *const ca_control_statuses[CA_NCONTROL_STATUSES];

#endif
