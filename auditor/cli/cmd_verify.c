/* verify RESULTS.json SNAPSHOT.json | verify --bundle FILE: recompute the
 * hashes, say whether the report is what was written and belongs to that
 * snapshot and those packs, re-run the audit when asked (docs/diff.md), check
 * an evidence bundle and its signature (docs/evidence.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"
#include "cli/cli.h"
#include "policy/ctx.h"
#include "policy/pack.h"
#include "report/bundle.h"
#include "results/diff.h"
#include "results/load.h"
#include "results/stream.h"
#include "results/verify.h"
#include "util/fsutil.h"

static const char usage[] =
  "connect-auditor verify RESULTS.json SNAPSHOT.json [--policies DIR]... [--pack NAME]... [--format text|json]\n"
  "                       [--reaudit [--waivers FILE] [--attestations FILE]]\n"
  "       connect-auditor verify --bundle evidence.tar [--pubkey PUB.pem] [--reaudit] [--policies DIR]...";

static const char help[] =
  "Recomputes results.json's digest (over its own bytes) and its summary, and the SHA-256\n"
  "of the snapshot and of every pack the report names (built-in packs and --policies\n"
  "folders, found as audit finds them), and compares them with the report's.\n"
  "Exit 0: verified; 1: a mismatch (each one listed); 2: an input error.\n\n"
  "  --policies DIR       also look for packs in DIR, as audit --policies did\n"
  "  --pack NAME          the report must have been made with exactly these packs\n"
  "  --reaudit            run the audit again (the recorded packs, parameters, clock,\n"
  "                       waivers and attestations) and compare results.json byte for\n"
  "                       byte; a difference names each finding that differs\n"
  "  --waivers FILE, --attestations FILE\n"
  "                       the files the audit applied, for --reaudit (their SHA-256s\n"
  "                       must be the recorded ones)\n"
  "  --bundle FILE        check an evidence bundle (bundle --help): its manifest, the\n"
  "                       results and snapshot in it, and the reports against the results\n"
  "  --pubkey PUB.pem     the bundle's manifest must carry this Ed25519 key's signature\n"
  "  --format text|json\n";

#define MAXLIST 64
#define MAX_LISTED_FINDINGS 50

static const char *sval(const cJSON *o, const char *k) { return cJSON_GetStringValue(cJSON_GetObjectItem(o, k)); }

static void text(const cJSON *doc, const char *results_path, ca_buf *b) {
  const cJSON *mm = cJSON_GetObjectItem(doc, "mismatches"), *m, *p;
  const cJSON *snap = cJSON_GetObjectItem(doc, "snapshot"), *bundle = cJSON_GetObjectItem(doc, "bundle");
  const cJSON *re = cJSON_GetObjectItem(doc, "reaudit");
  if (bundle) {
    ca_buf_adds(b, "bundle ");
    ca_diff_text_escape(b, sval(bundle, "file"));
    ca_buf_printf(b, ": %d files in the manifest; signature %s\n", cJSON_GetArraySize(cJSON_GetObjectItem(bundle, "members")),
                  !strcmp(sval(bundle, "signature"), "not checked") ? "not checked (no --pubkey)"
                  : !strcmp(sval(bundle, "signature"), "absent")    ? "absent (the bundle is not signed)"
                                                                    : sval(bundle, "signature"));
  }
  if (re && cJSON_IsTrue(cJSON_GetObjectItem(re, "identical")))
    ca_buf_printf(b, "re-audited: the same results.json, byte for byte (%d findings)\n",
                  (int)cJSON_GetNumberValue(cJSON_GetObjectItem(re, "findings")));
  else if (re && sval(re, "not_run"))
    ca_buf_printf(b, "not re-audited: %s\n", sval(re, "not_run"));
  if (re && sval(re, "note")) ca_buf_adds(b, "note: "), ca_diff_text_escape(b, sval(re, "note")), ca_buf_adds(b, "\n");
  if (!cJSON_GetArraySize(mm)) {
    ca_buf_adds(b, "verified: ");
    ca_diff_text_escape(b, results_path);
    ca_buf_printf(b, " (%s) belongs to ", sval(cJSON_GetObjectItem(doc, "results"), "digest"));
    ca_diff_text_escape(b, sval(snap, "file"));
    ca_buf_printf(b, " (sha256 %s)", sval(snap, "sha256"));
    cJSON_ArrayForEach(p, cJSON_GetObjectItem(doc, "packs")) {
      ca_buf_adds(b, p == cJSON_GetObjectItem(doc, "packs")->child ? " and packs " : ", ");
      ca_diff_text_escape(b, sval(p, "name"));
      ca_buf_adds(b, " ");
      ca_diff_text_escape(b, sval(p, "recorded_version"));
      ca_buf_printf(b, " (sha256 %s)", sval(p, "sha256"));
    }
    ca_buf_adds(b, "\n");
    return;
  }
  ca_buf_adds(b, "NOT verified: ");
  ca_diff_text_escape(b, results_path);
  ca_buf_printf(b, ": %d mismatch%s\n", cJSON_GetArraySize(mm), cJSON_GetArraySize(mm) == 1 ? "" : "es");
  cJSON_ArrayForEach(m, mm) {
    const char *rec = sval(m, "recorded"), *act = sval(m, "actual");
    ca_buf_printf(b, "  %s ", sval(m, "kind"));
    ca_diff_text_escape(b, sval(m, "name"));
    ca_buf_adds(b, ": ");
    ca_diff_text_escape(b, sval(m, "detail"));
    if (rec) ca_buf_adds(b, "; report has "), ca_diff_text_escape(b, rec);
    if (act) ca_buf_adds(b, ", found "), ca_diff_text_escape(b, act);
    ca_buf_adds(b, "\n");
  }
}

/* ---- --reaudit ------------------------------------------------------------------ */

typedef struct reaudit_in {
  const cJSON *results;           /* as recorded, digest detached */
  const char *bytes;              /* results.json's bytes */
  size_t len;
  const char *label, *snap_label, *snap;
  size_t snap_len;
  const char *const *roots;
  size_t nroots;
  const char *waivers_label, *waivers;   /* bytes of the files, or NULL */
  size_t waivers_len;
  const char *attest_label, *attest;
  size_t attest_len;
} reaudit_in;

/* "status fail -> pass, evidence": what differs between two findings. */
static void finding_delta(const cJSON *a, const cJSON *b, char *out, size_t n) {
  out[0] = '\0';
  for (const cJSON *m = b->child; m; m = m->next) {
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(a, m->string);
    if (o && cJSON_Compare(o, m, 1)) continue;
    size_t l = strlen(out);
    if (!strcmp(m->string, "status") && cJSON_IsString(o))
      snprintf(out + l, n - l, "%sstatus %s -> %s", l ? ", " : "", o->valuestring, m->valuestring);
    else
      snprintf(out + l, n - l, "%s%s", l ? ", " : "", m->string);
  }
  for (const cJSON *m = a->child; m; m = m->next)
    if (!cJSON_GetObjectItemCaseSensitive(b, m->string)) {
      size_t l = strlen(out);
      snprintf(out + l, n - l, "%s%s (only recorded)", l ? ", " : "", m->string);
    }
}

static void finding_name(const cJSON *f, char *out, size_t n) {
  snprintf(out, n, "%s on %s", sval(f, "rule_id"), sval(cJSON_GetObjectItem(f, "resource"), "arn"));
}

/* Lists what differs between the recorded results and the re-audit's. */
static int to_buf(void *arg, const char *data, size_t len) { return ca_buf_add(arg, data, len); }

static void reaudit_differences(cJSON *doc, const cJSON *old, const cJSON *new) {
  char name[1200], what[512], ptr[48];
  for (const cJSON *m = new->child; m; m = m->next) {
    if (!strcmp(m->string, "findings")) continue;
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(old, m->string);
    if (!o || !cJSON_Compare(o, m, 1))
      ca_verify_mismatch(doc, "reaudit", m->string, NULL, NULL, "this member differs from the re-audit's");
  }
  const cJSON *fo = cJSON_GetObjectItem(old, "findings"), *fn = cJSON_GetObjectItem(new, "findings");
  int no = cJSON_GetArraySize(fo), nn = cJSON_GetArraySize(fn), listed = 0, more = 0;
  const cJSON *a = fo->child, *b = fn->child;
  for (int i = 0; i < (no > nn ? no : nn); i++, a = a ? a->next : NULL, b = b ? b->next : NULL) {
    if (a && b && cJSON_Compare(a, b, 1)) continue;
    if (listed == MAX_LISTED_FINDINGS) {
      more++;
      continue;
    }
    listed++;
    snprintf(ptr, sizeof ptr, "/findings/%d", i);
    finding_name(a ? a : b, name, sizeof name);
    if (a && b) {
      finding_delta(a, b, what, sizeof what);
      char detail[1300];
      snprintf(detail, sizeof detail, "%s differs from the re-audit's: %s", name, what);
      ca_verify_mismatch(doc, "reaudit_finding", ptr, sval(a, "status"), sval(b, "status"), detail);
    } else {
      char detail[1300];
      snprintf(detail, sizeof detail, "%s is %s", name,
               a ? "recorded, but the re-audit does not find it" : "found by the re-audit, but not recorded");
      ca_verify_mismatch(doc, "reaudit_finding", ptr, a ? sval(a, "status") : NULL, b ? sval(b, "status") : NULL, detail);
    }
  }
  if (more) {
    snprintf(what, sizeof what, "and %d more findings differ (--format json lists the first %d)", more,
             MAX_LISTED_FINDINGS);
    ca_verify_mismatch(doc, "reaudit_finding", "/findings", NULL, NULL, what);
  }
}

static int load_accept(int waivers, const char *label, const char *bytes, size_t len, const cJSON *results,
                       ca_accept **out, ca_err *err) {
  const char *key = waivers ? "waivers" : "attestations";
  const cJSON *rec = cJSON_GetObjectItem(results, key);
  *out = NULL;
  if (!cJSON_IsNull(rec) && !bytes)
    return ca_errf(err, CA_EXIT_USAGE, "the audit applied %s (sha256 %s): --reaudit needs them: --%s FILE", key,
                   sval(rec, "sha256"), key);
  if (!bytes) return 0;
  if (cJSON_IsNull(rec))
    return ca_errf(err, CA_EXIT_USAGE, "%s: the audit applied no %s: --reaudit without --%s", label, key, key);
  return waivers ? ca_waivers_parse(label, bytes, len, out, err) : ca_attestations_parse(label, bytes, len, out, err);
}

static int reaudit(cJSON *doc, const reaudit_in *in, ca_err *err) {
  cJSON *re = cJSON_AddObjectToObject(doc, "reaudit"), *params = NULL, *fresh = NULL;
  ca_snapshot *snap = NULL;
  ca_accept *w = NULL, *a = NULL;
  ca_packset ps = {0};
  ca_run run = {0};
  ca_buf out;
  ca_buf_init(&out, CA_MAX_REPORT_BYTES);
  const char *packs[MAXLIST];
  size_t npacks = 0;
  int rc = -1;
  /* the files it needs are an input error whatever the hashes say */
  if (load_accept(1, in->waivers_label, in->waivers, in->waivers_len, in->results, &w, err) ||
      load_accept(0, in->attest_label, in->attest, in->attest_len, in->results, &a, err))
    goto done;
  const cJSON *m;
  cJSON_ArrayForEach(m, cJSON_GetObjectItem(doc, "mismatches")) {
    const char *k = sval(m, "kind");
    if (!strcmp(k, "snapshot_sha256") || !strncmp(k, "pack_", 5)) {
      cJSON_AddStringToObject(re, "not_run", "the snapshot or a pack is not the one audited (see the mismatches)");
      rc = 0;
      goto done;
    }
  }
  /* what results.json records: the packs with the parameters they ran with,
   * the clock, the waivers and attestations */
  params = cJSON_CreateObject();
  cJSON_ArrayForEach(m, cJSON_GetObjectItem(in->results, "packs")) {
    if (npacks == MAXLIST) {
      ca_errf(err, CA_EXIT_USAGE, "%s: more than %d packs", in->label, MAXLIST);
      goto done;
    }
    packs[npacks++] = sval(m, "name");
    cJSON_AddItemToObject(params, sval(m, "name"), cJSON_Duplicate(cJSON_GetObjectItem(m, "parameters"), 1));
  }
  if (ca_snapshot_parse(in->snap_label, in->snap, in->snap_len, &snap, err)) goto done;
  ca_run_opts opts = {0};
  ca_limits_default(&opts.limits);
  char plabel[600];
  snprintf(plabel, sizeof plabel, "%s: /packs/*/parameters", in->label);
  /* and the snapshot's recorded path and the rule selection, as recorded */
  cli_select sel;
  if (cli_select_from(&sel, cJSON_GetObjectItem(in->results, "selection"))) {
    ca_errf(err, CA_EXIT_USAGE, "%s: /selection: expected {rules, exclude_rules, severities, frameworks} lists", in->label);
    goto done;
  }
  cli_audit_in ai = {snap,   in->roots, in->nroots, packs, npacks, params, plabel, w, a,
                     sval(in->results, "generated_at"), &opts,
                     cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(in->results, "snapshot"), "file")), &sel};
  if (cli_audit(&ai, &ps, &run, &fresh, NULL, err)) goto done;
  ca_run_findings src = {snap, &run, w, a, fresh};
  if (ca_results_print(fresh, ca_run_findings_each, &src, to_buf, &out, CA_MAX_REPORT_BYTES, err)) goto done;
  int same = out.len == in->len && !memcmp(out.data, in->bytes, in->len);
  if (!same) {   /* the findings whole, to name those that differ */
    cJSON_Delete(fresh);
    if (ca_results_parse("the re-audit", out.data, out.len, &fresh, NULL, err)) goto done;
  }
  const char *made_by = sval(cJSON_GetObjectItem(in->results, "tool"), "version");
  if (!same && made_by && strcmp(made_by, CA_VERSION)) {
    char note[200];
    snprintf(note, sizeof note, "results.json was made by connect-auditor %.40s, this is %s: a difference may be the tool's",
             made_by, CA_VERSION);
    cJSON_AddStringToObject(re, "note", note);
  }
  cJSON_AddBoolToObject(re, "identical", same);
  cJSON_AddNumberToObject(re, "findings", cJSON_GetNumberValue(cJSON_GetObjectItem(cJSON_GetObjectItem(fresh, "summary"), "findings")));
  if (!same) reaudit_differences(doc, in->results, fresh);
  if (!same && !cJSON_GetArraySize(cJSON_GetObjectItem(doc, "mismatches")))   /* every member equal, yet the bytes differ */
    ca_verify_mismatch(doc, "reaudit", in->label, NULL, NULL, "the re-audit's results.json differs from these bytes");
  rc = 0;
done:
  ca_buf_free(&out);
  cJSON_Delete(params);
  cJSON_Delete(fresh);
  ca_run_free(&run);
  ca_packset_free(&ps);
  ca_snapshot_free(snap);
  ca_accept_free(w);
  ca_accept_free(a);
  return rc;
}

/* ---- --bundle ---------------------------------------------------------------------- */

/* Every report in the bundle is what its results.json renders to.  Judged only
 * when this connect-auditor is the version that wrote them: another version
 * may render otherwise, and that is not tampering. */
static int bundle_reports(cJSON *doc, const cJSON *results, const ca_tar_member *m, size_t nm, ca_err *err) {
  const char *made_by = sval(cJSON_GetObjectItem(results, "tool"), "version");
  size_t nf;
  const ca_format *f = ca_formats(&nf);
  ca_buf out;
  ca_buf_init(&out, CA_MAX_REPORT_BYTES);
  cJSON *checked = cJSON_AddArrayToObject(cJSON_GetObjectItem(doc, "bundle"), "reports_checked");
  for (size_t k = 0; k < nf && !strcmp(made_by, CA_VERSION); k++) {
    if (!strcmp(f[k].file, CA_BUNDLE_RESULTS)) continue;
    /* every file of the format: asff's parts, a controls CSV per framework */
    for (size_t i = 0, n = ca_report_files(results, &f[k]); i < n; i++) {
      char name[CA_TAR_MAX_NAME + 1];
      const ca_tar_member *r =
        ca_report_file_name(results, &f[k], i, name, sizeof name) ? NULL : ca_bundle_member(m, nm, name);
      if (!r) continue;
      ca_buf_free(&out);
      if (ca_report_file_render(results, &f[k], i, &out, err)) {
        ca_buf_free(&out);
        return -1;
      }
      cJSON_AddItemToArray(checked, cJSON_CreateString(name));
      if (out.len != r->len || (r->len && memcmp(out.data, r->data, r->len)))
        ca_verify_mismatch(doc, "report_content", name, NULL, NULL,
                           "the report is not what the bundle's results.json renders to");
    }
  }
  ca_buf_free(&out);
  return 0;
}

/* A member's bytes, NUL-terminated, in a buffer of its own. */
static char *dupz(const ca_tar_member *m, size_t *len) {
  char *p = malloc(m->len + 1);
  if (!p) return NULL;
  memcpy(p, m->data, m->len);
  p[m->len] = '\0';
  *len = m->len;
  return p;
}

int cmd_verify(int argc, char **argv) {
  const char *paths[2] = {NULL, NULL}, *format = "text", *bundle = NULL, *pubkey = NULL;
  const char *waivers_path = NULL, *attest_path = NULL;
  const char *packs[MAXLIST], *roots[MAXLIST + 1];
  size_t npacks = 0, nroots = 0;
  int do_reaudit = 0;
  roots[nroots++] = ca_builtin_policies();
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEEDV() do { if (!v) return cli_usage(usage, "%s needs a value", a); i++; } while (0)
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      printf("usage: %s\n\n%s", usage, help);
      return CA_EXIT_OK;
    } else if (!strcmp(a, "--policies")) {
      NEEDV();
      if (nroots == MAXLIST + 1) return cli_usage(usage, "too many --policies options");
      roots[nroots++] = v;
    } else if (!strcmp(a, "--pack")) {
      NEEDV();
      if (npacks == MAXLIST) return cli_usage(usage, "too many --pack options");
      packs[npacks++] = v;
    } else if (!strcmp(a, "--format")) {
      NEEDV();
      if (strcmp(v, "text") && strcmp(v, "json")) return cli_usage(usage, "--format %s: expected text or json", v);
      format = v;
    } else if (!strcmp(a, "--reaudit")) {
      do_reaudit = 1;
    } else if (!strcmp(a, "--waivers")) {
      NEEDV();
      waivers_path = v;
    } else if (!strcmp(a, "--attestations")) {
      NEEDV();
      attest_path = v;
    } else if (!strcmp(a, "--bundle")) {
      NEEDV();
      bundle = v;
    } else if (!strcmp(a, "--pubkey")) {
      NEEDV();
      pubkey = v;
    } else if (a[0] == '-' && a[1]) {
      return cli_usage(usage, "unknown option %s", a);
    } else if (!paths[0] || !paths[1]) {
      paths[paths[0] ? 1 : 0] = a;
    } else {
      return cli_usage(usage, "one results file and one snapshot (got %s, %s and %s)", paths[0], paths[1], a);
    }
#undef NEEDV
  }
  if (bundle && paths[0]) return cli_usage(usage, "--bundle holds the results and the snapshot: name no other file");
  if (!bundle && !paths[1]) return cli_usage(usage, "needs RESULTS.json and SNAPSHOT.json, or --bundle FILE");
  if (pubkey && !bundle) return cli_usage(usage, "--pubkey checks a bundle's signature: it needs --bundle FILE");
  if ((waivers_path || attest_path) && !do_reaudit) return cli_usage(usage, "--waivers and --attestations go with --reaudit");
  if ((waivers_path || attest_path) && bundle)
    return cli_usage(usage, "a bundle holds the waivers and attestations its audit applied: no --waivers or --attestations");

  ca_err err = {0};
  cJSON *results = NULL, *doc = NULL, *binfo = NULL, *bmism = cJSON_CreateArray();
  ca_results_digest dg;
  char *snap = NULL, *rbytes = NULL, *tar = NULL, *wbytes = NULL, *abytes = NULL;
  size_t snap_len = 0, rlen = 0, tar_len = 0, wlen = 0, alen = 0, nm = 0;
  ca_tar_member m[CA_TAR_MAX_MEMBERS];
  char rlabel[600], slabel[600], wlabel[600], alabel[600];
  const char *rl = paths[0], *sl = paths[1], *wl = waivers_path, *al = attest_path;
  ca_buf out;
  ca_buf_init(&out, CA_MAX_REPORT_BYTES);
  int rc = CA_EXIT_RUN;
  if (bundle) {
    if (ca_read_file(bundle, CA_MAX_BUNDLE_BYTES, &tar, &tar_len, &err) ||
        ca_bundle_check(bundle, tar, tar_len, pubkey, m, &nm, &binfo, bmism, &err))
      goto done;
    const ca_tar_member *r = ca_bundle_member(m, nm, CA_BUNDLE_RESULTS), *s = ca_bundle_member(m, nm, CA_BUNDLE_SNAPSHOT);
    const ca_tar_member *w = ca_bundle_member(m, nm, CA_BUNDLE_WAIVERS), *at = ca_bundle_member(m, nm, CA_BUNDLE_ATTESTATIONS);
    if (!r || !s) {
      ca_errf(&err, CA_EXIT_USAGE, "%s: no %s: not an evidence bundle", bundle, r ? CA_BUNDLE_SNAPSHOT : CA_BUNDLE_RESULTS);
      goto done;
    }
    snprintf(rlabel, sizeof rlabel, "%s:%s", bundle, CA_BUNDLE_RESULTS);
    snprintf(slabel, sizeof slabel, "%s:%s", bundle, CA_BUNDLE_SNAPSHOT);
    snprintf(wlabel, sizeof wlabel, "%s:%s", bundle, CA_BUNDLE_WAIVERS);
    snprintf(alabel, sizeof alabel, "%s:%s", bundle, CA_BUNDLE_ATTESTATIONS);
    rl = rlabel, sl = slabel, wl = wlabel, al = alabel;
    /* the parsers want a NUL after the bytes: copies, not the archive's bytes */
    if (!(rbytes = dupz(r, &rlen)) || !(snap = dupz(s, &snap_len)) || (w && !(wbytes = dupz(w, &wlen))) ||
        (at && !(abytes = dupz(at, &alen)))) {
      ca_errf(&err, CA_EXIT_RUN, "out of memory");
      goto done;
    }
    if (ca_results_parse(rl, rbytes, rlen, &results, &dg, &err)) goto done;
  } else {
    if (ca_results_load(paths[0], &results, &dg, &rbytes, &rlen, &err)) goto done;
    /* the snapshot need not load: a tampered one that no longer parses is a mismatch */
    if (ca_read_file(paths[1], CA_MAX_SNAPSHOT_BYTES, &snap, &snap_len, &err)) goto done;
    if (waivers_path && ca_read_file(waivers_path, CA_MAX_ACCEPT_FILE_BYTES, &wbytes, &wlen, &err)) goto done;
    if (attest_path && ca_read_file(attest_path, CA_MAX_ACCEPT_FILE_BYTES, &abytes, &alen, &err)) goto done;
  }
  ca_verify_in in = {results, rl, &dg, sl, snap, snap_len, roots, nroots, packs, npacks};
  if (ca_verify(&in, &doc, &err)) goto done;
  if (binfo) {
    cJSON_AddItemToObject(doc, "bundle", binfo);
    binfo = NULL;
    const cJSON *e;
    cJSON_ArrayForEach(e, bmism)
      ca_verify_mismatch(doc, sval(e, "kind"), sval(e, "name"), sval(e, "recorded"), sval(e, "actual"), sval(e, "detail"));
    if (bundle_reports(doc, results, m, nm, &err)) goto done;
  }
  if (do_reaudit) {
    reaudit_in ri = {results, rbytes, rlen, rl, sl, snap, snap_len, roots, nroots, wl, wbytes, wlen, al, abytes, alen};
    if (reaudit(doc, &ri, &err)) goto done;
  }
  if (!strcmp(format, "json")) {
    if (ca_render_json(doc, &out, &err)) goto done;
  } else {
    text(doc, rl, &out);
  }
  if (!out.data || fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout)) {
    ca_errf(&err, CA_EXIT_RUN, "cannot write to stdout (or the report outgrew %zu bytes)", out.cap);
    goto done;
  }
  rc = cJSON_IsTrue(cJSON_GetObjectItem(doc, "verified")) ? CA_EXIT_OK : CA_EXIT_FINDINGS;
done:
  if (err.code) rc = cli_fail(&err);
  ca_buf_free(&out);
  free(rbytes);
  free(snap);
  free(tar);
  free(wbytes);
  free(abytes);
  cJSON_Delete(doc);
  cJSON_Delete(binfo);
  cJSON_Delete(bmism);
  cJSON_Delete(results);
  return rc;
}
