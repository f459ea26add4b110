/* connect.c -- Amazon Connect (rest-json): the instances and their security
 * profiles.  Every instance's calls are queued together, and each callback
 * tells the plan (plan.c, through the hooks of collect_int.h) what its answer
 * makes askable: the plan queues the buckets and streams, functions, log
 * group, directories, Lex bots, objects and domains.  Operations and shapes:
 * botocore's connect/2017-08-08 model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/collect_int.h"
#include "collect/services.h"
#include "util/buf.h"

/* InstanceStorageResourceType, every value of the enum in botocore 1.43's
 * model: ListInstanceStorageConfigs takes one type per call. */
static const char *const storage_types[] = {
    "CHAT_TRANSCRIPTS", "CALL_RECORDINGS", "SCHEDULED_REPORTS", "MEDIA_STREAMS",
    "CONTACT_TRACE_RECORDS", "AGENT_EVENTS", "REAL_TIME_CONTACT_ANALYSIS_SEGMENTS", "ATTACHMENTS",
    "CONTACT_EVALUATIONS", "SCREEN_RECORDINGS", "REAL_TIME_CONTACT_ANALYSIS_CHAT_SEGMENTS",
    "REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS", "EMAIL_MESSAGES", NULL};
#define N_STORAGE_TYPES 13

/* An older API generation does not know some of these types and answers
 * ValidationException naming resourceType.  Each type is asked of the first
 * instance of a region (the probe); the others wait for its answer and ask
 * only the types the endpoint knows.  A type it does not know is one
 * errors[] entry for the region (arn "...:instance/" and a star, code
 * ValidationException, the message starting "the endpoint does not know
 * storage type T"; policies/lib/storage.lua reads it), kept in c->once
 * ("storage-unknown:<region>:<T>") for the rest of the run, and the
 * instances' StorageConfigs have no member for it. */
enum { ST_NONE, ST_PENDING, ST_KNOWN };
static const char *const validation[] = {"ValidationException", NULL};

/* An endpoint that does not know a Search* operation (older regions, older
 * models) answers this; the List + Describe pair is the fallback. */
static const char *const unknown_op[] = {"UnknownOperationException", NULL};

#define CONNECT(op, method) "CONNECT", "connect", "connect", op, method

/* "/" seg1 "/" seg2 ... into b (reset first). */
static const char *path(ca_buf *b, const char *a, const char *id, const char *tail, const char *id2) {
  ca_buf_free(b);
  ca_buf_adds(b, a);
  if (id) ca_aws_path_add(b, id);
  if (tail) ca_buf_adds(b, tail);
  if (id2) ca_aws_path_add(b, id2);
  return b->data ? b->data : "/";
}

/* The instances queued together (col_connect's, or one) and what their
 * calls share until col_run returns.  The Lambda functions and Lex bots
 * several instances may name -- one function under two qualifiers, one V2
 * bot with each instance's aliases -- wait for every instance's list, then
 * are asked in instance order: which qualifier is asked, and the aliases'
 * order, never depend on which answer came first. */
typedef struct col_batch {
  cJSON *resources;
  const char *account;              /* the caller's: known before an instance is queued */
  struct col_inst *insts;           /* newest first */
  int lambdas_waiting, bots_waiting;   /* instances whose list is out, +1 while queuing */
  int st[N_STORAGE_TYPES];          /* each storage type's probe: ST_NONE, ST_PENDING, ST_KNOWN */
} col_batch;

/* What the queued calls of one instance share until col_run returns. */
struct col_inst {
  struct col_inst *next;
  col_batch *b;
  cJSON *resources, *res, *data;
  char id[128], arn[256], alias[256];   /* alias "" when not given */
  cJSON *bots[2];                       /* ListBots V1, V2 as they come */
  int bots_pending, bots_failed;
  int storage_pending;                  /* ListInstanceStorageConfigs lists out (or waiting) */
  unsigned st_wait;                     /* bit i: storage_types[i] waits for the probe */
  int profiles_probe;                   /* its SearchSecurityProfiles is the region's first */
};

/* ---- Security profiles: SearchSecurityProfiles, or List + Describe ---- */

/* A connect_security_profile from one profile object (sp NULL: a summary
 * whose Describe failed -- the profile is known, its description is not),
 * and its ListSecurityProfilePermissions queued. */
static void add_profile(ca_col *c, struct col_inst *in, cJSON *sp, const char *pid, const char *parn, const char *name) {
  cJSON *data = col_resource(in->resources, "connect_security_profile", parn, name ? name : pid, ca_aws_region(c->aws));
  if (!data) {   /* listed twice */
    cJSON_Delete(sp);
    return;
  }
  if (sp) cJSON_AddItemToObject(data, "SecurityProfile", sp);
  ca_buf p;
  ca_buf_init(&p, 4096);
  ca_aws_param q[] = {{"maxResults", "1000"}};
  col_call perms = {CONNECT("ListSecurityProfilePermissions", "GET"),
                    path(&p, "/security-profiles-permissions", in->id, NULL, pid), q, 1, NULL};
  col_list_into_q(c, data, "Permissions", &perms, "Permissions", parn);
  ca_buf_free(&p);
}

typedef struct sp_ask {
  struct col_inst *in;
  char pid[128], parn[512], name[256];
} sp_ask;

static void described_profile(ca_col *c, void *ud, cJSON *ans, const char *code) {
  (void)code;
  sp_ask *a = ud;
  cJSON *sp = ans ? cJSON_DetachItemFromObjectCaseSensitive(ans, "SecurityProfile") : NULL;
  cJSON_Delete(ans);
  if (sp && !cJSON_IsObject(sp)) cJSON_Delete(sp), sp = NULL;
  /* Without its description the profile is still listed and its permissions
   * collected; errors[] says the description is missing. */
  add_profile(c, a->in, sp, a->pid, a->parn, a->name[0] ? a->name : NULL);
  free(a);
}

static void listed_profiles(ca_col *c, void *ud, cJSON *summaries, const char *code) {
  (void)code;
  struct col_inst *in = ud;
  ca_buf p;
  ca_buf_init(&p, 4096);
  for (const cJSON *s = summaries ? summaries->child : NULL; s; s = s->next) {
    const char *pid = col_str(s, "Id"), *parn = col_str(s, "Arn"), *name = col_str(s, "Name");
    sp_ask *a = pid && parn ? calloc(1, sizeof *a) : NULL;
    if (!a) continue;
    a->in = in;
    snprintf(a->pid, sizeof a->pid, "%s", pid);
    snprintf(a->parn, sizeof a->parn, "%s", parn);
    snprintf(a->name, sizeof a->name, "%s", name ? name : "");
    col_call d = {CONNECT("DescribeSecurityProfile", "GET"), path(&p, "/security-profiles", in->id, NULL, pid), NULL, 0, NULL};
    col_json_q(c, &d, parn, NULL, described_profile, a);
  }
  cJSON_Delete(summaries);
  ca_buf_free(&p);
}

/* c->once: "<region>:SearchSecurityProfiles" held while the region's first
 * search is out (col_hold); "search-unknown:<region>:SearchSecurityProfiles"
 * once the endpoint said it does not know it: the others list + describe. */
static void profiles_key(ca_col *c, const char *what, char *key, size_t keysz) {
  snprintf(key, keysz, "%s%s:SearchSecurityProfiles", what, c->aws ? ca_aws_region(c->aws) : "");
}

static void list_profiles(ca_col *c, struct col_inst *in);

static void searched_profiles_in(ca_col *c, struct col_inst *in, cJSON *profiles);

static void searched_profiles(ca_col *c, void *ud, cJSON *profiles, const char *code) {
  struct col_inst *in = ud;
  char key[160];
  int unknown = !profiles && !strcmp(code, "UnknownOperationException");
  if (unknown) {
    profiles_key(c, "search-unknown:", key, sizeof key);
    if (!c->once) c->once = cJSON_CreateObject();
    if (c->once && !cJSON_GetObjectItemCaseSensitive(c->once, key)) cJSON_AddTrueToObject(c->once, key);
  }
  if (in->profiles_probe) {
    profiles_key(c, "", key, sizeof key);
    col_release(c, key);
  }
  if (unknown) {
    list_profiles(c, in);
    return;
  }
  searched_profiles_in(c, in, profiles);
}

/* Fallback: ListSecurityProfiles + DescribeSecurityProfile per profile. */
static void list_profiles(ca_col *c, struct col_inst *in) {
  {
    ca_buf p;
    ca_buf_init(&p, 4096);
    ca_aws_param q[] = {{"maxResults", "1000"}};
    col_call list = {CONNECT("ListSecurityProfiles", "GET"), path(&p, "/security-profiles-summary", in->id, NULL, NULL), q, 1, NULL};
    col_list_q(c, &list, "SecurityProfileSummaryList", in->arn, NULL, listed_profiles, in);
    ca_buf_free(&p);
  }
}

static void searched_profiles_in(ca_col *c, struct col_inst *in, cJSON *profiles) {
  for (cJSON *sp = profiles ? profiles->child : NULL, *next; sp; sp = next) {
    next = sp->next;
    const char *pid = col_str(sp, "Id"), *parn = col_str(sp, "Arn");
    if (!pid || !parn) continue;
    char id[128], arn[512];
    snprintf(id, sizeof id, "%s", pid);
    snprintf(arn, sizeof arn, "%s", parn);
    cJSON *obj = cJSON_DetachItemViaPointer(profiles, sp);
    const char *name = col_str(obj, "SecurityProfileName");
    char nm[256];
    snprintf(nm, sizeof nm, "%s", name ? name : "");
    add_profile(c, in, obj, id, arn, nm[0] ? nm : NULL);
  }
  cJSON_Delete(profiles);
}

static void queue_profiles(ca_col *c, void *ud) {
  struct col_inst *in = ud;
  char key[160];
  profiles_key(c, "search-unknown:", key, sizeof key);
  if (c->once && cJSON_GetObjectItemCaseSensitive(c->once, key)) {
    list_profiles(c, in);
    return;
  }
  profiles_key(c, "", key, sizeof key);
  int held = col_hold(c, key, queue_profiles, in);
  if (!held) return;   /* waits for the region's first search */
  in->profiles_probe = held > 0;
  /* SearchSecurityProfiles: 100 whole profiles a page instead of one
   * DescribeSecurityProfile each. */
  cJSON *body = cJSON_CreateObject();
  cJSON_AddStringToObject(body, "InstanceId", in->id);
  cJSON_AddNumberToObject(body, "MaxResults", 100);
  col_call search = {CONNECT("SearchSecurityProfiles", "POST"), "/search-security-profiles", NULL, 0, body};
  col_list_q(c, &search, "SecurityProfiles", in->arn, unknown_op, searched_profiles, in);
  cJSON_Delete(body);
}

/* ---- The instance ---- */

/* DescribeInstance answered: the alias it gives (else the listed one) and
 * the identity management type (NULL: unknown) go to the plan (the log
 * group, the directories). */
static void described_instance(ca_col *c, void *ud, cJSON *ans, const char *code) {
  (void)code;
  struct col_inst *in = ud;
  cJSON *inst = ans ? cJSON_DetachItemFromObjectCaseSensitive(ans, "Instance") : NULL;
  cJSON_Delete(ans);
  if (cJSON_IsObject(inst)) {
    cJSON_AddItemToObject(in->data, "Instance", inst);
    if (!in->alias[0] && col_str(inst, "InstanceAlias"))
      cJSON_SetValuestring(cJSON_GetObjectItemCaseSensitive(in->res, "name"), col_str(inst, "InstanceAlias"));
  } else {
    cJSON_Delete(inst);
    inst = NULL;
  }
  const char *alias = col_str(inst, "InstanceAlias") ? col_str(inst, "InstanceAlias") : in->alias[0] ? in->alias : NULL;
  COL_NEXT(c, instance_described, in->resources, in->arn, alias, col_str(inst, "IdentityManagementType"));
}

/* One more instance's ListBots lists are in (or the batch is queued): after
 * the last, the plan's (every instance's bots, in the instances' order). */
static void bots_in(ca_col *c, col_batch *b) {
  if (!--b->bots_waiting) COL_NEXT(c, bots_all, b->resources);
}

/* LexBots: V1 and V2 together, V1's first; either failing leaves the member
 * absent (half a list would read as the whole one). */
static void listed_bots(ca_col *c, struct col_inst *in, int v, cJSON *items) {
  if (!items) in->bots_failed = 1;
  in->bots[v] = items;
  if (--in->bots_pending) return;
  if (!in->bots_failed) {
    cJSON *all = cJSON_AddArrayToObject(in->data, "LexBots");
    for (int i = 0; i < 2; i++)
      for (cJSON *it = in->bots[i]->child, *next; it; it = next) {
        next = it->next;
        cJSON_AddItemToArray(all, cJSON_DetachItemViaPointer(in->bots[i], it));
      }
  }
  cJSON_Delete(in->bots[0]), cJSON_Delete(in->bots[1]);
  in->bots[0] = in->bots[1] = NULL;
  bots_in(c, in->b);
}
static void listed_bots_v1(ca_col *c, void *ud, cJSON *items, const char *code) { (void)code, listed_bots(c, ud, 0, items); }
static void listed_bots_v2(ca_col *c, void *ud, cJSON *items, const char *code) { (void)code, listed_bots(c, ud, 1, items); }

/* The last storage-config list is in: the plan's (the buckets and streams
 * they name, asked alongside the instance's other calls, not after them). */
static void storage_listed(ca_col *c, struct col_inst *in) {
  if (--in->storage_pending) return;
  cJSON *storage = cJSON_GetObjectItemCaseSensitive(in->data, "StorageConfigs");
  for (int i = 0; storage_types[i]; i++) {   /* the enum's order, whichever answer came first */
    cJSON *v = cJSON_DetachItemFromObjectCaseSensitive(storage, storage_types[i]);
    if (v) cJSON_AddItemToObject(storage, storage_types[i], v);
  }
  COL_NEXT(c, storage_configs_in, in->resources, storage, in->arn);
}

static void unknown_key(ca_col *c, int i, char *key, size_t keysz) {
  snprintf(key, keysz, "storage-unknown:%s:%s", c->aws ? ca_aws_region(c->aws) : "", storage_types[i]);
}

/* The endpoint does not know storage_types[i]: one entry for the region. */
static void storage_unknown(ca_col *c, struct col_inst *in, int i, const char *msg) {
  char key[160];
  unknown_key(c, i, key, sizeof key);
  if (!c->once) c->once = cJSON_CreateObject();
  if (!c->once || cJSON_GetObjectItemCaseSensitive(c->once, key)) return;
  cJSON_AddTrueToObject(c->once, key);
  char scope[300], text[512];
  const char *slash = strstr(in->arn, ":instance/");
  snprintf(scope, sizeof scope, "%.*s:instance/*", slash ? (int)(slash - in->arn) : (int)strlen(in->arn), in->arn);
  snprintf(text, sizeof text, "the endpoint does not know storage type %s (no instance in this region can have it "
           "configured; asked once per region); AWS said: %.160s%s", storage_types[i], msg ? msg : "",
           msg && strlen(msg) > 160 ? "..." : "");
  col_error(c, scope, "connect:ListInstanceStorageConfigs", "ValidationException", text);
}

static int names_the_type(const char *msg) {
  return msg && (strstr(msg, "resourceType") || strstr(msg, "ResourceType"));
}

typedef struct st_ask {
  struct col_inst *in;
  int i, probe;
} st_ask;

static void storage_q(ca_col *c, struct col_inst *in, int i, int probe);

static void storage_done(ca_col *c, void *ud, cJSON *items, const char *code) {
  st_ask *a = ud;
  struct col_inst *in = a->in;
  col_batch *b = in->b;
  int i = a->i, probe = a->probe;
  free(a);
  int invalid = !items && !strcmp(code, "ValidationException");
  int unknown = invalid && names_the_type(c->message);
  if (invalid && !unknown)   /* quiet for the call: recorded here */
    col_error(c, in->arn, "connect:ListInstanceStorageConfigs", code, c->message ? c->message : "");
  if (unknown) storage_unknown(c, in, i, c->message);
  if (items) cJSON_AddItemToObject(cJSON_GetObjectItemCaseSensitive(in->data, "StorageConfigs"), storage_types[i], items);
  if (probe) {   /* the others of the region: asked now, or not at all */
    b->st[i] = ST_KNOWN;
    for (struct col_inst *o = b->insts; o; o = o->next) {
      if (!(o->st_wait & (1u << i))) continue;
      o->st_wait &= ~(1u << i);
      if (unknown) storage_listed(c, o);
      else storage_q(c, o, i, 0);
    }
  }
  storage_listed(c, in);
}

static void storage_q(ca_col *c, struct col_inst *in, int i, int probe) {
  st_ask *a = calloc(1, sizeof *a);
  if (!a) {
    col_error(c, in->arn, "collect", "ClientError", "out of memory");
    storage_listed(c, in);
    return;
  }
  *a = (st_ask){in, i, probe};
  ca_buf p;
  ca_buf_init(&p, 512);
  ca_aws_param q[] = {{"maxResults", "10"}, {"resourceType", storage_types[i]}};
  col_call sc = {CONNECT("ListInstanceStorageConfigs", "GET"), path(&p, "/instance", in->id, "/storage-configs", NULL), q, 2, NULL};
  col_list_q(c, &sc, "StorageConfigs", in->arn, validation, storage_done, a);
  ca_buf_free(&p);
}

/* One more instance's ListLambdaFunctions is in (or the batch is queued):
 * after the last, every instance's functions to the plan, newest instance
 * first, then lambdas_all (the alarms). */
static void lambdas_in(ca_col *c, col_batch *b) {
  if (--b->lambdas_waiting) return;
  for (struct col_inst *in = b->insts; in; in = in->next)
    COL_NEXT(c, instance_lambdas, in->resources, cJSON_GetObjectItemCaseSensitive(in->data, "LambdaFunctions"), in->arn);
  COL_NEXT(c, lambdas_all, b->resources);
}
static void lambdas_listed(ca_col *c, void *ud) { lambdas_in(c, ((struct col_inst *)ud)->b); }

/* Every storage type of one instance: probed (the region's first instance),
 * waiting for the probe, or not asked (the endpoint does not know it). */
static void storage_types_q(ca_col *c, col_batch *b, struct col_inst *in) {
  cJSON_AddObjectToObject(in->data, "StorageConfigs");
  in->storage_pending = 1;   /* held until every type is queued */
  for (int i = 0; storage_types[i]; i++) {
    char key[160];
    unknown_key(c, i, key, sizeof key);
    if (c->once && cJSON_GetObjectItemCaseSensitive(c->once, key)) continue;
    in->storage_pending++;
    if (b->st[i] == ST_PENDING) {
      in->st_wait |= 1u << i;
    } else {
      int probe = b->st[i] == ST_NONE;
      if (probe) b->st[i] = ST_PENDING;
      storage_q(c, in, i, probe);
    }
  }
  storage_listed(c, in);
}

void col_connect_types(cJSON *resources) {
  col_type(resources, "connect_instance");
  col_type(resources, "connect_security_profile");
}

/* One instance (its ID, ARN, alias or NULL) into b's resources: every call
 * queued, or nothing when it is there already. */
static void instance_q(ca_col *c, col_batch *b, const char *id, const char *arn, const char *alias) {
  cJSON *resources = b->resources;
  struct col_inst *in = calloc(1, sizeof *in);
  if (!in) {
    col_error(c, arn, "collect", "ClientError", "out of memory");
    return;
  }
  in->b = b;
  in->resources = resources;
  snprintf(in->id, sizeof in->id, "%s", id);
  snprintf(in->arn, sizeof in->arn, "%s", arn);
  snprintf(in->alias, sizeof in->alias, "%s", alias ? alias : "");
  in->data = col_resource(resources, "connect_instance", arn, alias ? alias : id, ca_aws_region(c->aws));
  if (!in->data) {   /* named twice */
    free(in);
    return;
  }
  in->next = b->insts, b->insts = in;
  in->res = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(resources, "connect_instance"), arn);
  col_progress_clear(c);   /* progress.c: the live line gives way */
  if (!c->o->quiet) fprintf(stderr, "connect-auditor: collect: instance %s (%s)\n", alias ? alias : id, arn);

  ca_buf p;
  ca_buf_init(&p, 4096);
  cJSON *data = in->data;
  col_call d = {CONNECT("DescribeInstance", "GET"), path(&p, "/instance", id, NULL, NULL), NULL, 0, NULL};
  col_json_q(c, &d, arn, NULL, described_instance, in);

  ca_aws_param q7[] = {{"maxResults", "7"}};
  col_call attrs = {CONNECT("ListInstanceAttributes", "GET"), path(&p, "/instance", id, "/attributes", NULL), q7, 1, NULL};
  col_list_into_q(c, data, "Attributes", &attrs, "Attributes", arn);

  storage_types_q(c, b, in);

  ca_aws_param q25[] = {{"maxResults", "25"}};
  col_call lambdas = {CONNECT("ListLambdaFunctions", "GET"), path(&p, "/instance", id, "/lambda-functions", NULL), q25, 1, NULL};
  b->lambdas_waiting++;
  col_list_into_then_q(c, data, "LambdaFunctions", &lambdas, "LambdaFunctions", arn, lambdas_listed, in);

  b->bots_waiting++;
  in->bots_pending = 2;
  ca_aws_param qv1[] = {{"lexVersion", "V1"}, {"maxResults", "25"}}, qv2[] = {{"lexVersion", "V2"}, {"maxResults", "25"}};
  col_call lb1 = {CONNECT("ListBots", "GET"), path(&p, "/instance", id, "/bots", NULL), qv1, 2, NULL};
  col_list_q(c, &lb1, "LexBots", arn, NULL, listed_bots_v1, in);
  col_call lb2 = {CONNECT("ListBots", "GET"), path(&p, "/instance", id, "/bots", NULL), qv2, 2, NULL};
  col_list_q(c, &lb2, "LexBots", arn, NULL, listed_bots_v2, in);

  col_call origins = {CONNECT("ListApprovedOrigins", "GET"), path(&p, "/instance", id, "/approved-origins", NULL), q25, 1, NULL};
  col_list_into_q(c, data, "ApprovedOrigins", &origins, "Origins", arn);

  ca_aws_param q2[] = {{"maxResults", "2"}};
  col_call keys = {CONNECT("ListSecurityKeys", "GET"), path(&p, "/instance", id, "/security-keys", NULL), q2, 1, NULL};
  col_list_into_q(c, data, "SecurityKeys", &keys, "SecurityKeys", arn);

  queue_profiles(c, in);
  COL_NEXT(c, instance_queued, resources, in->id, in->arn, b->account);   /* the plan's: objects, domains */
  ca_buf_free(&p);
}

static void batch_begin(col_batch *b, cJSON *resources, const char *account) {
  *b = (col_batch){resources, account, NULL, 1, 1, {0}};
}

/* Every instance is queued: what waited for all of them may go (now, if
 * their lists are in already), then everything runs to the end. */
static void batch_run(ca_col *c, col_batch *b) {
  lambdas_in(c, b);
  bots_in(c, b);
  col_run(c);   /* every instance's calls, in flight together */
  for (struct col_inst *in = b->insts, *next; in; in = next) {
    next = in->next;
    free(in);
  }
}

void col_connect_instance(ca_col *c, cJSON *resources, const char *id, const char *arn, const char *alias,
                          const char *account) {
  col_batch b;
  batch_begin(&b, resources, account);
  instance_q(c, &b, id, arn, alias);
  batch_run(c, &b);
}

/* arn:aws:connect:REGION:ACCOUNT:instance/ID -> region, account, id (0), or -1. */
static int split_arn(const char *arn, char *region, size_t rsz, char account[13], char *id, size_t idsz) {
  char f[6][128];
  const char *s = arn;
  for (int i = 0; i < 5; i++) {
    const char *colon = strchr(s, ':');
    if (!colon || (size_t)(colon - s) >= sizeof f[i]) return -1;
    memcpy(f[i], s, (size_t)(colon - s));
    f[i][colon - s] = '\0';
    s = colon + 1;
  }
  if (strcmp(f[0], "arn") || strcmp(f[2], "connect") || strncmp(s, "instance/", 9) || strlen(f[4]) != 12 ||
      !s[9] || strchr(s + 9, '/'))
    return -1;
  snprintf(region, rsz, "%s", f[3]);
  memcpy(account, f[4], 13);
  snprintf(id, idsz, "%s", s + 9);
  return 0;
}

static int looks_like_id(const char *s) {   /* an instance ID is a UUID */
  if (strlen(s) != 36) return 0;
  for (int i = 0; i < 36; i++)
    if ((i == 8 || i == 13 || i == 18 || i == 23) ? s[i] != '-' : !strchr("0123456789abcdefABCDEF", s[i])) return 0;
  return 1;
}

int col_connect(ca_col *c, cJSON *resources, char account[13], ca_err *err) {
  const char *region = ca_aws_region(c->aws);
  const char *want = c->o->instance ? c->o->instance : "";
  char arn_region[64] = "", arn_account[13] = "", arn_id[128] = "";
  int is_arn = !c->o->all_instances && !strncmp(want, "arn:", 4);
  if (is_arn) {
    if (split_arn(want, arn_region, sizeof arn_region, arn_account, arn_id, sizeof arn_id))
      return ca_errf(err, CA_EXIT_USAGE, "--instance %s: not an Amazon Connect instance ARN "
                                         "(arn:aws:connect:REGION:ACCOUNT:instance/ID)", want);
    if (strcmp(arn_region, region))
      return ca_errf(err, CA_EXIT_USAGE, "--instance %s is in region %s, but the region is %s (--region)",
                     want, arn_region, region);
  }
  cJSON *list;
  char code[128] = "";
  ca_aws_param q[] = {{"maxResults", "10"}};
  col_call li = {CONNECT("ListInstances", "GET"), "/instance", q, 1, NULL};
  char scope[160];
  snprintf(scope, sizeof scope, "arn:aws:connect:%s:%s:instance/*", region, account[0] ? account : arn_account);
  if (col_list(c, &li, "InstanceSummaryList", scope, NULL, &list, code, sizeof code)) {
    /* Without the list an ID or ARN can still be collected directly. */
    if (is_arn || (!c->o->all_instances && looks_like_id(want) && account[0])) {
      char arn[256];
      if (is_arn) snprintf(arn, sizeof arn, "%s", want);
      else snprintf(arn, sizeof arn, "arn:aws:connect:%s:%s:instance/%s", region, account, want);
      if (!account[0]) memcpy(account, arn_account, 13);
      col_connect_instance(c, resources, is_arn ? arn_id : want, arn, NULL, account);
      return 0;
    }
    return ca_errf(err, CA_EXIT_RUN, "cannot list the Amazon Connect instances in %s: connect:ListInstances: %s%s",
                   region, code, c->o->all_instances ? "" : " (give --instance as an ID or ARN to collect it without the list)");
  }
  int found = 0;
  col_batch b;
  batch_begin(&b, resources, account);
  ca_buf names;
  ca_buf_init(&names, 4096);
  for (const cJSON *s = list->child; s; s = s->next) {
    const char *id = col_str(s, "Id"), *arn = col_str(s, "Arn"), *alias = col_str(s, "InstanceAlias");
    if (!id || !arn) continue;
    ca_buf_printf(&names, "%s%s", names.len ? ", " : "", alias ? alias : id);
    if (!c->o->all_instances && strcmp(want, id) && strcmp(want, arn) && (!alias || strcmp(want, alias))) continue;
    if (!account[0]) {
      char r[64], i[128];
      if (!split_arn(arn, r, sizeof r, account, i, sizeof i)) {}
    }
    instance_q(c, &b, id, arn, alias);
    found++;
  }
  batch_run(c, &b);
  cJSON_Delete(list);
  int rc = 0;
  if (!found && !c->o->all_instances)
    rc = ca_errf(err, CA_EXIT_USAGE, "--instance %s: no such Amazon Connect instance in %s (instances there: %s)",
                 want, region, names.len ? names.data : "none");
  ca_buf_free(&names);
  return rc;
}
