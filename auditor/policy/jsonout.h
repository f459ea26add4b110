/* jsonout.h -- a rule process's findings written as text, not trees.
 *
 * ca_json_add_string appends s (up to its first NUL, as cJSON_CreateString
 * copies it) as cJSON_PrintUnformatted prints a string: quotes around it,
 * \" \\ \b \f \n \r \t escaped, the other bytes below 0x20 as \u00xx (lower
 * case), every other byte as it is (UTF-8 or not).  policy/ctx.c writes each
 * finding's line with it, byte for byte the line cJSON printed from a tree
 * (tests/check_jsonout.c compares the two). */
#ifndef CA_JSONOUT_H
#define CA_JSONOUT_H
#include "util/buf.h"

int ca_json_add_string(ca_buf *b, const char *s);   /* 0, or -1 (b may hold part of it) */

#endif
