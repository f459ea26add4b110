#include "results/lean.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ca_limits.h"
#include "results/load.h"
#include "util/jsonfile.h"
#include "util/sha256.h"

/* ---- the pool: each distinct string once ---------------------------------- */

#define POOL_CHUNK ((size_t)1 << 20)

typedef struct chunk {
  struct chunk *next;
  size_t used, size;
  char data[];
} chunk;

struct ca_lean {
  chunk *chunks;
  const char **slots;   /* open addressing; a power of two, at most half full */
  size_t nslots, n;
};

static uint64_t fnv(const char *s) {
  uint64_t h = 1469598103934665603ull;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
  return h;
}

static int pool_grow(ca_lean *p) {
  size_t n = p->nslots ? p->nslots * 2 : 4096;
  const char **v = calloc(n, sizeof *v);
  if (!v) return -1;
  for (size_t i = 0; i < p->nslots; i++) {
    if (!p->slots[i]) continue;
    size_t k = fnv(p->slots[i]) & (n - 1);
    while (v[k]) k = (k + 1) & (n - 1);
    v[k] = p->slots[i];
  }
  free(p->slots);
  p->slots = v;
  p->nslots = n;
  return 0;
}

/* n bytes of the pool's memory: a long string gets a chunk of its own
 * behind the first, so the first keeps filling. */
static char *pool_take(ca_lean *p, size_t n) {
  chunk *c = p->chunks;
  if (!c || c->size - c->used < n) {
    size_t size = n > POOL_CHUNK / 8 ? n : POOL_CHUNK;
    chunk *k = malloc(sizeof *k + size);
    if (!k) return NULL;
    k->used = 0;
    k->size = size;
    if (c && size != POOL_CHUNK) {
      k->next = c->next;
      c->next = k;
    } else {
      k->next = c;
      p->chunks = k;
    }
    c = k;
  }
  char *s = c->data + c->used;
  c->used += n;
  return s;
}

static const char *intern(ca_lean *p, const char *s) {
  if (p->n * 2 >= p->nslots && pool_grow(p)) return NULL;
  size_t k = fnv(s) & (p->nslots - 1);
  for (; p->slots[k]; k = (k + 1) & (p->nslots - 1))
    if (!strcmp(p->slots[k], s)) return p->slots[k];
  size_t n = strlen(s) + 1;
  char *c = pool_take(p, n);
  if (!c) return NULL;
  memcpy(c, s, n);
  p->n++;
  return p->slots[k] = c;
}

void ca_lean_free(ca_lean *p) {
  if (!p) return;
  for (chunk *c = p->chunks, *next; c; c = next) {
    next = c->next;
    free(c);
  }
  free(p->slots);
  free(p);
}

/* s as the lean tree holds it: nodes of its own, strings from the pool. */
static cJSON *lean_copy(ca_lean *p, const cJSON *s) {
  cJSON *n = NULL;
  switch (s->type & 0xFF) {
    case cJSON_String: {
      const char *v = intern(p, s->valuestring ? s->valuestring : "");
      return v ? cJSON_CreateStringReference(v) : NULL;
    }
    case cJSON_Number:
      if ((n = cJSON_CreateNumber(0))) {
        n->valuedouble = s->valuedouble;
        n->valueint = s->valueint;
      }
      return n;
    case cJSON_Array:
    case cJSON_Object:
      n = (s->type & 0xFF) == cJSON_Array ? cJSON_CreateArray() : cJSON_CreateObject();
      for (const cJSON *c = s->child; n && c; c = c->next) {
        cJSON *x = lean_copy(p, c);
        const char *k = c->string ? intern(p, c->string) : NULL;
        if (!x || (c->string && !k)) {
          cJSON_Delete(x);
          cJSON_Delete(n);
          return NULL;
        }
        if (k) {
          x->string = (char *)k;
          x->type |= cJSON_StringIsConst;
        }
        cJSON_AddItemToArray(n, x);   /* links it last: members keep their order */
      }
      return n;
    default:   /* true, false, null */
      if ((n = cJSON_CreateNull())) {
        n->type = s->type & 0xFF;
        n->valueint = s->valueint;
      }
      return n;
  }
}

/* ---- the scan: members and findings one at a time ------------------------- */

/* results.json's last line (load.h): kept in step with load.c */
#define LINE_HEAD "\t\"digest\":\t\"" CA_RESULTS_DIGEST_PREFIX
#define LINE_TAIL "\"\n}\n"
#define LINE_LEN (sizeof LINE_HEAD - 1 + 64 + sizeof LINE_TAIL - 1)
/* how much read text stays mapped before it is let go */
#define DROP_EVERY ((size_t)8 << 20)

typedef struct scan {
  const char *t;
  size_t len, pos;
  size_t line;              /* where the digest line starts: the hashed bytes end there */
  size_t hashed, dropped;
  size_t page;
  ca_sha256 *h;
  int depth;                /* the deepest nesting seen, counting the document's own */
} scan;

static int is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static void skip_ws(scan *s) {
  while (s->pos < s->len && is_ws(s->t[s->pos])) s->pos++;
}

/* The end (one past the closing quote) of the string at i, or 0. */
static size_t string_end(const scan *s, size_t i) {
  for (i++; i < s->len; i++) {
    if (s->t[i] == '\\') i++;
    else if (s->t[i] == '"') return i + 1;
  }
  return 0;
}

/* The end of the value at i (at nesting depth d), or 0 when there is none
 * to find; whether it is valid JSON is cJSON's to say. */
static size_t value_end(scan *s, size_t i, int d) {
  if (i >= s->len) return 0;
  char c = s->t[i];
  if (c == '"') return string_end(s, i);
  if (c == '{' || c == '[') {
    int k = 0;
    for (; i < s->len; i++) {
      c = s->t[i];
      if (c == '"') {
        size_t e = string_end(s, i);
        if (!e) return 0;
        i = e - 1;
      } else if (c == '{' || c == '[') {
        if (d + ++k > s->depth) s->depth = d + k;
      } else if ((c == '}' || c == ']') && --k == 0) {
        return i + 1;
      }
    }
    return 0;
  }
  size_t j = i;
  while (j < s->len && s->t[j] && !is_ws(s->t[j]) && !strchr(",}]", s->t[j])) j++;
  return j > i ? j : 0;
}

/* The value at [a, b), as ca_json_parse would take it, or NULL. */
static cJSON *parse_span(const scan *s, size_t a, size_t b) {
  ca_err e = {0};
  const char *end = NULL;
  if (!b || ca_json_check_text("", s->t + a, b - a, &e)) return NULL;
  cJSON *v = cJSON_ParseWithLengthOpts(s->t + a, b - a, &end, 0);
  if (v && (end != s->t + b || ca_json_check_dups("", s->t + a, b - a, v, &e))) {
    cJSON_Delete(v);
    v = NULL;
  }
  return v;
}

/* Hashes what the scan has passed and lets go of the pages behind it. */
static void advance(scan *s, size_t pos) {
  size_t upto = pos < s->line ? pos : s->line;
  if (upto > s->hashed) {
    ca_sha256_update(s->h, s->t + s->hashed, upto - s->hashed);
    s->hashed = upto;
  }
  size_t drop = upto / s->page * s->page;
  if (drop >= s->dropped + DROP_EVERY) {
    madvise((char *)s->t + s->dropped, drop - s->dropped, MADV_DONTNEED);
    s->dropped = drop;
  }
}

static int has_member(const cJSON *doc, const char *k) {
  for (const cJSON *m = doc->child; m; m = m->next)
    if (!strcmp(m->string, k)) return 1;
  return 0;
}

/* The findings array at s->pos into arr, each finding lean. */
static int read_findings(scan *s, ca_lean *p, cJSON *arr) {
  s->pos++;   /* [ */
  skip_ws(s);
  if (s->pos < s->len && s->t[s->pos] == ']') {
    s->pos++;
    return 0;
  }
  for (;;) {
    size_t e = value_end(s, s->pos, 2);
    cJSON *f = parse_span(s, s->pos, e);
    cJSON *x = f ? lean_copy(p, f) : NULL;
    cJSON_Delete(f);
    if (!x) return -1;
    cJSON_AddItemToArray(arr, x);
    s->pos = e;
    advance(s, e);
    skip_ws(s);
    if (s->pos >= s->len) return -1;
    char c = s->t[s->pos++];
    if (c == ']') return 0;
    if (c != ',') return -1;
    skip_ws(s);
  }
}

/* The document, or -1 when only ca_results_load can say what is wrong. */
static int lean_read(scan *s, ca_lean *p, cJSON *doc) {
  int findings = 0;
  skip_ws(s);
  if (s->pos >= s->len || s->t[s->pos++] != '{') return -1;
  for (;;) {
    skip_ws(s);
    if (s->pos >= s->len || s->t[s->pos] != '"') return -1;
    size_t ke = string_end(s, s->pos);
    cJSON *key = parse_span(s, s->pos, ke);
    int ok = cJSON_IsString(key) && !has_member(doc, key->valuestring);
    s->pos = ke;
    skip_ws(s);
    ok = ok && s->pos < s->len && s->t[s->pos++] == ':';
    skip_ws(s);
    if (ok && !findings && !strcmp(key->valuestring, "findings") && s->pos < s->len && s->t[s->pos] == '[') {
      cJSON *arr = cJSON_AddArrayToObject(doc, "findings");
      findings = 1;
      ok = arr && !read_findings(s, p, arr);
    } else if (ok) {
      size_t ve = value_end(s, s->pos, 1);
      cJSON *v = parse_span(s, s->pos, ve);
      ok = v && cJSON_AddItemToObject(doc, key->valuestring, v);
      if (!ok) cJSON_Delete(v);
      s->pos = ve;
    }
    cJSON_Delete(key);
    skip_ws(s);
    if (!ok || s->pos >= s->len) return -1;
    char c = s->t[s->pos++];
    if (c == '}') break;
    if (c != ',') return -1;
  }
  skip_ws(s);
  return s->pos == s->len ? 0 : -1;
}

/* The lean document of path, or -1 (nothing kept) for the slow path. */
static int lean_load(const char *path, cJSON **out, ca_lean **pool) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0) return -1;
  if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size < (off_t)LINE_LEN + 2 ||
      st.st_size > (off_t)CA_MAX_RESULTS_BYTES) {
    close(fd);
    return -1;
  }
  size_t len = (size_t)st.st_size;
  void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (map == MAP_FAILED) return -1;
  madvise(map, len, MADV_SEQUENTIAL);
  long page = sysconf(_SC_PAGESIZE);
  scan s = {.t = map, .len = len, .line = len - LINE_LEN, .page = page > 0 ? (size_t)page : 4096, .depth = 1};
  const char *line = s.t + s.line;
  char recorded[65] = {0}, actual[65];
  int rc = -1;
  if (memcmp(line, LINE_HEAD, sizeof LINE_HEAD - 1) || memcmp(s.t + len - (sizeof LINE_TAIL - 1), LINE_TAIL,
                                                               sizeof LINE_TAIL - 1) || line[-1] != '\n') {
    munmap(map, len);
    return -1;
  }
  memcpy(recorded, line + sizeof LINE_HEAD - 1, 64);
  ca_lean *p = calloc(1, sizeof *p);
  cJSON *doc = cJSON_CreateObject();
  s.h = ca_sha256_new();
  if (p && doc && s.h && !lean_read(&s, p, doc)) {
    advance(&s, len);
    ca_sha256_final(s.h, actual);
    s.h = NULL;
    rc = !strcmp(recorded, actual) && s.depth < CA_MAX_JSON_DEPTH - 1 ? 0 : -1;
  }
  if (s.h) ca_sha256_final(s.h, actual);
  munmap(map, len);
  /* the shape ca_results_load checks, and its digest: the last member, once */
  ca_err e = {0};
  cJSON *last = doc ? doc->child : NULL;
  while (last && last->next) last = last->next;
  if (!rc && (ca_results_check(doc, path, &e) || !last || strcmp(last->string, "digest") ||
              !cJSON_IsString(last)))
    rc = -1;
  if (!rc) {
    char want[80];
    snprintf(want, sizeof want, CA_RESULTS_DIGEST_PREFIX "%s", recorded);
    rc = strcmp(last->valuestring, want) ? -1 : 0;
  }
  if (rc) {
    cJSON_Delete(doc);
    ca_lean_free(p);
    return -1;
  }
  cJSON_Delete(cJSON_DetachItemViaPointer(doc, last));
  *out = doc;
  *pool = p;
  return 0;
}

int ca_results_try_lean(const char *path, cJSON **out, ca_lean **pool) {
  *out = NULL;
  *pool = NULL;
  return lean_load(path, out, pool);
}
