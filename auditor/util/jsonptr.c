#include "util/jsonptr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ca_ptr_push(ca_buf *b, const char *key) {
  if (ca_buf_add(b, "/", 1)) return -1;
  for (const char *s = key; *s;) {
    size_t n = strcspn(s, "~/");   /* a run that needs no escape: one copy */
    if (n && ca_buf_add(b, s, n)) {
      /* past the buffer's cap: what fits, byte by byte, as callers show it */
      for (size_t i = 0; i < n; i++)
        if (ca_buf_add(b, s + i, 1)) return -1;
    }
    s += n;
    if (*s && ca_buf_add(b, *s == '~' ? "~0" : "~1", 2)) return -1;
    if (*s) s++;
  }
  return 0;
}

int ca_ptr_push_index(ca_buf *b, long index) { return ca_buf_printf(b, "/%ld", index); }

const cJSON *ca_ptr_get(const cJSON *root, const char *ptr) {
  const cJSON *cur = root;
  if (!ptr || !*ptr) return root;
  if (*ptr != '/') return NULL;
  char tok[4096];
  const char *p = ptr;
  while (cur && *p == '/') {
    p++;
    size_t n = 0;
    while (*p && *p != '/') {
      char c = *p++;
      if (c == '~') {
        if (*p == '0') c = '~';
        else if (*p == '1') c = '/';
        else return NULL;
        p++;
      }
      if (n + 1 >= sizeof tok) return NULL;
      tok[n++] = c;
    }
    tok[n] = '\0';
    if (cJSON_IsArray(cur)) {
      char *end;
      long i = strtol(tok, &end, 10);
      if (!n || *end || i < 0 || (n > 1 && tok[0] == '0')) return NULL;
      cur = cJSON_GetArrayItem(cur, (int)i);
    } else if (cJSON_IsObject(cur)) {
      cur = cJSON_GetObjectItemCaseSensitive(cur, tok);
    } else {
      return NULL;
    }
  }
  return cur;
}

static int find_rec(ca_buf *b, const cJSON *cur, const cJSON *node) {
  if (cur == node) return 0;
  if (!cJSON_IsArray(cur) && !cJSON_IsObject(cur)) return -1;
  long i = 0;
  for (const cJSON *c = cur->child; c; c = c->next, i++) {
    size_t mark = b->len;
    int rc = cJSON_IsArray(cur) ? ca_ptr_push_index(b, i) : ca_ptr_push(b, c->string ? c->string : "");
    if (!rc && !find_rec(b, c, node)) return 0;
    b->len = mark;
    if (b->data) b->data[mark] = '\0';
  }
  return -1;
}

int ca_ptr_find(ca_buf *b, const cJSON *root, const cJSON *node) { return find_rec(b, root, node); }
