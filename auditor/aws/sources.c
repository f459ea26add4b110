/* sources.c -- the credential sources that fetch: STS AssumeRole and
 * AssumeRoleWithWebIdentity, container credentials, EC2 instance metadata
 * (IMDSv2), credential_process and IAM Identity Center's portal, each as
 * botocore 1.43 does it (credentials.py, utils.py).
 *
 * Every answer that holds a secret is wiped before it is freed; no message
 * quotes an answer's body, a token or a key. */
#include "aws/creds_int.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/fsutil.h"

extern char **environ;

/* An answer holding credentials is a few KiB; a token file a few. */
#define MAX_CRED_BODY (1024L * 1024)
#define MAX_TOKEN_FILE (64L * 1024)
/* STS: botocore's standard retry mode, 3 attempts. */
#define STS_ATTEMPTS 3
#define STS_CONNECT_MS 10000L
#define STS_TIMEOUT_MS 30000L
/* The container endpoint: botocore's ContainerMetadataFetcher, 2 s and 3 attempts. */
#define CONTAINER_TIMEOUT_MS 2000L
#define CONTAINER_ATTEMPTS 3
/* A credential_process is given this long to answer. */
#define PROCESS_TIMEOUT_S 120

static void wipe(void *p, size_t n) {
  volatile char *v = p;
  for (size_t i = 0; i < n; i++) v[i] = 0;
}

static void buf_wipe_free(ca_buf *b) {
  if (b->data) wipe(b->data, b->alloc ? b->alloc : b->len);
  ca_buf_free(b);
}

/* Wipes every string of j and its siblings, depth first. */
static void json_wipe(cJSON *j) {
  for (; j; j = j->next) {
    if (j->valuestring) wipe(j->valuestring, strlen(j->valuestring));
    json_wipe(j->child);
  }
}

/* Deletes a parsed answer after wiping every string in it. */
static void json_delete(cJSON *root) {
  if (!root) return;
  json_wipe(root);
  cJSON_Delete(root);
}

/* ISO 8601 ("2026-12-06T21:00:00Z", fractions, "+00:00") to Unix time; -1 if not one. */
static long long iso_time(const char *s) {
  int y, mo, d, h, mi, se, n = 0;
  if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &se, &n) != 6) return -1;
  const char *p = s + n;
  if (*p == '.')
    for (p++; isdigit((unsigned char)*p); p++) {}
  long off = 0;
  if ((*p == '+' || *p == '-') && isdigit((unsigned char)p[1])) {
    int oh = 0, om = 0;
    if (sscanf(p + 1, "%2d:%2d", &oh, &om) < 1 && sscanf(p + 1, "%2d%2d", &oh, &om) < 1) return -1;
    off = (*p == '+' ? 1 : -1) * (oh * 3600L + om * 60L);
  } else if (*p && *p != 'Z' && *p != 'z') {
    return -1;
  }
  struct tm tm = {0};
  tm.tm_year = y - 1900, tm.tm_mon = mo - 1, tm.tm_mday = d, tm.tm_hour = h, tm.tm_min = mi, tm.tm_sec = se;
  return (long long)timegm(&tm) - off;
}

static void utc_text(long long t, char *out, size_t outsz) {
  time_t tt = (time_t)t;
  struct tm tm;
  gmtime_r(&tt, &tm);
  strftime(out, outsz, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Copies keys into o; 0, or -1 (err) when one is missing, too long or already expired. */
static int take(ca_aws_creds *o, const char *what, const char *ak, const char *sk, const char *tok,
                long long expiration, ca_err *err) {
  if (!ak || !*ak || !sk || !*sk)
    return ca_errf(err, CA_EXIT_RUN, "%s: the answer lacks AccessKeyId or SecretAccessKey", what);
  if (strlen(ak) >= sizeof o->access_key || strlen(sk) >= sizeof o->secret_key ||
      (tok && strlen(tok) >= sizeof o->session_token))
    return ca_errf(err, CA_EXIT_RUN, "%s: a key or token in the answer is too long", what);
  if (expiration > 0 && expiration <= (long long)time(NULL)) {
    char when[32];
    utc_text(expiration, when, sizeof when);
    return ca_errf(err, CA_EXIT_RUN, "%s: the credentials it gave expired at %s", what, when);
  }
  snprintf(o->access_key, sizeof o->access_key, "%s", ak);
  snprintf(o->secret_key, sizeof o->secret_key, "%s", sk);
  snprintf(o->session_token, sizeof o->session_token, "%s", tok ? tok : "");
  o->expiration = expiration > 0 ? expiration : 0;
  return 0;
}

/* ---- One HTTP exchange with libcurl's easy interface ---- */

typedef struct hreq {
  const char *method;             /* GET, PUT, POST */
  const char *url;
  struct curl_slist *hdrs;
  const char *body;
  size_t body_len;
  long connect_ms, total_ms;
  int attempts;                   /* transport failures, 5xx and 429 are tried again */
  const ca_aws_creds *sign;       /* SigV4 with these keys, or NULL (unsigned) */
  const char *sigv4;              /* "aws:amz:REGION:SERVICE" */
  const char *ca_bundle;          /* "" or NULL: libcurl's default */
} hreq;

static size_t hsink(char *p, size_t sz, size_t n, void *ud) {
  return ca_buf_add(ud, p, sz * n) ? 0 : sz * n;
}

/* 0: an answer came (*status, body); -1: none (why). */
static int hsend(const hreq *r, long *status, ca_buf *body, char *why, size_t whysz) {
  ca_err ie = {0};
  if (ca_aws_global_init(&ie)) {
    snprintf(why, whysz, "libcurl: initialisation failed");
    return -1;
  }
  CURL *h = curl_easy_init();
  if (!h) {
    snprintf(why, whysz, "libcurl: cannot create a handle");
    return -1;
  }
  int rc = -1;
  for (int a = 0; a < (r->attempts > 0 ? r->attempts : 1); a++) {
    if (a) {
      struct timespec ts = {0, 200L * 1000 * 1000 * a};   /* 200 ms, 400 ms: short, the sources are local or STS */
      nanosleep(&ts, NULL);
    }
    buf_wipe_free(body);
    char errbuf[CURL_ERROR_SIZE] = "";
    curl_easy_reset(h);
    curl_easy_setopt(h, CURLOPT_URL, r->url);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, r->hdrs);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "connect-auditor/" CA_VERSION);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, r->connect_ms);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, r->total_ms);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, hsink);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, body);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    /* Proxies: libcurl reads http_proxy / HTTPS_PROXY / NO_PROXY itself; nothing here sets one. */
    if (r->ca_bundle && *r->ca_bundle) curl_easy_setopt(h, CURLOPT_CAINFO, r->ca_bundle);
    if (r->sign) {
      curl_easy_setopt(h, CURLOPT_AWS_SIGV4, r->sigv4);
      curl_easy_setopt(h, CURLOPT_USERNAME, r->sign->access_key);
      curl_easy_setopt(h, CURLOPT_PASSWORD, r->sign->secret_key);
    }
    if (strcmp(r->method, "GET")) {
      curl_easy_setopt(h, CURLOPT_POST, 1L);
      curl_easy_setopt(h, CURLOPT_POSTFIELDS, r->body ? r->body : "");
      curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)r->body_len);
      if (strcmp(r->method, "POST")) curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, r->method);
    }
    CURLcode cc = curl_easy_perform(h);
    if (cc == CURLE_OK) {
      curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, status);
      rc = 0;
      if ((*status >= 500 || *status == 429) && a + 1 < r->attempts) continue;
      break;
    }
    snprintf(why, whysz, "%s%s%s", curl_easy_strerror(cc), *errbuf ? ": " : "", errbuf);
    rc = -1;
  }
  /* the signing keys were copied into the handle: gone with it */
  curl_easy_cleanup(h);
  return rc;
}

/* A header line "Name: value" appended; 0, -1 on OOM. */
static int add_hdr(struct curl_slist **l, const char *name, const char *value) {
  size_t n = strlen(name) + strlen(value) + 3;
  char *line = malloc(n);
  if (!line) return -1;
  snprintf(line, n, "%s: %s", name, value);
  struct curl_slist *nl = curl_slist_append(*l, line);
  wipe(line, n);
  free(line);
  if (!nl) return -1;
  *l = nl;
  return 0;
}

static void hdrs_free(struct curl_slist *l) {
  for (struct curl_slist *x = l; x; x = x->next) wipe(x->data, strlen(x->data));
  curl_slist_free_all(l);
}

/* ---- STS (query protocol, XML answers) ---- */

/* STS's URL and signing region in the chain's region (us-east-1 and the
 * global endpoint when there is none, as botocore). */
static int sts_where(const ca_chain *ch, char *url, size_t urlsz, char *sigv4, size_t sigsz) {
  const char *region = ch->set->region[0] ? ch->set->region : "us-east-1";
  ca_aws_creds s = *ch->set;
  if (!ch->set->region[0]) s.sts_legacy = 1;   /* no region: sts.amazonaws.com */
  if (ca_aws_endpoint_for(&s, "STS", "sts", region, url, urlsz - 1)) return -1;
  size_t n = strlen(url);
  url[n] = '/', url[n + 1] = '\0';
  snprintf(sigv4, sigsz, "aws:amz:%s:sts", ca_aws_signing_region(&s, "STS", region));
  wipe(&s, sizeof s);
  return 0;
}

/* An STS action (form params, signed with `with` or unsigned) whose answer
 * holds Credentials: into o. */
static int sts_credentials(ca_chain *ch, const char *action, const ca_aws_param *p, size_t np,
                           const ca_aws_creds *with, const char *what, ca_aws_creds *o, ca_err *err) {
  char url[1100], sigv4[128];
  if (sts_where(ch, url, sizeof url, sigv4, sizeof sigv4)) return ca_errf(err, CA_EXIT_RUN, "%s: STS endpoint too long", what);
  ca_buf form;
  ca_buf_init(&form, 2 * MAX_TOKEN_FILE);
  struct curl_slist *hdrs = NULL;
  int bad = ca_aws_query(&form, p, np) ||
            add_hdr(&hdrs, "Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  if (!bad && with && with->session_token[0]) bad = add_hdr(&hdrs, "X-Amz-Security-Token", with->session_token);
  if (bad) {
    buf_wipe_free(&form);
    hdrs_free(hdrs);
    return ca_errf(err, CA_EXIT_RUN, "%s: the request is too long", what);
  }
  hreq r = {"POST", url, hdrs, form.data, form.len, STS_CONNECT_MS, STS_TIMEOUT_MS, STS_ATTEMPTS,
            with, sigv4, ch->set->ca_bundle};
  long status = 0;
  ca_buf body;
  ca_buf_init(&body, MAX_CRED_BODY);
  char why[512] = "";
  int rc = hsend(&r, &status, &body, why, sizeof why);
  buf_wipe_free(&form);
  hdrs_free(hdrs);
  if (rc) {
    buf_wipe_free(&body);
    return ca_errf(err, CA_EXIT_RUN, "%s: sts:%s at %s: no answer: %s", what, action, url, why);
  }
  if (status < 200 || status >= 300) {
    char code[128] = "", msg[512] = "";
    if (ca_aws_parse_error(body.data, body.len, NULL, code, sizeof code, msg, sizeof msg))
      snprintf(code, sizeof code, "HTTP%ld", status), snprintf(msg, sizeof msg, "HTTP status %ld", status);
    buf_wipe_free(&body);
    return ca_errf(err, CA_EXIT_RUN, "%s: sts:%s: %s: %s", what, action, code, msg);
  }
  char ak[128] = "", sk[128] = "", exp[64] = "";
  char *tok = calloc(1, sizeof o->session_token);
  if (!tok) {
    buf_wipe_free(&body);
    return ca_errf(err, CA_EXIT_RUN, "out of memory");
  }
  ca_xml_text(body.data, body.len, "AccessKeyId", ak, sizeof ak);
  ca_xml_text(body.data, body.len, "SecretAccessKey", sk, sizeof sk);
  ca_xml_text(body.data, body.len, "SessionToken", tok, sizeof o->session_token);
  ca_xml_text(body.data, body.len, "Expiration", exp, sizeof exp);
  buf_wipe_free(&body);
  char whatx[600];
  snprintf(whatx, sizeof whatx, "%s: sts:%s", what, action);
  rc = take(o, whatx, ak, sk, tok, iso_time(exp), err);
  wipe(sk, sizeof sk);
  wipe(tok, sizeof o->session_token);
  free(tok);
  return rc;
}

int ca_src_assume_role(ca_chain *ch, const ca_aws_creds *with, const char *role_arn, const char *external_id,
                       const char *session_name, const char *duration, const char *mfa_serial,
                       const char *mfa_code, ca_aws_creds *o, ca_err *err) {
  char name[65];
  if (session_name && *session_name) snprintf(name, sizeof name, "%s", session_name);
  else snprintf(name, sizeof name, "connect-auditor-%lld", (long long)time(NULL));
  ca_aws_param p[8];
  size_t n = 0;
  p[n++] = (ca_aws_param){"Action", "AssumeRole"};
  p[n++] = (ca_aws_param){"RoleArn", role_arn};
  p[n++] = (ca_aws_param){"RoleSessionName", name};
  p[n++] = (ca_aws_param){"Version", "2011-06-15"};
  if (external_id && *external_id) p[n++] = (ca_aws_param){"ExternalId", external_id};
  if (duration && *duration) p[n++] = (ca_aws_param){"DurationSeconds", duration};
  if (mfa_serial && *mfa_serial) {
    p[n++] = (ca_aws_param){"SerialNumber", mfa_serial};
    p[n++] = (ca_aws_param){"TokenCode", mfa_code ? mfa_code : ""};
  }
  char what[400];
  snprintf(what, sizeof what, "cannot assume role %s", role_arn);
  if (sts_credentials(ch, "AssumeRole", p, n, with, what, o, err)) return -1;
  snprintf(o->source, sizeof o->source, "role %s (assumed with %.380s)", role_arn, with->source);
  return 0;
}

/* A file's bytes, trailing newline cut (a token file written by `echo`). */
static int read_token(const char *path, const char *what, char **out, ca_err *err) {
  size_t len;
  ca_err e = {0};
  if (ca_read_file(path, MAX_TOKEN_FILE, out, &len, &e))
    return ca_errf(err, CA_EXIT_RUN, "%s: cannot read the token file %s: %s", what, path, e.msg);
  while (len && ((*out)[len - 1] == '\n' || (*out)[len - 1] == '\r')) (*out)[--len] = '\0';
  if (!len || strchr(*out, '\n') || strchr(*out, '\r')) {
    wipe(*out, len);
    free(*out);
    *out = NULL;
    return ca_errf(err, CA_EXIT_RUN, "%s: the token file %s is %s", what, path,
                   len ? "not one line" : "empty");
  }
  return 0;
}

int ca_src_web_identity(ca_chain *ch, const char *token_file, const char *role_arn, const char *session_name,
                        ca_aws_creds *o, ca_err *err) {
  char what[1400];
  snprintf(what, sizeof what, "web identity (role %s, token file %s)", role_arn, token_file);
  char *token = NULL;
  if (read_token(token_file, what, &token, err)) return -1;
  char name[65];
  if (session_name && *session_name) snprintf(name, sizeof name, "%s", session_name);
  else snprintf(name, sizeof name, "connect-auditor-%lld", (long long)time(NULL));
  ca_aws_param p[] = {{"Action", "AssumeRoleWithWebIdentity"}, {"RoleArn", role_arn},
                      {"RoleSessionName", name}, {"Version", "2011-06-15"}, {"WebIdentityToken", token}};
  /* Unsigned, as botocore sends it: the token is the proof. */
  int rc = sts_credentials(ch, "AssumeRoleWithWebIdentity", p, 5, NULL, what, o, err);
  wipe(token, strlen(token));
  free(token);
  if (!rc) snprintf(o->source, sizeof o->source, "%.500s", what);
  return rc;
}

/* ---- JSON answers: container, instance metadata, process, SSO ---- */

static const char *jstr(const cJSON *o, const char *k) {
  return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, k));
}

/* Host of an http(s) URL into out (brackets of an IPv6 literal removed), scheme into scheme. */
static int url_host(const char *url, char *scheme, size_t ssz, char *out, size_t outsz) {
  CURLU *u = curl_url();
  char *s = NULL, *h = NULL;
  int rc = -1;
  if (u && !curl_url_set(u, CURLUPART_URL, url, 0) && !curl_url_get(u, CURLUPART_SCHEME, &s, 0) &&
      !curl_url_get(u, CURLUPART_HOST, &h, 0)) {
    size_t n = strlen(h);
    if (n >= 2 && h[0] == '[' && h[n - 1] == ']') snprintf(out, outsz, "%.*s", (int)(n - 2), h + 1);
    else snprintf(out, outsz, "%s", h);
    snprintf(scheme, ssz, "%s", s);
    rc = 0;
  }
  curl_free(s);
  curl_free(h);
  curl_url_cleanup(u);
  return rc;
}

/* botocore's ContainerMetadataFetcher: https anywhere; http only to a
 * loopback address, localhost, or the ECS / EKS Pod Identity agents. */
static int container_host_ok(const char *scheme, const char *host) {
  if (!strcasecmp(scheme, "https")) return 1;
  if (strcasecmp(scheme, "http")) return 0;
  static const char *const allowed[] = {"169.254.170.2", "169.254.170.23", "fd00:ec2::23", "localhost", "::1", NULL};
  for (int i = 0; allowed[i]; i++)
    if (!strcasecmp(host, allowed[i])) return 1;
  unsigned a, b, c, d;
  char tail;
  return sscanf(host, "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) == 4 && a == 127 && b < 256 && c < 256 && d < 256;
}

int ca_src_container(ca_chain *ch, int required, ca_aws_creds *o, ca_err *err) {
  const char *rel = getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
  const char *full = getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI");
  if (rel && !*rel) rel = NULL;
  if (full && !*full) full = NULL;
  if (!rel && !full) {
    if (required)
      return ca_errf(err, CA_EXIT_RUN, "credential_source EcsContainer: neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI "
                                       "nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set");
    ca_chain_note(ch, "container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI/_FULL_URI not set)");
    return 1;
  }
  char url[2048];
  if (rel) snprintf(url, sizeof url, "http://169.254.170.2%s%s", rel[0] == '/' ? "" : "/", rel);
  else snprintf(url, sizeof url, "%s", full);
  char what[2200];
  snprintf(what, sizeof what, "container credentials (%s)", url);
  char scheme[16] = "", host[256] = "";
  if (url_host(url, scheme, sizeof scheme, host, sizeof host))
    return ca_errf(err, CA_EXIT_RUN, "%s: not a URL", what);
  if (!rel && !container_host_ok(scheme, host))
    return ca_errf(err, CA_EXIT_RUN, "%s: AWS_CONTAINER_CREDENTIALS_FULL_URI may use http only to a loopback address "
                                     "or 169.254.170.2, 169.254.170.23, fd00:ec2::23 (https: any host); not '%s'",
                   what, host);
  char *token = NULL;
  const char *tfile = getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
  if (tfile && *tfile) {
    if (read_token(tfile, what, &token, err)) return -1;
  } else if (getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN") && *getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN")) {
    token = strdup(getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN"));
    if (!token) return ca_errf(err, CA_EXIT_RUN, "out of memory");
    if (strpbrk(token, "\r\n")) {
      free(token);
      return ca_errf(err, CA_EXIT_RUN, "%s: AWS_CONTAINER_AUTHORIZATION_TOKEN is not a legal header value", what);
    }
  }
  struct curl_slist *hdrs = NULL;
  int bad = add_hdr(&hdrs, "Accept", "application/json");
  if (token) {
    bad |= add_hdr(&hdrs, "Authorization", token);
    wipe(token, strlen(token));
    free(token);
  }
  if (bad) {
    hdrs_free(hdrs);
    return ca_errf(err, CA_EXIT_RUN, "out of memory");
  }
  hreq r = {"GET", url, hdrs, NULL, 0, CONTAINER_TIMEOUT_MS, CONTAINER_TIMEOUT_MS, CONTAINER_ATTEMPTS, NULL, NULL,
            ch->set->ca_bundle};
  long status = 0;
  ca_buf body;
  ca_buf_init(&body, MAX_CRED_BODY);
  char why[512] = "";
  int rc = hsend(&r, &status, &body, why, sizeof why);
  hdrs_free(hdrs);
  if (rc) {
    buf_wipe_free(&body);
    return ca_errf(err, CA_EXIT_RUN, "%s: no answer: %s", what, why);
  }
  cJSON *j = body.data ? cJSON_ParseWithLength(body.data, body.len) : NULL;
  buf_wipe_free(&body);
  if (status != 200) {
    const char *m = jstr(j, "message") ? jstr(j, "message") : jstr(j, "Message");
    char msg[300];
    snprintf(msg, sizeof msg, "%s", m ? m : "");
    json_delete(j);
    return ca_errf(err, CA_EXIT_RUN, "%s: HTTP status %ld%s%s", what, status, *msg ? ": " : "", msg);
  }
  if (!cJSON_IsObject(j)) {
    json_delete(j);
    return ca_errf(err, CA_EXIT_RUN, "%s: the answer is not a JSON object", what);
  }
  const char *exp = jstr(j, "Expiration");
  rc = take(o, what, jstr(j, "AccessKeyId"), jstr(j, "SecretAccessKey"), jstr(j, "Token"), exp ? iso_time(exp) : 0, err);
  json_delete(j);
  if (!rc) snprintf(o->source, sizeof o->source, "%.500s", what);
  return rc;
}

/* ---- EC2 instance metadata, IMDSv2 only ---- */

static int imds_get(const ca_chain *ch, const char *method, const char *url, const char *hname, const char *hvalue,
                    long *status, ca_buf *body, char *why, size_t whysz) {
  struct curl_slist *hdrs = NULL;
  if (add_hdr(&hdrs, hname, hvalue)) {
    snprintf(why, whysz, "out of memory");
    return -1;
  }
  hreq r = {method, url, hdrs, NULL, 0, ch->imds_timeout_ms, 2 * ch->imds_timeout_ms, ch->imds_attempts, NULL, NULL,
            NULL};
  int rc = hsend(&r, status, body, why, whysz);
  hdrs_free(hdrs);
  return rc;
}

/* Not there (not on EC2, no role): a note, or with required an error. */
static int imds_absent(ca_chain *ch, int required, const char *base, const char *why, ca_err *err) {
  if (required)
    return ca_errf(err, CA_EXIT_RUN, "credential_source Ec2InstanceMetadata: EC2 instance metadata at %s: %s", base, why);
  ca_chain_note(ch, "EC2 instance metadata (%s: %s)", base, why);
  return 1;
}

int ca_src_imds(ca_chain *ch, int required, ca_aws_creds *o, ca_err *err) {
  if (ch->imds_disabled) {
    if (required) return ca_errf(err, CA_EXIT_RUN, "credential_source Ec2InstanceMetadata: AWS_EC2_METADATA_DISABLED is true");
    ca_chain_note(ch, "EC2 instance metadata (AWS_EC2_METADATA_DISABLED)");
    return 1;
  }
  char base[520];
  snprintf(base, sizeof base, "%s", ch->imds_endpoint[0] ? ch->imds_endpoint
                                    : ch->imds_ipv6      ? "http://[fd00:ec2::254]"
                                                         : "http://169.254.169.254");
  size_t bl = strlen(base);
  while (bl && base[bl - 1] == '/') base[--bl] = '\0';
  char url[1200], why[512] = "", token[256] = "", role[256] = "";
  long status = 0;
  ca_buf body;
  ca_buf_init(&body, MAX_CRED_BODY);
  /* 1. the session token (IMDSv2; no fallback to the unauthenticated v1) */
  snprintf(url, sizeof url, "%s/latest/api/token", base);
  if (imds_get(ch, "PUT", url, "X-aws-ec2-metadata-token-ttl-seconds", "21600", &status, &body, why, sizeof why) ||
      status != 200 || !body.len || body.len >= sizeof token) {
    if (!why[0]) snprintf(why, sizeof why, "no IMDSv2 token (HTTP status %ld to PUT /latest/api/token)", status);
    buf_wipe_free(&body);
    return imds_absent(ch, required, base, why, err);
  }
  snprintf(token, sizeof token, "%.*s", (int)body.len, body.data);
  /* 2. the instance profile's role */
  snprintf(url, sizeof url, "%s/latest/meta-data/iam/security-credentials/", base);
  int rc = imds_get(ch, "GET", url, "X-aws-ec2-metadata-token", token, &status, &body, why, sizeof why);
  if (rc || status != 200 || !body.len) {
    if (!why[0]) snprintf(why, sizeof why, "no IAM role (HTTP status %ld to GET /latest/meta-data/iam/security-credentials/)", status);
    wipe(token, sizeof token);
    buf_wipe_free(&body);
    return imds_absent(ch, required, base, why, err);
  }
  size_t rl = strcspn(body.data, "\r\n");
  snprintf(role, sizeof role, "%.*s", (int)rl, body.data);
  char what[800];
  snprintf(what, sizeof what, "EC2 instance metadata (%s, role %s)", base, role);
  /* 3. its credentials; the role name goes into the path encoded */
  ca_buf path;
  ca_buf_init(&path, 1024);
  ca_aws_path_add(&path, role);
  snprintf(url, sizeof url, "%s/latest/meta-data/iam/security-credentials%s", base, path.data ? path.data : "/");
  ca_buf_free(&path);
  rc = imds_get(ch, "GET", url, "X-aws-ec2-metadata-token", token, &status, &body, why, sizeof why);
  wipe(token, sizeof token);
  if (rc) {
    buf_wipe_free(&body);
    return ca_errf(err, CA_EXIT_RUN, "%s: no answer: %s", what, why);
  }
  cJSON *j = status == 200 && body.data ? cJSON_ParseWithLength(body.data, body.len) : NULL;
  buf_wipe_free(&body);
  const char *code = jstr(j, "Code");
  if (status != 200 || !cJSON_IsObject(j) || (code && strcmp(code, "Success"))) {
    char c[64];
    snprintf(c, sizeof c, "%s", code ? code : "");
    json_delete(j);
    return ca_errf(err, CA_EXIT_RUN, "%s: %s%s", what, status != 200 ? "HTTP status " : "Code ",
                   status != 200 ? (snprintf(c, sizeof c, "%ld", status), c) : c);
  }
  const char *exp = jstr(j, "Expiration");
  rc = take(o, what, jstr(j, "AccessKeyId"), jstr(j, "SecretAccessKey"), jstr(j, "Token"), exp ? iso_time(exp) : 0, err);
  json_delete(j);
  if (!rc) snprintf(o->source, sizeof o->source, "%.500s", what);
  return rc;
}

/* ---- credential_process ---- */

/* Splits a command line as Python's shlex.split (POSIX): blanks separate
 * words, '…' and "…" quote, backslash escapes (not inside '…').  argv
 * points into buf; at most max - 1 words. */
static int shell_split(const char *cmd, char *buf, size_t bufsz, char **argv, int max) {
  int n = 0;
  size_t w = 0;
  const char *p = cmd;
  while (*p) {
    while (*p == ' ' || *p == '\t' || *p == '\n') p++;
    if (!*p) break;
    if (n + 1 >= max) return -1;
    argv[n++] = buf + w;
    char q = 0;
    for (; *p && (q || (*p != ' ' && *p != '\t' && *p != '\n')); p++) {
      if (w + 2 >= bufsz) return -1;
      if (q == '\'') {
        if (*p == '\'') q = 0;
        else buf[w++] = *p;
      } else if (*p == '\\' && p[1] && (!q || strchr("\"\\$`\n", p[1]))) {
        buf[w++] = *++p;
      } else if (q == '"') {
        if (*p == '"') q = 0;
        else buf[w++] = *p;
      } else if (*p == '\'' || *p == '"') {
        q = *p;
      } else {
        buf[w++] = *p;
      }
    }
    if (q) return -1;
    buf[w++] = '\0';
  }
  argv[n] = NULL;
  return n;
}

int ca_src_process(ca_chain *ch, const char *profile, const char *command, ca_aws_creds *o, ca_err *err) {
  (void)ch;
  char what[400];
  snprintf(what, sizeof what, "credential_process of profile '%s'", profile);
  char buf[4096], *argv[64];
  int argc = shell_split(command, buf, sizeof buf, argv, 64);
  if (argc <= 0) return ca_errf(err, CA_EXIT_USAGE, "%s: not a command line (empty, an open quote, or too long)", what);
  int fds[2];
  if (pipe(fds)) return ca_errf(err, CA_EXIT_RUN, "%s: pipe: %s", what, strerror(errno));
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, fds[1], 1);   /* stdout: the JSON; stderr: ours, passed through */
  posix_spawn_file_actions_addclose(&fa, fds[0]);
  posix_spawn_file_actions_addclose(&fa, fds[1]);
  pid_t pid;
  int sp = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  close(fds[1]);
  if (sp) {
    close(fds[0]);
    return ca_errf(err, CA_EXIT_RUN, "%s: cannot run %s: %s", what, argv[0], strerror(sp));
  }
  ca_buf out;
  ca_buf_init(&out, MAX_CRED_BODY);
  char chunk[4096];
  int over = 0;
  time_t deadline = time(NULL) + PROCESS_TIMEOUT_S;
  for (;;) {
    long left = (long)(deadline - time(NULL));
    struct pollfd pf = {fds[0], POLLIN, 0};
    int pr = left > 0 ? poll(&pf, 1, (int)(left * 1000)) : 0;
    if (pr < 0 && errno == EINTR) continue;
    if (pr == 0) {   /* a helper that hangs (waiting for a login, say) does not hang the run */
      over = 2;
      break;
    }
    ssize_t k = read(fds[0], chunk, sizeof chunk);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) break;
    if (ca_buf_add(&out, chunk, (size_t)k)) over = 1;
  }
  wipe(chunk, sizeof chunk);
  close(fds[0]);
  if (over == 2) kill(pid, SIGKILL);
  int st = 0;
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
  if (over || !WIFEXITED(st) || WEXITSTATUS(st)) {
    buf_wipe_free(&out);
    if (over == 1) return ca_errf(err, CA_EXIT_RUN, "%s: its output is over %ld bytes", what, MAX_CRED_BODY);
    if (over == 2) return ca_errf(err, CA_EXIT_RUN, "%s: no answer within %d s", what, PROCESS_TIMEOUT_S);
    if (WIFEXITED(st))
      return ca_errf(err, CA_EXIT_RUN, "%s: %s exited with status %d (its messages are above)", what, argv[0], WEXITSTATUS(st));
    return ca_errf(err, CA_EXIT_RUN, "%s: %s ended by signal %d", what, argv[0], WIFSIGNALED(st) ? WTERMSIG(st) : 0);
  }
  cJSON *j = out.data ? cJSON_ParseWithLength(out.data, out.len) : NULL;
  buf_wipe_free(&out);
  if (!cJSON_IsObject(j)) {
    json_delete(j);
    return ca_errf(err, CA_EXIT_RUN, "%s: its output is not a JSON object", what);
  }
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, "Version");
  if (!cJSON_IsNumber(v) || v->valuedouble != 1) {
    json_delete(j);
    return ca_errf(err, CA_EXIT_RUN, "%s: unsupported Version (want 1)", what);
  }
  const char *exp = jstr(j, "Expiration");
  long long when = exp ? iso_time(exp) : 0;
  if (exp && when < 0) {
    json_delete(j);
    return ca_errf(err, CA_EXIT_RUN, "%s: Expiration is not an ISO 8601 time", what);
  }
  int rc = take(o, what, jstr(j, "AccessKeyId"), jstr(j, "SecretAccessKey"), jstr(j, "SessionToken"), when, err);
  json_delete(j);
  if (!rc) snprintf(o->source, sizeof o->source, "%s", what);
  return rc;
}

/* ---- IAM Identity Center ---- */

static void sha1_hex(const char *s, char out[41]) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(s, strlen(s), md, &n, EVP_sha1(), NULL);
  for (unsigned i = 0; i < n && i < 20; i++) snprintf(out + 2 * i, 3, "%02x", md[i]);
}

int ca_src_sso(ca_chain *ch, const char *profile, ca_aws_creds *o, ca_err *err) {
  char role[256] = "", account[64] = "", session[200] = "", start[1024] = "", region[64] = "", v[1024];
  int has_role = ca_prof_get(ch, profile, "sso_role_name", role, sizeof role);
  int has_acct = ca_prof_get(ch, profile, "sso_account_id", account, sizeof account);
  if (!has_role && !has_acct) return 1;   /* not an SSO profile */
  ca_prof_get(ch, profile, "sso_start_url", start, sizeof start);
  ca_prof_get(ch, profile, "sso_region", region, sizeof region);
  char login[400];
  if (ca_prof_get(ch, profile, "sso_session", session, sizeof session)) {
    char sec[260];
    snprintf(sec, sizeof sec, "sso-session %s", session);
    static const char *const keys[] = {"sso_start_url", "sso_region"};
    char *vals[] = {start, region};
    int found = 0;
    for (int i = 0; i < 2; i++) {
      if (!ca_ini_get(ch->cfgfile, sec, keys[i], v, sizeof v)) continue;
      found = 1;
      if (*vals[i] && strcmp(vals[i], v))
        return ca_errf(err, CA_EXIT_USAGE, "profile '%s': %s differs between the profile (%s) and sso-session '%s' (%s)",
                       profile, keys[i], vals[i], session, v);
      snprintf(vals[i], i ? sizeof region : sizeof start, "%s", v);
    }
    if (!found && !ca_ini_get(ch->cfgfile, sec, NULL, NULL, 0))
      return ca_errf(err, CA_EXIT_USAGE, "profile '%s': sso_session '%s' has no [sso-session %s] section in %s", profile,
                     session, session, ch->cfgfile);
    snprintf(login, sizeof login, "aws sso login --sso-session %s", session);
  } else {
    snprintf(login, sizeof login, "aws sso login --profile %s", profile);
  }
  char missing[200] = "";
  if (!*role) strcat(missing, " sso_role_name");
  if (!*account) strcat(missing, " sso_account_id");
  if (!*start) strcat(missing, " sso_start_url");
  if (!*region) strcat(missing, " sso_region");
  if (*missing)
    return ca_errf(err, CA_EXIT_USAGE, "profile '%s' is configured for IAM Identity Center but lacks:%s", profile, missing);
  if (!ca_aws_valid_region(region))   /* it goes into the portal's host name */
    return ca_errf(err, CA_EXIT_USAGE, "profile '%s': sso_region '%.64s' is not a region name (letters, digits and '-')",
                   profile, region);
  char what[600];
  snprintf(what, sizeof what, "IAM Identity Center (profile '%s', account %s, role %s)", profile, account, role);

  /* The AWS CLI's token cache: ~/.aws/sso/cache/<sha1 of the session name, or of the start URL>.json */
  char hex[41] = "", path[1200];
  sha1_hex(*session ? session : start, hex);
  const char *home = getenv("HOME");
  snprintf(path, sizeof path, "%s/.aws/sso/cache/%s.json", home ? home : "", hex);
  char *text = NULL;
  size_t len = 0;
  ca_err e = {0};
  if (ca_read_file(path, MAX_CRED_BODY, &text, &len, &e))
    return ca_errf(err, CA_EXIT_RUN, "%s: no cached sign-in token (%s): run %s", what, path, login);
  cJSON *tok = cJSON_ParseWithLength(text, len);
  wipe(text, len);
  free(text);
  const char *access = jstr(tok, "accessToken"), *expires = jstr(tok, "expiresAt");
  long long tok_exp = expires ? iso_time(expires) : -1;
  if (!access || !*access || tok_exp < 0) {
    json_delete(tok);
    return ca_errf(err, CA_EXIT_RUN, "%s: the cached token %s lacks accessToken or expiresAt: run %s", what, path, login);
  }
  if (tok_exp <= (long long)time(NULL)) {
    char when[32];
    utc_text(tok_exp, when, sizeof when);
    json_delete(tok);
    return ca_errf(err, CA_EXIT_RUN, "%s: the sign-in token expired at %s: run %s", what, when, login);
  }
  /* GetRoleCredentials: GET /federation/credentials, unsigned, the token in x-amz-sso_bearer_token. */
  char base[1100], url[1600];
  ca_buf q;
  ca_buf_init(&q, 1024);
  ca_aws_param p[] = {{"account_id", account}, {"role_name", role}};
  if (ca_aws_endpoint_for(ch->set, "SSO", "portal.sso", region, base, sizeof base) || ca_aws_query(&q, p, 2)) {
    ca_buf_free(&q);
    json_delete(tok);
    return ca_errf(err, CA_EXIT_RUN, "%s: portal URL too long", what);
  }
  snprintf(url, sizeof url, "%s/federation/credentials?%s", base, q.data);
  ca_buf_free(&q);
  struct curl_slist *hdrs = NULL;
  int bad = add_hdr(&hdrs, "x-amz-sso_bearer_token", access);
  json_delete(tok);
  if (bad) return ca_errf(err, CA_EXIT_RUN, "out of memory");
  hreq r = {"GET", url, hdrs, NULL, 0, STS_CONNECT_MS, STS_TIMEOUT_MS, STS_ATTEMPTS, NULL, NULL, ch->set->ca_bundle};
  long status = 0;
  ca_buf body;
  ca_buf_init(&body, MAX_CRED_BODY);
  char why[512] = "";
  int rc = hsend(&r, &status, &body, why, sizeof why);
  hdrs_free(hdrs);
  if (rc) {
    buf_wipe_free(&body);
    return ca_errf(err, CA_EXIT_RUN, "%s: sso:GetRoleCredentials at %s: no answer: %s", what, base, why);
  }
  if (status < 200 || status >= 300) {
    char code[128] = "", msg[512] = "";
    if (ca_aws_parse_error(body.data, body.len, NULL, code, sizeof code, msg, sizeof msg))
      snprintf(code, sizeof code, "HTTP%ld", status), snprintf(msg, sizeof msg, "HTTP status %ld", status);
    buf_wipe_free(&body);
    if (status == 401 || !strcmp(code, "UnauthorizedException"))
      return ca_errf(err, CA_EXIT_RUN, "%s: sso:GetRoleCredentials: %s: the sign-in token was refused: run %s", what,
                     code, login);
    return ca_errf(err, CA_EXIT_RUN, "%s: sso:GetRoleCredentials: %s: %s", what, code, msg);
  }
  cJSON *j = body.data ? cJSON_ParseWithLength(body.data, body.len) : NULL;
  buf_wipe_free(&body);
  const cJSON *rcj = cJSON_GetObjectItemCaseSensitive(j, "roleCredentials");
  const cJSON *ex = cJSON_GetObjectItemCaseSensitive(rcj, "expiration");   /* milliseconds since 1970 */
  rc = take(o, what, jstr(rcj, "accessKeyId"), jstr(rcj, "secretAccessKey"), jstr(rcj, "sessionToken"),
            cJSON_IsNumber(ex) ? (long long)(ex->valuedouble / 1000) : 0, err);
  json_delete(j);
  if (!rc) snprintf(o->source, sizeof o->source, "%s", what);
  return rc;
}
