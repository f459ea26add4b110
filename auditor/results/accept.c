/*
 * accept.c -- waivers and attestations: one loader and one matcher for two
 * files of the same shape (a list of {rule, resource, ...} entries), which
 * differ in their fields and in what they do to a matching finding.
 */
#include "results/accept.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"
#include "results/vocab.h"
#include "util/fsutil.h"
#include "util/jsonfile.h"
#include "util/sha256.h"

enum kind { WAIVERS, ATTESTATIONS };
#define STR(x) #x
#define XSTR(x) STR(x)
#define NFIELDS 6

/* What each file holds: its top-level key, the noun for messages, and its
 * fields in the order they are reported. */
static const struct spec {
  const char *key, *noun, *list;
  const char *field[NFIELDS + 1];
} specs[] = {
  [WAIVERS] = {"waivers", "waiver", "rule, resource, reason, approved_by, expires",
               {"rule", "resource", "reason", "approved_by", "expires", NULL}},
  [ATTESTATIONS] = {"attestations", "attestation", "rule, resource, answer, by, at, note",
                    {"rule", "resource", "answer", "by", "at", "note", NULL}},
};
enum { F_RULE, F_RESOURCE };

typedef struct entry {
  const char *f[NFIELDS];   /* values in spec order, owned by the doc */
  long long until;          /* waivers: the first second it no longer holds */
} entry;

struct ca_accept {
  enum kind kind;
  cJSON *doc;
  entry *v;
  size_t n;
  char sha256[65];
};

void ca_accept_free(ca_accept *a) {
  if (!a) return;
  cJSON_Delete(a->doc);
  free(a->v);
  free(a);
}

/* ---- matching and time ------------------------------------------------ */

static const char *next_char(const char *s) {
  s++;
  while ((*s & 0xC0) == 0x80) s++;   /* UTF-8 continuation bytes */
  return s;
}

/* Iterative, backtracking only to the last '*': linear in practice and never
 * exponential, whatever pattern a file holds. */
int ca_glob_match(const char *p, const char *s) {
  const char *star = NULL, *resume = NULL;
  while (*s) {
    if (*p == '*') {
      star = p++;
      resume = s;
    } else if (*p == '?') {
      p++;
      s = next_char(s);
    } else if (*p && *p == *s) {
      p++;
      s++;
    } else if (star) {
      p = star + 1;
      s = resume = next_char(resume);
    } else {
      return 0;
    }
  }
  while (*p == '*') p++;
  return !*p;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil): no timegm, no TZ, no locale. */
static long long days_from_civil(long long y, int m, int d) {
  y -= m <= 2;
  long long era = (y >= 0 ? y : y - 399) / 400;
  long long yoe = y - era * 400;
  long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static int digits(const char *s, int n, int *out) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return 0;
}

int ca_time_parse(const char *s, int end_of_day, long long *secs) {
  int y, mo, d, h = 0, mi = 0, sec = 0;
  if (digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) || s[7] != '-' || digits(s + 8, 2, &d)) return -1;
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] + (mo == 2 && leap)) return -1;
  long long t = days_from_civil(y, mo, d) * 86400;
  if (!s[10]) {
    *secs = t + (end_of_day ? 86400 : 0);
    return 0;
  }
  /* RFC 3339 date-time: T, hh:mm:ss, optional fraction, Z or +hh:mm / -hh:mm */
  const char *p = s + 10;
  if ((*p != 'T' && *p != 't') || digits(p + 1, 2, &h) || p[3] != ':' || digits(p + 4, 2, &mi) || p[6] != ':' ||
      digits(p + 7, 2, &sec) || h > 23 || mi > 59 || sec > 60)
    return -1;
  p += 9;
  int frac = 0;
  if (*p == '.') {
    if (p[1] < '0' || p[1] > '9') return -1;
    for (p++; *p >= '0' && *p <= '9'; p++)
      if (*p != '0') frac = 1;
  }
  long long off = 0;
  if (*p == 'Z' || *p == 'z') {
    p++;
  } else if (*p == '+' || *p == '-') {
    int oh, om;
    if (digits(p + 1, 2, &oh) || p[3] != ':' || digits(p + 4, 2, &om) || oh > 23 || om > 59) return -1;
    off = (oh * 3600LL + om * 60) * (*p == '-' ? -1 : 1);
    p += 6;
  } else {
    return -1;
  }
  if (*p) return -1;
  /* A fraction rounds up: a time that holds until 10.5 s still holds at 10 s. */
  *secs = t + h * 3600LL + mi * 60 + sec - off + frac;
  return 0;
}

/* ---- loading ------------------------------------------------------------ */

/* v as compact JSON, cut at a character boundary: for "found ..." in messages
 * (control characters arrive escaped, so nothing reaches the terminal raw). */
static void shown(const cJSON *v, char *out, size_t n) {
  char *j = cJSON_PrintUnformatted(v);
  size_t len = j ? strlen(j) : 0;
  if (len < n) {
    snprintf(out, n, "%s", j ? j : "?");
  } else {
    size_t k = n - 4;   /* room for "..." */
    while (k && (j[k] & 0xC0) == 0x80) k--;
    snprintf(out, n, "%.*s...", (int)k, j);
  }
  cJSON_free(j);
}

static int bad(ca_err *err, const char *path, const char *ptr, const cJSON *v, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* "<file>: <pointer>: expected <what>, found <value>" */
static int bad(ca_err *err, const char *path, const char *ptr, const cJSON *v, const char *fmt, ...) {
  char what[512], found[96] = "";
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(what, sizeof what, fmt, ap);
  va_end(ap);
  if (v) shown(v, found, sizeof found);
  return ca_errf(err, CA_EXIT_USAGE, "%s: %s: %s%s%s", path, ptr, what, v ? ", found " : "", found);
}

static int has_control(const char *s) {
  for (; *s; s++)
    if ((unsigned char)*s < 0x20 || *s == 0x7f) return 1;
  return 0;
}

static int blank(const char *s) {
  while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
  return !*s;
}

/* Checks one field's value; NULL when good, else what was expected. */
static const char *check_field(const char *name, const char *v) {
  long long t;
  if (strlen(v) > CA_MAX_ACCEPT_FIELD_BYTES) return "a string of at most " XSTR(CA_MAX_ACCEPT_FIELD_BYTES) " bytes";
  if (!strcmp(name, "rule"))
    return !*v || has_control(v) || strpbrk(v, "*? ") ? "a rule ID such as PII-S3-002 (no wildcards: only resource takes a glob)" : NULL;
  if (!strcmp(name, "resource"))
    return !*v || has_control(v) || strchr(v, ' ') ? "an ARN, or a glob of ARNs with * and ?" : NULL;
  if (!strcmp(name, "expires") || !strcmp(name, "at"))
    return ca_time_parse(v, 0, &t) ? "a date YYYY-MM-DD or RFC 3339 time" : NULL;
  if (!strcmp(name, "answer"))
    return strcmp(v, "yes") && strcmp(v, "no") && strcmp(v, "n/a") ? "\"yes\", \"no\" or \"n/a\"" : NULL;
  if (!strcmp(name, "note")) return NULL;   /* may be empty for "yes"; see below */
  return blank(v) ? "a non-empty string" : NULL;
}

static int field_index(const struct spec *sp, const char *key) {
  for (int i = 0; sp->field[i]; i++)
    if (!strcmp(sp->field[i], key)) return i;
  return -1;
}

static int load_entry(const struct spec *sp, const char *path, const cJSON *o, size_t idx, entry *e, ca_err *err) {
  char ptr[160];
  snprintf(ptr, sizeof ptr, "/%s/%zu", sp->key, idx);
  if (!cJSON_IsObject(o))
    return bad(err, path, ptr, o, "expected a %s object {%s}", sp->noun, sp->list);
  for (const cJSON *c = o->child; c; c = c->next) {
    int k = field_index(sp, c->string);
    if (k < 0) {
      char key[96];
      cJSON *tmp = cJSON_CreateString(c->string);
      shown(tmp, key, sizeof key);
      cJSON_Delete(tmp);
      return ca_errf(err, CA_EXIT_USAGE, "%s: %s: unknown key %s; a %s has exactly: %s", path, ptr, key, sp->noun,
                     sp->list);
    }
    char fptr[200];
    snprintf(fptr, sizeof fptr, "%s/%s", ptr, c->string);
    if (e->f[k]) return ca_errf(err, CA_EXIT_USAGE, "%s: %s: given twice", path, fptr);
    const char *why = cJSON_IsString(c) ? check_field(c->string, c->valuestring) : "a string";
    if (why) return bad(err, path, fptr, c, "expected %s", why);
    e->f[k] = c->valuestring;
  }
  for (int k = 0; sp->field[k]; k++)
    if (!e->f[k])
      return ca_errf(err, CA_EXIT_USAGE, "%s: %s: missing \"%s\"; a %s has exactly: %s", path, ptr, sp->field[k],
                     sp->noun, sp->list);
  /* "no" and "n/a" are claims an auditor will ask about: they need a why. */
  if (sp == &specs[ATTESTATIONS] && strcmp(e->f[2], "yes") && blank(e->f[5])) {
    strncat(ptr, "/note", sizeof ptr - strlen(ptr) - 1);
    return bad(err, path, ptr, cJSON_GetObjectItem(o, "note"),
               "expected a note saying why the answer is \"%s\" (a non-empty string)", e->f[2]);
  }
  if (sp == &specs[WAIVERS]) ca_time_parse(e->f[4], 1, &e->until);
  return 0;
}

/* bytes NULL: path is read; else bytes (blen of them) are the file's, path its label. */
static int load(enum kind kind, const char *path, const char *bytes, size_t blen, ca_accept **out, ca_err *err) {
  const struct spec *sp = &specs[kind];
  char *text = NULL;
  size_t len = 0;
  ca_accept *a = calloc(1, sizeof *a);
  *out = NULL;
  if (!a) return ca_errf(err, CA_EXIT_RUN, "out of memory");
  a->kind = kind;
  if (bytes && blen > CA_MAX_ACCEPT_FILE_BYTES) {
    ca_errf(err, CA_EXIT_USAGE, "%s: larger than %ld bytes", path, (long)CA_MAX_ACCEPT_FILE_BYTES);
    goto done;
  }
  if (bytes && (text = malloc(blen + 1))) {
    memcpy(text, bytes, blen);
    text[len = blen] = '\0';
  } else if (bytes) {
    ca_errf(err, CA_EXIT_RUN, "out of memory");
    goto done;
  } else if (ca_read_file(path, CA_MAX_ACCEPT_FILE_BYTES, &text, &len, err)) {
    goto done;
  }
  ca_sha256_hex(text, len, a->sha256);   /* ties results.json to these exact bytes */
  if (ca_json_parse(path, text, len, &a->doc, err)) goto done;
  if (!cJSON_IsObject(a->doc)) {
    bad(err, path, "/", a->doc, "expected an object {\"%s\": [...]}", sp->key);
    goto done;
  }
  for (const cJSON *c = a->doc->child; c; c = c->next)
    if (strcmp(c->string, sp->key) || (c != cJSON_GetObjectItemCaseSensitive(a->doc, sp->key))) {
      char key[96];
      cJSON *tmp = cJSON_CreateString(c->string);
      shown(tmp, key, sizeof key);
      cJSON_Delete(tmp);
      ca_errf(err, CA_EXIT_USAGE, "%s: /: %s %s; expected only \"%s\"", path,
              strcmp(c->string, sp->key) ? "unknown key" : "repeated key", key, sp->key);
      goto done;
    }
  const cJSON *list = cJSON_GetObjectItemCaseSensitive(a->doc, sp->key);
  char lptr[32];
  snprintf(lptr, sizeof lptr, "/%s", sp->key);
  if (!list) {
    ca_errf(err, CA_EXIT_USAGE, "%s: /: missing \"%s\"; expected {\"%s\": [...]}", path, sp->key, sp->key);
    goto done;
  }
  if (!cJSON_IsArray(list)) {
    bad(err, path, lptr, list, "expected an array of %s objects", sp->noun);
    goto done;
  }
  int n = cJSON_GetArraySize(list);
  if (n > CA_MAX_ACCEPT_ENTRIES) {
    ca_errf(err, CA_EXIT_USAGE, "%s: %s: %d entries; at most %d", path, lptr, n, CA_MAX_ACCEPT_ENTRIES);
    goto done;
  }
  a->v = calloc((size_t)(n ? n : 1), sizeof *a->v);
  if (!a->v) {
    ca_errf(err, CA_EXIT_RUN, "out of memory");
    goto done;
  }
  for (const cJSON *o = list->child; o; o = o->next, a->n++)
    if (load_entry(sp, path, o, a->n, &a->v[a->n], err)) goto done;
  *out = a;
  a = NULL;
done:
  free(text);
  ca_accept_free(a);
  return *out ? 0 : -1;
}

int ca_waivers_load(const char *path, ca_accept **out, ca_err *err) { return load(WAIVERS, path, NULL, 0, out, err); }
int ca_attestations_load(const char *path, ca_accept **out, ca_err *err) {
  return load(ATTESTATIONS, path, NULL, 0, out, err);
}
int ca_waivers_parse(const char *label, const char *text, size_t len, ca_accept **out, ca_err *err) {
  return load(WAIVERS, label, text, len, out, err);
}
int ca_attestations_parse(const char *label, const char *text, size_t len, ca_accept **out, ca_err *err) {
  return load(ATTESTATIONS, label, text, len, out, err);
}

/* ---- applying ----------------------------------------------------------- */

static const char *jstr(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : "";
}

static void note(cJSON *finding, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Notes say why a waiver or attestation did or did not touch a finding; they
 * hold only pointers, statuses and checked dates, never free text. */
static void note(cJSON *finding, const char *fmt, ...) {
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  cJSON *notes = cJSON_GetObjectItemCaseSensitive(finding, "notes");
  if (!notes) notes = cJSON_AddArrayToObject(finding, "notes");
  cJSON_AddItemToArray(notes, cJSON_CreateString(msg));
}

/* The entry as reported: its pointer in the file, then its fields. */
static cJSON *entry_json(const ca_accept *a, size_t i) {
  const struct spec *sp = &specs[a->kind];
  cJSON *o = cJSON_CreateObject();
  char ptr[64];
  snprintf(ptr, sizeof ptr, "/%s/%zu", sp->key, i);
  cJSON_AddStringToObject(o, "entry", ptr);
  for (int k = 0; sp->field[k]; k++) cJSON_AddStringToObject(o, sp->field[k], a->v[i].f[k]);
  return o;
}

/* Appends {index, arn, status} of finding f to list. */
static void add_finding_ref(cJSON *list, int index, const cJSON *f) {
  cJSON *r = cJSON_CreateObject();
  cJSON_AddNumberToObject(r, "index", index);
  cJSON_AddStringToObject(r, "arn", jstr(cJSON_GetObjectItem(f, "resource"), "arn"));
  cJSON_AddStringToObject(r, "status", jstr(f, "status"));
  cJSON_AddItemToArray(list, r);
}

/* An entry lists the findings it changed; one that changed none lists those it
 * matched instead, so "stale" can say why. */
static void settle(cJSON *o, cJSON *changed, cJSON *matched) {
  int any = cJSON_GetArraySize(changed) > 0;
  cJSON_AddItemToObject(o, "findings", any ? changed : matched);
  cJSON_Delete(any ? matched : changed);
}

static int matches(const entry *e, const cJSON *f) {
  return !strcmp(jstr(f, "rule_id"), e->f[F_RULE]) &&
         ca_glob_match(e->f[F_RESOURCE], jstr(cJSON_GetObjectItem(f, "resource"), "arn"));
}

static int all_status(const cJSON *refs, const char *status) {
  const cJSON *r;
  cJSON_ArrayForEach(r, refs) if (strcmp(jstr(r, "status"), status)) return 0;
  return 1;
}

/* Why an entry applied to nothing, from the findings it matched
 * (entry["findings"]), for the "stale" list. */
static void stale_why(cJSON *o, int rule_known, const char *wanted, const char *done_as) {
  const char *const *order = ca_statuses;   /* results.json's order */
  const cJSON *refs = cJSON_GetObjectItem(o, "findings");
  char why[512];
  if (!rule_known) {
    snprintf(why, sizeof why, "no rule with this ID in the audited packs");
  } else if (!cJSON_GetArraySize(refs)) {
    snprintf(why, sizeof why, "no finding of this rule is on a resource matching this pattern");
  } else if (all_status(refs, done_as)) {
    snprintf(why, sizeof why, "every %s finding it matches is already covered by an earlier entry", wanted);
  } else {
    int len = snprintf(why, sizeof why, "matches no %s finding (", wanted);
    int errors = 0;
    for (int s = 0; order[s]; s++) {
      int n = 0;
      const cJSON *r;
      cJSON_ArrayForEach(r, refs) n += !strcmp(jstr(r, "status"), order[s]);
      if (!n) continue;
      if (!strcmp(order[s], "error")) errors = n;
      len += snprintf(why + len, sizeof why - (size_t)len, "%s%d %s", why[len - 1] == '(' ? "" : ", ", n, order[s]);
    }
    snprintf(why + len, sizeof why - (size_t)len, "): only a %s finding can be %s%s", wanted,
             !strcmp(wanted, "fail") ? "waived" : "attested",
             errors && !strcmp(wanted, "fail")
                 ? "; an error means the evidence was not seen, and a waiver cannot cover what was not seen"
                 : "");
  }
  cJSON_AddStringToObject(o, "why", why);
}

static int now_of(const cJSON *results, long long *now, ca_err *err) {
  if (ca_time_parse(jstr(results, "generated_at"), 0, now))
    return ca_errf(err, CA_EXIT_RUN, "results: /generated_at: expected an RFC 3339 time");
  return 0;
}

/* What a finding carries: the entry's own fields (design.md's waiver
 * {reason, approved_by, expires}; attestation {answer, by, at, note}), then
 * the rule and pattern that matched and the entry's place in its file. */
static cJSON *stamp(const ca_accept *a, size_t i) {
  const struct spec *sp = &specs[a->kind];
  cJSON *o = cJSON_CreateObject();
  for (int k = F_RESOURCE + 1; sp->field[k]; k++) cJSON_AddStringToObject(o, sp->field[k], a->v[i].f[k]);
  cJSON_AddStringToObject(o, "rule", a->v[i].f[F_RULE]);
  cJSON_AddStringToObject(o, "resource", a->v[i].f[F_RESOURCE]);
  char ptr[64];
  snprintf(ptr, sizeof ptr, "/%s/%zu", sp->key, i);
  cJSON_AddStringToObject(o, "entry", ptr);
  return o;
}

static void set_member(cJSON *o, const char *key, cJSON *v) {
  if (cJSON_GetObjectItemCaseSensitive(o, key)) cJSON_ReplaceItemInObjectCaseSensitive(o, key, v);
  else cJSON_AddItemToObject(o, key, v);
}

/* Entries are tried on each finding in turn, in the order the file's
 * entries are reported (waivers: the valid ones in file order, then the
 * expired ones, so an expired waiver's note never lands on a failure a valid
 * one covers); each entry gathers the findings it changed and matched.  One
 * finding at a time or the whole list, the outcome is the same. */
typedef struct tried {
  size_t i;                 /* the entry */
  int expired;
  int rule_seen;            /* a finding of its rule went by */
  cJSON *changed, *matched; /* [{index, arn, status}] */
} tried;

struct ca_accept_run {
  const ca_accept *a;
  tried *v;
  size_t n;
};

void ca_accept_run_free(ca_accept_run *r) {
  if (!r) return;
  for (size_t k = 0; k < r->n; k++) {
    cJSON_Delete(r->v[k].changed);
    cJSON_Delete(r->v[k].matched);
  }
  free(r->v);
  free(r);
}

ca_accept_run *ca_accept_start(const ca_accept *a, const cJSON *results, ca_err *err) {
  long long now = 0;
  if (a->kind == WAIVERS && now_of(results, &now, err)) return NULL;
  ca_accept_run *r = calloc(1, sizeof *r);
  if (r) r->v = calloc(a->n ? a->n : 1, sizeof *r->v);
  if (!r || !r->v) {
    ca_accept_run_free(r);
    ca_errf(err, CA_EXIT_RUN, "out of memory applying %s", specs[a->kind].key);
    return NULL;
  }
  r->a = a;
  for (int pass = 0; pass < (a->kind == WAIVERS ? 2 : 1); pass++)
    for (size_t i = 0; i < a->n; i++) {
      int expired = a->kind == WAIVERS && now >= a->v[i].until;
      if (expired != pass) continue;
      tried *t = &r->v[r->n++];
      t->i = i;
      t->expired = expired;
      t->changed = cJSON_CreateArray();
      t->matched = cJSON_CreateArray();
      if (!t->changed || !t->matched) {
        ca_accept_run_free(r);
        ca_errf(err, CA_EXIT_RUN, "out of memory applying %s", specs[a->kind].key);
        return NULL;
      }
    }
  return r;
}

static void waive(const ca_accept *w, tried *t, cJSON *f, int index) {
  const entry *e = &w->v[t->i];
  const char *st = jstr(f, "status");
  if (t->expired) {
    if (!strcmp(st, "fail")) {
      note(f, "waiver /waivers/%zu expired %s: the failure counts again", t->i, e->f[4]);
      add_finding_ref(t->changed, index, f);
    }
  } else if (!strcmp(st, "fail")) {
    set_member(f, "status", cJSON_CreateString("waived"));
    set_member(f, "waiver", stamp(w, t->i));
    add_finding_ref(t->changed, index, f);
  } else {
    if (!strcmp(st, "error"))
      note(f, "waiver /waivers/%zu not applied: the finding is error (the evidence was not seen), "
              "and a waiver cannot cover what was not seen", t->i);
    add_finding_ref(t->matched, index, f);
  }
}

static void attest(const ca_accept *a, tried *t, cJSON *f, int index) {
  const cJSON *had = cJSON_GetObjectItemCaseSensitive(f, "attestation");
  if (strcmp(jstr(f, "status"), "manual")) {
    note(f, "attestation /attestations/%zu not applied: only a manual finding can be attested, and this one "
            "is %s", t->i, jstr(f, "status"));
    add_finding_ref(t->matched, index, f);
  } else if (had && !cJSON_IsNull(had)) {
    add_finding_ref(t->matched, index, f);   /* an earlier entry attested it */
  } else {
    set_member(f, "attestation", stamp(a, t->i));
    add_finding_ref(t->changed, index, f);
  }
}

void ca_accept_apply(ca_accept_run *r, cJSON *f, size_t index) {
  if (!r) return;
  for (size_t k = 0; k < r->n; k++) {
    tried *t = &r->v[k];
    const entry *e = &r->a->v[t->i];
    t->rule_seen |= !strcmp(jstr(f, "rule_id"), e->f[F_RULE]);
    if (!matches(e, f)) continue;
    if (r->a->kind == WAIVERS) waive(r->a, t, f, (int)index);
    else attest(r->a, t, f, (int)index);
  }
}

int ca_accept_names_rule(const ca_accept_run *r, const char *rule_id) {
  for (size_t k = 0; r && k < r->n; k++)
    if (!rule_id || !strcmp(rule_id, r->a->v[r->v[k].i].f[F_RULE])) return 1;
  return 0;
}

int ca_accept_install(ca_accept_run *r, cJSON *results) {
  if (!r) return 0;
  static const char *const lists[2][4] = {[WAIVERS] = {"applied", "expired", "stale", NULL},
                                          [ATTESTATIONS] = {"applied", "stale", NULL}};
  const struct spec *sp = &specs[r->a->kind];
  cJSON *sec = cJSON_CreateObject();
  if (!sec) return -1;
  cJSON_AddStringToObject(sec, "sha256", r->a->sha256);
  for (int i = 0; lists[r->a->kind][i]; i++) cJSON_AddArrayToObject(sec, lists[r->a->kind][i]);
  for (size_t k = 0; k < r->n; k++) {
    tried *t = &r->v[k];
    const char *rule = r->a->v[t->i].f[F_RULE];
    cJSON *o = entry_json(r->a, t->i);
    const char *list = t->expired ? "expired" : cJSON_GetArraySize(t->changed) ? "applied" : "stale";
    settle(o, t->changed, t->matched);
    t->changed = t->matched = NULL;
    if (!strcmp(list, "stale")) {
      int known = t->rule_seen;
      const cJSON *x;
      cJSON_ArrayForEach(x, cJSON_GetObjectItem(results, "rules")) known |= !strcmp(jstr(x, "id"), rule);
      int manual = r->a->kind == ATTESTATIONS;
      stale_why(o, known, manual ? "manual" : "fail", manual ? "manual" : "waived");
    }
    cJSON_AddItemToArray(cJSON_GetObjectItem(sec, list), o);
  }
  if (cJSON_GetObjectItemCaseSensitive(results, sp->key)) cJSON_ReplaceItemInObjectCaseSensitive(results, sp->key, sec);
  else cJSON_AddItemToObject(results, sp->key, sec);
  return 0;
}

/* The whole list at once: each finding of results in turn. */
static int apply_all(cJSON *results, const ca_accept *a, ca_err *err) {
  if (!a) return 0;
  ca_accept_run *r = ca_accept_start(a, results, err);
  if (!r) return -1;
  size_t index = 0;
  cJSON *f;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(results, "findings")) ca_accept_apply(r, f, index++);
  int rc = ca_accept_install(r, results);
  ca_accept_run_free(r);
  return rc ? ca_errf(err, CA_EXIT_RUN, "out of memory applying %s", specs[a->kind].key) : 0;
}

int ca_results_apply_waivers(cJSON *results, const ca_accept *w, ca_err *err) { return apply_all(results, w, err); }

int ca_results_apply_attestations(cJSON *results, const ca_accept *a, ca_err *err) {
  return apply_all(results, a, err);
}
