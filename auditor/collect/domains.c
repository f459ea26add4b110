/* domains.c -- where an instance keeps customer data besides itself: its
 * Voice ID domain and Wisdom (Amazon Q in Connect) knowledge bases, named by
 * ListIntegrationAssociations (IntegrationType VOICE_ID, WISDOM_KNOWLEDGE_BASE;
 * the IntegrationArn carries the region, which is where they are asked), and
 * its Customer Profiles domain, named by Customer Profiles'
 * ListAccountIntegrations with Uri = the instance ARN (Connect's
 * IntegrationType has no Customer Profiles value).  Then Voice ID DescribeDomain
 * (json 1.0), Wisdom GetKnowledgeBase and Customer Profiles GetDomain
 * (rest-json).  Both lists are queued with the instance's other calls, the
 * domains from their callbacks.  Shapes: botocore's voice-id/2021-09-27,
 * wisdom/2020-10-19, customer-profiles/2020-08-15 models. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/collect_int.h"
#include "collect/services.h"
#include "util/buf.h"

static void voiceid(ca_col *c, cJSON *resources, const char *darn) {
  char region[64], rest[256];
  if (col_arn_field(darn, 3, region, sizeof region) || col_arn_field(darn, 5, rest, sizeof rest) ||
      strncmp(rest, "domain/", 7) || !rest[7]) {
    col_error(c, darn, "voiceid:DescribeDomain", "MalformedArn", "not a Voice ID domain ARN");
    return;
  }
  cJSON *body = cJSON_CreateObject();
  cJSON_AddStringToObject(body, "DomainId", rest + 7);
  col_req r = {.service_env = "VOICE_ID", .prefix = "voiceid", .signing = "voiceid", .op = "DescribeDomain",
               .target = "VoiceID", .json = "1.0", .region = region};
  col_describe_q(c, resources, "voiceid_domain", darn, rest + 7, &r, body, "Domain", 0, "Name");
  cJSON_Delete(body);
}

static void wisdom(ca_col *c, cJSON *resources, const char *karn) {
  char region[64], rest[256];
  if (col_arn_field(karn, 3, region, sizeof region) || col_arn_field(karn, 5, rest, sizeof rest) ||
      strncmp(rest, "knowledge-base/", 15) || !rest[15]) {
    col_error(c, karn, "wisdom:GetKnowledgeBase", "MalformedArn", "not a Wisdom knowledge base ARN");
    return;
  }
  ca_buf p;
  ca_buf_init(&p, 256);
  ca_buf_adds(&p, "/knowledgeBases");
  ca_aws_path_add(&p, rest + 15);
  col_req r = {.service_env = "WISDOM", .prefix = "wisdom", .signing = "wisdom", .op = "GetKnowledgeBase",
               .method = "GET", .path = p.data, .region = region};
  col_describe_q(c, resources, "wisdom_knowledge_base", karn, rest + 15, &r, NULL, "knowledgeBase", 0, "name");
  ca_buf_free(&p);
}

/* Every integration association of the instance, all types in one list
 * (one call, not one per type). */
static void listed_integrations(ca_col *c, void *ud, cJSON *all, const char *code) {
  (void)code;
  cJSON *resources = ud;
  const cJSON *it;
  cJSON_ArrayForEach(it, all) {
    const char *type = col_str(it, "IntegrationType"), *iarn = col_str(it, "IntegrationArn");
    if (!type || !iarn) continue;
    if (!strcmp(type, "VOICE_ID")) voiceid(c, resources, iarn);
    else if (!strcmp(type, "WISDOM_KNOWLEDGE_BASE")) wisdom(c, resources, iarn);
  }
  cJSON_Delete(all);
}

/* ---- Customer Profiles: the domains whose integrations name this instance
 * (all pages: the token is the query's next-token), then GetDomain each. */
#define PROFILES_MAX_PAGES 1000

typedef struct prof {
  cJSON *resources, *body, *names;   /* body: {Uri}; names: the domains, each once */
  char arn[256], account[13], region[64];
  char *token;   /* the next page's (NULL: the first); any length */
  long page;
} prof;

static void profiles_page(ca_col *c, prof *p);

static void profiles_end(prof *p) {
  free(p->token);
  cJSON_Delete(p->body);
  cJSON_Delete(p->names);
  free(p);
}

static void got_integrations(ca_col *c, void *ud, cJSON *ans, const char *code) {
  (void)code;
  prof *p = ud;
  if (!ans) {   /* recorded; a failed list: no domains asked */
    profiles_end(p);
    return;
  }
  const cJSON *it;
  cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(ans, "Items")) {
    const char *dn = col_str(it, "DomainName");
    int seen = 0;
    const cJSON *n;
    cJSON_ArrayForEach(n, p->names) seen |= dn && !strcmp(n->valuestring, dn);
    if (dn && !seen) cJSON_AddItemToArray(p->names, cJSON_CreateString(dn));
  }
  const char *nt = col_str(ans, "NextToken");
  int more = nt && *nt;
  char *next = more ? strdup(nt) : NULL;
  cJSON_Delete(ans);
  if (more && !next) {
    col_error(c, p->arn, "profile:ListAccountIntegrations", "ClientError", "out of memory for the next page's token");
    profiles_end(p);
    return;
  }
  if (more) free(p->token), p->token = next;
  if (more && ++p->page >= PROFILES_MAX_PAGES) {
    col_error(c, p->arn, "profile:ListAccountIntegrations", "TooManyPages", "pagination did not end");
    profiles_end(p);
    return;
  }
  if (more) {
    profiles_page(c, p);
    return;
  }
  const cJSON *n;
  cJSON_ArrayForEach(n, p->names) {
    char darn[512];
    snprintf(darn, sizeof darn, "arn:aws:profile:%s:%s:domains/%s", p->region, p->account, n->valuestring);
    ca_buf path;
    ca_buf_init(&path, 256);
    ca_buf_adds(&path, "/domains");
    ca_aws_path_add(&path, n->valuestring);
    col_req r = {.service_env = "CUSTOMER_PROFILES", .prefix = "profile", .signing = "profile", .op = "GetDomain",
                 .method = "GET", .path = path.data, .region = p->region};
    /* data.Domain: the whole answer; a domain new to the snapshot: the plan asks its object types */
    if (col_describe_q(c, p->resources, "customer_profiles_domain", darn, n->valuestring, &r, NULL, "Domain", 1, NULL))
      COL_NEXT(c, profiles_domain_named, p->resources, darn, n->valuestring, p->region, p->account);
    ca_buf_free(&path);
  }
  profiles_end(p);
}

static void profiles_page(ca_col *c, prof *p) {
  ca_aws_param q[] = {{"max-results", "100"}, {"next-token", p->token ? p->token : ""}};
  col_req r = {.service_env = "CUSTOMER_PROFILES", .prefix = "profile", .signing = "profile",
               .op = "ListAccountIntegrations", .method = "POST", .path = "/integrations", .query = q,
               .nquery = p->token ? 2 : 1, .region = p->region};
  col_json_in_q(c, &r, p->body, p->arn, NULL, got_integrations, p);
}

void col_domains_q(ca_col *c, cJSON *resources, const char *arn, const char *account) {
  char rest[256];
  if (col_arn_field(arn, 5, rest, sizeof rest) || strncmp(rest, "instance/", 9)) return;
  ca_buf path;
  ca_buf_init(&path, 256);
  ca_buf_adds(&path, "/instance");
  ca_aws_path_add(&path, rest + 9);
  ca_buf_adds(&path, "/integration-associations");
  ca_aws_param q[] = {{"maxResults", "100"}};
  col_call li = {"CONNECT", "connect", "connect", "ListIntegrationAssociations", "GET", path.data, q, 1, NULL};
  col_list_q(c, &li, "IntegrationAssociationSummaryList", arn, NULL, listed_integrations, resources);
  ca_buf_free(&path);

  prof *p = calloc(1, sizeof *p);
  if (!p || strlen(arn) >= sizeof p->arn) {
    free(p);
    col_error(c, arn, "collect", "ClientError", "instance ARN too long, or out of memory");
    return;
  }
  p->resources = resources;
  snprintf(p->arn, sizeof p->arn, "%s", arn);
  snprintf(p->account, sizeof p->account, "%s", account);
  snprintf(p->region, sizeof p->region, "%s", ca_aws_region(c->aws));
  p->body = cJSON_CreateObject();
  cJSON_AddStringToObject(p->body, "Uri", arn);
  p->names = cJSON_CreateArray();
  profiles_page(c, p);
}
