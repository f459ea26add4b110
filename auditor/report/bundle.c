#include "report/bundle.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ca_limits.h"
#include "report/report.h"
#include "results/accept.h"
#include "results/load.h"
#include "results/verify.h"
#include "util/buf.h"
#include "util/ed25519.h"
#include "util/fsutil.h"
#include "util/sha256.h"

const ca_tar_member *ca_bundle_member(const ca_tar_member *m, size_t n, const char *name) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(m[i].name, name)) return &m[i];
  return NULL;
}

/* ---- writing ---------------------------------------------------------------- */

/* -o must not replace an input (the same file, whatever the path says). */
static int not_the_output(const char *input, const char *output, ca_err *err) {
  struct stat a, b;
  if (!input || stat(input, &a) || stat(output, &b) || a.st_dev != b.st_dev || a.st_ino != b.st_ino) return 0;
  return ca_errf(err, CA_EXIT_USAGE, "-o %s is %s, an input of the bundle: name another file", output, input);
}

typedef struct file {
  const char *name;   /* in the bundle: a constant, or own */
  char own[CA_TAR_MAX_NAME + 1];
  char *data;
  size_t len;
} file;

/* Reads path; its SHA-256 must be recorded (the hex at results' pointer). */
static int read_recorded(const char *path, long cap, const char *recorded, const char *what, file *f, ca_err *err) {
  char hex[65];
  if (ca_read_file(path, cap, &f->data, &f->len, err)) return -1;
  ca_sha256_hex(f->data, f->len, hex);
  if (!recorded)
    return ca_errf(err, CA_EXIT_USAGE, "%s: results.json records no %s file: the audit was made without one", path,
                   what);
  if (strcmp(hex, recorded))
    return ca_errf(err, CA_EXIT_USAGE, "%s: sha256 %s, but results.json was made from the %s with sha256 %s", path,
                   hex, what, recorded);
  return 0;
}

static const char *recorded_sha(const cJSON *results, const char *k) {
  return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(results, k), "sha256"));
}

/* Each file of the report f that results_dir holds, into f[*nf...]: all of
 * its files (asff's parts, a controls CSV per framework) or none, each what
 * results renders to. */
static int add_report(const ca_bundle_in *in, const cJSON *results, const ca_format *fmt, file *f, size_t *nf,
                      ca_buf *rendered, ca_err *err) {
  char path[PATH_MAX], first[CA_TAR_MAX_NAME + 1] = "", again[2 * PATH_MAX];
  size_t n = ca_report_files(results, fmt), had = 0;
  snprintf(again, sizeof again, "`connect-auditor report %s/results.json --format %s -o %s/%s`", in->results_dir,
           fmt->name, in->results_dir, fmt->file);
  for (size_t i = 0; i < n; i++) {
    char name[CA_TAR_MAX_NAME + 1];
    if (ca_report_file_name(results, fmt, i, name, sizeof name) || !ca_tar_name_ok(name, strlen(name)))
      return ca_errf(err, CA_EXIT_USAGE, "%s/%s: the %s report's file %zu has too long a name for a bundle",
                     in->results_dir, fmt->file, fmt->name, i + 1);
    snprintf(path, sizeof path, "%s/%s", in->results_dir, name);
    if (!ca_is_file(path)) {
      if (had)   /* some of its files and not all: not one report */
        return ca_errf(err, CA_EXIT_USAGE, "%s/%s is there but not %s: the %s report of this results.json is %zu "
                       "files; render it again with %s", in->results_dir, first, path, fmt->name, n, again);
      continue;
    }
    if (i > had) {   /* file 0 .. i-1 missing */
      if (ca_report_file_name(results, fmt, 0, first, sizeof first)) first[0] = 0;
      return ca_errf(err, CA_EXIT_USAGE, "%s is there but not %s/%s: the %s report of this results.json is %zu "
                     "files; render it again with %s", path, in->results_dir, first, fmt->name, n, again);
    }
    if (!had) snprintf(first, sizeof first, "%s", name);
    if (*nf + 3 > CA_TAR_MAX_MEMBERS)   /* the manifest and its signature still to come */
      return ca_errf(err, CA_EXIT_USAGE, "%s: the bundle would hold more than %d files (CA_TAR_MAX_MEMBERS)",
                     in->results_dir, CA_TAR_MAX_MEMBERS);
    if (not_the_output(path, in->output, err)) return -1;
    file *r = &f[(*nf)++];
    snprintf(r->own, sizeof r->own, "%s", name);
    r->name = r->own;
    if (ca_read_file(path, CA_MAX_REPORT_BYTES, &r->data, &r->len, err)) return -1;
    ca_buf_free(rendered);
    if (ca_report_file_render(results, fmt, i, rendered, err)) return -1;
    if (rendered->len != r->len || (r->len && memcmp(rendered->data, r->data, r->len)))
      return ca_errf(err, CA_EXIT_USAGE,
                     "%s is not what results.json renders to (written by another run or edited): render it again "
                     "with %s", path, again);
    had++;
  }
  return 0;
}

int ca_bundle_write(const ca_bundle_in *in, size_t *members, ca_err *err) {
  file *f = calloc(CA_TAR_MAX_MEMBERS, sizeof *f);
  size_t nf = 0;
  cJSON *results = NULL;
  ca_buf tar, manifest, rendered;
  ca_buf_init(&tar, (size_t)CA_MAX_BUNDLE_BYTES);
  ca_buf_init(&manifest, 64 * 1024);
  ca_buf_init(&rendered, CA_MAX_REPORT_BYTES);
  int rc = -1;
  char path[PATH_MAX], snap_default[PATH_MAX];
  long long mtime = 0;

  if (!f) {
    ca_errf(err, CA_EXIT_RUN, "out of memory");
    goto done;
  }
  snprintf(path, sizeof path, "%s/results.json", in->results_dir);
  snprintf(snap_default, sizeof snap_default, "%s/snapshot.json", in->results_dir);
  const char *const inputs[] = {path, in->snapshot ? in->snapshot : snap_default, in->waivers, in->attestations,
                                in->sign_key};
  for (size_t k = 0; k < sizeof inputs / sizeof inputs[0]; k++)
    if (not_the_output(inputs[k], in->output, err)) goto done;
  f[1].name = CA_BUNDLE_RESULTS;
  if (ca_results_load(path, &results, NULL, &f[1].data, &f[1].len, err)) goto done;
  const char *snap = in->snapshot ? in->snapshot : snap_default;
  if (!in->snapshot && !ca_is_file(snap)) {
    ca_errf(err, CA_EXIT_USAGE, "%s holds no snapshot.json: name the snapshot that was audited with --snapshot FILE",
            in->results_dir);
    goto done;
  }
  f[0].name = CA_BUNDLE_SNAPSHOT;
  if (read_recorded(snap, CA_MAX_SNAPSHOT_BYTES, recorded_sha(results, "snapshot"), "snapshot", &f[0], err)) goto done;
  nf = 2;
  if (in->waivers) {
    f[nf].name = CA_BUNDLE_WAIVERS;
    if (read_recorded(in->waivers, CA_MAX_ACCEPT_FILE_BYTES, recorded_sha(results, "waivers"), "waivers", &f[nf++],
                      err))
      goto done;
  }
  if (in->attestations) {
    f[nf].name = CA_BUNDLE_ATTESTATIONS;
    if (read_recorded(in->attestations, CA_MAX_ACCEPT_FILE_BYTES, recorded_sha(results, "attestations"),
                      "attestations", &f[nf++], err))
      goto done;
  }
  /* the reports beside results.json, each what results.json renders to */
  size_t nfmt;
  const ca_format *fmt = ca_formats(&nfmt);
  for (size_t k = 0; k < nfmt; k++)
    if (strcmp(fmt[k].file, CA_BUNDLE_RESULTS) && add_report(in, results, &fmt[k], f, &nf, &rendered, err)) goto done;
  ca_time_parse(cJSON_GetStringValue(cJSON_GetObjectItem(results, "generated_at")), 0, &mtime);
  for (size_t k = 0; k < nf; k++) {
    char hex[65];
    ca_sha256_hex(f[k].data, f[k].len, hex);
    if (ca_buf_printf(&manifest, "%s  %s\n", hex, f[k].name) || ca_tar_add(&tar, f[k].name, f[k].data, f[k].len, mtime))
      goto full;
  }
  if (ca_tar_add(&tar, CA_BUNDLE_MANIFEST, manifest.data, manifest.len, mtime)) goto full;
  if (in->sign_key) {
    unsigned char sig[CA_ED25519_SIG_BYTES];
    if (ca_ed25519_sign(in->sign_key, manifest.data, manifest.len, sig, err)) goto done;
    if (ca_tar_add(&tar, CA_BUNDLE_SIGNATURE, sig, sizeof sig, mtime)) goto full;
  }
  if (ca_tar_end(&tar)) goto full;
  if (ca_write_atomic(in->output, tar.data, tar.len, err)) goto done;
  if (members) *members = nf + 1 + (in->sign_key != NULL);
  rc = 0;
  goto done;
full:
  ca_errf(err, CA_EXIT_RUN, "%s: the bundle would be larger than %lld bytes", in->output,
          (long long)CA_MAX_BUNDLE_BYTES);
done:
  for (size_t k = 0; f && k < CA_TAR_MAX_MEMBERS; k++) free(f[k].data);
  free(f);
  cJSON_Delete(results);
  ca_buf_free(&tar);
  ca_buf_free(&manifest);
  ca_buf_free(&rendered);
  return rc;
}

/* ---- checking --------------------------------------------------------------- */

static int is_hex64(const char *s) {
  for (int i = 0; i < 64; i++)
    if (!s[i] || !strchr("0123456789abcdef", s[i])) return 0;
  return 1;
}

int ca_bundle_check(const char *label, const char *tar, size_t len, const char *pubkey,
                    ca_tar_member m[CA_TAR_MAX_MEMBERS], size_t *nm, cJSON **info, cJSON *mismatches, ca_err *err) {
  *info = NULL;
  if (ca_tar_read(label, tar, len, m, nm, err)) return -1;
  const ca_tar_member *man = ca_bundle_member(m, *nm, CA_BUNDLE_MANIFEST);
  if (!man) return ca_errf(err, CA_EXIT_USAGE, "%s: no %s: not an evidence bundle", label, CA_BUNDLE_MANIFEST);
  int listed[CA_TAR_MAX_MEMBERS] = {0};
  cJSON *doc = cJSON_CreateObject(), *list = cJSON_CreateArray();
  cJSON_AddStringToObject(doc, "file", label);
  cJSON_AddItemToObject(doc, "members", list);
  /* sha256sum's lines: 64 hex digits, two spaces (or " *", binary mode), a name */
  size_t line = 1;
  for (const char *p = man->data, *end = man->data + man->len; p < end; line++) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    char name[CA_TAR_MAX_NAME + 1];
    if (!nl || n < 67 || !ca_tar_name_ok(p + 66, n - 66) || !is_hex64(p) || p[64] != ' ' ||
        (p[65] != ' ' && p[65] != '*')) {
      cJSON_Delete(doc);
      return ca_errf(err, CA_EXIT_USAGE, "%s: %s:%zu: expected \"<64 hex digits>  <member name>\"", label,
                     CA_BUNDLE_MANIFEST, line);
    }
    memcpy(name, p + 66, n - 66);
    name[n - 66] = '\0';
    char want[65], hex[65];
    memcpy(want, p, 64);
    want[64] = '\0';
    const ca_tar_member *e = ca_bundle_member(m, *nm, name);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", name);
    cJSON_AddStringToObject(o, "sha256", want);
    cJSON_AddItemToArray(list, o);
    if (!e) {
      ca_verify_mismatch_add(mismatches, "bundle_missing", name, want, NULL,
                             "the manifest lists it, the bundle does not hold it");
    } else {
      listed[e - m] = 1;
      ca_sha256_hex(e->data, e->len, hex);
      if (strcmp(hex, want))
        ca_verify_mismatch_add(mismatches, "bundle_sha256", name, want, hex,
                               "the member differs from the one the manifest lists");
    }
    p = nl + 1;
  }
  for (size_t i = 0; i < *nm; i++)
    if (!listed[i] && strcmp(m[i].name, CA_BUNDLE_MANIFEST) && strcmp(m[i].name, CA_BUNDLE_SIGNATURE))
      ca_verify_mismatch_add(mismatches, "bundle_unlisted", m[i].name, NULL, NULL,
                             "the bundle holds a file the manifest does not list");
  const ca_tar_member *sig = ca_bundle_member(m, *nm, CA_BUNDLE_SIGNATURE);
  const char *state = sig ? "not checked" : "absent";
  if (pubkey) {
    /* the key is read even when there is no signature: a bad --pubkey is an input error */
    int ok = ca_ed25519_verify(pubkey, man->data, man->len, sig ? sig->data : "", sig ? sig->len : 0, err);
    if (ok < 0) {
      cJSON_Delete(doc);
      return -1;
    }
    if (!sig)
      ca_verify_mismatch_add(mismatches, "signature_missing", CA_BUNDLE_SIGNATURE, NULL, NULL,
                             "--pubkey was given, but the bundle is not signed");
    else if (!ok)
      ca_verify_mismatch_add(mismatches, "signature", CA_BUNDLE_SIGNATURE, NULL, NULL,
                             "not this key's Ed25519 signature of MANIFEST.sha256 "
                             "(another key, or the manifest changed)");
    state = !sig ? "absent" : ok ? "verified" : "bad";
  }
  cJSON_AddStringToObject(doc, "signature", state);
  *info = doc;
  return 0;
}
