/* verify.c -- `verify` (verify.h): the recorded hashes against the files.
 * The one file of results/ that includes policy/ (pack.h): to recompute each
 * pack's SHA-256 it finds and loads the packs the way audit does, hashing
 * their files -- no rule runs, and nothing of the rule runtime reaches the
 * results data (tests/layering.py allows this include and no other). */
#include "results/verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"
#include "policy/pack.h"
#include "results/results.h"
#include "snapshot/snapshot.h"
#include "util/sha256.h"

static const char *jstr(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

void ca_verify_mismatch_add(cJSON *list, const char *kind, const char *name, const char *recorded,
                            const char *actual, const char *detail) {
  cJSON *m = cJSON_CreateObject();
  cJSON_AddStringToObject(m, "kind", kind);
  cJSON_AddStringToObject(m, "name", name);
  if (recorded) cJSON_AddStringToObject(m, "recorded", recorded);
  if (actual) cJSON_AddStringToObject(m, "actual", actual);
  cJSON_AddStringToObject(m, "detail", detail);
  cJSON_AddItemToArray(list, m);
}

/* The snapshot's SHA-256 over its bytes, as ca_snapshot_load computes it.
 * The file is not required to load: a tampered snapshot that no longer
 * parses is still a mismatch, not an input error. */
static void snapshot_check(const char *path, const char *text, size_t len, const char *recorded, cJSON *out,
                           cJSON *list) {
  char hex[65];
  ca_sha256_hex(text, len, hex);
  cJSON *s = cJSON_AddObjectToObject(out, "snapshot");
  cJSON_AddStringToObject(s, "file", path);
  cJSON_AddStringToObject(s, "sha256", hex);
  cJSON_AddStringToObject(s, "recorded", recorded);
  if (strcmp(hex, recorded)) {
    cJSON *root = cJSON_ParseWithLength(text, len);
    const char *schema = jstr(root, "schema");
    ca_verify_mismatch_add(list, "snapshot_sha256", path, recorded, hex,
             !root ? "the snapshot differs from the one audited (and is not valid JSON)"
             : !schema || strcmp(schema, CA_SNAPSHOT_SCHEMA) ? "the file is not a connect-auditor/snapshot/v1 document"
             : "the snapshot differs from the one audited");
    cJSON_Delete(root);
  }
}

/* The results' own digest, and the summary recomputed from the findings. */
static int results_check(const ca_verify_in *in, cJSON *out, cJSON *list, ca_err *err) {
  cJSON *r = cJSON_AddObjectToObject(out, "results");
  cJSON_AddStringToObject(r, "file", in->results_label);
  char rec[80], act[80];
  snprintf(rec, sizeof rec, "sha256:%s", in->digest->recorded);
  snprintf(act, sizeof act, "sha256:%s", in->digest->actual);
  cJSON_AddStringToObject(r, "digest", act);
  cJSON_AddStringToObject(r, "recorded", rec);
  if (!in->digest->ok)
    ca_verify_mismatch_add(list, "results_digest", in->results_label, rec, act,
             "results.json was changed after it was written: its bytes do not hash to the digest it ends with");
  cJSON *copy = cJSON_Duplicate(in->results, 1);
  if (!copy || ca_results_summarise(copy)) {
    cJSON_Delete(copy);
    return ca_errf(err, CA_EXIT_RUN, "out of memory recomputing the summary");
  }
  if (!cJSON_Compare(cJSON_GetObjectItem(copy, "summary"), cJSON_GetObjectItem(in->results, "summary"), 1))
    ca_verify_mismatch_add(list, "summary", in->results_label, NULL, NULL,
             "the summary does not count the findings the file holds (recomputed from /findings)");
  cJSON_Delete(copy);
  return 0;
}

void ca_verify_mismatch(cJSON *doc, const char *kind, const char *name, const char *recorded, const char *actual,
                        const char *detail) {
  ca_verify_mismatch_add(cJSON_GetObjectItem(doc, "mismatches"), kind, name, recorded, actual, detail);
  cJSON_ReplaceItemInObjectCaseSensitive(doc, "verified", cJSON_CreateFalse());
}

static const ca_pack *find_pack(const ca_packset *ps, const char *name) {
  for (size_t i = 0; i < ps->n; i++)
    if (!strcmp(ps->v[i]->name, name)) return ps->v[i];
  return NULL;
}

static int listed(const char *const *v, size_t n, const char *name) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(v[i], name)) return 1;
  return 0;
}

int ca_verify(const ca_verify_in *in, cJSON **out, ca_err *err) {
  ca_packset ps = {0};
  cJSON *doc = NULL;
  int rc = -1, loaded = 0;
  const cJSON *results = in->results;
  const char *const *only = in->only;
  size_t nonly = in->nonly;
  *out = NULL;
  doc = cJSON_CreateObject();
  cJSON *list = cJSON_CreateArray();
  cJSON_AddBoolToObject(doc, "verified", 0);
  if (results_check(in, doc, list, err)) {
    cJSON_Delete(list);
    goto done;
  }
  snapshot_check(in->snapshot_label, in->snapshot, in->snapshot_len,
                 jstr(cJSON_GetObjectItem(results, "snapshot"), "sha256"), doc, list);
  if (ca_packs_find(in->roots, in->nroots, NULL, 0, &ps, err)) {
    cJSON_Delete(list);
    goto done;
  }
  cJSON *packs = cJSON_AddArrayToObject(doc, "packs");
  const cJSON *rp;
  cJSON_ArrayForEach(rp, cJSON_GetObjectItem(results, "packs")) {
    const char *name = jstr(rp, "name"), *rsha = jstr(rp, "sha256"), *rver = jstr(rp, "version");
    if (nonly && !listed(only, nonly, name)) {
      ca_verify_mismatch_add(list, "pack_not_requested", name, rsha, NULL, "the report was made with this pack too, not named by --pack");
      continue;
    }
    const ca_pack *p = find_pack(&ps, name);
    if (!p) {
      ca_verify_mismatch_add(list, "pack_missing", name, rsha, NULL, "no pack of this name in the built-in folder or --policies");
      continue;
    }
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "name", name);
    cJSON_AddStringToObject(e, "dir", p->dir);
    cJSON_AddStringToObject(e, "sha256", p->sha256);
    cJSON_AddStringToObject(e, "recorded_sha256", rsha);
    cJSON_AddStringToObject(e, "recorded_version", rver);
    cJSON_AddItemToArray(packs, e);
    if (!strcmp(p->sha256, rsha)) continue;
    ca_verify_mismatch_add(list, "pack_sha256", name, rsha, p->sha256, "the pack's files differ from the ones that ran");
    /* pack.lua is in the hash: its version can only differ when the hash
     * does, so pack.lua runs (sandboxed, as in audit) only then */
    if (!loaded) {
      if (ca_packs_load(&ps, NULL, NULL, err)) {
        cJSON_Delete(list);
        goto done;
      }
      loaded = 1;
    }
    const char *ver = p->meta ? jstr(p->meta, "version") : NULL;
    if (!ver || strcmp(ver, rver))
      ca_verify_mismatch_add(list, "pack_version", name, rver, ver ? ver : "", p->error ? p->error : "pack.lua names another version");
  }
  for (size_t i = 0; i < nonly; i++) {
    int found = 0;
    cJSON_ArrayForEach(rp, cJSON_GetObjectItem(results, "packs")) found |= !strcmp(jstr(rp, "name"), only[i]);
    if (!found) ca_verify_mismatch_add(list, "pack_not_in_results", only[i], NULL, NULL, "--pack names it, but the report was not made with it");
  }
  cJSON_ReplaceItemInObjectCaseSensitive(doc, "verified", cJSON_CreateBool(cJSON_GetArraySize(list) == 0));
  cJSON_AddItemToObject(doc, "mismatches", list);
  *out = doc;
  doc = NULL;
  rc = 0;
done:
  cJSON_Delete(doc);
  ca_packset_free(&ps);
  return rc;
}
