/* kms.c -- the KMS keys the data is encrypted with (kms_key): every
 * EncryptionConfig.KeyId of the instances' storage configs and every bucket's
 * default-encryption KMSMasterKeyID.  KMS speaks json 1.1 (POST /,
 * X-Amz-Target TrentService.Op).  A key is called in its own region (the
 * region of its ARN; a bare ID or alias in the referencing resource's region).
 * Aliases are resolved with ListAliases (all pages, once per region), which
 * also gives each key its `Aliases`. */
#include <stdio.h>
#include <string.h>

#include "ca_limits.h"
#include "collect/collect_int.h"

/* One json 1.1 call; *out the answer object, or -1 (recorded unless `quiet`
 * is its code: then 1). */
static int kms_call(ca_col *c, const char *region, const char *op, const cJSON *req, const char *arn,
                    const char *quiet, cJSON **out) {
  char target[96], operation[96];
  snprintf(target, sizeof target, "TrentService.%s", op);
  snprintf(operation, sizeof operation, "kms:%s", op);
  char *body = cJSON_PrintUnformatted(req);
  *out = NULL;
  if (!body) return -1;
  ca_aws_req rq = {"KMS", "kms", "kms", op, "POST", "/", NULL, 0, "application/x-amz-json-1.1", target,
                   body, strlen(body)};
  ca_aws_resp resp;
  ca_aws_resp_init(&resp);
  int rc = ca_aws_call_in(c->aws, region, &rq, &resp);
  cJSON_free(body);
  if (!rc) {
    *out = cJSON_ParseWithLength(resp.body.data ? resp.body.data : "{}", resp.body.len ? resp.body.len : 2);
    if (!cJSON_IsObject(*out)) {
      cJSON_Delete(*out);
      *out = NULL;
      snprintf(resp.code, sizeof resp.code, "MalformedResponse");
      snprintf(resp.message, sizeof resp.message, "the answer is not a JSON object (%zu bytes)", resp.body.len);
      rc = -1;
    }
  }
  if (rc && quiet && !strcmp(resp.code, quiet)) rc = 1;
  else if (rc) col_error(c, arn, operation, resp.code, resp.message);
  ca_aws_resp_free(&resp);
  return rc;
}

/* ListAliases of a region, all pages (Marker / NextMarker + Truncated); cached
 * in `cache` (region -> array, or null when the list failed). */
static const cJSON *aliases_of(ca_col *c, cJSON *cache, const char *region, const char *account) {
  const cJSON *have = cJSON_GetObjectItemCaseSensitive(cache, region);
  if (have) return cJSON_IsArray(have) ? have : NULL;
  cJSON *all = cJSON_CreateArray(), *req = cJSON_CreateObject();
  char arn[128];
  snprintf(arn, sizeof arn, "arn:aws:kms:%s:%s:alias/*", region, account);
  for (long page = 0;; page++) {
    cJSON *ans;
    if (page >= CA_MAX_AWS_PAGES) {
      col_error(c, arn, "kms:ListAliases", "TooManyPages", "pagination did not end within the page limit (CA_MAX_AWS_PAGES)");
      ans = NULL;
    } else if (kms_call(c, region, "ListAliases", req, arn, NULL, &ans)) {
      ans = NULL;
    }
    if (!ans) {
      cJSON_Delete(all);
      cJSON_Delete(req);
      cJSON_AddNullToObject(cache, region);
      return NULL;
    }
    cJSON *list = cJSON_GetObjectItemCaseSensitive(ans, "Aliases");
    for (cJSON *it = cJSON_IsArray(list) ? list->child : NULL, *next; it; it = next) {
      next = it->next;
      cJSON_AddItemToArray(all, cJSON_DetachItemViaPointer(list, it));
    }
    const cJSON *tr = cJSON_GetObjectItemCaseSensitive(ans, "Truncated");
    const cJSON *nm = cJSON_GetObjectItemCaseSensitive(ans, "NextMarker");
    int more = cJSON_IsTrue(tr) && cJSON_IsString(nm) && *nm->valuestring;
    if (more) {
      cJSON_DeleteItemFromObjectCaseSensitive(req, "Marker");
      cJSON_AddStringToObject(req, "Marker", nm->valuestring);
    }
    cJSON_Delete(ans);
    if (!more) break;
  }
  cJSON_Delete(req);
  cJSON_AddItemToObject(cache, region, all);
  return all;
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

static void collect_key(ca_col *c, cJSON *keys, cJSON *cache, const char *ref, const char *default_region,
                        const char *account) {
  char region[64], keyarn[512] = "", want[512];
  if (arn_region(ref, region, sizeof region)) snprintf(region, sizeof region, "%s", default_region);
  const cJSON *aliases = aliases_of(c, cache, region, account);
  snprintf(want, sizeof want, "%s", ref);
  /* An alias (name or ARN): its target key, from ListAliases. */
  const char *al = strstr(ref, "alias/");
  if (al && (al == ref || !strncmp(ref, "arn:", 4))) {
    const cJSON *a;
    cJSON_ArrayForEach(a, aliases) {
      const cJSON *n = cJSON_GetObjectItemCaseSensitive(a, "AliasName");
      const cJSON *t = cJSON_GetObjectItemCaseSensitive(a, "TargetKeyId");
      if (cJSON_IsString(n) && cJSON_IsString(t) && !strcmp(n->valuestring, al)) {
        snprintf(want, sizeof want, "%s", t->valuestring);
        break;
      }
    }
  }
  if (!strncmp(want, "arn:", 4) && strstr(want, ":key/")) snprintf(keyarn, sizeof keyarn, "%s", want);
  else if (!strstr(want, "alias/") && account[0] && strlen(want) < 128)
    snprintf(keyarn, sizeof keyarn, "arn:aws:kms:%s:%s:key/%s", region, account, want);
  if (keyarn[0] && cJSON_GetObjectItemCaseSensitive(keys, keyarn)) return;

  cJSON *req = cJSON_CreateObject(), *ans;
  cJSON_AddStringToObject(req, "KeyId", want);
  cJSON *meta = NULL;
  if (!kms_call(c, region, "DescribeKey", req, keyarn[0] ? keyarn : ref, NULL, &ans)) {
    meta = cJSON_DetachItemFromObjectCaseSensitive(ans, "KeyMetadata");
    cJSON_Delete(ans);
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(meta, "Arn");
    if (cJSON_IsString(a) && strlen(a->valuestring) < sizeof keyarn) {
      snprintf(keyarn, sizeof keyarn, "%s", a->valuestring);
      arn_region(keyarn, region, sizeof region);
    } else {
      col_error(c, keyarn[0] ? keyarn : ref, "kms:DescribeKey", "MalformedResponse", "DescribeKey answered without KeyMetadata.Arn");
      cJSON_Delete(meta);
      meta = NULL;
    }
  }
  cJSON_Delete(req);
  if (!keyarn[0]) return;   /* an alias nobody could resolve: the DescribeKey error says which */
  if (cJSON_GetObjectItemCaseSensitive(keys, keyarn)) {
    cJSON_Delete(meta);
    return;
  }
  const char *keyid = strstr(keyarn, ":key/") ? strstr(keyarn, ":key/") + 5 : keyarn;
  cJSON *res = cJSON_CreateObject(), *data = cJSON_CreateObject();
  if (meta) cJSON_AddItemToObject(data, "KeyMetadata", meta);

  req = cJSON_CreateObject();
  cJSON_AddStringToObject(req, "KeyId", keyarn);
  int rc = kms_call(c, region, "GetKeyRotationStatus", req, keyarn, "UnsupportedOperationException", &ans);
  if (rc == 1) {
    cJSON_AddNullToObject(data, "KeyRotationEnabled");
  } else if (!rc) {
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(ans, "KeyRotationEnabled");
    if (cJSON_IsBool(e)) cJSON_AddBoolToObject(data, "KeyRotationEnabled", cJSON_IsTrue(e));
    else col_error(c, keyarn, "kms:GetKeyRotationStatus", "MalformedResponse", "the answer has no KeyRotationEnabled boolean");
    cJSON_Delete(ans);
  }
  cJSON_AddStringToObject(req, "PolicyName", "default");
  if (!kms_call(c, region, "GetKeyPolicy", req, keyarn, NULL, &ans)) {
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(ans, "Policy");
    cJSON *doc = cJSON_IsString(p) ? cJSON_Parse(p->valuestring) : NULL;
    if (cJSON_IsObject(doc)) cJSON_AddItemToObject(data, "Policy", doc);
    else {
      cJSON_Delete(doc);
      col_error(c, keyarn, "kms:GetKeyPolicy", "MalformedResponse", "the key policy is not a JSON object");
    }
    cJSON_Delete(ans);
  }
  cJSON_Delete(req);

  char name[256] = "";
  if (aliases) {
    cJSON *mine = cJSON_AddArrayToObject(data, "Aliases");
    const cJSON *a;
    cJSON_ArrayForEach(a, aliases) {
      const cJSON *t = cJSON_GetObjectItemCaseSensitive(a, "TargetKeyId");
      const cJSON *n = cJSON_GetObjectItemCaseSensitive(a, "AliasName");
      if (!cJSON_IsString(t) || (strcmp(t->valuestring, keyid) && strcmp(t->valuestring, keyarn))) continue;
      cJSON_AddItemToArray(mine, cJSON_Duplicate(a, 1));
      if (!name[0] && cJSON_IsString(n))
        snprintf(name, sizeof name, "%s", strncmp(n->valuestring, "alias/", 6) ? n->valuestring : n->valuestring + 6);
    }
  }
  cJSON_AddStringToObject(res, "name", name[0] ? name : keyid);
  cJSON_AddStringToObject(res, "region", region);
  cJSON_AddItemToObject(res, "data", data);
  cJSON_AddItemToObject(keys, keyarn, res);
}

/* Every EncryptionConfig.KeyId under v (storage configs nest it at several depths). */
static void walk_configs(ca_col *c, cJSON *keys, cJSON *cache, const cJSON *v, const char *region, const char *account) {
  const cJSON *k;
  cJSON_ArrayForEach(k, v) {
    if (k->string && !strcmp(k->string, "EncryptionConfig")) {
      const cJSON *id = cJSON_GetObjectItemCaseSensitive(k, "KeyId");
      if (cJSON_IsString(id) && *id->valuestring && strlen(id->valuestring) < 256)
        collect_key(c, keys, cache, id->valuestring, region, account);
    } else if (cJSON_IsObject(k) || cJSON_IsArray(k)) {
      walk_configs(c, keys, cache, k, region, account);
    }
  }
}

void col_kms_keys(ca_col *c, cJSON *resources, const char *account) {
  cJSON *keys = cJSON_GetObjectItemCaseSensitive(resources, "kms_key");
  if (!keys) keys = cJSON_AddObjectToObject(resources, "kms_key");
  cJSON *cache = cJSON_CreateObject();
  const cJSON *r;
  cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(resources, "connect_instance")) {
    const cJSON *reg = cJSON_GetObjectItemCaseSensitive(r, "region");
    const cJSON *sc = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(r, "data"), "StorageConfigs");
    walk_configs(c, keys, cache, sc, cJSON_IsString(reg) ? reg->valuestring : ca_aws_region(c->aws), account);
  }
  cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(resources, "s3_bucket")) {
    const cJSON *reg = cJSON_GetObjectItemCaseSensitive(r, "region");
    const cJSON *sse = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(r, "data"),
                                                        "ServerSideEncryptionConfiguration");
    const cJSON *rule;
    cJSON_ArrayForEach(rule, cJSON_GetObjectItemCaseSensitive(sse, "Rules")) {
      const cJSON *id = cJSON_GetObjectItemCaseSensitive(
          cJSON_GetObjectItemCaseSensitive(rule, "ApplyServerSideEncryptionByDefault"), "KMSMasterKeyID");
      if (cJSON_IsString(id) && *id->valuestring && strlen(id->valuestring) < 256)
        collect_key(c, keys, cache, id->valuestring, cJSON_IsString(reg) ? reg->valuestring : ca_aws_region(c->aws),
                    account);
    }
  }
  cJSON_Delete(cache);
}

/* The places the data goes: buckets first (their default keys are KMS keys too). */
void col_storage(ca_col *c, cJSON *resources, const char *account) {
  col_s3_buckets(c, resources);
  col_kms_keys(c, resources, account);
}
