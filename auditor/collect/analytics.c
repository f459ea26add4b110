/* analytics.c -- an instance's analytics data associations: Amazon Connect
 * ListAnalyticsDataAssociations (rest-json, GET
 * /analytics-data/instance/{InstanceId}/association, every page) into the
 * instance's data.AnalyticsDataAssociations -- the datasets of the analytics
 * data lake shared (through AWS RAM) with a TargetAccountId.  Queued with
 * the instance's other calls; a failure (an endpoint that does not know the
 * operation, access denied) is an errors[] entry against the instance and
 * the member stays absent. */
#include <stdio.h>
#include <string.h>

#include "collect/collect_int.h"
#include "collect/services.h"
#include "util/buf.h"

void col_analytics_q(ca_col *c, cJSON *resources, const char *id, const char *arn) {
  cJSON *res = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(resources, "connect_instance"), arn);
  cJSON *data = cJSON_GetObjectItemCaseSensitive(res, "data");
  if (!cJSON_IsObject(data)) return;
  ca_buf p;
  ca_buf_init(&p, 1024);
  ca_buf_adds(&p, "/analytics-data/instance");
  ca_aws_path_add(&p, id);
  ca_buf_adds(&p, "/association");
  static const ca_aws_param q[] = {{"maxResults", "1000"}};
  col_call call = {"CONNECT", "connect", "connect", "ListAnalyticsDataAssociations", "GET", p.data, q, 1, NULL};
  col_list_into_q(c, data, "AnalyticsDataAssociations", &call, "Results", arn);
  ca_buf_free(&p);
}
