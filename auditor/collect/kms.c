/* kms.c -- the KMS keys the data is encrypted with (kms_key): every key
 * named by the instances' storage configs, the buckets' default encryption,
 * the streams (Kinesis KeyId, Firehose KeyARN, Kinesis Video KmsKeyId), the
 * log group, the customer-data domains (Voice ID, Wisdom, Customer
 * Profiles), the Firehose S3 destinations, the Lex V2 audio logs and the
 * instances' outbound campaigns.  KMS speaks json 1.1 (POST /, X-Amz-Target TrentService.Op).  A
 * key is called in its own region (the region of its ARN; a bare ID or alias
 * in the referencing resource's region).  Aliases are resolved with
 * ListAliases (all pages, once per region), which also gives each key its
 * `Aliases`.  Every call is queued: the regions' alias lists together, then
 * each key's DescribeKey, then its rotation status and policy together. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"
#include "collect/collect_int.h"
#include "collect/services.h"

typedef struct kctx {
  ca_col *c;
  cJSON *keys;       /* resources.kms_key */
  cJSON *aliases;    /* region -> every alias (array), or null when ListAliases failed */
  cJSON *waiting;    /* region -> [[ref, ...]] asked before its aliases came */
  cJSON *asked;      /* key ARN -> true: DescribeKey queued */
  char account[13];
} kctx;

static const char *const unsupported[] = {"UnsupportedOperationException", NULL};

static void kms_q(kctx *k, const char *region, const char *op, const cJSON *req, const char *arn,
                  const char *const *quiet, col_done done, void *ud) {
  char target[96];
  snprintf(target, sizeof target, "TrentService.%s", op);
  char *body = cJSON_PrintUnformatted(req);
  if (!body) {
    done(k->c, ud, NULL, "ClientError");
    return;
  }
  ca_aws_req rq = {"KMS", "kms", "kms", op, "POST", "/", NULL, 0, "application/x-amz-json-1.1", target,
                   body, strlen(body)};
  col_req_q(k->c, region, &rq, NULL, arn, quiet, done, ud);
  cJSON_free(body);
}

/* arn:aws:kms:REGION:ACCOUNT:key/ID or :alias/NAME -> region (0), or -1. */
static int arn_region(const char *ref, char *region, size_t rsz) {
  if (strncmp(ref, "arn:", 4)) return -1;
  const char *p = ref;
  for (int i = 0; i < 3; i++)
    if (!(p = strchr(p, ':'))) return -1;
    else p++;
  const char *e = strchr(p, ':');
  if (!e || e == p || (size_t)(e - p) >= rsz) return -1;
  snprintf(region, rsz, "%.*s", (int)(e - p), p);
  return 0;
}

static void describe(kctx *k, const char *ref, const char *region);

/* ---- ListAliases of a region, all pages (Marker / NextMarker + Truncated) ---- */
typedef struct apage {
  kctx *k;
  char region[64], arn[128];
  cJSON *all, *req;
  long page;
} apage;

static void aliases_page(ca_col *c, void *ud, cJSON *ans, const char *code) {
  (void)code;
  apage *a = ud;
  kctx *k = a->k;
  int more = 0, ok = ans != NULL;
  if (ans) {
    cJSON *list = cJSON_GetObjectItemCaseSensitive(ans, "Aliases");
    for (cJSON *it = cJSON_IsArray(list) ? list->child : NULL, *next; it; it = next) {
      next = it->next;
      cJSON_AddItemToArray(a->all, cJSON_DetachItemViaPointer(list, it));
    }
    const cJSON *tr = cJSON_GetObjectItemCaseSensitive(ans, "Truncated");
    const cJSON *nm = cJSON_GetObjectItemCaseSensitive(ans, "NextMarker");
    more = cJSON_IsTrue(tr) && cJSON_IsString(nm) && *nm->valuestring;
    if (more) {
      cJSON_DeleteItemFromObjectCaseSensitive(a->req, "Marker");
      cJSON_AddStringToObject(a->req, "Marker", nm->valuestring);
    }
    cJSON_Delete(ans);
  }
  if (more && ++a->page >= CA_MAX_AWS_PAGES) {
    col_error(c, a->arn, "kms:ListAliases", "TooManyPages", "pagination did not end within the page limit (CA_MAX_AWS_PAGES)");
    ok = more = 0;
  }
  if (more) {
    kms_q(k, a->region, "ListAliases", a->req, a->arn, NULL, aliases_page, a);
    return;
  }
  /* The region's list, or null (failed: never a partial list); then the keys that waited for it. */
  if (ok) cJSON_AddItemToObject(k->aliases, a->region, a->all);
  else cJSON_Delete(a->all), cJSON_AddNullToObject(k->aliases, a->region);
  cJSON *refs = cJSON_DetachItemFromObjectCaseSensitive(k->waiting, a->region);
  const cJSON *r;
  cJSON_ArrayForEach(r, refs) describe(k, r->valuestring, a->region);
  cJSON_Delete(refs);
  cJSON_Delete(a->req);
  free(a);
}

/* ---- One key ---- */
typedef struct kask {
  kctx *k;
  cJSON *data;             /* the key's data (after DescribeKey) */
  char ref[512], region[64], keyarn[512];
} kask;

static void got_rotation(ca_col *c, void *ud, cJSON *ans, const char *code) {
  kask *q = ud;
  if (!ans && !strcmp(code, "UnsupportedOperationException")) {   /* no rotation to have (asymmetric, imported) */
    cJSON_AddNullToObject(q->data, "KeyRotationEnabled");
  } else if (ans) {
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(ans, "KeyRotationEnabled");
    if (cJSON_IsBool(e)) cJSON_AddBoolToObject(q->data, "KeyRotationEnabled", cJSON_IsTrue(e));
    else col_error(c, q->keyarn, "kms:GetKeyRotationStatus", "MalformedResponse", "the answer has no KeyRotationEnabled boolean");
  }
  cJSON_Delete(ans);
  free(q);
}

static void got_policy(ca_col *c, void *ud, cJSON *ans, const char *code) {
  (void)code;
  kask *q = ud;
  if (ans) {
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(ans, "Policy");
    cJSON *doc = cJSON_IsString(p) ? cJSON_Parse(p->valuestring) : NULL;
    if (cJSON_IsObject(doc)) cJSON_AddItemToObject(q->data, "Policy", doc);
    else {
      cJSON_Delete(doc);
      col_error(c, q->keyarn, "kms:GetKeyPolicy", "MalformedResponse", "the key policy is not a JSON object");
    }
  }
  cJSON_Delete(ans);
  free(q);
}

static void described(ca_col *c, void *ud, cJSON *ans, const char *code) {
  (void)code;
  kask *q = ud;
  kctx *k = q->k;
  cJSON *meta = NULL;
  if (ans) {
    meta = cJSON_DetachItemFromObjectCaseSensitive(ans, "KeyMetadata");
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(meta, "Arn");
    if (cJSON_IsString(a) && strlen(a->valuestring) < sizeof q->keyarn) {
      snprintf(q->keyarn, sizeof q->keyarn, "%s", a->valuestring);
      arn_region(q->keyarn, q->region, sizeof q->region);
    } else {
      col_error(c, q->keyarn[0] ? q->keyarn : q->ref, "kms:DescribeKey", "MalformedResponse", "DescribeKey answered without KeyMetadata.Arn");
      cJSON_Delete(meta);
      meta = NULL;
    }
    cJSON_Delete(ans);
  }
  /* An alias nobody could resolve (the DescribeKey error says which), or a
   * key another reference reached first. */
  if (!q->keyarn[0] || cJSON_GetObjectItemCaseSensitive(k->keys, q->keyarn)) {
    cJSON_Delete(meta);
    free(q);
    return;
  }
  const char *keyid = strstr(q->keyarn, ":key/") ? strstr(q->keyarn, ":key/") + 5 : q->keyarn;
  char name[256] = "";
  cJSON *data = cJSON_CreateObject();
  if (meta) cJSON_AddItemToObject(data, "KeyMetadata", meta);
  const cJSON *aliases = cJSON_GetObjectItemCaseSensitive(k->aliases, q->region);
  if (cJSON_IsArray(aliases)) {
    cJSON *mine = cJSON_AddArrayToObject(data, "Aliases");
    const cJSON *a;
    cJSON_ArrayForEach(a, aliases) {
      const cJSON *t = cJSON_GetObjectItemCaseSensitive(a, "TargetKeyId");
      const cJSON *n = cJSON_GetObjectItemCaseSensitive(a, "AliasName");
      if (!cJSON_IsString(t) || (strcmp(t->valuestring, keyid) && strcmp(t->valuestring, q->keyarn))) continue;
      cJSON_AddItemToArray(mine, cJSON_Duplicate(a, 1));
      if (!name[0] && cJSON_IsString(n))
        snprintf(name, sizeof name, "%s", strncmp(n->valuestring, "alias/", 6) ? n->valuestring : n->valuestring + 6);
    }
  }
  cJSON *res = cJSON_CreateObject();
  cJSON_AddStringToObject(res, "name", name[0] ? name : keyid);
  cJSON_AddStringToObject(res, "region", q->region);
  cJSON_AddItemToObject(res, "data", data);
  cJSON_AddItemToObject(k->keys, q->keyarn, res);

  cJSON *req = cJSON_CreateObject();
  cJSON_AddStringToObject(req, "KeyId", q->keyarn);
  kask *r = malloc(sizeof *r), *p = malloc(sizeof *p);
  if (r) *r = *q, r->data = data, kms_q(k, q->region, "GetKeyRotationStatus", req, q->keyarn, unsupported, got_rotation, r);
  cJSON_AddStringToObject(req, "PolicyName", "default");
  if (p) *p = *q, p->data = data, kms_q(k, q->region, "GetKeyPolicy", req, q->keyarn, NULL, got_policy, p);
  cJSON_Delete(req);
  free(q);
}

/* ref in region, whose aliases are known (or failed): resolved, then described. */
static void describe(kctx *k, const char *ref, const char *region) {
  char keyarn[512] = "", want[512];
  snprintf(want, sizeof want, "%s", ref);
  /* An alias (name or ARN): its target key, from ListAliases. */
  const char *al = strstr(ref, "alias/");
  if (al && (al == ref || !strncmp(ref, "arn:", 4))) {
    const cJSON *a;
    cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(k->aliases, region)) {
      const cJSON *n = cJSON_GetObjectItemCaseSensitive(a, "AliasName");
      const cJSON *t = cJSON_GetObjectItemCaseSensitive(a, "TargetKeyId");
      if (cJSON_IsString(n) && cJSON_IsString(t) && !strcmp(n->valuestring, al)) {
        snprintf(want, sizeof want, "%s", t->valuestring);
        break;
      }
    }
  }
  if (!strncmp(want, "arn:", 4) && strstr(want, ":key/")) snprintf(keyarn, sizeof keyarn, "%s", want);
  else if (!strstr(want, "alias/") && k->account[0] && strlen(want) < 128)
    snprintf(keyarn, sizeof keyarn, "arn:aws:kms:%s:%s:key/%s", region, k->account, want);
  if (keyarn[0]) {
    if (cJSON_GetObjectItemCaseSensitive(k->asked, keyarn)) return;   /* asked already */
    cJSON_AddTrueToObject(k->asked, keyarn);
  }
  kask *q = calloc(1, sizeof *q);
  if (!q) return;
  q->k = k;
  snprintf(q->ref, sizeof q->ref, "%s", ref);
  snprintf(q->region, sizeof q->region, "%s", region);
  snprintf(q->keyarn, sizeof q->keyarn, "%s", keyarn);
  cJSON *req = cJSON_CreateObject();
  cJSON_AddStringToObject(req, "KeyId", want);
  kms_q(k, region, "DescribeKey", req, keyarn[0] ? keyarn : ref, NULL, described, q);
  cJSON_Delete(req);
}

/* A reference to a key (ARN, ID, alias name or alias ARN) from a resource in default_region. */
static void key_ref(kctx *k, const char *ref, const char *default_region) {
  if (!ref || !*ref || strlen(ref) >= 256) return;
  char region[64];
  if (arn_region(ref, region, sizeof region)) snprintf(region, sizeof region, "%s", default_region);
  if (cJSON_GetObjectItemCaseSensitive(k->aliases, region)) {
    describe(k, ref, region);
    return;
  }
  cJSON *w = cJSON_GetObjectItemCaseSensitive(k->waiting, region);
  if (w) {   /* its region's aliases are on the way */
    cJSON_AddItemToArray(w, cJSON_CreateString(ref));
    return;
  }
  w = cJSON_AddArrayToObject(k->waiting, region);
  cJSON_AddItemToArray(w, cJSON_CreateString(ref));
  apage *a = calloc(1, sizeof *a);
  if (!a) return;
  a->k = k;
  snprintf(a->region, sizeof a->region, "%s", region);
  snprintf(a->arn, sizeof a->arn, "arn:aws:kms:%s:%s:alias/*", region, k->account);
  a->all = cJSON_CreateArray();
  a->req = cJSON_CreateObject();
  kms_q(k, region, "ListAliases", a->req, a->arn, NULL, aliases_page, a);
}

/* Every EncryptionConfig.KeyId under v (storage configs nest it at several depths). */
static void walk_configs(kctx *k, const cJSON *v, const char *region) {
  const cJSON *e;
  cJSON_ArrayForEach(e, v) {
    if (e->string && !strcmp(e->string, "EncryptionConfig")) {
      const cJSON *id = cJSON_GetObjectItemCaseSensitive(e, "KeyId");
      if (cJSON_IsString(id)) key_ref(k, id->valuestring, region);
    } else if (cJSON_IsObject(e) || cJSON_IsArray(e)) {
      walk_configs(k, e, region);
    }
  }
}

/* Where the other collected resources name their key (a path in data). */
static const struct { const char *type, *path[5]; } KEY_AT[] = {
    {"kinesis_stream", {"StreamDescriptionSummary", "KeyId"}},
    {"firehose_delivery_stream", {"DeliveryStreamDescription", "DeliveryStreamEncryptionConfiguration", "KeyARN"}},
    {"kinesis_video_stream", {"StreamInfo", "KmsKeyId"}},
    {"logs_log_group", {"LogGroup", "kmsKeyId"}},
    {"voiceid_domain", {"Domain", "ServerSideEncryptionConfiguration", "KmsKeyId"}},
    {"wisdom_knowledge_base", {"knowledgeBase", "serverSideEncryptionConfiguration", "kmsKeyId"}},
    {"customer_profiles_domain", {"Domain", "DefaultEncryptionKey"}},
    {"dynamodb_table", {"Table", "SSEDescription", "KMSMasterKeyArn"}},
    {"connect_instance", {"CampaignInstanceConfig", "encryptionConfig", "keyArn"}},   /* outbound campaigns' key */
};

static const char *region_of(const ca_col *c, const cJSON *res) {
  const cJSON *reg = cJSON_GetObjectItemCaseSensitive(res, "region");
  return cJSON_IsString(reg) ? reg->valuestring : ca_aws_region(c->aws);
}

void col_kms_keys(ca_col *c, cJSON *resources, const char *account) {
  kctx k = {c, cJSON_GetObjectItemCaseSensitive(resources, "kms_key"), cJSON_CreateObject(), cJSON_CreateObject(),
            cJSON_CreateObject(), ""};
  if (!k.keys) k.keys = cJSON_AddObjectToObject(resources, "kms_key");
  snprintf(k.account, sizeof k.account, "%s", account);
  const cJSON *r;
  cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(resources, "connect_instance"))
    walk_configs(&k, cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(r, "data"), "StorageConfigs"),
                 region_of(c, r));
  cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(resources, "s3_bucket")) {
    const cJSON *sse = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(r, "data"),
                                                        "ServerSideEncryptionConfiguration");
    const cJSON *rule;
    cJSON_ArrayForEach(rule, cJSON_GetObjectItemCaseSensitive(sse, "Rules")) {
      const cJSON *id = cJSON_GetObjectItemCaseSensitive(
          cJSON_GetObjectItemCaseSensitive(rule, "ApplyServerSideEncryptionByDefault"), "KMSMasterKeyID");
      if (cJSON_IsString(id)) key_ref(&k, id->valuestring, region_of(c, r));
    }
  }
  for (size_t i = 0; i < sizeof KEY_AT / sizeof *KEY_AT; i++)
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(resources, KEY_AT[i].type)) {
      const cJSON *v = cJSON_GetObjectItemCaseSensitive(r, "data");
      for (int j = 0; v && KEY_AT[i].path[j]; j++) v = cJSON_GetObjectItemCaseSensitive(v, KEY_AT[i].path[j]);
      if (cJSON_IsString(v)) key_ref(&k, v->valuestring, region_of(c, r));
    }
  /* Arrays on the way: Firehose S3 destinations, Lex V2 audio logs. */
  const cJSON *e;
  cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(resources, "firehose_delivery_stream"))
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(
                              cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(r, "data"), "DeliveryStreamDescription"),
                              "Destinations")) {
      static const char *const kinds[] = {"S3DestinationDescription", "ExtendedS3DestinationDescription"};
      for (int i = 0; i < 2; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, kinds[i]);
        v = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(
                v, "EncryptionConfiguration"), "KMSEncryptionConfig"), "AWSKMSKeyARN");
        if (cJSON_IsString(v)) key_ref(&k, v->valuestring, region_of(c, r));
      }
    }
  cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(resources, "lexv2_bot"))
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(r, "data"), "Aliases")) {
      const cJSON *log;
      cJSON_ArrayForEach(log, cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(e, "conversationLogSettings"),
                                                               "audioLogSettings")) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(
            cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(log, "destination"), "s3Bucket"), "kmsKeyArn");
        if (cJSON_IsString(v)) key_ref(&k, v->valuestring, region_of(c, r));
      }
    }
  col_run(c);   /* the regions' aliases, then the keys: in flight together */
  cJSON_Delete(k.aliases);
  cJSON_Delete(k.waiting);
  cJSON_Delete(k.asked);
}
