/* jsontext.h -- cJSON's own text, read and laid out without a tree.
 *
 * Canonical text is what cJSON_PrintUnformatted prints for a value: no
 * whitespace; strings with exactly cJSON's escapes (\" \\ \b \f \n \r \t, and
 * \u00xx in lower case for the other control characters) and every other
 * byte as it is, well-formed UTF-8; numbers as its print_number writes them.
 * Parsing canonical text and printing the tree again gives the same bytes,
 * so text that is known canonical can be measured (ca_json_skip) and laid
 * out as cJSON_Print would lay out its tree (ca_json_layout) without making
 * the tree: the audit's parent writes results.json this way from the lines
 * its rule processes sent (policy/engine.c checks them with
 * ca_json_canonical once, as they arrive).
 */
#ifndef CA_JSONTEXT_H
#define CA_JSONTEXT_H
#include <stddef.h>
#include "util/buf.h"

/* Length of the canonical JSON value at the start of p[0..n) (what follows
 * it is not looked at), or 0 when there is none: malformed text, nesting
 * deeper than max_depth, or text cJSON would print otherwise (another escape,
 * a raw control character, bytes that are not UTF-8, \u0000, a number it
 * writes another way).  Numbers are checked by cJSON itself (parsed and
 * printed again); they are rare in the lines this reads. */
size_t ca_json_canonical(const char *p, size_t n, int max_depth);

/* Length of the value at the start of p[0..n), which must be canonical (as
 * checked by ca_json_canonical); 0 if it ends early. */
size_t ca_json_skip(const char *p, size_t n);

/* Appends the canonical value text[0..n) to out as cJSON_Print prints it
 * when the value sits depth levels deep (0: the document itself; a member
 * of the root object is at depth 1).  0, or -1 when out refuses the bytes. */
int ca_json_layout(ca_buf *out, const char *text, size_t n, int depth);

/* The same for the canonical object or array at the start of p[0..n) (what
 * follows it is not looked at): laid out as ca_json_layout lays it out, in
 * the one pass that measures it.  Its length, or 0 when p does not start
 * with one that ends within n or out refuses the bytes (out may then hold
 * part of it). */
size_t ca_json_layout_container(ca_buf *out, const char *p, size_t n, int depth);

#endif
