/* scan over an estate: many accounts, regions and instances in one run
 * (scan --accounts FILE | --org-role NAME, --regions all|LIST, --shard K/N;
 * docs/collect.md "Estates").
 *
 * 1. What there is: the accounts (the file, or Organizations ListAccounts),
 *    each entered with STS AssumeRole from the chain's credentials; its
 *    regions (the list, or every Connect region minus opt-in regions
 *    ListRegions does not say are enabled); each region's instances.  Every
 *    account, region and instance is a unit; one that cannot be entered or
 *    listed is an error unit, never left out.
 * 2. The shard's units: sorted by account/region/instance, unit i is shard
 *    i mod N's.
 * 3. Collection: one thread per account-region (its own client, so its own
 *    token buckets per API: AWS's quotas are per account and region), the
 *    region's instances one after the other; --max-concurrency over all of
 *    them (shared slots).
 * 4. Audit: each snapshot in turn (OUTDIR/ACCOUNT/REGION/INSTANCE/), then
 *    OUTDIR/scan-summary.json.  The exit code is the worst unit's. */
#include <ctype.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "aws/aws.h"
#include "cli/cli.h"
#include "collect/collect.h"
#include "util/fsutil.h"

#define MAX_ACCOUNTS 4096
#define MAX_REGIONS 64
#define MAX_UNITS 65536

typedef struct unit {
  char account[13], region[64], instance[64];   /* "" = the unit is the account (or region) itself */
  char outcome[8];             /* ok, error, skipped */
  char stage[24];              /* where an error happened: assume-role, list-regions, region, list-instances,
                                * collect, audit */
  char why[700];
  int exit_code;               /* the unit's: audit's (0, 1), 3 could not complete; skipped: 0 */
  int errors;                  /* the snapshot's errors[] entries */
  struct group *g;             /* instance units: their account-region */
  cJSON *snap;                 /* collected, not yet written */
} unit;

typedef struct group {         /* one account-region: a client and a thread */
  ca_aws *aws;
  unit **units;
  size_t n;
  size_t done;                 /* units collected (under mu) */
  long calls;
} group;

typedef struct run {
  unit *u;
  size_t n;
  pthread_mutex_t mu;
  long long now;
} run;

static const char usage[] =
  "connect-auditor scan (--accounts FILE | --org-role NAME | --regions all|LIST) --all-instances\n"
  "                     [--regions all|LIST] [--shard K/N | --shard-from-env N] -o OUTDIR [collect and audit options]";

static unit *unit_init(unit *u, const char *account, const char *region, const char *instance) {
  memset(u, 0, sizeof *u);
  snprintf(u->account, sizeof u->account, "%s", account);
  snprintf(u->region, sizeof u->region, "%s", region ? region : "");
  snprintf(u->instance, sizeof u->instance, "%s", instance ? instance : "");
  snprintf(u->outcome, sizeof u->outcome, "ok");
  return u;
}

static void set(unit *u, const char *outcome, const char *stage, int code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void set(unit *u, const char *outcome, const char *stage, int code, const char *fmt, ...) {
  snprintf(u->outcome, sizeof u->outcome, "%s", outcome);
  snprintf(u->stage, sizeof u->stage, "%s", stage);
  u->exit_code = code;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(u->why, sizeof u->why, fmt, ap);
  va_end(ap);
}

/* ---- --accounts FILE ---- */
typedef struct account {
  char id[13], role[65];
} account;

static int role_name_ok(const char *s) {
  size_t n = strlen(s);
  if (n < 1 || n > 64) return 0;
  for (; *s; s++)
    if (!isalnum((unsigned char)*s) && !strchr("+=,.@_-", *s)) return 0;
  return 1;
}

static int read_accounts(const char *path, const char *def_role, account *out, size_t *n, ca_err *err) {
  char *text;
  size_t len;
  if (ca_read_file(path, 16L * 1024 * 1024, &text, &len, err)) return -1;
  int line = 0, rc = 0;
  for (char *p = text, *nl; p && *p && !rc; p = nl) {
    nl = strchr(p, '\n');
    if (nl) *nl++ = '\0';
    line++;
    char *hash = strchr(p, '#');
    if (hash) *hash = '\0';
    char id[64] = "", role[128] = "", extra[8] = "";
    int k = sscanf(p, "%63s %127s %7s", id, role, extra);
    if (k <= 0) continue;
    if (k == 3) {
      rc = ca_errf(err, CA_EXIT_USAGE, "%s:%d: expected an account ID and at most a role name, found a third field", path, line);
    } else if (strlen(id) != 12 || strspn(id, "0123456789") != 12) {
      rc = ca_errf(err, CA_EXIT_USAGE, "%s:%d: expected a 12-digit account ID first", path, line);
    } else if (k == 2 && !role_name_ok(role)) {
      rc = ca_errf(err, CA_EXIT_USAGE, "%s:%d: expected a role name (1 to 64 letters, digits and +=,.@_-) "
                   "after the account ID", path, line);
    } else if (k == 1 && !def_role) {
      rc = ca_errf(err, CA_EXIT_USAGE, "%s:%d: account %s has no role name (give it after the ID, or --org-role NAME "
                   "for every line without one)", path, line, id);
    } else if (*n >= MAX_ACCOUNTS) {
      rc = ca_errf(err, CA_EXIT_USAGE, "%s:%d: more than %d accounts", path, line, MAX_ACCOUNTS);
    } else {
      for (size_t i = 0; i < *n && !rc; i++)
        if (!strcmp(out[i].id, id)) rc = ca_errf(err, CA_EXIT_USAGE, "%s:%d: account %s is listed twice", path, line, id);
      if (!rc) {
        snprintf(out[*n].id, sizeof out[*n].id, "%s", id);
        snprintf(out[*n].role, sizeof out[*n].role, "%s", k == 2 ? role : def_role);
        (*n)++;
      }
    }
  }
  free(text);
  if (!rc && !*n) rc = ca_errf(err, CA_EXIT_USAGE, "%s: no account in it", path);
  return rc;
}

/* ---- the shard's slice ---- */
static int unit_cmp(const void *a, const void *b) {
  const unit *x = a, *y = b;
  int c = strcmp(x->account, y->account);
  if (!c) c = strcmp(x->region, y->region);
  return c ? c : strcmp(x->instance, y->instance);
}

static int parse_shard(const char *v, long *k, long *n) {
  char *e;
  *k = strtol(v, &e, 10);
  if (e == v || *e != '/') return -1;
  const char *s = e + 1;
  *n = strtol(s, &e, 10);
  return e == s || *e || *n < 1 || *n > 100000 || *k < 0 || *k >= *n ? -1 : 0;
}

/* ---- collection: one thread per account-region ---- */
typedef struct worker {
  run *r;
  group *g;
  const ca_collect_opts *co;
} worker;

static void *collect_group(void *ud) {
  worker *w = ud;
  for (size_t i = 0; i < w->g->n; i++) {
    unit *u = w->g->units[i];
    ca_collect_opts co = *w->co;
    co.instance = u->instance;
    co.all_instances = 0;
    co.quiet = 1;
    ca_err err = {0};
    cJSON *snap = NULL;
    if (ca_collect(w->g->aws, &co, &snap, &err))
      set(u, "error", "collect", CA_EXIT_RUN, "%s", err.msg);
    else
      u->errors = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(snap, "errors"));
    long req, retr, thr;
    ca_aws_stats(w->g->aws, &req, &retr, &thr);
    pthread_mutex_lock(&w->r->mu);
    u->snap = snap;
    w->g->done++;
    w->g->calls = req;
    pthread_mutex_unlock(&w->r->mu);
  }
  return NULL;
}

/* Progress: on a terminal a line per account rewritten (instances done, calls);
 * otherwise nothing until each unit's line at the end. */
static void progress(run *r, group *groups, size_t ng, int lines_before, int *lines) {
  char acct[13] = "";
  int n = 0;
  if (*lines) fprintf(stderr, "\033[%dA", *lines);
  (void)lines_before;
  pthread_mutex_lock(&r->mu);
  for (size_t i = 0; i < ng; i++) {
    if (!strcmp(acct, groups[i].units[0]->account)) continue;
    snprintf(acct, sizeof acct, "%s", groups[i].units[0]->account);
    size_t done = 0, all = 0;
    long calls = 0;
    for (size_t j = i; j < ng && !strcmp(groups[j].units[0]->account, acct); j++)
      done += groups[j].done, all += groups[j].n, calls += groups[j].calls;
    if (n < 40) fprintf(stderr, "\033[2Kconnect-auditor: scan: %s: %zu/%zu instances collected (%ld calls, counted as each instance ends)\n", acct, done, all, calls);
    n++;
  }
  pthread_mutex_unlock(&r->mu);
  *lines = n < 40 ? n : 40;
}

static const char *dir_of(const unit *u, const char *outdir, char *out, size_t n) {
  snprintf(out, n, "%s/%s/%s/%s", outdir, u->account, u->region, u->instance);
  return out;
}

/* ---- 1. what there is: each account listed on a thread of its own ---- */

/* One account's listing (AssumeRole, ListRegions, ListInstances in each
 * region): its units and account-region groups, gathered apart and put in
 * account order afterwards, so what the summary says does not depend on
 * which account answered first.  A listing waits on the network, not the
 * CPU: an organization's hundreds of accounts are listed side by side
 * (LIST_THREADS at once), each with its own client and token buckets as
 * collection has; the in-flight cap (--max-concurrency) is shared. */
#define LIST_THREADS 16

typedef struct listing {
  const account *acct;
  unit *u;
  size_t n, cap;
  int *gi;                     /* per unit: its group's index in g, or -1 */
  group g[MAX_REGIONS];
  size_t ng;
  int oom;
} listing;

typedef struct listing_job {
  listing *l;
  size_t n, next;
  pthread_mutex_t mu;
  const ca_aws_creds *base;
  const ca_aws_opts *ao;
  const char *const *regions;
  size_t nreg;
  int all_regions, self;
} listing_job;

static unit *ladd(listing *l, const char *acct_id, const char *region, const char *instance, int gi) {
  if (l->n == l->cap) {
    size_t cap = l->cap ? 2 * l->cap : 8;
    unit *nu = realloc(l->u, cap * sizeof *nu);
    int *ng = nu ? realloc(l->gi, cap * sizeof *ng) : NULL;
    if (nu) l->u = nu;
    if (!nu || !ng) {
      l->oom = 1;
      return NULL;
    }
    l->gi = ng;
    l->cap = cap;
  }
  l->gi[l->n] = gi;
  return unit_init(&l->u[l->n++], acct_id, region, instance);
}

static void list_one(listing_job *j, listing *l) {
  const char *id = l->acct->id;
  ca_err e = {0};
  ca_estate_fail f;
  ca_aws_creds *ac = calloc(1, sizeof *ac);
  if (!ac) {
    l->oom = 1;
    return;
  }
  if (j->self) {
    *ac = *j->base;
  } else {
    char arn[200];
    snprintf(arn, sizeof arn, "arn:%s:iam::%s:role/%s", ca_region_partition(j->base->region), id, l->acct->role);
    if (ca_aws_creds_assume(j->base, arn, ac, &e)) {
      unit *u = ladd(l, id, NULL, NULL, -1);
      if (u) set(u, "error", "assume-role", CA_EXIT_RUN, "%s", e.msg);
      ca_aws_creds_wipe(ac);
      free(ac);
      return;
    }
  }
    /* which regions are enabled: asked when --regions all, or a listed region is opt-in */
    cJSON *status = NULL;
    int need = j->all_regions;
    for (size_t i = 0; i < j->nreg; i++) need |= ca_region_opt_in(j->regions[i]);
    char list_fail[700] = "";
    if (need) {
      ca_aws *la = NULL;
      if (!ca_aws_new(ac, j->ao, &la, &e) && ca_estate_regions(la, &status, &f)) {
        snprintf(list_fail, sizeof list_fail, "account:ListRegions: %s: %s", f.code, f.message);
        unit *u = ladd(l, id, NULL, NULL, -1);
        if (u) set(u, "error", "list-regions", CA_EXIT_RUN, "%s (the opt-in regions are not scanned: whether they are "
                   "enabled is unknown)", list_fail);
      }
      ca_aws_free(la);
    }
    for (size_t i = 0; i < j->nreg; i++) {
      const char *reg = j->regions[i];
      if (need && ca_region_opt_in(reg)) {
        const char *st = NULL;
        for (const cJSON *x = status ? status->child : NULL; x; x = x->next)
          if (!strcmp(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(x, "RegionName")) ?: "", reg))
            st = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(x, "RegionOptStatus"));
        int enabled = st && (!strcmp(st, "ENABLED") || !strcmp(st, "ENABLED_BY_DEFAULT"));
        if (!enabled) {
          if (list_fail[0]) {   /* said once, in the account's entry */
            if (j->all_regions) continue;
            unit *u = ladd(l, id, reg, NULL, -1);
            if (u) set(u, "error", "region", CA_EXIT_RUN, "opt-in region: whether it is enabled is unknown (%s)", list_fail);
          } else {
            unit *u = ladd(l, id, reg, NULL, -1);
            if (u && j->all_regions) set(u, "skipped", "region", 0, "opt-in region not enabled in this account (account:ListRegions: %s)", st ? st : "not listed");
            else if (u) set(u, "error", "region", CA_EXIT_RUN, "region not enabled in this account (account:ListRegions: %s)", st ? st : "not listed");
          }
          continue;
        }
      }
      snprintf(ac->region, sizeof ac->region, "%s", reg);
      group *g = &l->g[l->ng];
      if (ca_aws_new(ac, j->ao, &g->aws, &e)) {
        unit *u = ladd(l, id, reg, NULL, -1);
        if (u) set(u, "error", "list-instances", CA_EXIT_RUN, "%s", e.msg);
        continue;
      }
      cJSON *inst = NULL;
      if (ca_estate_instances(g->aws, reg, &inst, &f)) {
        unit *u = ladd(l, id, reg, NULL, -1);
        if (u) set(u, "error", "list-instances", CA_EXIT_RUN, "connect:ListInstances: %s: %s", f.code, f.message);
        ca_aws_free(g->aws);
        g->aws = NULL;
        continue;
      }
      if (!cJSON_GetArraySize(inst)) {
        unit *u = ladd(l, id, reg, NULL, -1);
        if (u) set(u, "skipped", "list-instances", 0, "no Amazon Connect instance in this region");
      }
      for (const cJSON *x = inst->child; x; x = x->next) {
        const char *iid = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(x, "Id"));
        size_t k = iid ? strlen(iid) : 0;
        if (!k || k >= sizeof l->u[0].instance || strspn(iid, "0123456789abcdefABCDEF-") != k) continue;   /* a path segment */
        unit *u = ladd(l, id, reg, iid, (int)l->ng);
        (void)u;
      }
      cJSON_Delete(inst);
      l->ng++;
    }
    cJSON_Delete(status);
  ca_aws_creds_wipe(ac);
  free(ac);
}

static void *list_worker(void *ud) {
  listing_job *j = ud;
  for (;;) {
    pthread_mutex_lock(&j->mu);
    size_t k = j->next++;
    pthread_mutex_unlock(&j->mu);
    if (k >= j->n) return NULL;
    list_one(j, &j->l[k]);
  }
}

/* Every account listed; r's units and groups (room for nacct * MAX_REGIONS)
 * in account order.  -1 out of memory. */
static int list_accounts(run *r, const account *accts, size_t nacct, const ca_aws_creds *base, const ca_aws_opts *ao,
                         const char *const *regions, size_t nreg, int all_regions, int self, group *groups, size_t *ng) {
  listing_job j = {.n = nacct, .base = base, .ao = ao, .regions = regions, .nreg = nreg, .all_regions = all_regions,
                   .self = self};
  j.l = calloc(nacct + 1, sizeof *j.l);
  size_t nth = nacct < LIST_THREADS ? nacct : LIST_THREADS;
  pthread_t *th = calloc(nth + 1, sizeof *th);
  int rc = 0;
  if (!j.l || !th) {
    free(j.l), free(th);
    return -1;
  }
  for (size_t a = 0; a < nacct; a++) j.l[a].acct = &accts[a];
  pthread_mutex_init(&j.mu, NULL);
  size_t started = 0;
  for (; started < nth; started++)
    if (pthread_create(&th[started], NULL, list_worker, &j)) break;
  if (!started) list_worker(&j);   /* no thread to be had: this one lists them all */
  for (size_t i = 0; i < started; i++) pthread_join(th[i], NULL);
  pthread_mutex_destroy(&j.mu);
  for (size_t a = 0; a < nacct; a++) {
    listing *l = &j.l[a];
    size_t g0 = *ng;
    for (size_t i = 0; i < l->ng; i++) groups[(*ng)++] = l->g[i];
    for (size_t i = 0; i < l->n && r->n < MAX_UNITS; i++) {
      r->u[r->n] = l->u[i];
      r->u[r->n].g = l->gi[i] >= 0 ? &groups[g0 + (size_t)l->gi[i]] : NULL;
      r->n++;
    }
    rc |= -l->oom;
    free(l->u);
    free(l->gi);
  }
  free(j.l);
  free(th);
  return rc;
}

int cli_scan_estate(int argc, char **argv, char *const *aargv, int an, const char *outdir, int quiet) {
  const char *accounts_file = NULL, *org_role = NULL, *regions_arg = NULL, *profile = NULL, *role_arn = NULL;
  const char *shard = NULL, *shard_env = NULL;
  int all_instances = 0;
  ca_aws_opts ao = {0};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    int takes = !strcmp(a, "--accounts") || !strcmp(a, "--org-role") || !strcmp(a, "--regions") ||
                !strcmp(a, "--region") || !strcmp(a, "--profile") || !strcmp(a, "--role-arn") ||
                !strcmp(a, "--shard") || !strcmp(a, "--shard-from-env") || !strcmp(a, "--rate") ||
                !strcmp(a, "--burst") || !strcmp(a, "--max-attempts") || !strcmp(a, "--timeout") ||
                !strcmp(a, "--connect-timeout") || !strcmp(a, "--max-concurrency") || !strcmp(a, "--instance");
    if (!strcmp(a, "--all-instances")) { all_instances = 1; continue; }
    if (!takes) continue;   /* audit's, sorted by scan */
    if (!v) return cli_usage(usage, "%s needs a value", a);
    i++;
    if (!strcmp(a, "--accounts")) accounts_file = v;
    else if (!strcmp(a, "--org-role")) {
      if (!role_name_ok(v)) return cli_usage(usage, "--org-role %.80s: expected a role name (1 to 64 letters, digits and +=,.@_-)", v);
      org_role = v;
    } else if (!strcmp(a, "--regions") || !strcmp(a, "--region")) {
      if (regions_arg) return cli_usage(usage, "give the regions once (--regions all|LIST)");
      regions_arg = v;
    } else if (!strcmp(a, "--profile")) profile = v;
    else if (!strcmp(a, "--role-arn")) role_arn = v;
    else if (!strcmp(a, "--shard")) shard = v;
    else if (!strcmp(a, "--shard-from-env")) shard_env = v;
    else if (!strcmp(a, "--instance")) return cli_usage(usage, "an estate scan takes --all-instances, not --instance");
    else {
      double d = cli_number(v);
      if (d <= 0 || d > 1e6) return cli_usage(usage, "%s %s: expected a positive number", a, v);
      if (!strcmp(a, "--rate")) ao.rate = d;
      else if (!strcmp(a, "--burst")) ao.burst = d;
      else if (!strcmp(a, "--max-attempts")) ao.max_attempts = (int)d;
      else if (!strcmp(a, "--timeout")) ao.timeout_ms = (long)(d * 1000);
      else if (!strcmp(a, "--connect-timeout")) ao.connect_timeout_ms = (long)(d * 1000);
      else {
        if (d != (int)d || d > 1000) return cli_usage(usage, "--max-concurrency %s: expected a whole number from 1 to 1000", v);
        ao.max_inflight = (int)d;
      }
    }
  }
  if (!all_instances) return cli_usage(usage, "an estate scan covers every instance: give --all-instances");
  if (shard && shard_env) return cli_usage(usage, "--shard and --shard-from-env exclude each other");
  long sk = 0, sn = 1;
  if (shard && parse_shard(shard, &sk, &sn))
    return cli_usage(usage, "--shard %.40s: expected K/N with 0 <= K < N (K counts from 0, as JOB_COMPLETION_INDEX)", shard);
  if (shard_env) {
    char *e;
    sn = strtol(shard_env, &e, 10);
    if (e == shard_env || *e || sn < 1 || sn > 100000) return cli_usage(usage, "--shard-from-env %.40s: expected N, the number of shards", shard_env);
    const char *k1 = getenv("JOB_COMPLETION_INDEX"), *k2 = getenv("AWS_BATCH_JOB_ARRAY_INDEX");
    if (k1 && k2 && strcmp(k1, k2))
      return cli_usage(usage, "--shard-from-env: JOB_COMPLETION_INDEX (%.20s) and AWS_BATCH_JOB_ARRAY_INDEX (%.20s) disagree", k1, k2);
    const char *k = k1 ? k1 : k2;
    if (!k) return cli_usage(usage, "--shard-from-env: neither JOB_COMPLETION_INDEX nor AWS_BATCH_JOB_ARRAY_INDEX is set");
    sk = strtol(k, &e, 10);
    if (e == k || *e || sk < 0 || sk >= sn)
      return cli_usage(usage, "--shard-from-env %ld: the index %.20s is not a whole number from 0 to %ld", sn, k, sn - 1);
  }
  /* the regions: all, or a list */
  char regions_buf[1024];
  const char *regions[MAX_REGIONS];
  size_t nreg = 0;
  int all_regions = !regions_arg || !strcmp(regions_arg, "all");
  if (!all_regions) {
    snprintf(regions_buf, sizeof regions_buf, "%s", regions_arg);
    for (char *save = NULL, *t = strtok_r(regions_buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
      if (!ca_aws_valid_region(t)) return cli_usage(usage, "--regions %.200s: '%.64s' is not a region name", regions_arg, t);
      for (size_t i = 0; i < nreg; i++)
        if (!strcmp(regions[i], t)) return cli_usage(usage, "--regions %.200s: %s is listed twice", regions_arg, t);
      if (nreg >= MAX_REGIONS) return cli_usage(usage, "--regions: more than %d regions", MAX_REGIONS);
      regions[nreg++] = t;
    }
    if (!nreg) return cli_usage(usage, "--regions %.200s: no region in it", regions_arg);
  }
  ca_err err = {0};
  account *accts = calloc(MAX_ACCOUNTS, sizeof *accts);
  run r = {.u = calloc(MAX_UNITS, sizeof *r.u)};
  if (!accts || !r.u) {
    free(accts), free(r.u);
    return cli_fail(&(ca_err){CA_EXIT_RUN, "out of memory"});
  }
  pthread_mutex_init(&r.mu, NULL);
  size_t nacct = 0;
  ca_aws *base_aws = NULL;
  ca_aws_creds *base = calloc(1, sizeof *base);
  group *groups = NULL;
  size_t ng = 0;
  int rc = CA_EXIT_OK;
  if (!base) {
    rc = cli_fail(&(ca_err){CA_EXIT_RUN, "out of memory"});
    goto done;
  }
  if (accounts_file && read_accounts(accounts_file, org_role, accts, &nacct, &err)) {
    rc = cli_fail(&err);
    goto done;
  }
  if (cli_now(&r.now, &err) || ca_mkdirs(outdir, &err)) {
    rc = cli_fail(&err);
    goto done;
  }
  /* The chain's credentials (and --role-arn): every account is entered from them. */
  if (ca_aws_creds_resolve(profile, all_regions ? NULL : regions[0], role_arn, base, &err)) {
    rc = cli_fail(&err);
    goto done;
  }
  if (!base->region[0]) snprintf(base->region, sizeof base->region, "%s", all_regions ? "us-east-1" : regions[0]);
  if (all_regions)   /* the Connect regions of the credentials' partition (aws, aws-cn, aws-us-gov) */
    for (const char *const *x = ca_connect_regions(); *x && nreg < MAX_REGIONS; x++)
      if (!strcmp(ca_region_partition(*x), ca_region_partition(base->region))) regions[nreg++] = *x;
  ao.slots = ca_aws_slots_new(ao.max_inflight > 0 ? ao.max_inflight : 10);
  if (!ao.slots || ca_aws_new(base, NULL, &base_aws, &err)) {   /* libcurl initialised here, before any thread */
    rc = cli_fail(err.code ? &err : &(ca_err){CA_EXIT_RUN, "out of memory"});
    goto done;
  }
  if (!quiet) fprintf(stderr, "connect-auditor: scan: credentials from %s\n", ca_aws_source(base_aws));
  ca_estate_fail f;
  int self = !accounts_file && !org_role;   /* the caller's own account, its regions */
  if (self) {
    if (ca_estate_caller(base_aws, accts[0].id, &f)) {
      rc = CA_EXIT_RUN;
      fprintf(stderr, "connect-auditor: scan: cannot learn the account: sts:GetCallerIdentity: %s: %s\n", f.code, f.message);
      goto done;
    }
    nacct = 1;
  } else if (!accounts_file) {
    cJSON *ids = NULL;
    if (ca_estate_org_accounts(base_aws, &ids, &f)) {
      fprintf(stderr, "connect-auditor: scan: cannot list the organization's accounts: organizations:ListAccounts: %s: %s "
              "(run from the management account or a delegated administrator, or give --accounts FILE)\n", f.code, f.message);
      rc = CA_EXIT_RUN;
      goto done;
    }
    for (const cJSON *x = ids->child; x && nacct < MAX_ACCOUNTS; x = x->next) {
      snprintf(accts[nacct].id, sizeof accts[nacct].id, "%s", x->valuestring);
      snprintf(accts[nacct].role, sizeof accts[nacct].role, "%s", org_role);
      nacct++;
    }
    cJSON_Delete(ids);
  }
  /* 1. what there is */
  groups = calloc((size_t)nacct * MAX_REGIONS + 1, sizeof *groups);
  if (!groups) {
    rc = cli_fail(&(ca_err){CA_EXIT_RUN, "out of memory"});
    goto done;
  }
  if (list_accounts(&r, accts, nacct, base, &ao, regions, nreg, all_regions, self, groups, &ng)) {
    rc = cli_fail(&(ca_err){CA_EXIT_RUN, "out of memory"});
    goto done;
  }
  /* 2. the shard's units: sorted, i mod N == K */
  qsort(r.u, r.n, sizeof *r.u, unit_cmp);
  size_t kept = 0;
  for (size_t i = 0; i < r.n; i++)
    if ((long)(i % (size_t)sn) == sk) r.u[kept++] = r.u[i];
  r.n = kept;
  for (size_t i = 0; i < r.n; i++) {
    group *g = r.u[i].g;
    if (!g) continue;
    unit **nu = realloc(g->units, (g->n + 1) * sizeof *nu);
    if (!nu) {
      set(&r.u[i], "error", "collect", CA_EXIT_RUN, "out of memory");
      continue;
    }
    g->units = nu;
    g->units[g->n++] = &r.u[i];
  }
  /* 3. collection, account-regions side by side */
  {
    ca_collect_opts co = {.all_instances = 0, .quiet = 1, .now = r.now};
    pthread_t *th = calloc(ng + 1, sizeof *th);
    worker *w = calloc(ng + 1, sizeof *w);
    group *active = calloc(ng + 1, sizeof *active);
    int *started = calloc(ng + 1, sizeof *started);
    size_t na = 0;
    if (!th || !w || !active || !started) {
      free(th), free(w), free(active), free(started);
      rc = cli_fail(&(ca_err){CA_EXIT_RUN, "out of memory"});
      goto done;
    }
    for (size_t i = 0; i < ng; i++) {
      if (!groups[i].n) continue;
      w[i] = (worker){&r, &groups[i], &co};
      started[i] = !pthread_create(&th[i], NULL, collect_group, &w[i]);
      if (!started[i]) collect_group(&w[i]);   /* no thread: here */
      active[na++] = groups[i];
    }
    int tty = !quiet && isatty(2), lines = 0;
    if (tty) {
      for (;;) {
        size_t left = 0;
        pthread_mutex_lock(&r.mu);
        for (size_t i = 0; i < ng; i++) left += groups[i].n - groups[i].done;
        for (size_t i = 0, j = 0; i < ng; i++)
          if (groups[i].n) active[j] = groups[i], j++;
        pthread_mutex_unlock(&r.mu);
        if (na) progress(&r, active, na, 0, &lines);
        if (!left) break;
        struct timespec ts = {0, 200 * 1000 * 1000};
        nanosleep(&ts, NULL);
      }
    }
    for (size_t i = 0; i < ng; i++)
      if (started[i]) pthread_join(th[i], NULL);
    free(th), free(w), free(active), free(started);
  }
  /* 4. snapshots written, each audited; the summary */
  int worst = CA_EXIT_OK;
  cJSON *sum = cJSON_CreateObject(), *units = NULL;
  cJSON_AddStringToObject(sum, "schema", "connect-auditor/scan-summary/v1");
  cJSON *tool = cJSON_AddObjectToObject(sum, "tool");
  cJSON_AddStringToObject(tool, "name", "connect-auditor");
  cJSON_AddStringToObject(tool, "version", CA_VERSION);
  char when[32];
  time_t t = (time_t)r.now;
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  cJSON_AddStringToObject(sum, "generated_at", when);
  cJSON *sh = cJSON_AddObjectToObject(sum, "shard");
  cJSON_AddNumberToObject(sh, "index", (double)sk);
  cJSON_AddNumberToObject(sh, "count", (double)sn);
  units = cJSON_AddArrayToObject(sum, "units");
  for (size_t i = 0; i < r.n; i++) {
    unit *u = &r.u[i];
    char dir[PATH_MAX], snap[PATH_MAX + 16];
    if (u->instance[0] && !strcmp(u->outcome, "ok")) {
      dir_of(u, outdir, dir, sizeof dir);
      snprintf(snap, sizeof snap, "%s/snapshot.json", dir);
      ca_err e = {0};
      int nerr;
      if (ca_mkdirs(dir, &e) || cli_write_snapshot(snap, u->snap, &nerr, &e)) {
        set(u, "error", "collect", CA_EXIT_RUN, "%s", e.msg);
      } else {
        char *av[300];
        int k = 0;
        for (int j = 0; j < an && k < 290; j++) av[k++] = aargv[j];
        av[k++] = snap;
        av[k++] = "-o";
        av[k++] = dir;
        av[k++] = "--quiet";
        av[k] = NULL;
        u->exit_code = cmd_audit(k, av);
        if (u->exit_code > CA_EXIT_FINDINGS) set(u, "error", "audit", u->exit_code, "audit exit code %d", u->exit_code);
      }
      u->snap = NULL;
    }
    cJSON_Delete(u->snap);
    u->snap = NULL;
    if (u->exit_code > worst) worst = u->exit_code;
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "account", u->account);
    if (u->region[0]) cJSON_AddStringToObject(e, "region", u->region);
    else cJSON_AddNullToObject(e, "region");
    if (u->instance[0]) cJSON_AddStringToObject(e, "instance", u->instance);
    else cJSON_AddNullToObject(e, "instance");
    cJSON_AddStringToObject(e, "outcome", u->outcome);
    cJSON_AddNumberToObject(e, "exit_code", u->exit_code);
    if (u->instance[0] && !strcmp(u->outcome, "ok")) {
      char rel[200];
      snprintf(rel, sizeof rel, "%s/%s/%s", u->account, u->region, u->instance);
      cJSON_AddStringToObject(e, "dir", rel);
      cJSON_AddNumberToObject(e, "snapshot_errors", u->errors);
    }
    if (u->stage[0]) cJSON_AddStringToObject(e, "stage", u->stage);
    if (u->why[0]) cJSON_AddStringToObject(e, "why", u->why);
    cJSON_AddItemToArray(units, e);
    if (!quiet) {
      fprintf(stderr, "connect-auditor: scan: %s %s %s: %s", u->account, u->region[0] ? u->region : "-",
              u->instance[0] ? u->instance : "-", u->outcome);
      if (!strcmp(u->outcome, "ok") && u->instance[0])
        fprintf(stderr, " (exit %d, %d failed call%s in errors[])", u->exit_code, u->errors, u->errors == 1 ? "" : "s");
      if (u->why[0]) fprintf(stderr, ": %s", u->why);
      fputc('\n', stderr);
    }
  }
  cJSON_AddNumberToObject(sum, "exit_code", worst);
  char *text = cJSON_Print(sum);
  cJSON_Delete(sum);
  char sp[PATH_MAX];
  snprintf(sp, sizeof sp, "%s/scan-summary.json", outdir);
  ca_err e = {0};
  if (!text || ca_write_atomic(sp, text, strlen(text), &e)) {
    rc = cli_fail(e.code ? &e : &(ca_err){CA_EXIT_RUN, "out of memory"});
  } else {
    rc = worst;
    if (!quiet)
      fprintf(stderr, "connect-auditor: scan: wrote %s: %zu unit%s (shard %ld/%ld); exit %d\n", sp, r.n,
              r.n == 1 ? "" : "s", sk, sn, worst);
  }
  free(text);
done:
  for (size_t i = 0; i < ng; i++) {
    ca_aws_free(groups[i].aws);
    free(groups[i].units);
  }
  for (size_t i = 0; i < r.n; i++) cJSON_Delete(r.u[i].snap);
  free(groups);
  ca_aws_free(base_aws);
  ca_aws_slots_free(ao.slots);
  if (base) ca_aws_creds_wipe(base);
  free(base), free(accts), free(r.u);
  pthread_mutex_destroy(&r.mu);
  return rc;
}
