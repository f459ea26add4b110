/* jsontree.h -- cJSON tree edits the library does not get right everywhere.
 *
 * cJSON_InsertItemInArray of Debian 12's libcjson 1.7.15 refuses to insert
 * between two items (it returns false and leaves the item out), so a sorted
 * list built with it silently loses every entry whose place is in the
 * middle: a finding's parameters, a rule's controls, a merge's accounts.
 */
#ifndef CA_JSONTREE_H
#define CA_JSONTREE_H
#include <cjson/cJSON.h>

/* Puts item (detached: no prev, next or parent list) into the array or
 * object parent before its which-th child (0-based); at the end when which
 * is past the last child or negative.  The item's key, if any, is kept.
 * Never fails for a non-NULL parent and item. */
void ca_json_insert(cJSON *parent, int which, cJSON *item);

#endif
