#include "util/jsontree.h"

#include <stddef.h>

/* cJSON's lists: child is the first item, child->prev the last, the last
 * item's next NULL; every other prev is the item before. */
void ca_json_insert(cJSON *parent, int which, cJSON *item) {
  if (!parent || !item) return;
  cJSON *at = parent->child;
  for (int i = 0; at && i < which; i++) at = at->next;
  if (which < 0) at = NULL;
  if (!parent->child) {            /* the only item */
    item->prev = item;
    item->next = NULL;
    parent->child = item;
  } else if (!at) {                /* after the last */
    cJSON *last = parent->child->prev;
    last->next = item;
    item->prev = last;
    item->next = NULL;
    parent->child->prev = item;
  } else if (at == parent->child) {   /* before the first */
    item->prev = at->prev;
    item->next = at;
    at->prev = item;
    parent->child = item;
  } else {                         /* between at->prev and at */
    item->prev = at->prev;
    item->next = at;
    at->prev->next = item;
    at->prev = item;
  }
}
