/* s3.c -- the buckets the instance's storage configs name (s3_bucket).
 *
 * S3 speaks rest-xml: path-style requests (https://s3.REGION.amazonaws.com/BUCKET,
 * or the custom endpoint), every GET carries x-amz-content-sha256, subresources
 * are sent as `?policy=` (k=v: curl signs the query as written).  Answers are
 * read with expat into the member names botocore gives the output shapes
 * (flattened `Rule` lists become `Rules`, `AccessControlList` becomes
 * `Grants`, `MfaDelete` is `MFADelete`, `xsi:type` is the grantee's `Type`,
 * booleans and integers typed).  GetBucketLocation comes first: the bucket's
 * region is where every other call goes and what it is signed for.  The
 * "not configured" errors are evidence of absence: the member is null. */
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/collect_int.h"
#include "collect/services.h"

#define S3_EMPTY_SHA256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define XML_MAX_DEPTH 64

/* ---- rest-xml to JSON (botocore member names) ---- */
typedef struct xframe {
  const char *member;   /* name in the parent */
  cJSON *obj;           /* object (or array for wrapper lists) of the children */
  ca_buf text;
  int children;
  int list_into_parent; /* a flattened list member: appended to parent[member] */
  char name[64];
} xframe;

typedef struct xstate {
  xframe st[XML_MAX_DEPTH];
  int depth;
  int bad;
  cJSON *root;          /* the document element's value */
} xstate;

static int in(const char *s, const char *const *set) {
  for (; *set; set++)
    if (!strcmp(s, *set)) return 1;
  return 0;
}

static const char *const BOOLS[] = {"IsPublic", "BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy",
                                    "RestrictPublicBuckets", "BucketKeyEnabled", NULL};
static const char *const INTS[] = {"Days", "Years", NULL};
static const char *const EMPTY_STRUCTS[] = {"SimplePrefix", NULL};
static const char *const WRAPPERS[] = {"AccessControlList", "TargetGrants", NULL};   /* <X><Grant/>…</X> */

static void on_start(void *ud, const XML_Char *name, const XML_Char **attrs) {
  xstate *x = ud;
  if (x->bad || x->depth >= XML_MAX_DEPTH) {
    x->bad = 1;
    return;
  }
  const char *parent = x->depth ? x->st[x->depth - 1].name : "";
  if (x->depth) x->st[x->depth - 1].children++;
  xframe *f = &x->st[x->depth++];
  memset(f, 0, sizeof *f);
  snprintf(f->name, sizeof f->name, "%s", name);
  f->member = f->name;
  if (!strcmp(name, "Rule") && (!strcmp(parent, "ServerSideEncryptionConfiguration") || !strcmp(parent, "OwnershipControls"))) {
    f->member = "Rules";
    f->list_into_parent = 1;
  } else if (!strcmp(name, "AccessControlList")) {
    f->member = "Grants";
  } else if (!strcmp(name, "MfaDelete")) {
    f->member = "MFADelete";
  }
  f->obj = in(name, WRAPPERS) ? cJSON_CreateArray() : cJSON_CreateObject();
  ca_buf_init(&f->text, 1 << 20);
  for (int i = 0; attrs && attrs[i]; i += 2) {
    const char *colon = strchr(attrs[i], ':');
    if (!strcmp(colon ? colon + 1 : attrs[i], "type") && colon && strncmp(attrs[i], "xmlns", 5)) {
      cJSON_AddStringToObject(f->obj, "Type", attrs[i + 1]);
      f->children++;
    }
  }
}

static void on_text(void *ud, const XML_Char *s, int len) {
  xstate *x = ud;
  if (x->bad || !x->depth) return;
  if (ca_buf_add(&x->st[x->depth - 1].text, s, (size_t)len)) x->bad = 1;
}

static void on_end(void *ud, const XML_Char *name) {
  xstate *x = ud;
  (void)name;
  if (x->bad || !x->depth) return;
  xframe *f = &x->st[--x->depth];
  cJSON *v;
  const char *t = f->text.data ? f->text.data : "";
  if (f->children || cJSON_IsArray(f->obj) || in(f->name, EMPTY_STRUCTS)) {
    v = f->obj;
  } else {
    cJSON_Delete(f->obj);
    if (in(f->name, BOOLS)) v = cJSON_CreateBool(!strcmp(t, "true"));
    else if (in(f->name, INTS)) v = cJSON_CreateNumber(strtod(t, NULL));
    else v = cJSON_CreateString(t);
  }
  f->obj = NULL;
  ca_buf_free(&f->text);
  if (!x->depth) {
    x->root = v;
    return;
  }
  cJSON *p = x->st[x->depth - 1].obj;
  if (cJSON_IsArray(p)) {
    cJSON_AddItemToArray(p, v);
  } else if (f->list_into_parent) {
    cJSON *arr = cJSON_GetObjectItemCaseSensitive(p, f->member);
    if (!arr) arr = cJSON_AddArrayToObject(p, f->member);
    cJSON_AddItemToArray(arr, v);
  } else {
    cJSON_DeleteItemFromObjectCaseSensitive(p, f->member);
    cJSON_AddItemToObject(p, f->member, v);
  }
}

/* The document element's value (object, or string for a leaf); NULL when the XML does not parse. */
static cJSON *xml_to_json(const char *xml, size_t len) {
  xstate *x = calloc(1, sizeof *x);
  if (!x) return NULL;
  XML_Parser p = XML_ParserCreate("UTF-8");
  if (!p) {
    free(x);
    return NULL;
  }
  XML_SetUserData(p, x);
  XML_SetElementHandler(p, on_start, on_end);
  XML_SetCharacterDataHandler(p, on_text);
  int ok = XML_Parse(p, xml ? xml : "", (int)len, 1) == XML_STATUS_OK && !x->bad && x->root;
  XML_ParserFree(p);
  while (x->depth > 0) {   /* an aborted document */
    xframe *f = &x->st[--x->depth];
    cJSON_Delete(f->obj);
    ca_buf_free(&f->text);
  }
  cJSON *root = x->root;
  free(x);
  if (!ok) {
    cJSON_Delete(root);
    return NULL;
  }
  return root;
}

/* ---- calls ---- */
typedef struct s3op {
  const char *op;          /* "GetBucketPolicy" */
  const char *sub;         /* query subresource: "policy" */
  const char *member;      /* data member */
  const char *none[3];     /* "not configured" codes: the member is null */
} s3op;

/* import.c: the AWS CLI's JSON answer (s3/BUCKET/<op>.json) as the value
 * xml_to_json gives the XML one: the document element's content (the CLI
 * wraps most in a member of the operation's name). */
static int s3_replay(ca_col *c, const char *bucket, const char *arn, const s3op *o, cJSON **v) {
  ca_buf path;
  ca_buf_init(&path, 4096);
  ca_aws_path_add(&path, bucket);
  col_call call = {"S3", "s3", "s3", o->op, "GET", path.data ? path.data : "/", NULL, 0, NULL};
  cJSON *ans = NULL;
  char code[128] = "", msg[512] = "", op[96];
  int r = c->replay(c, &call, &ans, code, sizeof code, msg, sizeof msg);
  ca_buf_free(&path);
  if (r > 0) return 2;   /* not exported: not collected */
  if (r < 0) {
    for (int i = 0; i < 3 && o->none[i]; i++)
      if (!strcmp(code, o->none[i])) return 1;
    snprintf(op, sizeof op, "s3:%s", o->op);
    col_error(c, arn, op, code, msg);
    return strcmp(code, "NoSuchBucket") ? -1 : 3;
  }
  const char *m = o->member;
  if (!strcmp(m, "LocationConstraint")) {   /* null: us-east-1, as an empty element */
    cJSON *lc = cJSON_GetObjectItemCaseSensitive(ans, m);
    *v = cJSON_CreateString(cJSON_IsString(lc) ? lc->valuestring : "");
  } else if (!strcmp(m, "Policy")) {        /* the document, as a JSON string */
    cJSON *p = cJSON_GetObjectItemCaseSensitive(ans, "Policy");
    *v = cJSON_IsString(p) ? cJSON_Parse(p->valuestring) : NULL;
  } else if (!strcmp(m, "Versioning") || !strcmp(m, "Acl") || !strcmp(m, "LoggingEnabled")) {
    *v = ans, ans = NULL;                   /* the document's members at the top */
  } else {
    *v = cJSON_DetachItemFromObjectCaseSensitive(ans, m);
  }
  cJSON_Delete(ans);
  return 0;
}

static void malformed(ca_col *c, const char *arn, const char *op, const char *what) {
  char o[96];
  snprintf(o, sizeof o, "s3:%s", op);
  col_error(c, arn, o, "MalformedResponse", what);
}

static const s3op OPS[] = {
    {"GetBucketPolicy", "policy", "Policy", {"NoSuchBucketPolicy", NULL, NULL}},
    {"GetBucketPolicyStatus", "policyStatus", "PolicyStatus", {"NoSuchBucketPolicy", NULL, NULL}},
    {"GetBucketEncryption", "encryption", "ServerSideEncryptionConfiguration",
     {"ServerSideEncryptionConfigurationNotFoundError", NULL, NULL}},
    {"GetPublicAccessBlock", "publicAccessBlock", "PublicAccessBlockConfiguration",
     {"NoSuchPublicAccessBlockConfiguration", NULL, NULL}},
    {"GetBucketVersioning", "versioning", "Versioning", {NULL, NULL, NULL}},
    {"GetObjectLockConfiguration", "object-lock", "ObjectLockConfiguration", {"ObjectLockConfigurationNotFoundError", NULL, NULL}},
    {"GetBucketLogging", "logging", "LoggingEnabled", {NULL, NULL, NULL}},
    {"GetBucketOwnershipControls", "ownershipControls", "OwnershipControls", {"OwnershipControlsNotFoundError", NULL, NULL}},
    {"GetBucketAcl", "acl", "Acl", {NULL, NULL, NULL}},
};

/* One bucket while its calls are out; freed when the last has ended. */
typedef struct bstate {
  cJSON *data;
  cJSON *res;
  char bucket[64], arn[128 + 64], region[64];
  int pending;
} bstate;

typedef void (*s3_got)(ca_col *c, bstate *b, const s3op *o, int rc, cJSON *v);

typedef struct s3call {
  ca_col *c;
  bstate *b;
  const s3op *o;
  s3_got got;
} s3call;

/* rc: 0 (v the answer's value: the XML document element's content, the
 * bucket policy parsed), 1 "not configured", -1 failed (recorded), 2 not in
 * the imported folder, 3 no such bucket (recorded). */
static void s3_done(void *ud, int rc, ca_aws_resp *resp) {
  s3call *k = ud;
  ca_col *c = k->c;
  char op[96];
  snprintf(op, sizeof op, "s3:%s", k->o->op);
  col_progress_call(c, op);
  cJSON *v = NULL;
  if (!rc) {
    v = !strcmp(k->o->member, "Policy") ? cJSON_ParseWithLength(resp->body.data ? resp->body.data : "", resp->body.len)
                                        : xml_to_json(resp->body.data, resp->body.len);
  } else {
    rc = -1;
    for (int i = 0; i < 3 && k->o->none[i]; i++)
      if (!strcmp(resp->code, k->o->none[i])) rc = 1;
    if (rc < 0) col_error(c, k->b->arn, op, resp->code, resp->message);
    if (!strcmp(resp->code, "NoSuchBucket")) rc = 3;
  }
  k->got(c, k->b, k->o, rc, v);
  free(k);
}

/* One GET BUCKET?sub= in region (NULL: the client's), or its answer from
 * the imported folder; `got` receives the value. */
static void s3_value_q(ca_col *c, bstate *b, const s3op *o, const char *region, s3_got got) {
  if (c->replay) {
    cJSON *v = NULL;
    int rc = s3_replay(c, b->bucket, b->arn, o, &v);
    got(c, b, o, rc, v);
    return;
  }
  static const char *const hdrs[] = {"x-amz-content-sha256: " S3_EMPTY_SHA256, NULL};
  s3call *k = malloc(sizeof *k);
  ca_buf path;
  ca_buf_init(&path, 4096);
  if (!k || ca_aws_path_add(&path, b->bucket)) {
    ca_buf_free(&path);
    free(k);
    char op[96];
    snprintf(op, sizeof op, "s3:%s", o->op);
    col_error(c, b->arn, op, "ClientError", "bucket name too long, or out of memory");
    got(c, b, o, -1, NULL);
    return;
  }
  *k = (s3call){c, b, o, got};
  ca_aws_param q = {o->sub, ""};
  ca_aws_req rq = {"S3", "s3", "s3", o->op, "GET", path.data, &q, 1, NULL, NULL, NULL, 0};
  ca_aws_submit(c->aws, region, hdrs, &rq, s3_done, k);
  ca_buf_free(&path);
}

static void got_op(ca_col *c, bstate *b, const s3op *o, int rc, cJSON *v) {
  cJSON *data = b->data;
  if (rc == 1) cJSON_AddNullToObject(data, o->member);
  if (!rc) {
    if (!strcmp(o->member, "Policy")) {   /* the answer is the policy document itself */
      if (!cJSON_IsObject(v)) {
        cJSON_Delete(v);
        v = NULL;
        malformed(c, b->arn, o->op, "the bucket policy is not a JSON object");
      }
    } else {
      if (!v || (!cJSON_IsObject(v) && !(cJSON_IsString(v) && !*v->valuestring))) {
        cJSON_Delete(v);
        v = NULL;
        malformed(c, b->arn, o->op, "the answer is not the XML document the operation returns");
      } else if (cJSON_IsString(v)) {   /* an empty document element: nothing inside */
        cJSON_Delete(v);
        v = cJSON_CreateObject();
      }
      if (v && !strcmp(o->member, "LoggingEnabled")) {   /* <BucketLoggingStatus/>: logging off */
        cJSON *le = cJSON_DetachItemFromObjectCaseSensitive(v, "LoggingEnabled");
        cJSON_Delete(v);
        v = le ? le : cJSON_CreateNull();
      }
    }
    if (v) cJSON_AddItemToObject(data, o->member, v);
  }
  if (!--b->pending) free(b);
}

/* GetBucketLocation's answer: the bucket's region, where the other calls go. */
static void got_location(ca_col *c, bstate *b, const s3op *loc, int rc, cJSON *v) {
  if (!rc) {
    if (cJSON_IsString(v) || (cJSON_IsObject(v) && !v->child)) {   /* <LocationConstraint/>: us-east-1 */
      const char *lc = cJSON_IsString(v) ? v->valuestring : "";
      if (!*lc) cJSON_AddNullToObject(b->data, "LocationConstraint");
      else cJSON_AddStringToObject(b->data, "LocationConstraint", lc);
      snprintf(b->region, sizeof b->region, "%s", !*lc ? "us-east-1" : !strcmp(lc, "EU") ? "eu-west-1" : lc);
    } else {
      malformed(c, b->arn, loc->op, "GetBucketLocation answered without a LocationConstraint element");
    }
  }
  cJSON_Delete(v);
  cJSON_AddStringToObject(b->res, "region", b->region);
  if (rc == 3) {   /* a destination that names a deleted bucket: one errors[] entry, nothing more to ask */
    free(b);
    return;
  }
  b->pending = (int)(sizeof OPS / sizeof *OPS);
  for (size_t i = 0; i < sizeof OPS / sizeof *OPS; i++) s3_value_q(c, b, &OPS[i], b->region, got_op);
}

static void queue_bucket(ca_col *c, cJSON *buckets, const char *bucket) {
  char arn[128 + 64];
  snprintf(arn, sizeof arn, "arn:aws:s3:::%s", bucket);
  if (cJSON_GetObjectItemCaseSensitive(buckets, arn)) return;
  bstate *b = calloc(1, sizeof *b);
  if (!b) {
    col_error(c, arn, "collect", "ClientError", "out of memory");
    return;
  }
  snprintf(b->bucket, sizeof b->bucket, "%s", bucket);
  snprintf(b->arn, sizeof b->arn, "%s", arn);
  snprintf(b->region, sizeof b->region, "%s", ca_aws_region(c->aws));
  b->res = cJSON_CreateObject();
  cJSON_AddStringToObject(b->res, "name", bucket);
  b->data = cJSON_AddObjectToObject(b->res, "data");
  cJSON_AddItemToObject(buckets, arn, b->res);
  /* GetBucketLocation, in the client's region: any region answers it. */
  static const s3op loc = {"GetBucketLocation", "location", "LocationConstraint", {NULL, NULL, NULL}};
  s3_value_q(c, b, &loc, NULL, got_location);
}

void col_s3_buckets_q(ca_col *c, cJSON *resources, const cJSON *types) {
  cJSON *buckets = cJSON_GetObjectItemCaseSensitive(resources, "s3_bucket");
  if (!buckets) buckets = cJSON_AddObjectToObject(resources, "s3_bucket");
  const cJSON *list, *cfg;
  cJSON_ArrayForEach(list, types) {
    cJSON_ArrayForEach(cfg, list) {
      const cJSON *name = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(cfg, "S3Config"), "BucketName");
      if (cJSON_IsString(name) && *name->valuestring && strlen(name->valuestring) <= 63)
        queue_bucket(c, buckets, name->valuestring);
    }
  }
}

/* A bucket named by its ARN (arn:aws:s3:::NAME). */
static void bucket_arn(ca_col *c, cJSON *buckets, const cJSON *arn) {
  if (!cJSON_IsString(arn) || strncmp(arn->valuestring, "arn:aws:s3:::", 13)) return;
  const char *name = arn->valuestring + 13;
  if (*name && strlen(name) <= 63 && !strchr(name, '/')) queue_bucket(c, buckets, name);
}

static const cJSON *at(const cJSON *o, const char *k) { return cJSON_GetObjectItemCaseSensitive(o, k); }

/* Every bucket the data goes to: every S3Config.BucketName of every
 * instance's StorageConfigs (those connect.c queued already are not asked
 * twice), the Firehose delivery streams' S3 destinations, and the Lex V2
 * aliases' audio conversation logs. */
void col_s3_buckets(ca_col *c, cJSON *resources) {
  cJSON *buckets = cJSON_GetObjectItemCaseSensitive(resources, "s3_bucket");
  if (!buckets) buckets = cJSON_AddObjectToObject(resources, "s3_bucket");
  const cJSON *r, *e;
  cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(resources, "connect_instance"))
    col_s3_buckets_q(c, resources, at(at(r, "data"), "StorageConfigs"));
  cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(resources, "firehose_delivery_stream"))
    cJSON_ArrayForEach(e, at(at(at(r, "data"), "DeliveryStreamDescription"), "Destinations")) {
      bucket_arn(c, buckets, at(at(e, "S3DestinationDescription"), "BucketARN"));
      bucket_arn(c, buckets, at(at(e, "ExtendedS3DestinationDescription"), "BucketARN"));
    }
  cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(resources, "lexv2_bot"))
    cJSON_ArrayForEach(e, at(at(r, "data"), "Aliases")) {
      const cJSON *log;
      cJSON_ArrayForEach(log, at(at(e, "conversationLogSettings"), "audioLogSettings"))
        bucket_arn(c, buckets, at(at(at(log, "destination"), "s3Bucket"), "s3BucketArn"));
    }
  col_run(c);   /* every bucket's calls, in flight together */
}

/* The rest-xml converter on a buffer, for tests/fuzz/fuzz_xml.c. */
cJSON *col_s3_xml_json(const char *xml, size_t len) { return xml_to_json(xml, len); }
