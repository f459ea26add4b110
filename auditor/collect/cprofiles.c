/* cprofiles.c -- the object types of each Customer Profiles domain an
 * instance uses (domains.c finds the domains; the plan asks this once per
 * domain): what Security Hub's Connect.1 judges (AWS::CustomerProfiles::
 * ObjectType is tagged).  Shapes: botocore's customer-profiles/2020-08-15.
 *
 *   ListProfileObjectTypes (rest-json GET /domains/NAME/object-types,
 *     max-results 100 -- the model's maximum --, every page: the token in the
 *     query's next-token) -> the domain's data.ObjectTypes (the Items, as AWS
 *     sends them) and one customer_profiles_object_type per item
 *     (arn:aws:profile:R:A:domains/NAME/object-types/TYPE), data.ObjectType
 *     the item;
 *   ListTagsForResource (GET /tags/ARN) for an item that carries no tag (its
 *     Tags absent or empty) -> data.Tags, the answer's `tags` ({} when it
 *     names none): "untagged" then rests on the tag API's own answer, not on a
 *     list member an older endpoint may not send.  An item with tags is not
 *     asked again (ListProfileObjectTypeItem.Tags is the same TagMap).
 *
 * Failures: a listing that fails (AccessDeniedException, ...) is an errors[]
 * entry against the domain and data.ObjectTypes stays absent, so BASE-CPR-001
 * says `error` for the domain instead of passing what it never saw.  An
 * endpoint that does not know the operation (UnknownOperationException, a
 * bare 404) is one entry for the region, against
 * arn:aws:profile:R:A:domains/ followed by a star, and the region's other
 * domains are not asked (col_hold: the first domain probes, the others wait
 * for its answer).  A ListTagsForResource that fails is an entry against the
 * object type, data.Tags absent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/collect_int.h"
#include "collect/services.h"
#include "util/buf.h"

static const char *const unknown_codes[] = {"UnknownOperationException", "HTTP404", NULL};

typedef struct otdom {
  cJSON *resources;
  char darn[512], name[128], region[64], account[13];
  int probe;   /* this domain holds the region's probe */
} otdom;

static void key_of(const otdom *d, const char *what, char *key, size_t keysz) {
  snprintf(key, keysz, "cprofiles-objtypes%s:%s", what, d->region);
}

static int region_unknown(const ca_col *c, const otdom *d) {
  char key[160];
  key_of(d, "-unknown", key, sizeof key);
  return c->once && cJSON_GetObjectItemCaseSensitive(c->once, key) != NULL;
}

/* The endpoint does not know ListProfileObjectTypes: one entry for the
 * region, whichever domain learnt it. */
static void record_unknown(ca_col *c, const otdom *d, const char *code) {
  char key[160];
  key_of(d, "-unknown", key, sizeof key);
  if (!c->once) c->once = cJSON_CreateObject();
  if (!c->once || cJSON_GetObjectItemCaseSensitive(c->once, key)) return;
  cJSON_AddTrueToObject(c->once, key);
  char scope[160], text[512];
  snprintf(scope, sizeof scope, "arn:aws:profile:%s:%s:domains/*", d->region, d->account);
  snprintf(text, sizeof text,
           "the endpoint does not know ListProfileObjectTypes in %s (asked once per region; no object type of its "
           "domains is known)%s%.160s%s",
           d->region, c->message ? "; AWS said: " : "", c->message ? c->message : "",
           c->message && strlen(c->message) > 160 ? "..." : "");
  col_error(c, scope, "profile:ListProfileObjectTypes", code, text);
}

typedef struct ottags {
  cJSON *data;
  char arn[768];
} ottags;

static void got_tags(ca_col *c, void *ud, cJSON *ans, const char *code) {
  (void)code;
  ottags *t = ud;
  cJSON *tags = ans ? cJSON_DetachItemFromObjectCaseSensitive(ans, "tags") : NULL;
  if (ans && (!tags || cJSON_IsNull(tags))) {   /* the tag API names none */
    cJSON_Delete(tags);
    cJSON_AddObjectToObject(t->data, "Tags");
  } else if (cJSON_IsObject(tags)) {
    cJSON_AddItemToObject(t->data, "Tags", tags);
  } else if (ans) {
    cJSON_Delete(tags);
    col_error(c, t->arn, "profile:ListTagsForResource", "MalformedResponse", "the answer's tags is not an object");
  }
  cJSON_Delete(ans);
  free(t);
}

static int has_tags(const cJSON *item) {
  const cJSON *tags = cJSON_GetObjectItemCaseSensitive(item, "Tags");
  return cJSON_IsObject(tags) && tags->child;
}

static void object_type(ca_col *c, const otdom *d, const cJSON *item) {
  const char *tname = col_str(item, "ObjectTypeName");
  if (!tname || !*tname) {
    col_error(c, d->darn, "profile:ListProfileObjectTypes", "MalformedResponse", "an item without its ObjectTypeName");
    return;
  }
  char oarn[768];
  if ((size_t)snprintf(oarn, sizeof oarn, "%s/object-types/%s", d->darn, tname) >= sizeof oarn) {
    col_error(c, d->darn, "profile:ListProfileObjectTypes", "MalformedResponse", "an object type name too long");
    return;
  }
  cJSON *data = col_resource(d->resources, "customer_profiles_object_type", oarn, tname, d->region);
  if (!data) return;   /* listed twice */
  cJSON_AddItemToObject(data, "ObjectType", cJSON_Duplicate(item, 1));
  if (has_tags(item)) return;
  ottags *t = calloc(1, sizeof *t);
  if (!t) return;
  t->data = data;
  snprintf(t->arn, sizeof t->arn, "%s", oarn);
  ca_buf p;
  ca_buf_init(&p, 1024);
  ca_buf_adds(&p, "/tags");
  ca_aws_path_add(&p, oarn);
  col_req r = {.service_env = "CUSTOMER_PROFILES", .prefix = "profile", .signing = "profile",
               .op = "ListTagsForResource", .method = "GET", .path = p.data, .region = d->region};
  col_json_in_q(c, &r, NULL, oarn, NULL, got_tags, t);
  ca_buf_free(&p);
}

static void listed(ca_col *c, void *ud, cJSON *all, const char *code) {
  otdom *d = ud;
  if (!all && code)
    for (int i = 0; unknown_codes[i]; i++)
      if (!strcmp(code, unknown_codes[i])) record_unknown(c, d, code);
  if (d->probe) {
    char key[160];
    key_of(d, "", key, sizeof key);
    d->probe = 0;
    col_release(c, key);
  }
  if (all) {
    const cJSON *it;
    cJSON_ArrayForEach(it, all) object_type(c, d, it);
    cJSON *dom = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(d->resources, "customer_profiles_domain"),
                                                  d->darn);
    cJSON *data = cJSON_GetObjectItemCaseSensitive(dom, "data");
    if (cJSON_IsObject(data) && !cJSON_GetObjectItemCaseSensitive(data, "ObjectTypes"))
      cJSON_AddItemToObject(data, "ObjectTypes", all);
    else
      cJSON_Delete(all);
  }
  free(d);
}

static void ask(ca_col *c, void *ud) {
  otdom *d = ud;
  if (region_unknown(c, d)) {   /* the region's entry says why */
    free(d);
    return;
  }
  char key[160];
  key_of(d, "", key, sizeof key);
  int held = col_hold(c, key, ask, d);
  if (!held) return;   /* waits for the region's first answer */
  d->probe = held > 0;
  ca_buf p;
  ca_buf_init(&p, 256);
  ca_buf_adds(&p, "/domains");
  ca_aws_path_add(&p, d->name);
  ca_buf_adds(&p, "/object-types");
  ca_aws_param q[] = {{"max-results", "100"}};
  col_req r = {.service_env = "CUSTOMER_PROFILES", .prefix = "profile", .signing = "profile",
               .op = "ListProfileObjectTypes", .method = "GET", .path = p.data, .query = q, .nquery = 1,
               .region = d->region};
  col_list_in_q(c, &r, NULL, "Items", "next-token", d->darn, unknown_codes, listed, d);
  ca_buf_free(&p);
}

void col_profile_object_types_q(ca_col *c, cJSON *resources, const char *domain_arn, const char *domain_name,
                                const char *region, const char *account) {
  otdom *d = calloc(1, sizeof *d);
  if (!d || strlen(domain_arn) >= sizeof d->darn || strlen(domain_name) >= sizeof d->name) {
    free(d);
    col_error(c, domain_arn, "profile:ListProfileObjectTypes", "ClientError", "domain name too long, or out of memory");
    return;
  }
  d->resources = resources;
  snprintf(d->darn, sizeof d->darn, "%s", domain_arn);
  snprintf(d->name, sizeof d->name, "%s", domain_name);
  snprintf(d->region, sizeof d->region, "%s", region);
  snprintf(d->account, sizeof d->account, "%s", account ? account : "");
  ask(c, d);
}
