/* jsonfile.h -- small JSON input files (parameters, and later waivers and
 * attestations): bounded read, errors with file:line:column. */
#ifndef CA_JSONFILE_H
#define CA_JSONFILE_H
#include <cjson/cJSON.h>
#include "util/err.h"

int ca_json_load(const char *path, long cap, cJSON **out, ca_err *err);

#endif
