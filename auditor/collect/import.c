/* import.c -- a snapshot from a folder of AWS CLI outputs (docs/import.md).
 *
 * The collectors do the mapping: while importing, every call they make
 * (col_req_q) is answered from the folder by replay() below instead of AWS --
 * the same answer gives the same snapshot members, errors[] entries and
 * "not configured" nulls by either path.  A file is named after the call:
 * <service>/<operation in kebab-case>[-<resourceType|lexVersion>].json, or
 * <service>/<operation>/<object id>.json for a per-object call (Kinesis,
 * Firehose and Kinesis Video streams by name, Lambda functions by the name
 * or ARN they are asked by); the CLI's
 * error output is <name>.error (its text, or a JSON error body).  No file =
 * not collected: the member is absent, never null, and no errors[] entry. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "ca_limits.h"
#include "collect/collect_int.h"
#include "collect/import.h"
#include "collect/plan.h"
#include "snapshot/snapshot.h"
#include "util/buf.h"
#include "util/jsonfile.h"

#define IMPORT_MAX_FILES 100000
#define IMPORT_MAX_BYTES (256L << 20)

typedef struct ifile {
  char *rel;        /* "connect/describe-instance.json" */
  cJSON *json;      /* a .json file, parsed */
  char *error;      /* a .error file's text */
  int used;
  int hidden;       /* an older export's ".NAME.json", indexed as "%2ENAME.json" (walk) */
} ifile;

typedef struct ifolder {
  const char *dir;
  const char *instance_id;
  ifile *f;
  size_t n, cap;
} ifolder;

static void folder_free(ifolder *d) {
  for (size_t i = 0; i < d->n; i++) {
    free(d->f[i].rel);
    cJSON_Delete(d->f[i].json);
    free(d->f[i].error);
  }
  free(d->f);
}

static char *slurp(const char *path, size_t *len) {
  FILE *fp = fopen(path, "rb");
  if (!fp) return NULL;
  ca_buf b;
  ca_buf_init(&b, IMPORT_MAX_BYTES);
  char chunk[65536];
  size_t got;
  int bad = 0;
  while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
    if (ca_buf_add(&b, chunk, got)) {
      bad = 1;
      break;
    }
  if (ferror(fp)) bad = 1;
  fclose(fp);
  if (bad || ca_buf_add(&b, "", 1)) {
    ca_buf_free(&b);
    return NULL;
  }
  *len = b.len - 1;
  return b.data;
}

/* Line and column (1-based) of pos in text. */
static void line_col(const char *text, const char *pos, long *line, long *col) {
  *line = 1, *col = 1;
  for (const char *p = text; p < pos && *p; p++) {
    if (*p == '\n') (*line)++, *col = 1;
    else (*col)++;
  }
}

static int ends_with(const char *s, const char *tail) {
  size_t n = strlen(s), t = strlen(tail);
  return n >= t && !strcmp(s + n - t, tail);
}

/* s with a '.' that starts a path component written %2E, in place (-1: no
 * room).  The export names a file after a stream, table, role, rule, log
 * group or metric, which may start with '.' (their botocore patterns allow
 * it), and writes that '.' as %2E (scripts/export-with-aws-cli undot), so
 * that no export file is hidden and none is "." or "..".  No such name holds
 * '%' (their patterns exclude it; uri_enc writes it %25): reversible. */
static int undot(char *s, size_t sz) {
  for (char *p = s; *p; p++) {
    if (*p != '.' || (p != s && p[-1] != '/')) continue;
    size_t n = strlen(p);
    if ((size_t)(p - s) + n + 3 >= sz) return -1;
    memmove(p + 3, p + 1, n);   /* the rest and its NUL */
    memcpy(p, "%2E", 3);
    p += 2;
  }
  return 0;
}

/* An older export's name for a file the current one writes %2E...: a hidden
 * regular file with the export's suffixes, which walk reads as the current
 * name (other hidden files, and hidden folders, are skipped as before). */
static int legacy_hidden(const char *name) {
  return name[0] == '.' && strcmp(name, ".") && strcmp(name, "..") &&
         (ends_with(name, ".json") || ends_with(name, ".error"));
}

/* Every regular file under dir/rel, read (JSON parsed) into d. */
static int walk(ifolder *d, const char *rel, ca_err *err) {
  char path[4096];
  snprintf(path, sizeof path, "%s%s%s", d->dir, *rel ? "/" : "", rel);
  DIR *dp = opendir(path);
  if (!dp) return ca_errf(err, CA_EXIT_USAGE, "%s: %s", path, strerror(errno));
  struct dirent *e;
  int rc = 0;
  while (!rc && (e = readdir(dp))) {
    /* ".", "..", and hidden files and folders (an editor's, the desktop's), but
     * an older export's hidden answer (legacy_hidden) */
    int hidden = e->d_name[0] == '.';
    if (hidden && !legacy_hidden(e->d_name)) continue;
    char sub[4096], full[4096];
    if ((size_t)snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name) >= sizeof sub - 256) {
      rc = ca_errf(err, CA_EXIT_USAGE, "%s/%s: path too long", path, e->d_name);
      break;
    }
    snprintf(full, sizeof full, "%s/%s", d->dir, sub);
    struct stat st;
    if (stat(full, &st)) {
      if (hidden) continue;
      rc = ca_errf(err, CA_EXIT_USAGE, "%s: %s", full, strerror(errno));
      break;
    }
    if (S_ISDIR(st.st_mode)) {
      if (!hidden) rc = walk(d, sub, err);
      continue;
    }
    if (!S_ISREG(st.st_mode)) continue;
    if (d->n >= IMPORT_MAX_FILES) {
      rc = ca_errf(err, CA_EXIT_USAGE, "%s: more than %d files", d->dir, IMPORT_MAX_FILES);
      break;
    }
    if (d->n == d->cap) {
      size_t cap = d->cap ? d->cap * 2 : 64;
      ifile *nf = realloc(d->f, cap * sizeof *nf);
      if (!nf) {
        rc = ca_errf(err, CA_EXIT_RUN, "out of memory");
        break;
      }
      d->f = nf, d->cap = cap;
    }
    ifile *f = &d->f[d->n];
    memset(f, 0, sizeof *f);
    size_t len = 0;
    char *text = slurp(full, &len);
    if (!text) {
      if (hidden) continue;
      rc = ca_errf(err, CA_EXIT_USAGE, "%s: cannot be read (%s)", full, errno ? strerror(errno) : "too large");
      break;
    }
    if (hidden && undot(sub, sizeof sub)) {   /* looked up by the name the current export writes */
      free(text);
      continue;
    }
    f->rel = strdup(sub);
    f->hidden = hidden;
    d->n++;
    if (ends_with(sub, ".json") && !ends_with(sub, ".error.json")) {
      const char *end = NULL;
      /* The CLI prints nothing for an empty answer (GetBucketVersioning of a
       * bucket never versioned): an empty file is {}. */
      f->json = text[strspn(text, " \t\r\n")] ? cJSON_ParseWithLengthOpts(text, len, &end, 0) : cJSON_CreateObject();
      ca_err dup = {0};
      if (hidden && (!cJSON_IsObject(f->json) || ca_json_check_dups(full, text, len, f->json, &dup))) {
        /* not an answer: skipped, as hidden files were */
        cJSON_Delete(f->json);
        f->json = NULL;
        free(f->rel);
        f->rel = NULL;
        d->n--;
      } else if (!cJSON_IsObject(f->json)) {
        long line, col;
        line_col(text, f->json ? text : (end ? end : text), &line, &col);
        rc = f->json ? ca_errf(err, CA_EXIT_USAGE, "%s: not a JSON object (the AWS CLI's --output json of one call)", full)
                     : ca_errf(err, CA_EXIT_USAGE, "%s:%ld:%ld: malformed JSON", full, line, col);
      } else if (ca_json_check_dups(full, text, len, f->json, err)) {
        rc = -1;
      }
      free(text);
    } else {
      f->error = text;   /* .error, .error.json, or an unknown name (reported later) */
    }
  }
  closedir(dp);
  return rc;
}

/* The file of that name; an older export's hidden one only when there is no other. */
static ifile *find(ifolder *d, const char *rel) {
  ifile *old = NULL;
  for (size_t i = 0; i < d->n; i++)
    if (!strcmp(d->f[i].rel, rel)) {
      if (!d->f[i].hidden) return &d->f[i];
      if (!old) old = &d->f[i];
    }
  return old;
}

/* "ListInstanceStorageConfigs" -> "list-instance-storage-configs". */
static void kebab(const char *op, char *out, size_t outsz) {
  size_t o = 0;
  for (const char *p = op; *p && o + 2 < outsz; p++) {
    int upper = *p >= 'A' && *p <= 'Z';
    if (upper && p != op) out[o++] = '-';
    out[o++] = upper ? (char)(*p - 'A' + 'a') : *p;
  }
  out[o] = '\0';
}

/* The CLI's error output: "An error occurred (Code) when calling the Op
 * operation: message", or a JSON error body ({"Error": {"Code", "Message"}},
 * {"__type", "message"}, {"Code"|"code", "Message"|"message"}). */
static void parse_error(const char *text, char *code, size_t codesz, char *msg, size_t msgsz) {
  const char *s = text + strspn(text, " \t\r\n");
  snprintf(code, codesz, "Unknown");
  snprintf(msg, msgsz, "%s", s);
  if (*s == '{') {
    cJSON *j = cJSON_Parse(s);
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(j, "Error");
    if (!cJSON_IsObject(e)) e = j;
    const char *keys[][2] = {{"Code", "Message"}, {"code", "message"}, {"__type", "message"}, {"__type", "Message"}};
    for (size_t i = 0; e && i < sizeof keys / sizeof keys[0]; i++) {
      const cJSON *c = cJSON_GetObjectItemCaseSensitive(e, keys[i][0]);
      const cJSON *m = cJSON_GetObjectItemCaseSensitive(e, keys[i][1]);
      if (!cJSON_IsString(c)) continue;
      const char *hash = strrchr(c->valuestring, '#');
      snprintf(code, codesz, "%s", hash ? hash + 1 : c->valuestring);
      snprintf(msg, msgsz, "%s", cJSON_IsString(m) ? m->valuestring : "");
      break;
    }
    cJSON_Delete(j);
    return;
  }
  const char *open = strstr(s, "An error occurred (");
  if (open) {
    open += strlen("An error occurred (");
    const char *close = strchr(open, ')');
    if (close && (size_t)(close - open) < codesz) snprintf(code, codesz, "%.*s", (int)(close - open), open);
    const char *colon = strstr(open, "operation: ");
    if (colon) snprintf(msg, msgsz, "%s", colon + strlen("operation: "));
    else if (close) snprintf(msg, msgsz, "%s", close + 1);
  }
  size_t n = strlen(msg);   /* the CLI's trailing newline(s) */
  while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r' || msg[n - 1] == ' ')) msg[--n] = '\0';
}

/* The operations answered per object: <service>/<op>/<object id>.json. */
static int per_object(const char *op) {
  return (!strncmp(op, "Describe", 8) && strcmp(op, "DescribeInstance")) || !strcmp(op, "ListSecurityProfilePermissions") ||
         !strcmp(op, "ListRoutingProfileQueues") || !strcmp(op, "ListQueueQuickConnects");
}

/* The object's ID in a per-object path: the segment after the instance's
 * ID (/routing-profiles/INSTANCE/ID/queues, /queues/INSTANCE/ID/quick-connects),
 * else the last one. */
static int object_id(const char *path, const char *instance_id, char *out, size_t outsz) {
  const char *last = strrchr(path, '/');
  if (!last || !last[1]) return -1;
  size_t n = strlen(instance_id);
  for (const char *p = strchr(path, '/'); p; p = strchr(p + 1, '/'))
    if (!strncmp(p + 1, instance_id, n) && p[1 + n] == '/' && p[2 + n] && p[2 + n] != '/') {
      const char *s = p + 2 + n, *e = strchr(s, '/');
      size_t len = e ? (size_t)(e - s) : strlen(s);
      if (len >= outsz) return -1;
      memcpy(out, s, len);
      out[len] = '\0';
      return 0;
    }
  if (strlen(last + 1) >= outsz) return -1;
  snprintf(out, outsz, "%s", last + 1);
  return 0;
}

/* The json 1.1 operations answered per object, named by a member of the
 * request body (an ARN: the name after its last '/'... the stream's name). */
static const struct {
  const char *signing, *op, *member;
} BY_BODY[] = {
    {"kinesis", "DescribeStreamSummary", "StreamName"},
    {"firehose", "DescribeDeliveryStream", "DeliveryStreamName"},
    {"kinesisvideo", "DescribeStream", "StreamARN"},
    {"voiceid", "DescribeDomain", "DomainId"},
    {"dynamodb", "DescribeTable", "TableName"},
    {"dynamodb", "DescribeContinuousBackups", "TableName"},
};

/* s percent-encoded as Python's urllib.parse.quote(s, safe="") does (the
 * export script's enc): every byte but A-Z a-z 0-9 - _ . ~ as %XX.  A name
 * that may hold '/' or ':' (a log group, a metric, an ARN) is one file name
 * so; -1 when it does not fit or is empty. */
static int uri_enc(const char *s, char *out, size_t outsz) {
  static const char hex[] = "0123456789ABCDEF";
  size_t o = 0;
  if (!s || !*s) return -1;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    int keep = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("-_.~", *p);
    if (o + (keep ? 1 : 3) >= outsz) return -1;
    if (keep) out[o++] = (char)*p;
    else out[o++] = '%', out[o++] = hex[*p >> 4], out[o++] = hex[*p & 15];
  }
  out[o] = '\0';
  return 0;   /* ".x", "." and "..": replay's undot writes their '.' %2E */
}

/* trail.c's and iam.c's per-object calls (docs/import.md): the trail by its
 * ARN (cloudtrail/get-trail-status/ENC(ARN)), the rest by name in the
 * call's region (events/list-targets-by-rule/REGION/ENC(RULE),
 * logs/describe-metric-filters/REGION/ENC(GROUP),
 * cloudwatch/describe-alarms-for-metric/REGION/ENC(NAMESPACE)/ENC(METRIC)),
 * the role by its name (iam/get-role/ENC(NAME)).  1: not one of them. */
static int alert_object(const col_call *call, const char *region, char *out, size_t outsz) {
  static const struct {
    const char *signing, *op, *member, *member2;
    int regional;
  } ops[] = {
      {"cloudtrail", "GetTrailStatus", "Name", NULL, 0},
      {"cloudtrail", "GetEventSelectors", "TrailName", NULL, 0},
      {"events", "ListTargetsByRule", "Rule", NULL, 1},
      {"logs", "DescribeMetricFilters", "logGroupName", NULL, 1},
      {"monitoring", "DescribeAlarmsForMetric", "Namespace", "MetricName", 1},
      {"iam", "GetRole", "RoleName", NULL, 0},
  };
  for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
    if (strcmp(call->signing, ops[i].signing) || strcmp(call->op, ops[i].op)) continue;
    char a[1024], b[1024] = "";
    if (uri_enc(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(call->body, ops[i].member)), a, sizeof a) ||
        (ops[i].member2 &&
         uri_enc(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(call->body, ops[i].member2)), b, sizeof b)) ||
        (ops[i].regional && (!region || !*region || strchr(region, '/') || region[0] == '.')))
      return -1;
    int n = snprintf(out, outsz, "%s%s%s%s%s", ops[i].regional ? region : "", ops[i].regional ? "/" : "", a,
                     b[0] ? "/" : "", b);
    return n < 0 || (size_t)n >= outsz ? -1 : 0;
  }
  return 1;
}

/* The object a non-Connect call is about, for its file name; 1 when the
 * call is not one of them, -1 when it is but names nothing usable. */
static int other_object(const col_call *call, const char *region, char *out, size_t outsz) {
  int alert = alert_object(call, region, out, outsz);
  if (alert <= 0) return alert;
  for (size_t i = 0; i < sizeof BY_BODY / sizeof *BY_BODY; i++) {
    if (strcmp(call->signing, BY_BODY[i].signing) || strcmp(call->op, BY_BODY[i].op)) continue;
    const char *v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(call->body, BY_BODY[i].member));
    if (!v || !*v) return -1;
    if (!strncmp(v, "arn:", 4)) {   /* arn:aws:kinesisvideo:R:A:stream/NAME/CREATION */
      const char *st = strstr(v, ":stream/");
      if (!st) return -1;
      v = st + 8;
      snprintf(out, outsz, "%.*s", (int)strcspn(v, "/"), v);
    } else {
      snprintf(out, outsz, "%s", v);
    }
    return strchr(out, '/') ? -1 : 0;   /* a leading '.': replay's undot */
  }
  if (!strcmp(call->signing, "kms") && strcmp(call->op, "ListAliases")) {
    /* DescribeKey, GetKeyRotationStatus, GetKeyPolicy: by the key's ID (a
     * key ARN's last part); an alias nobody resolved by its text, '/' as '_' */
    const char *v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(call->body, "KeyId"));
    if (!v || !*v) return -1;
    const char *k = strstr(v, ":key/");
    snprintf(out, outsz, "%s", k ? k + 5 : v);
    for (char *p = out; *p; p++)
      if (*p == '/') *p = '_';
    return !strcmp(out, ".") || !strcmp(out, "..") ? -1 : 0;
  }
  if (!strcmp(call->signing, "lex")) {
    /* V1 GetBot /bots/NAME/versions/$LATEST: NAME; V2 DescribeBot /bots/ID/:
     * ID; DescribeBotAlias /bots/ID/botaliases/ALIAS/: ID/ALIAS;
     * DescribeResourcePolicy /policy/<bot ARN>/: the bot ID; /policy/<alias
     * ARN>/: ID/ALIAS (describe-resource-policy/BOT_ID/ALIAS_ID.json) */
    const char *p = call->path ? call->path : "";
    char a[256] = "", b[256] = "";
    if (!strncmp(p, "/bots/", 6)) {
      snprintf(a, sizeof a, "%.*s", (int)strcspn(p + 6, "/"), p + 6);
      const char *al = strstr(p, "/botaliases/");
      if (al) snprintf(b, sizeof b, "%.*s", (int)strcspn(al + 12, "/"), al + 12);
    } else if (!strncmp(p, "/policy/", 8)) {
      const char *e = p + 8 + strcspn(p + 8, "/"), *s2 = NULL, *s1 = NULL;
      for (const char *x = p + 8; x + 3 <= e; x++)   /* after the ARN's last %2F (and the one before) */
        if (!strncmp(x, "%2F", 3)) s1 = s2, s2 = x + 3;
      if (s2) snprintf(a, sizeof a, "%.*s", (int)(e - s2), s2);
      /* an alias ARN (bot-alias%2FBOT%2FALIAS): BOT/ALIAS */
      const char *ba = strstr(p + 8, "bot-alias%2F");
      if (ba && ba < e && s1 && s1 == ba + 12) {
        snprintf(a, sizeof a, "%.*s", (int)(s2 - 3 - s1), s1);
        snprintf(b, sizeof b, "%.*s", (int)(e - s2), s2);
      }
    }
    if (!a[0] || strchr(a, '%') || strchr(b, '%')) return -1;
    snprintf(out, outsz, "%s%s%s", a, b[0] ? "/" : "", b);
    return 0;
  }
  if ((!strcmp(call->signing, "wisdom") && !strcmp(call->op, "GetKnowledgeBase")) ||
      (!strcmp(call->signing, "profile") && !strcmp(call->op, "GetDomain"))) {   /* the path's last segment */
    const char *last = strrchr(call->path ? call->path : "", '/');
    if (!last || !last[1] || strchr(last, '%')) return -1;
    snprintf(out, outsz, "%s", last + 1);
    return 0;
  }
  if (!strcmp(call->signing, "profile") &&
      (!strcmp(call->op, "ListProfileObjectTypes") || !strcmp(call->op, "ListTagsForResource"))) {
    /* /domains/DOMAIN/object-types: DOMAIN (list-profile-object-types/DOMAIN.json);
     * /tags/<the object type's ARN, %2F for '/'>: DOMAIN/TYPE
     * (list-tags-for-resource/DOMAIN/TYPE.json) */
    const char *p = call->path ? call->path : "", *d, *t;
    int list = !strcmp(call->op, "ListProfileObjectTypes");
    if (list) {
      if (strncmp(p, "/domains/", 9)) return -1;
      snprintf(out, outsz, "%.*s", (int)strcspn(p + 9, "/"), p + 9);
    } else {
      if (!(d = strstr(p, "%3Adomains%2F")) || !(t = strstr(d, "%2Fobject-types%2F"))) return -1;
      d += 13;
      snprintf(out, outsz, "%.*s/%s", (int)(t - d), d, t + 18);
    }
    size_t n = strlen(out), slash = strcspn(out, "/");   /* names are [A-Za-z0-9_-]: nothing else is a file */
    int slashes = 0;
    for (const char *x = out; *x; x++) slashes += *x == '/';
    if (strpbrk(out, "%.") || slashes != !list || !slash || (!list && slash + 1 >= n)) return -1;
    return 0;
  }
  if (!strcmp(call->signing, "connect") && !strcmp(call->op, "ListPhoneNumbersV2")) {
    /* the numbers of a traffic distribution group: list-phone-numbers-v2/GROUP_ID.json
     * (the instance's own: list-phone-numbers-v2.json) */
    const char *t = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(call->body, "TargetArn"));
    const char *g = t ? strstr(t, ":traffic-distribution-group/") : NULL;
    if (!g) return 1;
    snprintf(out, outsz, "%s", g + 28);
    return !*out || strpbrk(out, "/%") || !strcmp(out, ".") || !strcmp(out, "..") ? -1 : 0;
  }
  if (!strcmp(call->signing, "lambda") && !strcmp(call->op, "GetFunctionConfiguration")) {
    /* /2015-03-31/functions/NAME-or-ARN/configuration [+ Qualifier] */
    const char *f = strstr(call->path ? call->path : "", "/functions/");
    if (!f) return -1;
    f += 11;
    size_t n = strcspn(f, "/"), o = 0;
    for (size_t i = 0; i < n && o + 1 < outsz; i++) {   /* %3A -> ':' (an ARN) */
      if (f[i] == '%' && i + 2 < n && f[i + 1] == '3' && (f[i + 2] == 'A' || f[i + 2] == 'a')) out[o++] = ':', i += 2;
      else out[o++] = f[i];
    }
    out[o] = '\0';
    for (size_t i = 0; i < call->nquery; i++)
      if (!strcmp(call->query[i].key, "Qualifier")) snprintf(out + o, outsz - o, ":%s", call->query[i].value);
    return strchr(out, '/') || strchr(out, '%') || !*out ? -1 : 0;
  }
  return 1;
}

static int replay(ca_col *c, const col_call *call, cJSON **out, char *code, size_t codesz, char *msg, size_t msgsz) {
  ifolder *d = c->replay_ctx;
  char base[2600], op[128], oid[2048];
  kebab(call->op, op, sizeof op);
  *out = NULL;
  int other = other_object(call, c->replay_region, oid, sizeof oid);
  if (!strcmp(call->signing, "firehose") && cJSON_GetObjectItemCaseSensitive(call->body, "ExclusiveStartDestinationId")) {
    snprintf(code, codesz, "IncompleteExport");
    snprintf(msg, msgsz, "firehose/%s/%s.json holds HasMoreDestinations: the export has the first page of destinations only",
             op, oid);
    return -1;
  }
  if (other < 0) return 1;
  if (!strcmp(call->signing, "connect-campaigns")) {
    /* Outbound Campaigns: both generations sign as connect-campaigns, so the
     * folder is the CLI's service name; a campaign's own calls are by its ID
     * (connectcampaignsv2/describe-campaign/ID.json, .../get-campaign-state/ID.json) */
    const char *svc = call->service_env && !strcmp(call->service_env, "CONNECTCAMPAIGNSV2") ? "connectcampaignsv2"
                                                                                            : "connectcampaigns";
    if (!strcmp(call->op, "DescribeCampaign") || !strcmp(call->op, "GetCampaignState")) {
      const char *p = strstr(call->path ? call->path : "", "/campaigns/");
      size_t n = p ? strcspn(p + 11, "/") : 0;
      if (!n || n >= sizeof oid || memchr(p + 11, '%', n) || (n <= 2 && p[11] == '.')) return 1;
      snprintf(oid, sizeof oid, "%.*s", (int)n, p + 11);
      snprintf(base, sizeof base, "%s/%s/%s", svc, op, oid);
    } else {
      snprintf(base, sizeof base, "%s/%s", svc, op);
    }
  } else if (!other) {   /* kinesis/describe-stream-summary/NAME.json, lambda/get-function-configuration/NAME.json, ... */
    snprintf(base, sizeof base, "%s/%s/%s", strcmp(call->signing, "monitoring") ? call->signing : "cloudwatch", op, oid);
  } else if (!strcmp(call->signing, "kinesisvideo")) {   /* one list a folder */
    snprintf(base, sizeof base, "%s/%s", call->signing, op);
  } else if (!strcmp(call->signing, "kms") || !strcmp(call->signing, "ds") || !strcmp(call->signing, "monitoring") ||
             !strcmp(call->signing, "logs") || !strcmp(call->signing, "dynamodb") ||
             !strcmp(call->signing, "cloudtrail") || !strcmp(call->signing, "events")) {
    /* per region: kms/list-aliases-REGION.json, cloudwatch/describe-alarms-REGION.json (CloudWatch signs as
     * monitoring), logs/describe-log-groups-REGION.json (every group the prefixes asked there name),
     * dynamodb/list-tables-REGION.json, cloudtrail/describe-trails-REGION.json, events/list-rules-REGION.json */
    snprintf(base, sizeof base, "%s/%s-%s", strcmp(call->signing, "monitoring") ? call->signing : "cloudwatch", op,
             c->replay_region ? c->replay_region : "");
  } else if (!strcmp(call->signing, "s3")) {   /* s3/BUCKET/<op>.json */
    const char *b = call->path ? call->path + (call->path[0] == '/') : "";
    snprintf(base, sizeof base, "s3/%.*s/%s", (int)strcspn(b, "/?"), b, op);
  } else if (per_object(call->op)) {
    if (object_id(call->path ? call->path : "", d->instance_id, oid, sizeof oid)) return 1;
    snprintf(base, sizeof base, "%s/%s/%s", call->signing, op, oid);
  } else {
    snprintf(base, sizeof base, "%s/%s", call->signing, op);
    for (size_t i = 0; i < call->nquery; i++)
      if (!strcmp(call->query[i].key, "resourceType") || !strcmp(call->query[i].key, "lexVersion")) {
        size_t n = strlen(base);
        snprintf(base + n, sizeof base - n, "-%s", call->query[i].value);
      }
  }
  if (undot(base, sizeof base)) return 1;   /* the export's name for ".x" (scripts/export-with-aws-cli undot) */
  char rel[2700];
  snprintf(rel, sizeof rel, "%s.json", base);
  ifile *f = find(d, rel);
  if (f && f->json) {
    f->used = 1;
    if (cJSON_GetObjectItemCaseSensitive(f->json, "NextToken")) {   /* `--max-items`: one page, not the list */
      snprintf(code, codesz, "IncompleteExport");
      snprintf(msg, msgsz, "%s holds a NextToken: not every page was exported (export without --max-items)", rel);
      return -1;
    }
    *out = cJSON_Duplicate(f->json, 1);
    return *out ? 0 : (snprintf(code, codesz, "OutOfMemory"), snprintf(msg, msgsz, "%s", rel), -1);
  }
  const char *tails[] = {".error", ".error.json"};
  for (int i = 0; i < 2; i++) {
    snprintf(rel, sizeof rel, "%s%s", base, tails[i]);
    if ((f = find(d, rel)) && f->error) {
      f->used = 1;
      parse_error(f->error, code, codesz, msg, msgsz);
      return -1;
    }
  }
  return 1;
}

int ca_import(const char *dir, const ca_import_opts *o, cJSON **snapshot, ca_err *err) {
  *snapshot = NULL;
  ifolder d = {dir, "", NULL, 0, 0};
  if (walk(&d, "", err)) {
    folder_free(&d);
    return -1;
  }
  /* The instance: connect/describe-instance.json names it. */
  ifile *di = find(&d, "connect/describe-instance.json");
  const cJSON *inst = di ? cJSON_GetObjectItemCaseSensitive(di->json, "Instance") : NULL;
  const char *id = col_str(inst, "Id"), *arn = col_str(inst, "Arn"), *alias = col_str(inst, "InstanceAlias");
  char region[64] = "", account[13] = "";
  if (!id || !arn || col_arn_field(arn, 3, region, sizeof region) || col_arn_field(arn, 4, account, sizeof account) ||
      strlen(account) != 12 || !*region) {
    folder_free(&d);
    return ca_errf(err, CA_EXIT_USAGE, "%s/connect/describe-instance.json: %s", dir,
                   di ? "no Instance with its Id and Arn (arn:aws:connect:REGION:ACCOUNT:instance/ID)"
                      : "missing: the folder must hold the instance's description (docs/import.md)");
  }

  d.instance_id = id;
  ca_aws_creds creds;
  memset(&creds, 0, sizeof creds);   /* a client never used for a call: the region only */
  snprintf(creds.region, sizeof creds.region, "%s", region);
  snprintf(creds.source, sizeof creds.source, "import");
  ca_aws *aws = NULL;
  if (ca_aws_new(&creds, NULL, &aws, err)) {
    folder_free(&d);
    return -1;
  }
  ca_collect_opts co = {arn, 0, o->quiet, o->now};
  ca_col c = {.aws = aws, .o = &co, .errors = cJSON_CreateArray(), .replay = replay, .replay_ctx = &d};

  /* The account: sts/get-caller-identity.json, as collect asks STS; else the
   * instance ARN's (collect does the same when STS fails). */
  ifile *sts = find(&d, "sts/get-caller-identity.json");
  ifile *sts_err = find(&d, "sts/get-caller-identity.error");
  if (!sts_err) sts_err = find(&d, "sts/get-caller-identity.error.json");
  if (sts) {
    sts->used = 1;
    const char *a = col_str(sts->json, "Account");
    if (a && strlen(a) == 12 && strspn(a, "0123456789") == 12) memcpy(account, a, 13);
  } else if (sts_err) {
    char code[128], msg[512], who[64];
    sts_err->used = 1;
    parse_error(sts_err->error, code, sizeof code, msg, sizeof msg);
    snprintf(who, sizeof who, "arn:aws:iam::%s:root", account);
    col_error(&c, who, "sts:GetCallerIdentity", code, msg);
  }

  cJSON *resources = cJSON_CreateObject();
  col_plan_types(resources);   /* plan.c */
  /* alarms.c: an export without CloudWatch files did not export the alarms
   * (no cloudwatch_alarm type: the rules say not collected); with some, a
   * region lacking its file is an errors[] entry. */
  c.no_alarms = 1;
  for (size_t i = 0; i < d.n; i++)
    if (!strncmp(d.f[i].rel, "cloudwatch/describe-alarms-", 27) && strncmp(d.f[i].rel, "cloudwatch/describe-alarms-for-", 31))
      c.no_alarms = 0;
  /* trail.c and iam.c likewise: an export made before the script asked them
   * (no cloudtrail/, events/ or iam/ file) has no cloudtrail_trail,
   * events_rule, iam_role types (the rules ask, manual); with them, a
   * region's missing listing is an errors[] entry NotExported. */
  c.no_trails = 1, c.no_roles = 1;
  for (size_t i = 0; i < d.n; i++) {
    if (!strncmp(d.f[i].rel, "cloudtrail/", 11) || !strncmp(d.f[i].rel, "events/", 7)) c.no_trails = 0;
    if (!strncmp(d.f[i].rel, "iam/", 4)) c.no_roles = 0;
  }
  /* plan.c: the instance and what it names (streams, functions, log group,
   * domains, Lex bots, directories, alarms), then the storage configs',
   * Firehose destinations' and Lex audio logs' buckets and every key those
   * name: through the replay as collect asks them */
  col_plan_instance(&c, resources, id, arn, alias, account);
  col_canonical(resources, c.errors);
  cJSON_Delete(c.once);   /* every call is made */
  ifile *li = find(&d, "connect/list-instances.json");   /* how the export found the instance */
  if (li) li->used = 1;

  /* Files not read: a misspelt name would silently drop evidence. */
  ca_buf unused;
  ca_buf_init(&unused, 1 << 20);
  size_t nunused = 0;
  for (size_t i = 0; i < d.n; i++)
    if (!d.f[i].used && !d.f[i].hidden) ca_buf_printf(&unused, "%s%s", nunused++ ? ", " : "", d.f[i].rel);
  if (nunused && !o->allow_unused) {
    ca_errf(err, CA_EXIT_USAGE,
            "%s: %zu file%s not imported (unknown names, or services import does not read yet -- docs/import.md): %s",
            dir, nunused, nunused == 1 ? "" : "s", unused.data ? unused.data : "");
    ca_buf_free(&unused);
    cJSON_Delete(resources);
    cJSON_Delete(c.errors);
    ca_aws_free(aws);
    folder_free(&d);
    return -1;
  }
  if (nunused && !o->quiet) fprintf(stderr, "connect-auditor: import: not imported: %s\n", unused.data);
  ca_buf_free(&unused);

  cJSON *root = cJSON_CreateObject();
  cJSON_AddStringToObject(root, "schema", CA_SNAPSHOT_SCHEMA);
  cJSON *tool = cJSON_AddObjectToObject(root, "tool");
  cJSON_AddStringToObject(tool, "name", "connect-auditor");
  cJSON_AddStringToObject(tool, "version", CA_VERSION);
  char when[32];
  time_t t = (time_t)o->now;
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  cJSON_AddStringToObject(root, "collected_at", when);
  cJSON_AddStringToObject(root, "account_id", account);
  cJSON *regions = cJSON_AddArrayToObject(root, "regions");
  cJSON_AddItemToArray(regions, cJSON_CreateString(region));
  cJSON_AddItemToObject(root, "resources", resources);
  cJSON_AddItemToObject(root, "errors", c.errors);
  ca_aws_free(aws);
  folder_free(&d);
  *snapshot = root;
  return 0;
}
