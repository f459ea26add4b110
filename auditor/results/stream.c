#include "results/stream.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"
#include "results/load.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/sha256.h"

typedef struct out {
  ca_sink_fn sink;
  void *arg;
  ca_sha256 *h;       /* NULL once the digest's bytes are done */
  size_t n, cap;
  int bad;
  ca_buf tmp;         /* one finding, indented */
} out;

static void put(out *o, const char *p, size_t n) {
  if (o->bad) return;
  if (n > o->cap - o->n || o->sink(o->arg, p, n)) {
    o->bad = 1;
    return;
  }
  o->n += n;
  if (o->h) ca_sha256_update(o->h, p, n);
}

/* A finding inside findings[] sits two levels deep: every layout line feed
 * of its own printing gets two more tabs.  One given as text is laid out
 * at that depth already. */
static int put_finding(void *arg, const ca_finding_item *it, size_t index) {
  out *o = arg;
  if (!it->tree) {
    if (index) put(o, ", ", 2);
    put(o, it->text, it->len);
    return o->bad ? -1 : 0;
  }
  char *text = cJSON_Print(it->tree);
  if (!text) return -1;
  o->tmp.len = 0;
  int rc = index ? ca_buf_adds(&o->tmp, ", ") : 0;
  for (const char *p = text, *nl; !rc && *p; p = nl + 1) {
    nl = strchr(p, '\n');
    if (!nl) {
      rc = ca_buf_adds(&o->tmp, p);
      break;
    }
    rc = ca_buf_add(&o->tmp, p, (size_t)(nl - p + 1)) || ca_buf_adds(&o->tmp, "\t\t");
  }
  free(text);
  if (rc) return -1;
  put(o, o->tmp.data, o->tmp.len);
  return o->bad ? -1 : 0;
}

static int each_own(void *arg, ca_item_fn fn, void *fnarg) {
  size_t index = 0;
  cJSON *f;
  cJSON_ArrayForEach(f, (cJSON *)arg) {
    ca_finding_item it = {f, f, NULL, 0};
    int rc = fn(fnarg, &it, index++);
    if (rc) return rc;
  }
  return 0;
}

#define FINDINGS_AT "\n\t\"findings\":\t[]"

int ca_results_print(const cJSON *doc, ca_findings_fn each, void *each_arg, ca_sink_fn sink, void *sink_arg,
                     size_t cap, ca_err *err) {
  /* the document without its findings: references to doc's members (in
   * their order), an empty array in the findings' place */
  cJSON *head = cJSON_IsObject(doc) ? cJSON_CreateObject() : NULL;
  const cJSON *findings = NULL, *digest = cJSON_GetObjectItemCaseSensitive(doc, "digest");
  int ok = head != NULL;
  for (cJSON *m = doc ? doc->child : NULL; ok && m; m = m->next) {
    if (m == digest) continue;
    if (!findings && m->string && !strcmp(m->string, "findings")) {
      findings = m;
      ok = cJSON_AddArrayToObject(head, "findings") != NULL;
    } else {
      ok = cJSON_AddItemReferenceToObject(head, m->string, m);
    }
  }
  char *text = ok ? cJSON_Print(head) : NULL;
  cJSON_Delete(head);
  if (!text) return ca_errf(err, CA_EXIT_RUN, "out of memory printing results");
  size_t len = strlen(text);
  if (len < 3 || text[0] != '{' || memcmp(text + len - 2, "\n}", 2)) {
    free(text);
    return ca_errf(err, CA_EXIT_RUN, "results: expected a document (an object)");
  }
  out o = {sink, sink_arg, ca_sha256_new(), 0, cap, 0, {0}};
  ca_buf_init(&o.tmp, CA_MAX_REPORT_BYTES);
  int rc = o.h ? 0 : -1;
  /* the first member at depth one called findings: deeper lines have more tabs */
  const char *at = findings ? strstr(text, FINDINGS_AT) : NULL;
  const char *rest = text;
  if (!rc && at) {
    rest = at + sizeof FINDINGS_AT - 2;   /* at "]" */
    put(&o, text, (size_t)(rest - text));
    rc = each ? each(each_arg, put_finding, &o) : each_own((void *)findings, put_finding, &o);
  }
  /* then the rest, its last "\n}" replaced by ",\n", the digest line and "}\n" */
  if (!rc) {
    put(&o, rest, (size_t)(text + len - 2 - rest));
    put(&o, ",\n", 2);
    char hex[65], line[128];
    ca_sha256_final(o.h, hex);
    o.h = NULL;
    int n = snprintf(line, sizeof line, "\t\"digest\":\t\"" CA_RESULTS_DIGEST_PREFIX "%s\"\n}\n", hex);
    put(&o, line, (size_t)n);
  }
  if (o.h) ca_sha256_final(o.h, (char[65]){0});
  free(text);
  ca_buf_free(&o.tmp);
  if (o.bad && o.n + 4096 > cap) return ca_errf(err, CA_EXIT_RUN, "the results are larger than %zu bytes", cap);
  if (o.bad) return ca_errf(err, CA_EXIT_RUN, "cannot write the results (%zu bytes written)", o.n);
  if (rc) return ca_errf(err, CA_EXIT_RUN, "out of memory printing results");
  return 0;
}

int ca_run_findings_each(void *arg, ca_item_fn fn, void *fnarg) {
  const ca_run_findings *s = arg;
  ca_err err = {0};
  ca_accept_run *w = s->waivers ? ca_accept_start(s->waivers, s->doc, &err) : NULL;
  ca_accept_run *a = s->attestations ? ca_accept_start(s->attestations, s->doc, &err) : NULL;
  int rc = (s->waivers && !w) || (s->attestations && !a) ? -1 : ca_results_walk(s->snap, s->run, w, a, CA_ITEM_TEXT, fn, fnarg);
  ca_accept_run_free(w);
  ca_accept_run_free(a);
  return rc;
}

static int to_file(void *arg, const char *data, size_t len) { return ca_wfile_write(arg, data, len); }

int ca_results_write_run(const cJSON *doc, const ca_run_findings *src, const char *path, ca_err *err) {
  ca_wfile *w = ca_wfile_open(path, err);
  if (!w) return -1;
  if (ca_results_print(doc, ca_run_findings_each, (void *)src, to_file, w, CA_MAX_REPORT_BYTES, err)) {
    ca_wfile_abort(w);
    ca_err_prefix(err, "%s: ", path);
    return -1;
  }
  return ca_wfile_commit(w, err);
}
