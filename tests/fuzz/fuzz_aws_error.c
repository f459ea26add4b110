/*
 * libFuzzer target: AWS error answers as aws/error.c reads them -- JSON
 * (rest-json, json 1.x) and XML (query, rest-xml) bodies, with or without an
 * x-amzn-ErrorType header (the input's first line, when it starts with '!').
 * Whatever comes back is bounded and free of control characters.
 */
#include "aws/aws.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = fuzz_text(data, size);
  const char *body = text, *header = NULL;
  size_t len = size;
  if (size && text[0] == '!') {
    char *nl = memchr(text, '\n', size);
    if (nl) {
      *nl = '\0';
      header = text + 1;
      body = nl + 1;
      len = size - (size_t)(body - text);
    }
  }
  char code[64], msg[256];
  int rc = ca_aws_parse_error(body, len, header, code, sizeof code, msg, sizeof msg);
  if (strlen(code) >= sizeof code || strlen(msg) >= sizeof msg) abort();
  if (rc == 0 && !code[0]) abort();   /* 0 means a code was found */
  for (const char *p = code; *p; p++)
    if ((unsigned char)*p < 0x20) abort();
  for (const char *p = msg; *p; p++)
    if ((unsigned char)*p < 0x20) abort();
  char out[128];
  ca_xml_text(body, len, "Code", out, sizeof out);
  if (strlen(out) >= sizeof out) abort();
  free(text);
  return 0;
}
