/*
 * stream.h -- results.json printed one finding at a time.
 *
 * The bytes are exactly cJSON_Print's of the whole document, sealed with its
 * digest (results/load.h), but no step holds every finding at once: the
 * members around "findings" are printed as one document with an empty
 * findings array, and each finding is printed on its own and indented to
 * its depth (cJSON escapes every control character inside strings, so a
 * line feed in its output is always layout, followed by the tabs of the
 * depth).  The digest is hashed as the bytes go out.
 */
#ifndef CA_RESULTS_STREAM_H
#define CA_RESULTS_STREAM_H
#include <cjson/cJSON.h>
#include <stddef.h>
#include "results/results.h"
#include "util/err.h"

/* Where the bytes go: 0, or -1 when they cannot be taken. */
typedef int (*ca_sink_fn)(void *arg, const char *data, size_t len);
/* Where the findings come from: calls fn with each, in order (as
 * ca_results_each does); returns what fn returned, or -1 out of memory. */
typedef int (*ca_findings_fn)(void *arg, ca_item_fn fn, void *fnarg);

/* Prints doc (a results document; a "digest" member in it is left out: it
 * is sealed again, never twice) and its digest to sink.  With each, the
 * findings are each's and doc's "findings" must be empty; without, doc's
 * own.  At most cap bytes.  Errors: CA_EXIT_RUN, out of memory or the sink
 * refused (err names neither path nor sink: the caller does). */
int ca_results_print(const cJSON *doc, ca_findings_fn each, void *each_arg, ca_sink_fn sink, void *sink_arg,
                     size_t cap, ca_err *err);

/* The findings of a run as ca_findings_fn wants them: ca_results_walk (text) over
 * snap and run with fresh runs of the waivers and attestations (either may
 * be NULL) applied, against the document doc (their "now"). */
typedef struct ca_run_findings {
  const ca_snapshot *snap;
  const ca_run *run;
  const ca_accept *waivers, *attestations;
  const cJSON *doc;
} ca_run_findings;
int ca_run_findings_each(void *run_findings, ca_item_fn fn, void *fnarg);

/* Writes results.json for a run to path (atomically, in pieces; at most
 * CA_MAX_REPORT_BYTES): doc is ca_results_assemble's, summarised. */
int ca_results_write_run(const cJSON *doc, const ca_run_findings *src, const char *path, ca_err *err);

#endif
