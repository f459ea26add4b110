#include "results/results.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"
#include "util/jsontext.h"


int ca_natcmp(const char *a, const char *b) {
  while (*a && *b) {
    if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
      while (*a == '0') a++;
      while (*b == '0') b++;
      size_t la = 0, lb = 0;
      while (isdigit((unsigned char)a[la])) la++;
      while (isdigit((unsigned char)b[lb])) lb++;
      if (la != lb) return la < lb ? -1 : 1;
      int c = strncmp(a, b, la);
      if (c) return c;
      a += la;
      b += lb;
    } else {
      if (*a != *b) return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
      a++;
      b++;
    }
  }
  return *a ? 1 : *b ? -1 : 0;
}

static const char *jstr(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* For an ARN not in the snapshot (a Lambda named by an instance, say). */
static void describe_arn(const char *arn, char *type, size_t tn, char *name, size_t nn, char *region, size_t rn) {
  char f[6][CA_MAX_ARN_BYTES + 1] = {{0}};
  const char *p = arn;
  for (int i = 0; i < 6; i++) {
    size_t k = i < 5 ? strcspn(p, ":") : strlen(p);
    snprintf(f[i], sizeof f[i], "%.*s", (int)k, p);
    p += k;
    if (*p == ':') p++;
    else if (i < 5) break;
  }
  static const struct { const char *svc, *prefix, *type; } map[] = {
    {"lambda", "function", "lambda_function"}, {"s3", "", "s3_bucket"}, {"kms", "key", "kms_key"},
    {"kinesis", "stream", "kinesis_stream"}, {"firehose", "deliverystream", "firehose_delivery_stream"},
    {"kinesisvideo", "stream", "kinesis_video_stream"}, {"lex", "bot-alias", "lexv2_bot_alias"},
    {"lex", "bot", "lex_bot"}, {"logs", "log-group", "logs_log_group"}, {"connect", "instance", "connect_instance"}};
  snprintf(type, tn, "aws_resource");
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (!strcmp(f[2], map[i].svc) && !strncmp(f[5], map[i].prefix, strlen(map[i].prefix))) {
      snprintf(type, tn, "%s", map[i].type);
      break;
    }
  const char *last = strrchr(f[5], '/');
  const char *colon = strrchr(f[5], ':');
  if (colon && (!last || colon > last)) last = colon;
  snprintf(name, nn, "%s", last ? last + 1 : f[5]);
  snprintf(region, rn, "%s", f[3]);
}

static cJSON *resource_of(const ca_snapshot *snap, const char *arn) {
  cJSON *r = cJSON_CreateObject();
  cJSON_AddStringToObject(r, "arn", arn);
  const ca_resource *x = snap ? ca_snapshot_lookup(snap, NULL, arn) : NULL;
  if (x) {
    cJSON_AddStringToObject(r, "type", x->type);
    cJSON_AddStringToObject(r, "name", x->name);
    cJSON_AddStringToObject(r, "region", x->region);
    if (x->line > 0) cJSON_AddNumberToObject(r, "line", (double)x->line);   /* of its ARN key in the snapshot file */
  } else {
    char type[64], name[CA_MAX_ARN_BYTES + 1], region[CA_MAX_ARN_BYTES + 1];   /* type: from map[] */
    describe_arn(arn, type, sizeof type, name, sizeof name, region, sizeof region);
    cJSON_AddStringToObject(r, "type", type);
    cJSON_AddStringToObject(r, "name", name);
    cJSON_AddStringToObject(r, "region", region);
    cJSON_AddBoolToObject(r, "in_snapshot", 0);
  }
  return r;
}

static cJSON *load_error_finding(const ca_rule_result *r) {
  const char *rel = r->file ? r->file : r->pack_file;
  char arn[PATH_MAX + 8];   /* rel is a path under a policy folder */
  snprintf(arn, sizeof arn, "policy:%s", rel);
  cJSON *f = cJSON_CreateObject();
  cJSON_AddStringToObject(f, "rule_id", rel);
  cJSON_AddStringToObject(f, "title", r->file ? "Rule could not be loaded" : "Pack could not be loaded");
  cJSON_AddStringToObject(f, "status", "error");
  cJSON_AddStringToObject(f, "severity", "high");
  cJSON_AddStringToObject(f, "practice", "");
  cJSON_AddStringToObject(f, "pack", r->pack);
  cJSON *res = cJSON_AddObjectToObject(f, "resource");
  cJSON_AddStringToObject(res, "arn", arn);
  cJSON_AddStringToObject(res, "type", "policy");
  cJSON_AddStringToObject(res, "name", rel);
  cJSON_AddStringToObject(res, "region", "");
  cJSON_AddArrayToObject(f, "controls");
  cJSON_AddStringToObject(f, "message", r->error);
  cJSON_AddArrayToObject(f, "evidence");
  cJSON_AddStringToObject(f, "remediation", "Fix the policy file, then run `connect-auditor policy test` on its pack.");
  cJSON_AddObjectToObject(f, "parameters");
  cJSON_AddNullToObject(f, "waiver");
  cJSON_AddNullToObject(f, "attestation");
  return f;
}

static cJSON *finding(const ca_snapshot *snap, const ca_rule_result *r, const cJSON *raw) {
  const cJSON *m = r->meta;
  cJSON *f = cJSON_CreateObject();
  cJSON_AddStringToObject(f, "rule_id", jstr(m, "id"));
  cJSON_AddStringToObject(f, "title", jstr(m, "title"));
  cJSON_AddStringToObject(f, "status", jstr(raw, "status"));
  cJSON_AddStringToObject(f, "severity", jstr(m, "severity"));
  cJSON_AddStringToObject(f, "practice", jstr(m, "practice"));
  cJSON_AddStringToObject(f, "pack", r->pack);
  cJSON_AddItemToObject(f, "resource", resource_of(snap, jstr(raw, "arn")));
  cJSON_AddItemToObject(f, "controls", cJSON_Duplicate(cJSON_GetObjectItem(m, "controls"), 1));
  cJSON_AddStringToObject(f, "message", jstr(raw, "message"));
  cJSON_AddItemToObject(f, "evidence", cJSON_Duplicate(cJSON_GetObjectItem(raw, "evidence"), 1));
  cJSON_AddStringToObject(f, "remediation", jstr(m, "remediation"));
  cJSON_AddItemToObject(f, "parameters", cJSON_Duplicate(cJSON_GetObjectItem(raw, "parameters"), 1));
  cJSON_AddNullToObject(f, "waiver");
  cJSON_AddNullToObject(f, "attestation");
  return f;
}

static void bump(cJSON *o, const char *k) {
  cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  if (v) cJSON_SetNumberValue(v, v->valuedouble + 1);
}

static cJSON *status_counts(void) {
  cJSON *o = cJSON_CreateObject();
  for (int i = 0; ca_statuses[i]; i++) cJSON_AddNumberToObject(o, ca_statuses[i], 0);
  return o;
}

/* The answer of a manual finding's attestation, or NULL (docs/waivers.md). */
static const char *answer_of(const cJSON *f) {
  return jstr(cJSON_GetObjectItem(f, "attestation"), "answer");
}

/* Control status, the worst of its findings: failing if any fails (or a
 * person attested "no"); else unknown if any could not be decided (error);
 * else waived if a failure is waived -- neither passing nor hidden, counted
 * on its own; else manual if any awaits attestation; else attested if a
 * person vouched for part of it (a pass rests on evidence alone); else
 * passing if any passed; else not_applicable (all skipped). */
enum { C_NA, C_PASSING, C_ATTESTED, C_MANUAL, C_WAIVED, C_UNKNOWN, C_FAILING, C_N };
/* A rank's name: ca_control_statuses lists them worst first. */
#define control_names(rank) ca_control_statuses[C_N - 1 - (rank)]
static int control_rank(const cJSON *f) {
  const char *status = jstr(f, "status"), *answer = answer_of(f);
  if (!strcmp(status, "fail")) return C_FAILING;
  if (!strcmp(status, "error")) return C_UNKNOWN;
  if (!strcmp(status, "waived")) return C_WAIVED;
  if (!strcmp(status, "manual")) return !answer ? C_MANUAL : !strcmp(answer, "no") ? C_FAILING : C_ATTESTED;
  if (!strcmp(status, "pass")) return C_PASSING;
  return C_NA;
}

static int cmp_control(const void *a, const void *b) {
  const cJSON *x = *(cJSON *const *)a, *y = *(cJSON *const *)b;
  return ca_natcmp(x->string, y->string);
}

/* The summary as findings go by: what it counts needs one finding at a time,
 * so results.json can be written without holding them all (stream.h). */
#define SUMMARY_SLOTS 256   /* controls remembered: more than a run's rules name */
struct ca_summary {
  cJSON *by_status, *by_sev, *att;
  cJSON *ranks;                 /* framework -> control id -> {rank, findings}, in order of first sight */
  long n;
  long over[CA_NSEVERITIES];    /* failing, undecided or attested "no", by severity rank */
  /* Where each control's entry in ranks is, by a hash of its framework and
   * ID (checked against both on every use): every finding of a rule names
   * the same controls, and finding an ID among a framework's hundreds by
   * name, per finding, was most of counting.  Entries are never removed. */
  struct { const char *fw; cJSON *e; } slot[SUMMARY_SLOTS];
};

static size_t slot_of(const char *fw, const char *id) {
  size_t h = 2166136261u;
  for (const unsigned char *c = (const unsigned char *)fw; *c; c++) h = (h ^ *c) * 16777619u;
  h = (h ^ 0xff) * 16777619u;
  for (const unsigned char *c = (const unsigned char *)id; *c; c++) h = (h ^ *c) * 16777619u;
  return h % SUMMARY_SLOTS;
}

/* The {rank, findings} entry of framework fw's control id, made on first sight; NULL out of memory. */
static cJSON *control_of(ca_summary *s, const char *fw, const char *id) {
  size_t k = slot_of(fw, id);
  if (s->slot[k].e && !strcmp(s->slot[k].fw, fw) && !strcmp(s->slot[k].e->string, id)) return s->slot[k].e;
  cJSON *ranks = cJSON_GetObjectItemCaseSensitive(s->ranks, fw);
  if (!ranks) ranks = cJSON_AddObjectToObject(s->ranks, fw);
  cJSON *e = cJSON_GetObjectItemCaseSensitive(ranks, id);
  if (!e) {
    e = cJSON_AddObjectToObject(ranks, id);
    cJSON_AddNumberToObject(e, "rank", 0);
    cJSON_AddItemToObject(e, "findings", status_counts());
  }
  if (ranks && e && ranks->string && e->string) {
    s->slot[k].fw = ranks->string;
    s->slot[k].e = e;
  }
  return e;
}

ca_summary *ca_summary_new(void) {
  ca_summary *s = calloc(1, sizeof *s);
  if (!s) return NULL;
  s->by_status = status_counts();
  s->by_sev = cJSON_CreateObject();
  for (int i = 0; ca_severities[i]; i++) cJSON_AddItemToObject(s->by_sev, ca_severities[i], status_counts());
  /* manual findings by attestation answer: "yes" is counted apart from
   * passes, "no" counts as a failure for --fail-on */
  s->att = cJSON_CreateObject();
  static const char *const answers[] = {"yes", "no", "n/a", NULL};
  for (int i = 0; answers[i]; i++) cJSON_AddNumberToObject(s->att, answers[i], 0);
  cJSON_AddNumberToObject(s->att, "unattested", 0);
  s->ranks = cJSON_CreateObject();
  if (!s->by_status || !s->by_sev || !s->att || !s->ranks) {
    ca_summary_free(s);
    return NULL;
  }
  return s;
}

void ca_summary_free(ca_summary *s) {
  if (!s) return;
  cJSON_Delete(s->by_status);
  cJSON_Delete(s->by_sev);
  cJSON_Delete(s->att);
  cJSON_Delete(s->ranks);
  free(s);
}

void ca_summary_add(ca_summary *s, const cJSON *f) {
  const char *st = jstr(f, "status");
  bump(s->by_status, st);
  cJSON *sev = cJSON_GetObjectItemCaseSensitive(s->by_sev, jstr(f, "severity"));
  if (sev) bump(sev, st);
  s->n++;
  if (!strcmp(st, "manual")) bump(s->att, answer_of(f) ? answer_of(f) : "unattested");
  const cJSON *c;
  cJSON_ArrayForEach(c, cJSON_GetObjectItem(f, "controls")) {
    const char *fw = jstr(c, "framework"), *id = jstr(c, "id");
    if (!fw || !id) continue;
    cJSON *e = control_of(s, fw, id);
    cJSON *rk = cJSON_GetObjectItem(e, "rank");
    if (control_rank(f) > rk->valueint) cJSON_SetNumberValue(rk, control_rank(f));
    bump(cJSON_GetObjectItem(e, "findings"), st);
  }
  int r = ca_severity_rank(jstr(f, "severity"));
  const char *answer = answer_of(f);
  int no = !strcmp(st, "manual") && answer && !strcmp(answer, "no");   /* a person says it fails */
  if (r >= 0 && (!strcmp(st, "fail") || !strcmp(st, "error") || no)) s->over[r]++;
}

long ca_summary_count_at_or_above(const ca_summary *s, int rank) {
  long n = 0;
  for (int r = 0; r <= rank && r < CA_NSEVERITIES; r++) n += s->over[r];
  return n;
}

static cJSON *control_entry(const char *id, const char *title, const cJSON *e) {
  cJSON *c = cJSON_CreateObject();
  cJSON_AddStringToObject(c, "id", id);
  if (title) cJSON_AddStringToObject(c, "title", title);
  cJSON_AddStringToObject(c, "status", e ? control_names(cJSON_GetObjectItem(e, "rank")->valueint) : "not_assessed");
  cJSON_AddItemToObject(c, "findings", e ? cJSON_Duplicate(cJSON_GetObjectItem(e, "findings"), 1) : status_counts());
  return c;
}

/* One framework's counts and controls.  With its catalogue (cat): every
 * control of it in its order, then any the findings name that it does not
 * list (a hand-edited document), by natural order; without: the controls
 * the findings name, by natural order, and no "not_assessed" count (the
 * summary of a results.json written before catalogues, unchanged). */
static cJSON *framework_summary(const cJSON *ranks, const cJSON *cat) {
  int n = cJSON_GetArraySize(ranks);
  cJSON **v = calloc((size_t)(n ? n : 1), sizeof *v);
  if (!v) return NULL;
  int i = 0;
  for (cJSON *e = ranks ? ranks->child : NULL; e; e = e->next) v[i++] = e;
  qsort(v, (size_t)n, sizeof *v, cmp_control);
  cJSON *out = cJSON_CreateObject();
  cJSON *counts = cJSON_AddObjectToObject(out, "counts");
  for (int k = C_N - 1; k >= 0; k--) cJSON_AddNumberToObject(counts, control_names(k), 0);
  if (cat) cJSON_AddNumberToObject(counts, "not_assessed", 0);
  cJSON *list = cJSON_AddArrayToObject(out, "controls");
  const cJSON *x;
  cJSON_ArrayForEach(x, (cat ? cJSON_GetObjectItemCaseSensitive(cat, "controls") : NULL)) {
    const char *id = jstr(x, "id");
    if (!id) continue;
    cJSON *c = control_entry(id, jstr(x, "title"), cJSON_GetObjectItemCaseSensitive(ranks, id));
    cJSON_AddItemToArray(list, c);
    bump(counts, jstr(c, "status"));
  }
  for (i = 0; i < n; i++) {
    int listed = 0;
    cJSON_ArrayForEach(x, (cat ? cJSON_GetObjectItemCaseSensitive(cat, "controls") : NULL))
      listed |= jstr(x, "id") && !strcmp(jstr(x, "id"), v[i]->string);
    if (listed) continue;
    cJSON *c = control_entry(v[i]->string, NULL, v[i]);
    cJSON_AddItemToArray(list, c);
    bump(counts, jstr(c, "status"));
  }
  free(v);
  return out;
}

static int cmp_framework_name(const void *a, const void *b) {
  return ca_framework_cmp(*(const char *const *)a, *(const char *const *)b);
}

/* summary.frameworks: the catalogues' frameworks (results' frameworks[], in
 * its order) or, without them, the four built-in ones; then any other the
 * findings name, in ca_framework_cmp order. */
static cJSON *frameworks_summary(const ca_summary *sum, const cJSON *results) {
  const cJSON *cats = cJSON_GetObjectItemCaseSensitive(results, "frameworks"), *cat;
  cJSON *fws = cJSON_CreateObject();
  if (!fws) return NULL;
  if (cJSON_IsArray(cats)) {
    cJSON_ArrayForEach(cat, cats) {
      const char *name = jstr(cat, "name");
      if (name && !cJSON_GetObjectItemCaseSensitive(fws, name))
        cJSON_AddItemToObject(fws, name, framework_summary(cJSON_GetObjectItemCaseSensitive(sum->ranks, name), cat));
    }
  } else {
    for (int i = 0; ca_frameworks[i]; i++)
      cJSON_AddItemToObject(fws, ca_frameworks[i],
                            framework_summary(cJSON_GetObjectItemCaseSensitive(sum->ranks, ca_frameworks[i]), NULL));
  }
  int n = cJSON_GetArraySize(sum->ranks), k = 0;
  const char **rest = calloc((size_t)(n ? n : 1), sizeof *rest);
  if (!rest) {
    cJSON_Delete(fws);
    return NULL;
  }
  for (const cJSON *e = sum->ranks->child; e; e = e->next)
    if (!cJSON_GetObjectItemCaseSensitive(fws, e->string)) rest[k++] = e->string;
  qsort(rest, (size_t)k, sizeof *rest, cmp_framework_name);
  for (int i = 0; i < k; i++)
    cJSON_AddItemToObject(fws, rest[i], framework_summary(cJSON_GetObjectItemCaseSensitive(sum->ranks, rest[i]), NULL));
  free(rest);
  return fws;
}

int ca_summary_install(const ca_summary *sum, cJSON *results) {
  cJSON *s = cJSON_CreateObject();
  if (!s) return -1;
  cJSON_AddItemToObject(s, "by_status", cJSON_Duplicate(sum->by_status, 1));
  cJSON_AddItemToObject(s, "by_severity", cJSON_Duplicate(sum->by_sev, 1));
  cJSON_AddNumberToObject(s, "findings", (double)sum->n);
  cJSON_AddItemToObject(s, "attested", cJSON_Duplicate(sum->att, 1));
  cJSON *fws = frameworks_summary(sum, results);
  if (!fws) {
    cJSON_Delete(s);
    return -1;
  }
  cJSON_AddItemToObject(s, "frameworks", fws);
  /* Rules whose process was killed (the wall-clock guard, a crash): their
   * unfinished resources are `error`, and the run says so once, by rule. */
  cJSON *killed = cJSON_AddArrayToObject(s, "killed_rules");
  const cJSON *rule;
  cJSON_ArrayForEach(rule, cJSON_GetObjectItem(results, "rules")) {
    const char *why = jstr(rule, "killed");
    if (!why || !killed) continue;
    cJSON *k = cJSON_CreateObject();
    cJSON_AddStringToObject(k, "rule_id", jstr(rule, "id"));
    cJSON_AddStringToObject(k, "why", why);
    cJSON_AddItemToArray(killed, k);
  }
  if (cJSON_GetObjectItemCaseSensitive(results, "summary")) cJSON_ReplaceItemInObjectCaseSensitive(results, "summary", s);
  else cJSON_AddItemToObject(results, "summary", s);
  return 0;
}

static cJSON *rule_entry(const ca_rule_result *r) {
  cJSON *e = cJSON_CreateObject();
  static const char *const keys[] = {"id", "title", "severity", "practice", "resource", "rationale", "remediation", "description", NULL};
  for (int i = 0; keys[i]; i++)
    if (jstr(r->meta, keys[i])) cJSON_AddStringToObject(e, keys[i], jstr(r->meta, keys[i]));
    else if (!strcmp(keys[i], "resource") && cJSON_IsArray(cJSON_GetObjectItem(r->meta, "resource")))
      cJSON_AddItemToObject(e, "resource", cJSON_Duplicate(cJSON_GetObjectItem(r->meta, "resource"), 1));
  cJSON_AddStringToObject(e, "pack", r->pack);
  cJSON_AddStringToObject(e, "file", r->file);
  cJSON_AddItemToObject(e, "controls", cJSON_Duplicate(cJSON_GetObjectItem(r->meta, "controls"), 1));
  if (r->killed) cJSON_AddStringToObject(e, "killed", r->killed);
  return e;
}

/* Does the run claim framework name: a pack of it declares it, or a rule
 * it reports maps to it? */
static int judged(const ca_run *run, const char *name) {
  for (size_t i = 0; i < run->npacks; i++)
    if (!strcmp(run->packs[i].framework, name)) return 1;
  for (size_t i = 0; i < run->n; i++) {
    const cJSON *c;
    cJSON_ArrayForEach(c, (run->v[i].meta ? cJSON_GetObjectItem(run->v[i].meta, "controls") : NULL))
      if (jstr(c, "framework") && !strcmp(jstr(c, "framework"), name)) return 1;
  }
  return 0;
}

/* frameworks[]: the catalogue of each framework the run claims, in
 * ca_framework_cmp order -- what its control matrix is judged against. */
static cJSON *frameworks_judged(const ca_run *run) {
  int n = cJSON_GetArraySize(run->catalogues), k = 0;
  const cJSON **v = calloc((size_t)(n ? n : 1), sizeof *v), *e;
  cJSON *out = cJSON_CreateArray();
  if (!v || !out) {
    free(v);
    cJSON_Delete(out);
    return NULL;
  }
  cJSON_ArrayForEach(e, run->catalogues)
    if (jstr(e, "name") && judged(run, jstr(e, "name"))) {
      int at = k++;
      while (at > 0 && ca_framework_cmp(jstr(v[at - 1], "name"), jstr(e, "name")) > 0) v[at] = v[at - 1], at--;
      v[at] = e;
    }
  for (int i = 0; i < k; i++) cJSON_AddItemToArray(out, cJSON_Duplicate(v[i], 1));
  free(v);
  return out;
}

cJSON *ca_results_assemble(const ca_snapshot *snap, const ca_run *run, const char *generated_at) {
  const cJSON *root = ca_snapshot_root(snap);
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "schema", CA_RESULTS_SCHEMA);
  cJSON *tool = cJSON_AddObjectToObject(o, "tool");
  cJSON_AddStringToObject(tool, "name", "connect-auditor");
  cJSON_AddStringToObject(tool, "version", CA_VERSION);
  cJSON *sn = cJSON_AddObjectToObject(o, "snapshot");
  cJSON_AddStringToObject(sn, "sha256", ca_snapshot_sha256(snap));
  cJSON_AddStringToObject(sn, "collected_at", jstr(root, "collected_at"));
  cJSON_AddStringToObject(sn, "account_id", jstr(root, "account_id"));
  cJSON_AddItemToObject(sn, "regions", cJSON_Duplicate(cJSON_GetObjectItem(root, "regions"), 1));
  cJSON_AddItemToObject(sn, "tool", cJSON_Duplicate(cJSON_GetObjectItem(root, "tool"), 1));
  cJSON_AddNumberToObject(sn, "errors", cJSON_GetArraySize(cJSON_GetObjectItem(root, "errors")));
  cJSON *packs = cJSON_AddArrayToObject(o, "packs");
  for (size_t i = 0; i < run->npacks; i++) {
    const ca_result_pack *p = &run->packs[i];
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "name", p->name);
    cJSON_AddStringToObject(e, "version", p->version);
    cJSON_AddStringToObject(e, "framework", p->framework);
    cJSON_AddStringToObject(e, "sha256", p->sha256);
    cJSON_AddItemToObject(e, "parameters", cJSON_Duplicate(p->params, 1));
    cJSON_AddItemToArray(packs, e);
  }
  if (run->catalogues) cJSON_AddItemToObject(o, "frameworks", frameworks_judged(run));
  cJSON_AddStringToObject(o, "generated_at", generated_at);
  cJSON *rules = cJSON_CreateArray();
  for (size_t i = 0; i < run->n; i++)
    if (run->v[i].meta) cJSON_AddItemToArray(rules, rule_entry(&run->v[i]));
  /* placeholders keep the members' order whatever is applied later */
  cJSON_AddNullToObject(o, "summary");
  cJSON_AddNullToObject(o, "waivers");
  cJSON_AddNullToObject(o, "attestations");
  cJSON_AddItemToObject(o, "rules", rules);
  cJSON_AddArrayToObject(o, "findings");   /* ca_results_each gives them */
  return o;
}

/* ---- findings without trees ------------------------------------------------
 * What finding() makes of a rule's line, made as text: the members that come
 * from the rule's metadata are printed once per rule (compact, each with its
 * leading comma, left out where finding()'s cJSON_Add* would leave them out),
 * the line's own members are copied from it, and the whole is laid out as
 * cJSON_Print would lay out finding()'s tree (ca_json_layout).  The lines
 * are canonical (results.h), so the bytes are the same. */
typedef struct rule_parts {
  ca_buf head;      /* rule_id, title */
  ca_buf mid;       /* severity, practice, pack */
  ca_buf ctl;       /* controls */
  ca_buf rem;       /* remediation */
  ca_buf lhead, lmid, lctl, lrem;   /* the same laid out inside findings[] (lay_members) */
  cJSON *counted;   /* {status, severity, controls} for ca_summary_add */
  cJSON *status;    /* its status member, pointed at one of ca_statuses */
} rule_parts;

/* ,"key":value (v compact; taken), nothing for NULL v as cJSON_Add* adds nothing */
static int add_member(ca_buf *b, const char *key, cJSON *v) {
  if (!v) return 0;
  char *text = cJSON_PrintUnformatted(v);
  cJSON_Delete(v);
  int rc = !text || ca_buf_printf(b, ",\"%s\":", key) || ca_buf_adds(b, text) ? -1 : 0;
  free(text);
  return rc;
}

static cJSON *string_or_null(const char *s) { return s ? cJSON_CreateString(s) : NULL; }

/* Members laid out as ca_json_layout lays them out inside a finding at
 * depth 2: compact (",m1,m2", each member "key":value) becomes
 * ",\n\t\t\tm1',\n\t\t\tm2'" -- what they add wherever they stand in the
 * finding, as a member's layout does not depend on its neighbours.  So the
 * rule's members are laid out once per rule, not once per finding. */
#define FINDING_SEP ",\n\t\t\t"   /* between members of a finding in findings[] */
#define FINDING_END "\n\t\t}"
static int lay_members(ca_buf *dst, const ca_buf *compact) {
  dst->len = 0;
  if (!compact->len) return 0;
  ca_buf obj, laid;
  ca_buf_init(&obj, CA_MAX_REPORT_BYTES);
  ca_buf_init(&laid, CA_MAX_REPORT_BYTES);
  const size_t end = sizeof FINDING_END - 1;
  int rc = compact->data[0] != ',' || ca_buf_add(&obj, "{", 1) || ca_buf_add(&obj, compact->data + 1, compact->len - 1) ||
           ca_buf_add(&obj, "}", 1) || ca_json_layout(&laid, obj.data, obj.len, 2) || laid.len < 1 + end ||
           memcmp(laid.data + laid.len - end, FINDING_END, end) || ca_buf_add(dst, ",", 1) ||
           ca_buf_add(dst, laid.data + 1, laid.len - 1 - end);
  ca_buf_free(&obj);
  ca_buf_free(&laid);
  return rc ? -1 : 0;
}

static void parts_free(rule_parts *p) {
  ca_buf_free(&p->head);
  ca_buf_free(&p->mid);
  ca_buf_free(&p->ctl);
  ca_buf_free(&p->rem);
  ca_buf_free(&p->lhead);
  ca_buf_free(&p->lmid);
  ca_buf_free(&p->lctl);
  ca_buf_free(&p->lrem);
  cJSON_Delete(p->counted);
  memset(p, 0, sizeof *p);
}

static int parts_make(const ca_rule_result *r, rule_parts *p) {
  const cJSON *m = r->meta;
  memset(p, 0, sizeof *p);
  ca_buf_init(&p->head, CA_MAX_REPORT_BYTES);
  ca_buf_init(&p->mid, CA_MAX_REPORT_BYTES);
  ca_buf_init(&p->ctl, CA_MAX_REPORT_BYTES);
  ca_buf_init(&p->rem, CA_MAX_REPORT_BYTES);
  ca_buf_init(&p->lhead, CA_MAX_REPORT_BYTES);
  ca_buf_init(&p->lmid, CA_MAX_REPORT_BYTES);
  ca_buf_init(&p->lctl, CA_MAX_REPORT_BYTES);
  ca_buf_init(&p->lrem, CA_MAX_REPORT_BYTES);
  p->counted = cJSON_CreateObject();
  p->status = cJSON_CreateStringReference(ca_statuses[0]);
  int rc = !p->counted || !p->status || !cJSON_AddItemToObject(p->counted, "status", p->status);
  if (!rc && jstr(m, "severity")) rc = !cJSON_AddItemToObject(p->counted, "severity", cJSON_CreateStringReference(jstr(m, "severity")));
  if (!rc && cJSON_GetObjectItem(m, "controls"))
    rc = !cJSON_AddItemToObject(p->counted, "controls", cJSON_CreateArrayReference(cJSON_GetObjectItem(m, "controls")->child));
  rc = rc || add_member(&p->head, "rule_id", string_or_null(jstr(m, "id"))) ||
       add_member(&p->head, "title", string_or_null(jstr(m, "title"))) ||
       add_member(&p->mid, "severity", string_or_null(jstr(m, "severity"))) ||
       add_member(&p->mid, "practice", string_or_null(jstr(m, "practice"))) ||
       add_member(&p->mid, "pack", string_or_null(r->pack)) ||
       add_member(&p->ctl, "controls", cJSON_Duplicate(cJSON_GetObjectItem(m, "controls"), 1)) ||
       add_member(&p->rem, "remediation", string_or_null(jstr(m, "remediation"))) ||
       lay_members(&p->lhead, &p->head) || lay_members(&p->lmid, &p->mid) || lay_members(&p->lctl, &p->ctl) ||
       lay_members(&p->lrem, &p->rem);
  if (rc) parts_free(p);
  return rc ? -1 : 0;
}

/* Expects lead (',' or the line's '{'), "name": at *p, then a value: its span. */
static int member_at(const char **p, const char *end, char lead, const char *name, const char **v, size_t *vn) {
  size_t k = strlen(name);
  const char *q = *p;
  if (end - q < (long)k + 4 || *q != lead || q[1] != '"' || memcmp(q + 2, name, k) ||
      q[k + 2] != '"' || q[k + 3] != ':')
    return 0;
  q += k + 4;
  size_t n = ca_json_skip(q, (size_t)(end - q));
  if (!n) return 0;
  *v = q;
  *vn = n;
  *p = q + n;
  return 1;
}

int ca_finding_line_split(const char *line, size_t len, ca_finding_line *lp) {
  const char *p = line, *end = line + len;
  return member_at(&p, end, '{', "arn", &lp->arn, &lp->arn_n) &&
         member_at(&p, end, ',', "from", &lp->from, &lp->from_n) &&
         member_at(&p, end, ',', "status", &lp->status, &lp->status_n) &&
         member_at(&p, end, ',', "message", &lp->message, &lp->message_n) &&
         member_at(&p, end, ',', "evidence", &lp->evidence, &lp->evidence_n) &&
         member_at(&p, end, ',', "parameters", &lp->params, &lp->params_n) && p + 1 == end && *p == '}' &&
         lp->arn[0] == '"' && lp->from[0] == '"' && lp->status[0] == '"' && lp->message[0] == '"' &&
         lp->evidence[0] == '[' && lp->params[0] == '{';
}

/* The finding's resource member, laid out (lay_members): the snapshot's
 * resources are printed once each (cache[index]); another ARN each time
 * (into *own). */
static const char *resource_text(const ca_snapshot *snap, const char *arn, char **cache, char **own) {
  const ca_resource *x = snap ? ca_snapshot_lookup(snap, NULL, arn) : NULL;
  size_t nres, at = 0;
  if (x) at = (size_t)(x - ca_snapshot_all(snap, &nres));
  if (x && cache[at]) return cache[at];
  cJSON *r = resource_of(snap, arn);
  char *compact = r ? cJSON_PrintUnformatted(r) : NULL, *text = NULL;
  cJSON_Delete(r);
  ca_buf c, l;
  ca_buf_init(&c, CA_MAX_REPORT_BYTES);
  ca_buf_init(&l, CA_MAX_REPORT_BYTES);
  if (compact && !ca_buf_adds(&c, ",\"resource\":") && !ca_buf_adds(&c, compact) && !lay_members(&l, &c))
    text = ca_buf_steal(&l);
  free(compact);
  ca_buf_free(&c);
  ca_buf_free(&l);
  if (x) return cache[at] = text;
  free(*own);
  return *own = text;
}

/* Expects lead, "name": at *p and a container there (its first byte open),
 * laid out into out at the depth of a finding's members: past it. */
static int laid_member_at(const char **p, const char *end, const char *name, char open, ca_buf *out) {
  size_t k = strlen(name);
  const char *q = *p;
  if (end - q < (long)k + 5 || *q != ',' || q[1] != '"' || memcmp(q + 2, name, k) || q[k + 2] != '"' ||
      q[k + 3] != ':' || q[k + 4] != open)
    return 0;
  q += k + 4;
  size_t n = ca_json_layout_container(out, q, (size_t)(end - q), 3);
  if (!n) return 0;
  *p = q + n;
  return 1;
}

/* The finding of line as text (or its stand-in for counting); 1 when the
 * line is not the usual one (the caller makes a tree), -1 out of memory.
 * The line is read once, as ca_finding_line_split would read it: its
 * first members measured (all that counting needs: the status), then
 * evidence and parameters laid out as they are measured.  A line that
 * turns out otherwise part way goes to the tree, which decides; counting
 * reads no further than the status, as a tree would count the same. */
static int finding_text(const ca_snapshot *snap, const rule_parts *rp, const char *line, size_t len, int mode,
                        char **cache, char **own, ca_buf *out, ca_finding_item *it) {
  const char *p = line, *end = line + len, *arn, *from, *status, *message;
  size_t arn_n, from_n, status_n, message_n;
  if (!member_at(&p, end, '{', "arn", &arn, &arn_n) || !member_at(&p, end, ',', "from", &from, &from_n) ||
      !member_at(&p, end, ',', "status", &status, &status_n) || arn[0] != '"' || from[0] != '"' || status[0] != '"')
    return 1;
  const char *st = NULL;
  for (int i = 0; ca_statuses[i] && !st; i++)
    if (status_n == strlen(ca_statuses[i]) + 2 && !memcmp(status + 1, ca_statuses[i], status_n - 2))
      st = ca_statuses[i];
  if (!st) return 1;
  rp->status->valuestring = (char *)st;   /* a reference (cJSON_StringIsConst): never freed */
  it->tree = NULL;
  it->counted = rp->counted;
  if (mode != CA_ITEM_TEXT) return 0;
  if (!member_at(&p, end, ',', "message", &message, &message_n) || message[0] != '"') return 1;
  char arnz[CA_MAX_ARN_BYTES + 1];
  if (arn_n - 2 > CA_MAX_ARN_BYTES || memchr(arn, '\\', arn_n)) return 1;   /* escaped: the tree decodes it */
  memcpy(arnz, arn + 1, arn_n - 2);
  arnz[arn_n - 2] = '\0';
  const char *res = resource_text(snap, arnz, cache, own);
  if (!res) return -1;
  /* the rule's members and the resource laid out already; strings (status,
   * message) lay out as they are; evidence and parameters at the members' depth */
#define ADD_LIT(s) ca_buf_add(out, s, sizeof s - 1)
  out->len = 0;
  int rc = ca_buf_add(out, "{", 1) || ca_buf_add(out, rp->lhead.data + 1, rp->lhead.len - 1) ||
           ADD_LIT(FINDING_SEP "\"status\":\t") || ca_buf_add(out, status, status_n) ||
           ca_buf_add(out, rp->lmid.data, rp->lmid.len) || ca_buf_adds(out, res) ||
           ca_buf_add(out, rp->lctl.data, rp->lctl.len) || ADD_LIT(FINDING_SEP "\"message\":\t") ||
           ca_buf_add(out, message, message_n) || ADD_LIT(FINDING_SEP "\"evidence\":\t");
  if (rc) return -1;
  /* not as expected (or out refused it: then the tree finds memory short) */
  if (!laid_member_at(&p, end, "evidence", '[', out)) return 1;
  rc = ca_buf_add(out, rp->lrem.data, rp->lrem.len) || ADD_LIT(FINDING_SEP "\"parameters\":\t");
  if (rc) return -1;
  if (!laid_member_at(&p, end, "parameters", '{', out)) return 1;
  if (p + 1 != end || *p != '}') return 1;
  rc = ADD_LIT(FINDING_SEP "\"waiver\":\tnull" FINDING_SEP "\"attestation\":\tnull" FINDING_END);
#undef ADD_LIT
  if (rc) return -1;
  it->text = out->data;
  it->len = out->len;
  return 0;
}

/* The finding of a line as a tree, w then a applied; NULL out of memory. */
static cJSON *finding_tree(const ca_snapshot *snap, const ca_rule_result *r, const char *line, size_t len,
                           ca_accept_run *w, ca_accept_run *a, size_t index) {
  cJSON *raw = cJSON_ParseWithLength(line, len);
  cJSON *f = raw ? finding(snap, r, raw) : NULL;
  cJSON_Delete(raw);
  if (f) {
    ca_accept_apply(w, f, index);
    ca_accept_apply(a, f, index);
  }
  return f;
}

int ca_results_walk(const ca_snapshot *snap, const ca_run *run, ca_accept_run *w, ca_accept_run *a, int mode,
                    ca_item_fn fn, void *arg) {
  size_t index = 0, nres = 0;
  if (snap) ca_snapshot_all(snap, &nres);
  char **cache = calloc(nres ? nres : 1, sizeof *cache), *own = NULL;
  ca_buf out;
  ca_buf_init(&out, CA_MAX_REPORT_BYTES);
  int rc = cache ? 0 : -1;
  for (size_t i = 0; !rc && i < run->n; i++) {
    const ca_rule_result *r = &run->v[i];
    const char *line = r->meta ? r->findings.data : NULL, *nl;
    rule_parts rp;
    /* a rule an entry names goes by trees: applying an entry changes them */
    int text = r->meta && mode != CA_ITEM_TREE && !ca_accept_names_rule(w, jstr(r->meta, "id")) &&
               !ca_accept_names_rule(a, jstr(r->meta, "id")) && jstr(r->meta, "id");
    if (text && parts_make(r, &rp)) rc = -1;
    for (size_t k = 0; !rc && (r->meta ? k < r->nfindings : k < 1); k++, index++) {
      ca_finding_item it = {0};
      int made = 1;
      if (!r->meta) {
        it.tree = load_error_finding(r);
        ca_accept_apply(w, it.tree, index);
        ca_accept_apply(a, it.tree, index);
      } else if (!line || !(nl = strchr(line, '\n'))) {
        rc = -1;
        break;
      } else {
        made = text ? finding_text(snap, &rp, line, (size_t)(nl - line), mode, cache, &own, &out, &it) : 1;
        if (made > 0) it.tree = finding_tree(snap, r, line, (size_t)(nl - line), w, a, index);
        line = nl + 1;
      }
      if (made < 0 || (made > 0 && !it.tree)) {
        rc = -1;
        break;
      }
      if (it.tree) it.counted = it.tree;
      rc = fn(arg, &it, index);
      cJSON_Delete(it.tree);
    }
    if (text) parts_free(&rp);
  }
  for (size_t i = 0; cache && i < nres; i++) free(cache[i]);
  free(cache);
  free(own);
  ca_buf_free(&out);
  return rc;
}

/* ca_results_each: every finding as a tree. */
typedef struct each_tree {
  ca_finding_fn fn;
  void *arg;
} each_tree;

static int give_tree(void *arg, const ca_finding_item *it, size_t index) {
  const each_tree *e = arg;
  return e->fn(e->arg, it->tree, index);
}

int ca_results_each(const ca_snapshot *snap, const ca_run *run, ca_accept_run *w, ca_accept_run *a,
                    ca_finding_fn fn, void *arg) {
  each_tree e = {fn, arg};
  return ca_results_walk(snap, run, w, a, CA_ITEM_TREE, give_tree, &e);
}

int ca_results_summarise(cJSON *results) {
  ca_summary *s = ca_summary_new();
  if (!s) return -1;
  const cJSON *f;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(results, "findings")) ca_summary_add(s, f);
  int rc = ca_summary_install(s, results);
  ca_summary_free(s);
  return rc;
}

static int append(void *arg, cJSON *f, size_t index) {
  (void)index;
  cJSON *copy = cJSON_Duplicate(f, 1);
  return copy && cJSON_AddItemToArray(arg, copy) ? 0 : -1;
}

cJSON *ca_results_build(const ca_snapshot *snap, const ca_run *run, const char *generated_at) {
  cJSON *o = ca_results_assemble(snap, run, generated_at);
  if (o && (ca_results_each(snap, run, NULL, NULL, append, cJSON_GetObjectItem(o, "findings")) ||
            ca_results_summarise(o))) {
    cJSON_Delete(o);
    o = NULL;
  }
  return o;
}

long ca_results_count_at_or_above(const cJSON *results, int rank) {
  ca_summary *s = ca_summary_new();
  if (!s || rank < 0) {
    ca_summary_free(s);
    return 0;
  }
  const cJSON *f;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(results, "findings")) ca_summary_add(s, f);
  long n = ca_summary_count_at_or_above(s, rank);
  ca_summary_free(s);
  return n;
}

cJSON *ca_rule_result_findings(const ca_rule_result *r) {
  cJSON *list = cJSON_CreateArray();
  const char *line = r->findings.data;
  for (size_t k = 0; list && k < r->nfindings; k++) {
    const char *nl = line ? strchr(line, '\n') : NULL;
    cJSON *f = nl ? cJSON_ParseWithLength(line, (size_t)(nl - line)) : NULL;
    if (!f || !cJSON_AddItemToArray(list, f)) {
      cJSON_Delete(f);
      cJSON_Delete(list);
      return NULL;
    }
    line = nl + 1;
  }
  return list;
}

void ca_rule_result_free(ca_rule_result *r) {
  cJSON_Delete(r->meta);
  ca_buf_free(&r->findings);
  cJSON_Delete(r->cost);
  free(r->error);
  free(r->killed);
  memset(r, 0, sizeof *r);
}

void ca_run_free(ca_run *r) {
  for (size_t i = 0; i < r->n; i++) ca_rule_result_free(&r->v[i]);
  free(r->v);
  free(r->packs);
  memset(r, 0, sizeof *r);
}
