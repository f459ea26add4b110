#!/bin/sh
# Submits one night's estate scan to AWS Batch: the array job of shards
# (AWS_BATCH_JOB_ARRAY_INDEX 0..size-1 picks each one's slice), then the
# merge, which starts when every child of the array job has succeeded.
# Run it from EventBridge Scheduler, cron, or by hand (docs/schedulers.md):
#   aws batch register-job-definition --cli-input-json file://scan-job-definition.json
#   aws batch register-job-definition --cli-input-json file://merge-job-definition.json
#   ./submit.sh
set -eu
cd "$(dirname "$0")"
run=$(date -u +%F)
env="environment=[{name=RUN,value=$run}]"
scan=$(aws batch submit-job --cli-input-json file://submit-scan.json --container-overrides "$env" \
       --query jobId --output text)
aws batch submit-job --cli-input-json file://submit-merge.json --container-overrides "$env" \
    --depends-on "jobId=$scan" --query jobId --output text
