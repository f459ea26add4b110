/*
 * libFuzzer target: the XML answers converted to cJSON -- S3's rest-xml
 * (collect/s3.c) when the first byte is even, CloudWatch's query XML
 * (collect/alarms.c) when odd; the rest is the answer.  A document either
 * converts to JSON that prints, or is refused (NULL); never a crash or leak.
 */
#include <cjson/cJSON.h>

#include "collect/collect_int.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!size) return 0;
  char *text = fuzz_text(data + 1, size - 1);
  cJSON *j = data[0] & 1 ? col_cw_xml_json(text, size - 1) : col_s3_xml_json(text, size - 1);
  if (j) {
    char *p = cJSON_PrintUnformatted(j);
    if (!p) abort();
    cJSON_free(p);
    cJSON_Delete(j);
  }
  free(text);
  return 0;
}
