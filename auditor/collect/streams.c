/* streams.c -- the streams an instance's storage configs send data to:
 * Kinesis data streams (DescribeStreamSummary), Firehose delivery streams
 * (DescribeDeliveryStream) and Kinesis Video streams (ListStreams by the
 * config's Prefix, then DescribeStream each); and, from here, the instance's
 * Lambda functions (lambda.c) and log group (logs.c).  Kinesis and Firehose
 * speak json 1.1, Kinesis Video rest-json (botocore's models).  Each stream
 * is called in the region of its ARN. */
#include <stdio.h>
#include <string.h>

#include "collect/collect_int.h"

static const char *str(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

int col_json_in(ca_col *c, const col_req *r, const cJSON *body, const char *arn, cJSON **out) {
  char *text = body ? cJSON_PrintUnformatted(body) : NULL;
  *out = NULL;
  if (body && !text) return -1;
  char target[160] = "";
  if (r->target) snprintf(target, sizeof target, "%s.%s", r->target, r->op);
  ca_aws_req rq = {.service_env = r->service_env, .prefix = r->prefix, .signing = r->signing, .operation = r->op,
                   .method = r->target ? "POST" : r->method, .path = r->target ? "/" : r->path,
                   .query = r->query, .nquery = r->nquery,
                   .content_type = text ? (r->target ? "application/x-amz-json-1.1" : "application/json") : NULL,
                   .target = r->target ? target : NULL, .body = text, .body_len = text ? strlen(text) : 0};
  int rc = col_call_in(c, r->region, &rq, NULL, arn, NULL, out, NULL, 0);
  cJSON_free(text);
  return rc;
}

/* The text after the first '/' of an ARN's resource part (stream/NAME, deliverystream/NAME). */
static int arn_name(const char *arn, char *out, size_t outsz) {
  char res[512];
  if (col_arn_field(arn, 5, res, sizeof res)) return -1;
  const char *slash = strchr(res, '/');
  if (!slash || !slash[1]) return -1;
  snprintf(out, outsz, "%s", slash + 1);
  return 0;
}

static void kinesis_stream(ca_col *c, cJSON *resources, const char *arn) {
  char region[64], name[256];
  if (col_arn_field(arn, 3, region, sizeof region) || arn_name(arn, name, sizeof name)) {
    col_error(c, arn, "kinesis:DescribeStreamSummary", "InvalidArn", "a storage config names a stream ARN that does not parse");
    return;
  }
  cJSON *data = col_resource(resources, "kinesis_stream", arn, name, region);
  if (!data) return;
  cJSON *body = cJSON_CreateObject(), *ans;
  cJSON_AddStringToObject(body, "StreamName", name);
  col_req r = {.service_env = "KINESIS", .prefix = "kinesis", .signing = "kinesis", .op = "DescribeStreamSummary",
               .target = "Kinesis_20131202", .region = region};
  if (!col_json_in(c, &r, body, arn, &ans)) {
    cJSON *sum = cJSON_DetachItemFromObjectCaseSensitive(ans, "StreamDescriptionSummary");
    if (cJSON_IsObject(sum)) cJSON_AddItemToObject(data, "StreamDescriptionSummary", sum);
    else {
      cJSON_Delete(sum);
      col_error(c, arn, "kinesis:DescribeStreamSummary", "MalformedResponse", "the answer has no StreamDescriptionSummary");
    }
    cJSON_Delete(ans);
  }
  cJSON_Delete(body);
}

/* DescribeDeliveryStream, following HasMoreDestinations to the last
 * destination (ExclusiveStartDestinationId); a failed page leaves the
 * description out whole. */
static void firehose_stream(ca_col *c, cJSON *resources, const char *arn) {
  char region[64], name[256];
  if (col_arn_field(arn, 3, region, sizeof region) || arn_name(arn, name, sizeof name)) {
    col_error(c, arn, "firehose:DescribeDeliveryStream", "InvalidArn", "a storage config names a Firehose ARN that does not parse");
    return;
  }
  cJSON *data = col_resource(resources, "firehose_delivery_stream", arn, name, region);
  if (!data) return;
  col_req r = {.service_env = "FIREHOSE", .prefix = "firehose", .signing = "firehose", .op = "DescribeDeliveryStream",
               .target = "Firehose_20150804", .region = region};
  cJSON *desc = NULL;
  char after[256] = "";
  for (int page = 0; page < 1000; page++) {
    cJSON *body = cJSON_CreateObject(), *ans;
    cJSON_AddStringToObject(body, "DeliveryStreamName", name);
    if (after[0]) cJSON_AddStringToObject(body, "ExclusiveStartDestinationId", after);
    int rc = col_json_in(c, &r, body, arn, &ans);
    cJSON_Delete(body);
    if (rc) {
      cJSON_Delete(desc);
      return;
    }
    cJSON *d = cJSON_DetachItemFromObjectCaseSensitive(ans, "DeliveryStreamDescription");
    cJSON_Delete(ans);
    if (!cJSON_IsObject(d)) {
      cJSON_Delete(d);
      cJSON_Delete(desc);
      col_error(c, arn, "firehose:DescribeDeliveryStream", "MalformedResponse", "the answer has no DeliveryStreamDescription");
      return;
    }
    cJSON *dests = cJSON_GetObjectItemCaseSensitive(d, "Destinations");
    const char *last = NULL;
    for (cJSON *x = cJSON_IsArray(dests) ? dests->child : NULL; x; x = x->next) last = str(x, "DestinationId");
    int more = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(d, "HasMoreDestinations")) && last &&
               strlen(last) < sizeof after && strcmp(last, after);
    if (last) snprintf(after, sizeof after, "%s", last);
    if (!desc) {
      desc = d;
    } else {   /* a later page: its destinations join the first page's */
      cJSON *all = cJSON_GetObjectItemCaseSensitive(desc, "Destinations");
      if (!cJSON_IsArray(all)) {
        cJSON_DeleteItemFromObjectCaseSensitive(desc, "Destinations");
        all = cJSON_AddArrayToObject(desc, "Destinations");
      }
      for (cJSON *x = cJSON_IsArray(dests) ? dests->child : NULL, *next; x; x = next) {
        next = x->next;
        cJSON_AddItemToArray(all, cJSON_DetachItemViaPointer(dests, x));
      }
      cJSON_Delete(d);
    }
    if (!more) {
      cJSON_DeleteItemFromObjectCaseSensitive(desc, "HasMoreDestinations");
      cJSON_AddBoolToObject(desc, "HasMoreDestinations", 0);
      cJSON_AddItemToObject(data, "DeliveryStreamDescription", desc);
      return;
    }
  }
  cJSON_Delete(desc);
  col_error(c, arn, "firehose:DescribeDeliveryStream", "TooManyPages", "HasMoreDestinations did not end");
}

/* Kinesis Video: the config names a prefix; Amazon Connect creates streams
 * under it in the instance's region.  ListStreams (BEGINS_WITH the prefix,
 * all pages), then DescribeStream each. */
static void video_streams(ca_col *c, cJSON *resources, const char *prefix, const char *instance_arn) {
  const char *region = ca_aws_region(c->aws);
  cJSON *body = cJSON_CreateObject(), *items;
  cJSON_AddNumberToObject(body, "MaxResults", 10000);
  cJSON *cond = cJSON_AddObjectToObject(body, "StreamNameCondition");
  cJSON_AddStringToObject(cond, "ComparisonOperator", "BEGINS_WITH");
  cJSON_AddStringToObject(cond, "ComparisonValue", prefix);
  col_call list = {"KINESIS_VIDEO", "kinesisvideo", "kinesisvideo", "ListStreams", "POST", "/listStreams", NULL, 0, body};
  int rc = col_list(c, &list, "StreamInfoList", instance_arn, NULL, &items, NULL, 0);
  cJSON_Delete(body);
  if (rc) return;
  for (const cJSON *s = items->child; s; s = s->next) {
    const char *arn = str(s, "StreamARN"), *name = str(s, "StreamName");
    if (!arn) continue;
    cJSON *data = col_resource(resources, "kinesis_video_stream", arn, name ? name : arn, region);
    if (!data) continue;
    cJSON *b = cJSON_CreateObject(), *ans;
    cJSON_AddStringToObject(b, "StreamARN", arn);
    col_call d = {"KINESIS_VIDEO", "kinesisvideo", "kinesisvideo", "DescribeStream", "POST", "/describeStream", NULL, 0, b};
    if (!col_json(c, &d, arn, NULL, &ans, NULL, 0)) {
      cJSON *info = cJSON_DetachItemFromObjectCaseSensitive(ans, "StreamInfo");
      if (cJSON_IsObject(info)) cJSON_AddItemToObject(data, "StreamInfo", info);
      else {
        cJSON_Delete(info);
        col_error(c, arn, "kinesisvideo:DescribeStream", "MalformedResponse", "the answer has no StreamInfo");
      }
      cJSON_Delete(ans);
    }
    cJSON_Delete(b);
  }
  cJSON_Delete(items);
}

static const char *const types[] = {"kinesis_stream", "firehose_delivery_stream", "kinesis_video_stream",
                                    "lambda_function", "logs_log_group", NULL};

void col_streams(ca_col *c, cJSON *resources, const cJSON *data, const char *instance_arn, const char *alias) {
  for (int i = 0; types[i]; i++)
    if (!cJSON_GetObjectItemCaseSensitive(resources, types[i])) cJSON_AddObjectToObject(resources, types[i]);
  const cJSON *storage = cJSON_GetObjectItemCaseSensitive(data, "StorageConfigs");
  for (const cJSON *rt = cJSON_IsObject(storage) ? storage->child : NULL; rt; rt = rt->next)
    for (const cJSON *sc = cJSON_IsArray(rt) ? rt->child : NULL; sc; sc = sc->next) {
      const char *type = str(sc, "StorageType");
      if (!type) continue;
      if (!strcmp(type, "KINESIS_STREAM")) {
        const char *arn = str(cJSON_GetObjectItemCaseSensitive(sc, "KinesisStreamConfig"), "StreamArn");
        if (arn) kinesis_stream(c, resources, arn);
      } else if (!strcmp(type, "KINESIS_FIREHOSE")) {
        const char *arn = str(cJSON_GetObjectItemCaseSensitive(sc, "KinesisFirehoseConfig"), "FirehoseArn");
        if (arn) firehose_stream(c, resources, arn);
      } else if (!strcmp(type, "KINESIS_VIDEO_STREAM")) {
        const char *prefix = str(cJSON_GetObjectItemCaseSensitive(sc, "KinesisVideoStreamConfig"), "Prefix");
        if (prefix && *prefix) video_streams(c, resources, prefix, instance_arn);
      }
    }
  col_lambda_functions(c, resources, cJSON_GetObjectItemCaseSensitive(data, "LambdaFunctions"), instance_arn);
  const cJSON *inst = cJSON_GetObjectItemCaseSensitive(data, "Instance");
  if (str(inst, "InstanceAlias")) alias = str(inst, "InstanceAlias");
  if (alias) col_log_group(c, resources, instance_arn, alias);
}
