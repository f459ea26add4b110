/* error.c -- AWS error answers: JSON (rest-json, json 1.x) and XML (query
 * protocols: STS, IAM, CloudWatch; rest-xml: S3), the XML read with expat. */
#include <cjson/cJSON.h>
#include <expat.h>
#include <stdio.h>
#include <string.h>

#include "aws/aws.h"

/* "com.amazonaws.connect#AccessDeniedException" or
 * "AccessDeniedException:http://internal.amazon.com/..." -> the bare code. */
static void bare_code(const char *in, char *out, size_t outsz) {
  const char *h = strrchr(in, '#');
  if (h) in = h + 1;
  size_t n = strcspn(in, ":");
  if (n >= outsz) n = outsz - 1;
  memcpy(out, in, n);
  out[n] = '\0';
}

typedef struct xml_find {
  const char *name;     /* element wanted */
  int depth_in;         /* >0 while inside it */
  int done;
  char *out;
  size_t outsz, len;
} xml_find;

static void x_start(void *ud, const XML_Char *el, const XML_Char **attrs) {
  (void)attrs;
  xml_find *f = ud;
  if (f->done) return;
  if (f->depth_in) f->depth_in++;
  else if (!strcmp(el, f->name)) f->depth_in = 1;
}

static void x_end(void *ud, const XML_Char *el) {
  (void)el;
  xml_find *f = ud;
  if (f->depth_in && --f->depth_in == 0) f->done = 1;
}

static void x_text(void *ud, const XML_Char *s, int len) {
  xml_find *f = ud;
  if (!f->depth_in || f->done) return;
  for (int i = 0; i < len && f->len + 1 < f->outsz; i++) f->out[f->len++] = s[i];
  f->out[f->len] = '\0';
}

int ca_xml_text(const char *xml, size_t len, const char *name, char *out, size_t outsz) {
  if (!xml || !outsz) return -1;
  out[0] = '\0';
  XML_Parser p = XML_ParserCreate("UTF-8");
  if (!p) return -1;
  xml_find f = {name, 0, 0, out, outsz, 0};
  XML_SetUserData(p, &f);
  XML_SetElementHandler(p, x_start, x_end);
  XML_SetCharacterDataHandler(p, x_text);
  int ok = XML_Parse(p, xml, (int)(len > 0x7fffffff ? 0x7fffffff : len), 1) != XML_STATUS_ERROR;
  XML_ParserFree(p);
  (void)ok;   /* a document cut after the element still answered */
  return f.done ? 0 : -1;
}

int ca_aws_parse_error(const char *body, size_t len, const char *header_type, char *code, size_t codesz,
                       char *msg, size_t msgsz) {
  code[0] = msg[0] = '\0';
  if (header_type && *header_type) bare_code(header_type, code, codesz);
  size_t i = 0;
  while (body && i < len && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) i++;
  if (body && i < len && body[i] == '{') {
    cJSON *j = cJSON_ParseWithLength(body, len);
    if (j) {
      static const char *const ckeys[] = {"__type", "code", "Code", NULL};
      static const char *const mkeys[] = {"message", "Message", "errorMessage", NULL};
      for (int k = 0; ckeys[k] && !code[0]; k++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, ckeys[k]);
        if (cJSON_IsString(v) && *v->valuestring) bare_code(v->valuestring, code, codesz);
      }
      for (int k = 0; mkeys[k] && !msg[0]; k++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, mkeys[k]);
        if (cJSON_IsString(v)) snprintf(msg, msgsz, "%s", v->valuestring);
      }
      cJSON_Delete(j);
    }
  } else if (body && i < len && body[i] == '<') {
    if (!code[0]) ca_xml_text(body + i, len - i, "Code", code, codesz);
    ca_xml_text(body + i, len - i, "Message", msg, msgsz);
  }
  /* Control characters from a hostile body would garble terminals and logs. */
  for (char *p = msg; *p; p++)
    if ((unsigned char)*p < 0x20) *p = ' ';
  for (char *p = code; *p; p++)
    if ((unsigned char)*p < 0x20) *p = ' ';
  return code[0] ? 0 : -1;
}
