#!/usr/bin/env bash
# Starts the services the tests use, on 127.0.0.1 only. Idempotent: a running service is left alone.
# Used by .ci/run and handy locally. Each service adds its own block below.
set -euo pipefail
cd "$(dirname "$0")/.."

# Redis: standalone on 6390 and a 3-master cluster on 7001-7003 (test/store/redis*.test.ts)
bash .ci/start-redis.sh
