/* http.c -- signed requests over libcurl's multi interface: queued per API,
 * each API paced by its token bucket, up to max_inflight on the wire
 * together over reused connections, retried with backoff.
 *
 * libcurl 7.88's CURLOPT_AWS_SIGV4 signs the URL exactly as given, so the
 * URL is built canonical here (/work/shared/reference/aws-notes.md): query
 * sorted, every parameter k=v, SigV4 percent-encoding, path segments encoded,
 * and all four fields of "aws:amz:REGION:SERVICE" always passed. */
#include "aws/aws.h"

#include <curl/curl.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "ca_limits.h"

/* Defaults.  Amazon Connect's API quotas are a few requests per second per
 * operation with a small burst: 2/s with a burst of 5 stays under the
 * tightest of them, so throttling is rare rather than the pacing mechanism. */
#define DEF_RATE 2.0
#define DEF_BURST 5.0
/* botocore's standard retry mode: 3 attempts; ours is a collector that
 * would rather wait than lose evidence, so a few more. */
#define DEF_ATTEMPTS 6
/* Retries over a whole run: an endpoint that throttles everything ends the
 * retrying instead of stretching a run to hours. */
#define DEF_RETRY_BUDGET 500
#define DEF_CONNECT_MS 10000L
#define DEF_TIMEOUT_MS 60000L
#define DEF_BACKOFF_BASE_MS 100L
#define DEF_BACKOFF_CAP_MS 20000L
/* Calls in flight together: botocore's max_pool_connections. */
#define DEF_INFLIGHT 10
/* Distinct APIs paced separately (service:Operation).  A full collection
 * touches well under a hundred. */
#define MAX_BUCKETS 256

struct job;
typedef struct bucket {
  char key[96];
  double tokens, last;
  double burst;              /* the client's burst; 1 once the API has throttled */
  struct job *head, *tail;   /* calls waiting for a token, oldest first */
} bucket;

struct ca_aws {
  ca_aws_creds creds;
  ca_aws_opts o;
  CURLM *multi;                  /* every call goes through it: connections reused */
  CURL *idle[CA_MAX_AWS_INFLIGHT];   /* easy handles between calls */
  int nidle;
  long queued;                   /* submitted, not yet done (waiting, in flight or backing off) */
  int inflight, peak_inflight;
  struct job *delayed;           /* retries waiting out their backoff */
  int running;                   /* inside ca_aws_run */
  bucket buckets[MAX_BUCKETS];
  size_t nbuckets;
  long requests, retries, throttles;
  long refreshes;                /* temporary credentials found again */
  long long next_refresh;        /* after a failed refresh: not before this (Unix time) */
  char refresh_error[600];       /* why the last refresh failed; "" */
  int budget;
  unsigned long long rng;
};

struct ca_aws_slots {
  pthread_mutex_t mu;
  int free;
};

ca_aws_slots *ca_aws_slots_new(int n) {
  ca_aws_slots *s = calloc(1, sizeof *s);
  if (!s) return NULL;
  pthread_mutex_init(&s->mu, NULL);
  s->free = n > 0 ? n : DEF_INFLIGHT;
  return s;
}

void ca_aws_slots_free(ca_aws_slots *s) {
  if (!s) return;
  pthread_mutex_destroy(&s->mu);
  free(s);
}

static int slot_take(ca_aws *c) {
  ca_aws_slots *s = c->o.slots;
  if (!s) return 1;
  pthread_mutex_lock(&s->mu);
  int ok = s->free > 0;
  if (ok) s->free--;
  pthread_mutex_unlock(&s->mu);
  return ok;
}

static void slot_give(ca_aws *c) {
  ca_aws_slots *s = c->o.slots;
  if (!s) return;
  pthread_mutex_lock(&s->mu);
  s->free++;
  pthread_mutex_unlock(&s->mu);
}

/* curl_global_init is not thread-safe: the first client (made before any
 * thread starts) does it, and every later one finds it done. */
static int global_done;

int ca_aws_global_init(ca_err *err) {
  if (global_done) return 0;
  if (curl_global_init(CURL_GLOBAL_DEFAULT)) return ca_errf(err, CA_EXIT_RUN, "libcurl: initialisation failed");
  global_done = 1;
  return 0;
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_s(double s) {
  if (s <= 0) return;
  struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
  while (nanosleep(&ts, &ts) && errno == EINTR) {}
}

static double rnd01(ca_aws *c) {   /* xorshift64*: jitter, not cryptography */
  c->rng ^= c->rng >> 12, c->rng ^= c->rng << 25, c->rng ^= c->rng >> 27;
  return (double)((c->rng * 2685821657736338717ULL) >> 11) / 9007199254740992.0;
}

void ca_aws_resp_init(ca_aws_resp *r) {
  memset(r, 0, sizeof *r);
  ca_buf_init(&r->body, CA_MAX_AWS_BODY_BYTES);
}

void ca_aws_resp_free(ca_aws_resp *r) {
  if (r) ca_buf_free(&r->body);
}

int ca_aws_new(const ca_aws_creds *creds, const ca_aws_opts *opts, ca_aws **out, ca_err *err) {
  if (ca_aws_global_init(err)) return -1;
  ca_aws *c = calloc(1, sizeof *c);
  if (!c) return ca_errf(err, CA_EXIT_RUN, "out of memory");
  c->creds = *creds;
  if (opts) c->o = *opts;
  if (c->o.rate <= 0) c->o.rate = DEF_RATE;
  if (c->o.burst < 1) c->o.burst = c->o.rate > DEF_BURST ? c->o.rate : DEF_BURST;
  if (c->o.max_attempts <= 0) c->o.max_attempts = creds->max_attempts > 0 ? creds->max_attempts : DEF_ATTEMPTS;
  if (c->o.max_attempts > CA_MAX_AWS_ATTEMPTS) c->o.max_attempts = CA_MAX_AWS_ATTEMPTS;
  if (c->o.retry_budget <= 0) c->o.retry_budget = DEF_RETRY_BUDGET;
  if (c->o.connect_timeout_ms <= 0) c->o.connect_timeout_ms = DEF_CONNECT_MS;
  if (c->o.timeout_ms <= 0) c->o.timeout_ms = DEF_TIMEOUT_MS;
  if (c->o.backoff_base_ms <= 0) c->o.backoff_base_ms = DEF_BACKOFF_BASE_MS;
  if (c->o.backoff_cap_ms <= 0) c->o.backoff_cap_ms = DEF_BACKOFF_CAP_MS;
  c->budget = c->o.retry_budget;
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  c->rng = ((unsigned long long)ts.tv_nsec << 20) ^ (unsigned long long)getpid() ^ 0x9E3779B97F4A7C15ULL;
  if (c->o.max_inflight <= 0) c->o.max_inflight = DEF_INFLIGHT;
  if (c->o.max_inflight > CA_MAX_AWS_INFLIGHT) c->o.max_inflight = CA_MAX_AWS_INFLIGHT;
  c->multi = curl_multi_init();
  if (!c->multi) {
    ca_aws_free(c);
    return ca_errf(err, CA_EXIT_RUN, "libcurl: cannot create a multi handle");
  }
  curl_multi_setopt(c->multi, CURLMOPT_MAXCONNECTS, (long)c->o.max_inflight * 2);
  *out = c;
  return 0;
}

void ca_aws_free(ca_aws *c) {
  if (!c) return;
  for (int i = 0; i < c->nidle; i++) curl_easy_cleanup(c->idle[i]);
  if (c->multi) curl_multi_cleanup(c->multi);
  ca_aws_creds_wipe(&c->creds);
  free(c);
}

void ca_aws_load(const ca_aws *c, long *queued, int *inflight, int *peak) {
  if (queued) *queued = c->queued;
  if (inflight) *inflight = c->inflight;
  if (peak) *peak = c->peak_inflight;
}

const char *ca_aws_region(const ca_aws *c) { return c->creds.region; }

void ca_aws_stats(const ca_aws *c, long *requests, long *retries, long *throttles) {
  if (requests) *requests = c->requests;
  if (retries) *retries = c->retries;
  if (throttles) *throttles = c->throttles;
}

/* ---- Canonical URLs ---- */

static int unreserved(unsigned char ch) {
  return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
         ch == '-' || ch == '_' || ch == '.' || ch == '~';
}

int ca_aws_encode(ca_buf *b, const char *s) {
  static const char hex[] = "0123456789ABCDEF";
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (unreserved(*p)) {
      if (ca_buf_add(b, p, 1)) return -1;
    } else {
      char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
      if (ca_buf_add(b, e, 3)) return -1;
    }
  }
  return 0;
}

int ca_aws_path_add(ca_buf *b, const char *seg) {
  return ca_buf_add(b, "/", 1) || ca_aws_encode(b, seg) ? -1 : 0;
}

static int param_cmp(const void *a, const void *b) {
  const ca_aws_param *x = a, *y = b;
  int k = strcmp(x->key, y->key);
  return k ? k : strcmp(x->value ? x->value : "", y->value ? y->value : "");
}

int ca_aws_query(ca_buf *b, const ca_aws_param *p, size_t n) {
  if (!n) return 0;
  if (n > 64) return -1;
  ca_aws_param sorted[64];
  memcpy(sorted, p, n * sizeof *p);
  /* SigV4 sorts by the encoded names; for the names AWS uses (letters and
   * digits) that is the same order as the raw ones. */
  qsort(sorted, n, sizeof *sorted, param_cmp);
  for (size_t i = 0; i < n; i++) {
    if ((i && ca_buf_add(b, "&", 1)) || ca_aws_encode(b, sorted[i].key) || ca_buf_add(b, "=", 1) ||
        ca_aws_encode(b, sorted[i].value ? sorted[i].value : ""))
      return -1;
  }
  return 0;
}

/* ---- Pacing: a token bucket per API, and its queue of calls ----
 *
 * Calls wait in their API's queue (first in, first out) until the bucket has
 * a token and a connection slot is free; a retry waits in `delayed` until its
 * backoff has passed, then goes back to the head of its queue. */

static bucket *bucket_of(ca_aws *c, const char *service, const char *op) {
  char key[96];
  snprintf(key, sizeof key, "%s:%s", service, op);
  for (size_t i = 0; i < c->nbuckets; i++)
    if (!strcmp(c->buckets[i].key, key)) return &c->buckets[i];
  /* Past MAX_BUCKETS APIs share the last bucket: slower, never faster. */
  bucket *bk = &c->buckets[c->nbuckets < MAX_BUCKETS ? c->nbuckets++ : MAX_BUCKETS - 1];
  if (!bk->key[0]) {
    snprintf(bk->key, sizeof bk->key, "%s", key);
    /* One call of the burst is kept in reserve: AWS counts arrivals, and a
     * call sent on time can arrive right behind one that was held up on the
     * way; the service's spare token absorbs that. */
    bk->burst = c->o.burst >= 2 ? c->o.burst - 1 : 1;
    bk->tokens = bk->burst;
    bk->last = now_s();
  }
  return bk;
}

/* Seconds until the bucket has a token (0: it has one now). */
static double refill(ca_aws *c, bucket *bk, double t) {
  bk->tokens += (t - bk->last) * c->o.rate;
  if (bk->tokens > bk->burst) bk->tokens = bk->burst;
  bk->last = t;
  return bk->tokens >= 1 ? 0 : (1 - bk->tokens) / c->o.rate;
}

/* ---- One HTTP exchange ---- */

typedef struct sink {
  ca_buf *body;
  char errtype[128];
  char querycode[128];   /* x-amzn-query-error: the code of an awsQueryCompatible service (CloudWatch) */
  int overflow;
} sink;

static size_t on_body(char *p, size_t sz, size_t n, void *ud) {
  sink *s = ud;
  if (ca_buf_add(s->body, p, sz * n)) {
    s->overflow = 1;
    return 0;
  }
  return sz * n;
}

/* The value of header line p (len bytes) if it is `name` ("x-amzn-errortype:"),
 * up to the first character in stop, into out. */
static void header_value(const char *p, size_t len, const char *name, const char *stop, char *out, size_t outsz) {
  size_t n = strlen(name), i = n, j = 0;
  if (len <= n || strncasecmp(p, name, n)) return;
  while (i < len && (p[i] == ' ' || p[i] == '\t')) i++;
  while (i < len && p[i] != '\r' && p[i] != '\n' && !strchr(stop, p[i]) && j + 1 < outsz) out[j++] = p[i++];
  out[j] = '\0';
}

static size_t on_header(char *p, size_t sz, size_t n, void *ud) {
  sink *s = ud;
  size_t len = sz * n;
  header_value(p, len, "x-amzn-errortype:", ":", s->errtype, sizeof s->errtype);
  /* "Code;Sender": botocore takes the code from here before the body's __type */
  header_value(p, len, "x-amzn-query-error:", ";", s->querycode, sizeof s->querycode);
  return len;
}

static int is_throttle(long status, const char *code) {
  static const char *const codes[] = {
      "Throttling", "ThrottlingException", "ThrottledException", "TooManyRequestsException",
      "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException", "SlowDown",
      "ProvisionedThroughputExceededException", "BandwidthLimitExceeded", "LimitExceededException",
      "PriorRequestNotComplete", "EC2ThrottledException", NULL};
  if (status == 429) return 1;
  for (int i = 0; codes[i]; i++)
    if (!strcmp(code, codes[i])) return 1;
  return 0;
}

/* Removes every occurrence of the secrets from s: AWS never echoes them, but
 * a message is the one place they could leak from, so make it impossible. */
static void scrub(char *s, const ca_aws_creds *cr) {
  const char *secrets[2] = {cr->secret_key, cr->session_token};
  for (int i = 0; i < 2; i++) {
    size_t n = strlen(secrets[i]);
    if (n < 4) continue;
    for (char *p; (p = strstr(s, secrets[i]));) {
      memset(p, '*', 3);
      memmove(p + 3, p + n, strlen(p + n) + 1);
    }
  }
}

static int retryable(const ca_aws_resp *r) {
  if (r->status == 0) return strcmp(r->code, "ResponseTooLarge") != 0;   /* transport failures */
  if (r->status >= 500 || r->status == 429) return 1;
  return is_throttle(r->status, r->code);
}

typedef struct job job;
struct job {
  job *next;
  bucket *bk;
  CURL *h;                       /* while in flight */
  char *url;                     /* what curl signs (see ca_aws_submit) */
  char *target;                  /* the request line's path when it differs, else NULL */
  char sigv4[160];
  struct curl_slist *hdrs;
  struct curl_slist *sent;       /* hdrs + the session token, for the attempt in flight */
  char akid[128];                /* the access key that signed the attempt */
  char *body;
  size_t body_len;
  int post;
  char errbuf[CURL_ERROR_SIZE];
  sink s;
  ca_aws_resp resp;
  double not_before;             /* a retry's backoff ends */
  ca_aws_done done;
  void *ud;
};

static void slist_wipe_free(struct curl_slist *l) {
  for (struct curl_slist *x = l; x; x = x->next)   /* the token header: wipe before freeing */
    memset(x->data, 0, strlen(x->data));
  curl_slist_free_all(l);
}

static void job_free(job *j) {
  if (!j) return;
  slist_wipe_free(j->sent);
  curl_slist_free_all(j->hdrs);
  free(j->url);
  free(j->target);
  free(j->body);
  ca_aws_resp_free(&j->resp);
  free(j);
}

static void enqueue(bucket *bk, job *j, int front) {
  j->next = NULL;
  if (front) {
    j->next = bk->head;
    bk->head = j;
    if (!bk->tail) bk->tail = j;
  } else {
    if (bk->tail) bk->tail->next = j;
    else bk->head = j;
    bk->tail = j;
  }
}

static int fail_now(ca_aws *c, const char *code, const char *message, ca_aws_done done, void *ud) {
  ca_aws_resp r;
  ca_aws_resp_init(&r);
  snprintf(r.code, sizeof r.code, "%s", code);
  snprintf(r.message, sizeof r.message, "%s", message);
  done(ud, -1, &r);
  ca_aws_resp_free(&r);
  (void)c;
  return -1;
}

int ca_aws_submit(ca_aws *c, const char *region, const char *const *headers, const ca_aws_req *rq,
                  ca_aws_done done, void *ud) {
  if (!region || !*region) region = c->creds.region;
  if (!ca_aws_valid_region(region))   /* a region from an answer (a bucket's LocationConstraint) goes into the host */
    return fail_now(c, "ClientError", "the region is not a region name (letters, digits and '-')", done, ud);
  char endpoint[1100];
  ca_buf url;
  ca_buf_init(&url, 16 * 1024);
  if (ca_aws_endpoint_for(&c->creds, rq->service_env, rq->prefix, region, endpoint, sizeof endpoint) ||
      ca_buf_adds(&url, endpoint) || ca_buf_adds(&url, rq->path) ||
      (rq->nquery && (ca_buf_add(&url, "?", 1) || ca_aws_query(&url, rq->query, rq->nquery)))) {
    ca_buf_free(&url);
    return fail_now(c, "ClientError", "request URL too long", done, ud);
  }
  job *j = calloc(1, sizeof *j);
  if (!j) {
    ca_buf_free(&url);
    return fail_now(c, "ClientError", "out of memory", done, ud);
  }
  ca_aws_resp_init(&j->resp);
  j->done = done, j->ud = ud;
  snprintf(j->sigv4, sizeof j->sigv4, "aws:amz:%s:%s", ca_aws_signing_region(&c->creds, rq->service_env, region),
           rq->signing);
  /* SigV4 signs a non-S3 path encoded once more than it is sent (AWS encodes
   * the received path again); curl 7.88 signs the URL's path as it is.  So a
   * path holding %XX (a Lex "$LATEST", an ARN) goes to curl with each '%' as
   * "%25" -- what it signs -- while the request line (CURLOPT_REQUEST_TARGET)
   * carries the path as built. */
  const char *target = strstr(url.data, "://");
  target = target ? strchr(target + 3, '/') : NULL;
  size_t plen = target ? strcspn(target, "?") : 0;
  int oom = 0;
  if (target && strcmp(rq->signing, "s3") && memchr(target, '%', plen)) {
    ca_buf su;
    ca_buf_init(&su, 64 * 1024);
    ca_buf_add(&su, url.data, (size_t)(target - url.data));
    for (size_t i = 0; i < plen; i++) ca_buf_adds(&su, target[i] == '%' ? "%25" : (char[2]){target[i], 0});
    ca_buf_adds(&su, target + plen);
    /* A plain-http endpoint may be reached through a proxy (http_proxy),
     * which needs the absolute form; every HTTP/1.1 server accepts it too.
     * Over https the proxy tunnels (CONNECT) and the path form is right. */
    j->target = strdup(strncmp(url.data, "http://", 7) ? target : url.data);
    j->url = su.data;   /* taken */
    oom = !j->target || !j->url;
    ca_buf_free(&url);
  } else {
    j->url = url.data;  /* taken */
  }
  char line[2200];
  if (rq->content_type) {
    snprintf(line, sizeof line, "Content-Type: %s", rq->content_type);
    oom |= !(j->hdrs = curl_slist_append(j->hdrs, line));
  }
  if (rq->target) {
    snprintf(line, sizeof line, "X-Amz-Target: %s", rq->target);
    oom |= !(j->hdrs = curl_slist_append(j->hdrs, line));
  }
  for (const char *const *x = headers; x && *x; x++) oom |= !(j->hdrs = curl_slist_append(j->hdrs, *x));   /* S3 */
  /* The session token is added when the call starts (start): credentials
   * refreshed meanwhile sign it, and their token must go with them. */
  /* No "Expect:" or other header-removing entries: curl 7.88 would sign
   * them (as "expect:") though it never sends them, and AWS would then
   * compute a different signature. */
  j->post = !strcmp(rq->method, "POST");
  if (j->post && rq->body_len) {
    oom |= !(j->body = malloc(rq->body_len));
    if (j->body) memcpy(j->body, rq->body, rq->body_len);
    j->body_len = rq->body_len;
  }
  if (oom) {
    job_free(j);
    return fail_now(c, "ClientError", "out of memory", done, ud);
  }
  j->bk = bucket_of(c, rq->signing, rq->operation);
  enqueue(j->bk, j, 0);
  c->queued++;
  return 0;
}

/* The headers of an attempt: the call's, and the session token of the
 * credentials that sign it now. */
static int attempt_headers(ca_aws *c, job *j) {
  slist_wipe_free(j->sent);
  j->sent = NULL;
  for (struct curl_slist *x = j->hdrs; x; x = x->next) {
    struct curl_slist *n = curl_slist_append(j->sent, x->data);
    if (!n) return -1;
    j->sent = n;
  }
  if (c->creds.session_token[0]) {
    size_t n = strlen(c->creds.session_token) + 32;
    char *line = malloc(n);
    if (!line) return -1;
    snprintf(line, n, "X-Amz-Security-Token: %s", c->creds.session_token);
    struct curl_slist *l = curl_slist_append(j->sent, line);
    memset(line, 0, n);
    free(line);
    if (!l) return -1;
    j->sent = l;
  }
  return 0;
}

static int start(ca_aws *c, job *j) {
  if (attempt_headers(c, j)) return -1;
  CURL *h = c->nidle ? c->idle[--c->nidle] : curl_easy_init();
  if (!h) return -1;
  curl_easy_reset(h);
  j->h = h;
  j->errbuf[0] = '\0';
  j->s = (sink){&j->resp.body, "", "", 0};
  ca_buf_free(&j->resp.body);
  j->resp.status = 0;
  j->resp.code[0] = j->resp.message[0] = '\0';
  curl_easy_setopt(h, CURLOPT_PRIVATE, j);
  curl_easy_setopt(h, CURLOPT_URL, j->url);
  if (j->target) curl_easy_setopt(h, CURLOPT_REQUEST_TARGET, j->target);
  curl_easy_setopt(h, CURLOPT_AWS_SIGV4, j->sigv4);
  curl_easy_setopt(h, CURLOPT_USERNAME, c->creds.access_key);
  snprintf(j->akid, sizeof j->akid, "%s", c->creds.access_key);
  curl_easy_setopt(h, CURLOPT_PASSWORD, c->creds.secret_key);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, j->sent);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "connect-auditor/" CA_VERSION);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, c->o.connect_timeout_ms);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, c->o.timeout_ms);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, j->errbuf);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &j->s);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &j->s);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
  /* AWS_CA_BUNDLE / ca_bundle; proxies: libcurl reads http_proxy, HTTPS_PROXY
   * and NO_PROXY itself, and nothing here sets or disables one. */
  if (c->creds.ca_bundle[0]) curl_easy_setopt(h, CURLOPT_CAINFO, c->creds.ca_bundle);
  if (j->post) {
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, j->body ? j->body : "");
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)j->body_len);
  } else {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  }
  if (curl_multi_add_handle(c->multi, h) != CURLM_OK) {
    c->idle[c->nidle++] = h;
    j->h = NULL;
    return -1;
  }
  c->requests++;
  c->inflight++;
  if (c->inflight > c->peak_inflight) c->peak_inflight = c->inflight;
  j->resp.attempts++;
  return 0;
}

/* The answer of an exchange into j->resp; 0 on 2xx. */
static int answer(ca_aws *c, job *j, CURLcode cc) {
  ca_aws_resp *resp = &j->resp;
  int rc = -1;
  if (cc != CURLE_OK) {
    const char *code = cc == CURLE_OPERATION_TIMEDOUT ? "RequestTimeout"
                       : j->s.overflow               ? "ResponseTooLarge"
                                                     : "ConnectionError";
    snprintf(resp->code, sizeof resp->code, "%s", code);
    snprintf(resp->message, sizeof resp->message, "%s%s%s", curl_easy_strerror(cc), j->errbuf[0] ? ": " : "", j->errbuf);
  } else {
    curl_easy_getinfo(j->h, CURLINFO_RESPONSE_CODE, &resp->status);
    if (resp->status >= 200 && resp->status < 300) {
      rc = 0;
    } else if (ca_aws_parse_error(resp->body.data, resp->body.len,
                                  j->s.querycode[0] ? j->s.querycode : j->s.errtype[0] ? j->s.errtype : NULL,
                                  resp->code, sizeof resp->code, resp->message, sizeof resp->message)) {
      snprintf(resp->code, sizeof resp->code, "HTTP%ld", resp->status);
      snprintf(resp->message, sizeof resp->message, "HTTP status %ld without an AWS error code", resp->status);
    }
  }
  scrub(resp->message, &c->creds);
  return rc;
}

static void finish(ca_aws *c, job *j, int rc) {
  c->queued--;
  j->done(j->ud, rc, &j->resp);
  job_free(j);
}

/* A finished exchange: done, or back in line after its backoff. */
static void ended(ca_aws *c, job *j, CURLcode cc) {
  int rc = answer(c, j, cc);
  curl_multi_remove_handle(c->multi, j->h);
  if (c->nidle < CA_MAX_AWS_INFLIGHT) c->idle[c->nidle++] = j->h;
  else curl_easy_cleanup(j->h);
  j->h = NULL;
  c->inflight--;
  slot_give(c);
  if (rc && is_throttle(j->resp.status, j->resp.code)) {
    /* The service counts arrivals, which calls in flight together reach in
     * no fixed order: after a throttle the API gets no more bursts, and its
     * next call waits a whole interval. */
    c->throttles++;
    double t = now_s();
    refill(c, j->bk, t);
    j->bk->burst = 1;
    if (j->bk->tokens > 0) j->bk->tokens = 0;
  }
  /* AWS says temporary keys have expired before their Expiration (a clock
   * ahead of AWS's, a revoked session): they are found again at once (fresh),
   * and the call tried again with the new ones.  Only for the keys that
   * signed it: an answer to keys already replaced says nothing of these. */
  int expired = rc && c->creds.expiration && !strcmp(j->akid, c->creds.access_key) &&
                (!strcmp(j->resp.code, "ExpiredToken") || !strcmp(j->resp.code, "ExpiredTokenException"));
  if (expired) {
    long long now = (long long)time(NULL);
    if (c->creds.expiration > now) c->creds.expiration = now;
    c->next_refresh = 0;
  }
  if (rc && (retryable(&j->resp) || expired) && j->resp.attempts < c->o.max_attempts && c->budget > 0) {
    /* Full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"). */
    int k = j->resp.attempts - 1;
    double cap = (double)c->o.backoff_base_ms * (double)(1L << (k < 20 ? k : 20));
    if (cap > (double)c->o.backoff_cap_ms) cap = (double)c->o.backoff_cap_ms;
    j->not_before = now_s() + rnd01(c) * cap / 1000.0;
    c->retries++;
    c->budget--;
    j->next = c->delayed;
    c->delayed = j;
    return;
  }
  finish(c, j, rc);
}

/* Temporary credentials are found again CA_AWS_REFRESH_BEFORE_S before they
 * expire, when the next call starts.  The multi interface runs in this one
 * thread, and a refresh runs in it between transfers (blocking, with its own
 * easy handles), so no lock is needed: calls on the wire keep the keys they
 * were signed with (still valid), every attempt that starts after signs with
 * the new ones and sends their token.  A failed refresh is tried again 30 s
 * later while the old keys last.  Returns -1 once they have expired and
 * could not be refreshed. */
static int fresh(ca_aws *c) {
  if (!c->creds.expiration) return 0;
  long long now = (long long)time(NULL);
  if (now < c->creds.expiration - CA_AWS_REFRESH_BEFORE_S) return 0;
  if (now >= c->next_refresh) {
    ca_err e = {0};
    if (!ca_aws_creds_refresh(&c->creds, &e)) {
      c->refreshes++;
      c->refresh_error[0] = '\0';
      c->next_refresh = 0;
      return 0;
    }
    snprintf(c->refresh_error, sizeof c->refresh_error, "%s", e.msg);
    c->next_refresh = now + 30;
  }
  return now < c->creds.expiration ? 0 : -1;
}

/* Starts what may start now; returns the seconds until something else may
 * (a token, a backoff's end), or -1 when only answers are awaited. */
static double dispatch(ca_aws *c) {
  double t = now_s(), wait = -1;
  for (job **pp = &c->delayed; *pp;) {   /* backoffs over: back to the head of their queue */
    job *j = *pp;
    if (j->not_before <= t) {
      *pp = j->next;
      enqueue(j->bk, j, 1);
    } else {
      if (wait < 0 || j->not_before - t < wait) wait = j->not_before - t;
      pp = &j->next;
    }
  }
  /* Passes over the APIs, one call each a pass, until the slots are full or
   * nothing more may start: no long queue takes every slot. */
  int expired = c->queued > 0 && fresh(c) < 0;
  for (int started = 1; started && c->inflight < c->o.max_inflight;) {
    started = 0;
    for (size_t n = 0; n < c->nbuckets && c->inflight < c->o.max_inflight; n++) {
      bucket *bk = &c->buckets[n];
      if (!bk->head) continue;
      double w = refill(c, bk, t);
      if (w > 0) {
        if (wait < 0 || w < wait) wait = w;
        continue;
      }
      if (!expired && !slot_take(c)) {   /* the run's other clients have every slot: soon again */
        if (wait < 0 || wait > 0.005) wait = 0.005;
        started = 0;
        break;
      }
      job *j = bk->head;
      bk->head = j->next;
      if (!bk->head) bk->tail = NULL;
      started = 1;
      if (expired) {
        snprintf(j->resp.code, sizeof j->resp.code, "ExpiredToken");
        snprintf(j->resp.message, sizeof j->resp.message, "the credentials from %.150s expired and could not be "
                 "refreshed: %.300s", c->creds.source, c->refresh_error);
        finish(c, j, -1);
        continue;
      }
      if (start(c, j)) {
        slot_give(c);
        snprintf(j->resp.code, sizeof j->resp.code, "ClientError");
        snprintf(j->resp.message, sizeof j->resp.message, "libcurl: cannot start the request");
        finish(c, j, -1);
        continue;
      }
      bk->tokens -= 1;
    }
  }
  return wait;
}

void ca_aws_run(ca_aws *c) {
  if (c->running) return;   /* callbacks submit; the loop that runs picks them up */
  c->running = 1;
  while (c->queued > 0) {
    double wait = dispatch(c);
    int still = 0;
    curl_multi_perform(c->multi, &still);
    CURLMsg *m;
    int left;
    int ended_any = 0;
    while ((m = curl_multi_info_read(c->multi, &left))) {
      if (m->msg != CURLMSG_DONE) continue;
      job *j = NULL;
      curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&j);
      ended(c, j, m->data.result);
      ended_any = 1;
    }
    if (ended_any || c->queued <= 0) continue;   /* slots freed: dispatch again before waiting */
    if (!c->inflight) {   /* nothing on the wire: sleep until a token or a backoff's end */
      sleep_s(wait > 0 ? wait : 0.001);
      continue;
    }
    long ms = wait < 0 ? 1000 : (long)(wait * 1000) + 1;
    if (ms > 1000) ms = 1000;
    curl_multi_poll(c->multi, NULL, 0, (int)ms, NULL);
  }
  c->running = 0;
}

/* ---- One call at a time: a queue of one ---- */
typedef struct one {
  ca_aws_resp *resp;
  int rc;
} one;

static void one_done(void *ud, int rc, ca_aws_resp *r) {
  one *o = ud;
  o->rc = rc;
  ca_buf_free(&o->resp->body);
  o->resp->body = r->body;   /* taken */
  ca_buf_init(&r->body, 1);
  o->resp->status = r->status;
  o->resp->attempts = r->attempts;
  memcpy(o->resp->code, r->code, sizeof r->code);
  memcpy(o->resp->message, r->message, sizeof r->message);
}

int ca_aws_call_hdrs(ca_aws *c, const char *region, const char *const *headers, const ca_aws_req *rq,
                     ca_aws_resp *resp) {
  one o = {resp, -1};
  resp->code[0] = resp->message[0] = '\0';
  resp->attempts = 0;
  if (c->running) {   /* a programming error: a callback must submit, not wait */
    snprintf(resp->code, sizeof resp->code, "ClientError");
    snprintf(resp->message, sizeof resp->message, "a blocking call from inside ca_aws_run");
    return -1;
  }
  if (ca_aws_submit(c, region, headers, rq, one_done, &o)) return -1;
  ca_aws_run(c);
  return o.rc;
}

int ca_aws_call(ca_aws *c, const ca_aws_req *rq, ca_aws_resp *resp) {
  return ca_aws_call_hdrs(c, NULL, NULL, rq, resp);
}

int ca_aws_call_in(ca_aws *c, const char *region, const ca_aws_req *rq, ca_aws_resp *resp) {
  return ca_aws_call_hdrs(c, region, NULL, rq, resp);
}

const char *ca_aws_source(const ca_aws *c) { return c->creds.source; }

long ca_aws_refreshes(const ca_aws *c) { return c->refreshes; }
