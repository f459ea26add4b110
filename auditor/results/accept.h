/*
 * accept.h -- what people decide about findings: waivers (--waivers: a
 * failure accepted until a date) and attestations (--attestations: a person's
 * answer to a manual item).  Both files name a rule and a resource (an ARN or a
 * glob); both are applied to a results document between ca_results_assemble
 * and ca_results_summarise, so the summary and --fail-on see them.
 * docs/waivers.md has the file formats and the rules below, with reasons.
 */
#ifndef CA_ACCEPT_H
#define CA_ACCEPT_H
#include <cjson/cJSON.h>
#include <stddef.h>
#include "util/err.h"

/* A loaded waivers or attestations file; opaque. */
typedef struct ca_accept ca_accept;

/* Read and check a file (bounded by ca_limits.h).  Every field is required and
 * an unknown or repeated key is an error, so a typo cannot silently widen or
 * drop an entry; messages name the file, the JSON pointer and what was
 * expected.  Errors are CA_EXIT_USAGE. */
int ca_waivers_load(const char *path, ca_accept **out, ca_err *err);
int ca_attestations_load(const char *path, ca_accept **out, ca_err *err);
/* The same for a file's bytes already read (label names them): an evidence
 * bundle's waivers.json and attestations.json. */
int ca_waivers_parse(const char *label, const char *text, size_t len, ca_accept **out, ca_err *err);
int ca_attestations_parse(const char *label, const char *text, size_t len, ca_accept **out, ca_err *err);
void ca_accept_free(ca_accept *a);           /* NULL is harmless */

/* Applies waivers to results (its "generated_at" is "now" for expiry): a fail
 * finding that matches an unexpired waiver becomes waived and carries
 * "waiver"; nothing else is ever waived (an error finding gets a note
 * instead: a waiver cannot cover what was not seen).  Fills the top-level
 * "waivers" member: applied, expired and stale entries.  w may be NULL (no
 * file: "waivers" stays null). */
int ca_results_apply_waivers(cJSON *results, const ca_accept *w, ca_err *err);

/* Applies attestations: a manual finding that matches carries "attestation"
 * and keeps its status (a pass rests on evidence; an attestation is a
 * person's word).  Fills "attestations": applied and stale entries. */
int ca_results_apply_attestations(cJSON *results, const ca_accept *a, ca_err *err);

/* The same, one finding at a time (results.json written as findings go by,
 * results/stream.h): start against the results document (its generated_at
 * is "now"), apply to every finding in order with its index in findings[],
 * then install the "waivers" / "attestations" section into results.  The
 * outcome equals ca_results_apply_* on the whole list.  start: NULL with err
 * set; apply, install and free take NULL (no file) harmlessly. */
typedef struct ca_accept_run ca_accept_run;
ca_accept_run *ca_accept_start(const ca_accept *a, const cJSON *results, ca_err *err);
void ca_accept_apply(ca_accept_run *r, cJSON *finding, size_t index);
int ca_accept_install(ca_accept_run *r, cJSON *results);   /* -1 out of memory */
/* Does an entry name rule_id (NULL: any rule)?  When none does, applying r
 * to that rule's findings changes neither them nor r, so a caller may pass
 * them by (results.c writes such findings from their text).  0 for NULL r. */
int ca_accept_names_rule(const ca_accept_run *r, const char *rule_id);
void ca_accept_run_free(ca_accept_run *r);

/* A resource pattern: '*' any run of characters, '?' one character, every
 * other character itself.  Exposed for the tests. */
int ca_glob_match(const char *pattern, const char *s);

/* "YYYY-MM-DD" or an RFC 3339 time, as seconds since 1970 (UTC).  A date is
 * its first second, or with end_of_day the first second of the next day, so
 * "expires": "2027-03-31" holds through that whole day.  -1 if malformed. */
int ca_time_parse(const char *s, int end_of_day, long long *secs);

#endif
