/* campaigns.c -- an instance's outbound campaigns, through both generations
 * of the Amazon Connect Outbound Campaigns API (rest-json, signing name
 * connect-campaigns, endpoint connect-campaigns.REGION.amazonaws.com;
 * botocore's connectcampaignsv2/2024-04-23 under /v2/..., and the older
 * connectcampaigns/2021-01-30, which not every region serves):
 *
 *   ListCampaigns (instanceIdFilter = the instance, 50 a page, all pages)
 *     -> the instance's data.CampaignsV2 / CampaignsV1 (campaignSummaryList);
 *   DescribeCampaign + GetCampaignState per campaign
 *     -> connect_campaign_v2 / connect_campaign_v1 {Campaign, State};
 *   GetConnectInstanceConfig (v2; v1 where v2 is not served)
 *     -> the instance's data.CampaignInstanceConfig (connectInstanceConfig:
 *        encryptionConfig, serviceLinkedRoleArn); ResourceNotFoundException
 *        = the instance is not onboarded to outbound campaigns = null.
 *
 * v2 is asked first; a campaign v2 lists is not described again through v1
 * (one campaign, one resource).  An endpoint that does not serve a version
 * in this region (UnknownOperationException, a bare 404, no connection) or
 * denies ListCampaigns (its IAM resource is "*", so a denial holds for every
 * instance) is one errors[] entry for the region, against
 * the region's campaign ARN pattern (campaign/ then a star), and that version is
 * not asked again for the region's other instances (col_hold: the region's
 * first instance probes, the others wait for its answer).  Errors are
 * recorded as connectcampaigns:OP / connectcampaignsv2:OP (botocore's
 * service names: both versions sign as connect-campaigns). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/collect_int.h"
#include "collect/services.h"
#include "util/buf.h"

typedef struct ver {
  const char *service_env, *service, *base, *member, *type;
} ver;

/* v2 first: the current API, whose campaigns v1 does not describe again. */
static const ver VERS[2] = {
    {"CONNECTCAMPAIGNSV2", "connectcampaignsv2", "/v2", "CampaignsV2", "connect_campaign_v2"},
    {"CONNECTCAMPAIGNS", "connectcampaigns", "", "CampaignsV1", "connect_campaign_v1"},
};

/* The answers that say this region's endpoint does not serve the version
 * (or the caller may not list it at all). */
static const char *const unavailable_codes[] = {"UnknownOperationException", "HTTP404", "ConnectionError",
                                                "AccessDeniedException", NULL};
static const char *const not_found[] = {"ResourceNotFoundException", NULL};

static int unavailable_code(const char *code) {
  for (int i = 0; code && unavailable_codes[i]; i++)
    if (!strcmp(code, unavailable_codes[i])) return 1;
  return 0;
}

typedef struct cinst {
  cJSON *resources, *data;   /* data: the instance's */
  char id[128], arn[512], account[13], region[64];
  cJSON *v2_arns;            /* the campaigns v2 listed */
  int v;                     /* the version being asked (index into VERS) */
  int probe;                 /* this instance holds the region's probe of VERS[v] */
} cinst;

static void key_of(const cinst *ci, int v, const char *what, char *key, size_t keysz) {
  snprintf(key, keysz, "campaigns%s:%s:%s", what, ci->region, VERS[v].service);
}

static int is_unavailable(ca_col *c, const cinst *ci, int v) {
  char key[160];
  key_of(ci, v, "-unavailable", key, sizeof key);
  return c->once && cJSON_GetObjectItemCaseSensitive(c->once, key) != NULL;
}

static void req_of(const cinst *ci, int v, const char *op, const char *method, const char *path, char *operation,
                   size_t opsz, col_req *r) {
  snprintf(operation, opsz, "%s:%s", VERS[v].service, op);
  *r = (col_req){.service_env = VERS[v].service_env, .prefix = "connect-campaigns", .signing = "connect-campaigns",
                 .op = op, .method = method, .path = path, .region = ci->region, .operation = operation};
}

/* ---- One campaign: DescribeCampaign (data.Campaign), GetCampaignState (data.State) ---- */

typedef struct cstate {
  cJSON *data;
  char arn[512], operation[96];
} cstate;

static void got_state(ca_col *c, void *ud, cJSON *ans, const char *code) {
  (void)code;
  cstate *s = ud;
  cJSON *st = ans ? cJSON_DetachItemFromObjectCaseSensitive(ans, "state") : NULL;
  if (cJSON_IsString(st)) cJSON_AddItemToObject(s->data, "State", st);
  else {
    cJSON_Delete(st);
    if (ans) col_error(c, s->arn, s->operation, "MalformedResponse", "the answer has no state");
  }
  cJSON_Delete(ans);
  free(s);
}

/* DescribeCampaign's `campaign`, kept as data.Campaign (the snapshot's
 * members start upper-case, as the Connect ones do). */
static void described(ca_col *c, void *ud, cJSON *ans, const char *code) {
  (void)code;
  cstate *s = ud;
  cJSON *camp = ans ? cJSON_DetachItemFromObjectCaseSensitive(ans, "campaign") : NULL;
  if (cJSON_IsObject(camp)) cJSON_AddItemToObject(s->data, "Campaign", camp);
  else {
    cJSON_Delete(camp);
    if (ans) col_error(c, s->arn, s->operation, "MalformedResponse", "the answer has no campaign");
  }
  cJSON_Delete(ans);
  free(s);
}

static void campaign(ca_col *c, cinst *ci, int v, const char *cid, const char *carn, const char *name) {
  char region[64] = "";
  if (col_arn_field(carn, 3, region, sizeof region) || !region[0]) snprintf(region, sizeof region, "%s", ci->region);
  cJSON *data = col_resource(ci->resources, VERS[v].type, carn, name ? name : cid, region);
  cstate *d = data ? calloc(1, sizeof *d) : NULL;
  if (!d) return;   /* listed twice */
  d->data = data;
  snprintf(d->arn, sizeof d->arn, "%s", carn);
  ca_buf p;
  ca_buf_init(&p, 1024);
  ca_buf_adds(&p, VERS[v].base);
  ca_buf_adds(&p, "/campaigns");
  ca_aws_path_add(&p, cid);
  col_req r;
  req_of(ci, v, "DescribeCampaign", "GET", p.data, d->operation, sizeof d->operation, &r);
  r.region = region;
  col_json_in_q(c, &r, NULL, carn, NULL, described, d);
  cstate *s = calloc(1, sizeof *s);
  if (s) {
    ca_buf_adds(&p, "/state");
    s->data = data;
    snprintf(s->arn, sizeof s->arn, "%s", carn);
    req_of(ci, v, "GetCampaignState", "GET", p.data, s->operation, sizeof s->operation, &r);
    r.region = region;
    col_json_in_q(c, &r, NULL, carn, NULL, got_state, s);
  }
  ca_buf_free(&p);
}

/* ---- The instance's config: data.CampaignInstanceConfig ---- */

typedef struct cconf {
  cJSON *data;
  char arn[512], operation[96];
} cconf;

static void got_config(ca_col *c, void *ud, cJSON *ans, const char *code) {
  cconf *k = ud;
  if (!ans && code && !strcmp(code, "ResourceNotFoundException")) {
    cJSON_AddNullToObject(k->data, "CampaignInstanceConfig");   /* not onboarded to outbound campaigns */
  } else if (ans) {
    cJSON *cfg = cJSON_DetachItemFromObjectCaseSensitive(ans, "connectInstanceConfig");
    if (cJSON_IsObject(cfg)) cJSON_AddItemToObject(k->data, "CampaignInstanceConfig", cfg);
    else {
      cJSON_Delete(cfg);
      col_error(c, k->arn, k->operation, "MalformedResponse", "the answer has no connectInstanceConfig");
    }
  }
  cJSON_Delete(ans);
  free(k);
}

static void config(ca_col *c, cinst *ci, int v) {
  if (cJSON_GetObjectItemCaseSensitive(ci->data, "CampaignInstanceConfig")) return;
  cconf *k = calloc(1, sizeof *k);
  if (!k) return;
  k->data = ci->data;
  snprintf(k->arn, sizeof k->arn, "%s", ci->arn);
  ca_buf p;
  ca_buf_init(&p, 512);
  ca_buf_adds(&p, VERS[v].base);
  ca_buf_adds(&p, "/connect-instance");
  ca_aws_path_add(&p, ci->id);
  ca_buf_adds(&p, "/config");
  col_req r;
  req_of(ci, v, "GetConnectInstanceConfig", "GET", p.data, k->operation, sizeof k->operation, &r);
  col_json_in_q(c, &r, NULL, ci->arn, not_found, got_config, k);
  ca_buf_free(&p);
}

/* ---- The lists, v2 then v1 ---- */

static void ask(ca_col *c, void *ud);

static void next_version(ca_col *c, cinst *ci) {
  if (++ci->v < 2) {
    ask(c, ci);
    return;
  }
  cJSON_Delete(ci->v2_arns);
  free(ci);
}

/* The region's endpoint does not serve VERS[v] (or denies listing it): one
 * entry for the region, whichever instance learnt it. */
static void region_unavailable(ca_col *c, cinst *ci, int v, const char *code) {
  char key[160];
  key_of(ci, v, "-unavailable", key, sizeof key);
  if (!c->once) c->once = cJSON_CreateObject();
  if (!c->once || cJSON_GetObjectItemCaseSensitive(c->once, key)) return;
  cJSON_AddTrueToObject(c->once, key);
  char scope[160], op[96], text[512];
  snprintf(scope, sizeof scope, "arn:aws:connect-campaigns:%s:%s:campaign/*", ci->region, ci->account);
  snprintf(op, sizeof op, "%s:ListCampaigns", VERS[v].service);
  snprintf(text, sizeof text, "%s in %s (asked once per region; no campaign of this API version is known)%s%.160s%s",
           !strcmp(code, "AccessDeniedException") ? "listing outbound campaigns is denied" : "the endpoint does not serve this API version",
           ci->region, c->message ? "; AWS said: " : "", c->message ? c->message : "",
           c->message && strlen(c->message) > 160 ? "..." : "");
  col_error(c, scope, op, code, text);
}

static void listed(ca_col *c, void *ud, cJSON *all, const char *code) {
  cinst *ci = ud;
  int v = ci->v;
  if (!all && unavailable_code(code)) region_unavailable(c, ci, v, code);
  if (ci->probe) {
    char key[160];
    key_of(ci, v, "", key, sizeof key);
    ci->probe = 0;
    col_release(c, key);
  }
  if (all) {
    const cJSON *s;
    cJSON_ArrayForEach(s, all) {
      const char *cid = col_str(s, "id"), *carn = col_str(s, "arn"), *name = col_str(s, "name");
      if (!cid || !carn) continue;
      if (v == 0) {
        cJSON_AddItemToArray(ci->v2_arns, cJSON_CreateString(carn));
      } else {
        int seen = 0;
        const cJSON *a;
        cJSON_ArrayForEach(a, ci->v2_arns) seen |= !strcmp(a->valuestring, carn);
        if (seen) continue;   /* described through v2 */
      }
      campaign(c, ci, v, cid, carn, name);
    }
    cJSON_AddItemToObject(ci->data, VERS[v].member, all);
  }
  /* The instance config: v2's, or v1's where v2 is not served. */
  if (v == 0 && !is_unavailable(c, ci, 0)) config(c, ci, 0);
  if (v == 1 && all && is_unavailable(c, ci, 0)) config(c, ci, 1);
  next_version(c, ci);
}

static void ask(ca_col *c, void *ud) {
  cinst *ci = ud;
  int v = ci->v;
  if (is_unavailable(c, ci, v)) {   /* the region's entry says why */
    next_version(c, ci);
    return;
  }
  char key[160];
  key_of(ci, v, "", key, sizeof key);
  int held = col_hold(c, key, ask, ci);
  if (!held) return;   /* waits for the region's first answer */
  ci->probe = held > 0;
  char path[32], operation[96];
  snprintf(path, sizeof path, "%s/campaigns-summary", VERS[v].base);
  col_req r;
  req_of(ci, v, "ListCampaigns", "POST", path, operation, sizeof operation, &r);
  cJSON *body = cJSON_CreateObject();
  cJSON_AddNumberToObject(body, "maxResults", 50);   /* the model's maximum */
  cJSON *f = cJSON_AddObjectToObject(cJSON_AddObjectToObject(body, "filters"), "instanceIdFilter");
  cJSON_AddStringToObject(f, "value", ci->id);
  cJSON_AddStringToObject(f, "operator", "Eq");
  col_list_in_q(c, &r, body, "campaignSummaryList", "nextToken", ci->arn, unavailable_codes, listed, ci);
  cJSON_Delete(body);
}

void col_campaigns_q(ca_col *c, cJSON *resources, const char *id, const char *arn, const char *account) {
  cJSON *inst = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(resources, "connect_instance"), arn);
  cJSON *data = cJSON_GetObjectItemCaseSensitive(inst, "data");
  cinst *ci = cJSON_IsObject(data) ? calloc(1, sizeof *ci) : NULL;
  if (!ci) return;
  ci->resources = resources, ci->data = data;
  ci->v2_arns = cJSON_CreateArray();
  snprintf(ci->id, sizeof ci->id, "%s", id);
  snprintf(ci->arn, sizeof ci->arn, "%s", arn);
  snprintf(ci->account, sizeof ci->account, "%s", account ? account : "");
  if (!ci->account[0]) col_arn_field(arn, 4, ci->account, sizeof ci->account);
  if (col_arn_field(arn, 3, ci->region, sizeof ci->region) || !ci->region[0])
    snprintf(ci->region, sizeof ci->region, "%s", c->aws ? ca_aws_region(c->aws) : "");
  ask(c, ci);
}
