/* plan.h -- the collection's order (plan.c) for its second driver, import.c
 * (not API; ca_collect in collect.h is the first). */
#ifndef CA_COLLECT_PLAN_H
#define CA_COLLECT_PLAN_H
#include "collect/collect_int.h"

/* Every resource type that exists even when nothing of it is collected
 * (the instance's, its objects', the domains', the bots', the directories'). */
void col_plan_types(cJSON *resources);
/* import.c: one instance (ID, ARN, alias or NULL) and everything it names,
 * through c's replay as collect asks them, then the buckets and keys. */
void col_plan_instance(ca_col *c, cJSON *resources, const char *id, const char *arn, const char *alias,
                       const char *account);

#endif
