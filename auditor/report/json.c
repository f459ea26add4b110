#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "results/load.h"

/* Any document (a diff, verify's answer): cJSON's formatted printing (keys
 * in insertion order, so the bytes are deterministic), with a final newline. */
int ca_render_json(const cJSON *doc, ca_buf *out, ca_err *err) {
  char *text = cJSON_Print(doc);
  if (!text) return ca_errf(err, CA_EXIT_RUN, "out of memory printing results");
  int rc = ca_buf_adds(out, text) || ca_buf_adds(out, "\n");
  free(text);
  return rc ? -1 : 0;
}

/* results.json: printed the same way, then sealed with its digest as the
 * last member (results/load.h): the bytes a reader hashes are the bytes
 * written here. */
int ca_render_results_json(const cJSON *results, ca_buf *out, ca_err *err) {
  cJSON *copy = NULL;
  if (cJSON_GetObjectItemCaseSensitive(results, "digest")) {   /* sealed again, never twice */
    copy = cJSON_Duplicate(results, 1);
    if (!copy) return ca_errf(err, CA_EXIT_RUN, "out of memory printing results");
    cJSON_DeleteItemFromObjectCaseSensitive(copy, "digest");
    results = copy;
  }
  char *text = cJSON_Print(results);
  cJSON_Delete(copy);
  if (!text) return ca_errf(err, CA_EXIT_RUN, "out of memory printing results");
  int rc = ca_results_seal(text, strlen(text), out);
  free(text);
  return rc;
}
