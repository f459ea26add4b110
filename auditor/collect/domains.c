/* domains.c -- where an instance keeps customer data besides itself: its
 * Voice ID domain and Wisdom (Amazon Q in Connect) knowledge bases, named by
 * ListIntegrationAssociations (IntegrationType VOICE_ID, WISDOM_KNOWLEDGE_BASE;
 * the IntegrationArn carries the region, which is where they are asked), and
 * its Customer Profiles domain, named by Customer Profiles'
 * ListAccountIntegrations with Uri = the instance ARN (Connect's
 * IntegrationType has no Customer Profiles value).  Then Voice ID DescribeDomain
 * (json 1.0), Wisdom GetKnowledgeBase and Customer Profiles GetDomain
 * (rest-json).  Shapes: botocore's voice-id/2021-09-27, wisdom/2020-10-19,
 * customer-profiles/2020-08-15 models. */
#include <stdio.h>
#include <string.h>

#include "collect/collect_int.h"
#include "util/buf.h"

static const char *str(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A call in `region` (content type given: Voice ID is json 1.0); failures
 * into errors[] against arn as "<signing>:<op>". */
static int call_in(ca_col *c, const char *region, ca_aws_req *rq, const cJSON *body, const char *arn, cJSON **out) {
  char *text = body ? cJSON_PrintUnformatted(body) : NULL;
  rq->body = text;
  rq->body_len = text ? strlen(text) : 0;
  int rc = col_call_in(c, region, rq, NULL, arn, NULL, out, NULL, 0);
  cJSON_free(text);
  return rc;
}

/* Every integration association of the instance, all types in one list
 * (one call, not one per type); NULL when the list failed (recorded). */
static cJSON *integrations(ca_col *c, const char *id, const char *arn) {
  ca_buf p;
  ca_buf_init(&p, 256);
  ca_buf_adds(&p, "/instance");
  ca_aws_path_add(&p, id);
  ca_buf_adds(&p, "/integration-associations");
  ca_aws_param q[] = {{"maxResults", "100"}};
  col_call li = {"CONNECT", "connect", "connect", "ListIntegrationAssociations", "GET", p.data, q, 1, NULL};
  cJSON *items = NULL;
  if (col_list(c, &li, "IntegrationAssociationSummaryList", arn, NULL, &items, NULL, 0)) items = NULL;
  ca_buf_free(&p);
  return items;
}

static void voiceid(ca_col *c, cJSON *resources, const char *darn) {
  char region[64], rest[256];
  if (col_arn_field(darn, 3, region, sizeof region) || col_arn_field(darn, 5, rest, sizeof rest) ||
      strncmp(rest, "domain/", 7) || !rest[7]) {
    col_error(c, darn, "voiceid:DescribeDomain", "MalformedArn", "not a Voice ID domain ARN");
    return;
  }
  cJSON *data = col_resource(resources, "voiceid_domain", darn, rest + 7, region);
  if (!data) return;
  cJSON *body = cJSON_CreateObject();
  cJSON_AddStringToObject(body, "DomainId", rest + 7);
  ca_aws_req rq = {.service_env = "VOICE_ID", .prefix = "voiceid", .signing = "voiceid", .operation = "DescribeDomain",
                   .method = "POST", .path = "/", .content_type = "application/x-amz-json-1.0",
                   .target = "VoiceID.DescribeDomain"};
  cJSON *ans;
  if (!call_in(c, region, &rq, body, darn, &ans)) {
    cJSON *d = cJSON_DetachItemFromObjectCaseSensitive(ans, "Domain");
    if (cJSON_IsObject(d)) {
      if (str(d, "Name")) cJSON_SetValuestring(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(
                              resources, "voiceid_domain"), darn)->child, str(d, "Name"));
      cJSON_AddItemToObject(data, "Domain", d);
    } else {
      cJSON_Delete(d);
      col_error(c, darn, "voiceid:DescribeDomain", "MalformedResponse", "the answer has no Domain");
    }
    cJSON_Delete(ans);
  }
  cJSON_Delete(body);
}

static void wisdom(ca_col *c, cJSON *resources, const char *karn) {
  char region[64], rest[256];
  if (col_arn_field(karn, 3, region, sizeof region) || col_arn_field(karn, 5, rest, sizeof rest) ||
      strncmp(rest, "knowledge-base/", 15) || !rest[15]) {
    col_error(c, karn, "wisdom:GetKnowledgeBase", "MalformedArn", "not a Wisdom knowledge base ARN");
    return;
  }
  cJSON *data = col_resource(resources, "wisdom_knowledge_base", karn, rest + 15, region);
  if (!data) return;
  ca_buf p;
  ca_buf_init(&p, 256);
  ca_buf_adds(&p, "/knowledgeBases");
  ca_aws_path_add(&p, rest + 15);
  ca_aws_req rq = {.service_env = "WISDOM", .prefix = "wisdom", .signing = "wisdom", .operation = "GetKnowledgeBase",
                   .method = "GET", .path = p.data};
  cJSON *ans;
  if (!call_in(c, region, &rq, NULL, karn, &ans)) {
    cJSON *kb = cJSON_DetachItemFromObjectCaseSensitive(ans, "knowledgeBase");
    if (cJSON_IsObject(kb)) {
      if (str(kb, "name")) cJSON_SetValuestring(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(
                               resources, "wisdom_knowledge_base"), karn)->child, str(kb, "name"));
      cJSON_AddItemToObject(data, "knowledgeBase", kb);
    } else {
      cJSON_Delete(kb);
      col_error(c, karn, "wisdom:GetKnowledgeBase", "MalformedResponse", "the answer has no knowledgeBase");
    }
    cJSON_Delete(ans);
  }
  ca_buf_free(&p);
}

/* Customer Profiles: the domains whose integrations name this instance (all
 * pages: the token is the query's next-token), then GetDomain each. */
static void profiles(ca_col *c, cJSON *resources, const char *arn, const char *account) {
  const char *region = ca_aws_region(c->aws);
  cJSON *body = cJSON_CreateObject();
  cJSON_AddStringToObject(body, "Uri", arn);
  char token[2048] = "";
  cJSON *names = cJSON_CreateArray();
  int ok = 1;
  for (long page = 0; ok; page++) {
    if (page >= 1000) {
      col_error(c, arn, "profile:ListAccountIntegrations", "TooManyPages", "pagination did not end");
      ok = 0;
      break;
    }
    ca_aws_param q[] = {{"max-results", "100"}, {"next-token", token}};
    ca_aws_req rq = {.service_env = "CUSTOMER_PROFILES", .prefix = "profile", .signing = "profile",
                     .operation = "ListAccountIntegrations", .method = "POST", .path = "/integrations",
                     .query = q, .nquery = token[0] ? 2 : 1, .content_type = "application/json"};
    cJSON *ans;
    if (call_in(c, region, &rq, body, arn, &ans)) {
      ok = 0;
      break;
    }
    const cJSON *it;
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(ans, "Items")) {
      const char *dn = str(it, "DomainName");
      int seen = 0;
      const cJSON *n;
      cJSON_ArrayForEach(n, names) seen |= dn && !strcmp(n->valuestring, dn);
      if (dn && !seen) cJSON_AddItemToArray(names, cJSON_CreateString(dn));
    }
    const char *nt = str(ans, "NextToken");
    int more = nt && *nt && strlen(nt) < sizeof token;
    if (more) snprintf(token, sizeof token, "%s", nt);
    cJSON_Delete(ans);
    if (!more) break;
  }
  cJSON_Delete(body);
  const cJSON *n, *found = ok ? names : NULL;   /* a failed list: no domains asked */
  cJSON_ArrayForEach(n, found) {
    char darn[512];
    snprintf(darn, sizeof darn, "arn:aws:profile:%s:%s:domains/%s", region, account, n->valuestring);
    cJSON *data = col_resource(resources, "customer_profiles_domain", darn, n->valuestring, region);
    if (!data) continue;
    ca_buf p;
    ca_buf_init(&p, 256);
    ca_buf_adds(&p, "/domains");
    ca_aws_path_add(&p, n->valuestring);
    ca_aws_req rq = {.service_env = "CUSTOMER_PROFILES", .prefix = "profile", .signing = "profile",
                     .operation = "GetDomain", .method = "GET", .path = p.data};
    cJSON *ans;
    if (!call_in(c, region, &rq, NULL, darn, &ans)) cJSON_AddItemToObject(data, "Domain", ans);   /* the whole answer */
    ca_buf_free(&p);
  }
  cJSON_Delete(names);
}

void col_domains(ca_col *c, cJSON *resources, const char *account) {
  static const char *const types[] = {"customer_profiles_domain", "voiceid_domain", "wisdom_knowledge_base"};
  for (int i = 0; i < 3; i++)
    if (!cJSON_GetObjectItemCaseSensitive(resources, types[i])) cJSON_AddObjectToObject(resources, types[i]);
  const cJSON *inst;
  cJSON_ArrayForEach(inst, cJSON_GetObjectItemCaseSensitive(resources, "connect_instance")) {
    const char *arn = inst->string;
    char rest[256];
    if (col_arn_field(arn, 5, rest, sizeof rest) || strncmp(rest, "instance/", 9)) continue;
    const char *id = rest + 9;
    cJSON *all = integrations(c, id, arn);
    const cJSON *it;
    cJSON_ArrayForEach(it, all) {
      const char *type = str(it, "IntegrationType"), *iarn = str(it, "IntegrationArn");
      if (!type || !iarn) continue;
      if (!strcmp(type, "VOICE_ID")) voiceid(c, resources, iarn);
      else if (!strcmp(type, "WISDOM_KNOWLEDGE_BASE")) wisdom(c, resources, iarn);
    }
    cJSON_Delete(all);
    profiles(c, resources, arn, account);
  }
}
