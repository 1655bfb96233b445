#!/usr/bin/env bash
# Starts, on 127.0.0.1, one standalone redis-server (6390) and a 3-master Redis Cluster (7001-7003)
# for the Redis store tests. Idempotent: servers already answering are left alone.
set -euo pipefail

STANDALONE_PORT="${REDIS_TEST_PORT:-6390}"
read -r -a CLUSTER_PORTS <<< "${REDIS_TEST_CLUSTER_PORTS:-7001 7002 7003}"
DIR="${REDIS_TEST_DIR:-/tmp/chatwork-invite-redis}"

if ! command -v redis-server >/dev/null 2>&1; then
  echo "redis-server missing: installing it with apt-get" >&2
  (apt-get install -y redis-server || (apt-get update && apt-get install -y redis-server)) >/dev/null
fi

mkdir -p "$DIR"
up() { redis-cli -p "$1" ping >/dev/null 2>&1; }
wait_up() {
  for _ in $(seq 1 50); do up "$1" && return 0; sleep 0.1; done
  echo "redis on port $1 did not start" >&2
  return 1
}

if ! up "$STANDALONE_PORT"; then
  redis-server --port "$STANDALONE_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --dir "$DIR" --daemonize yes --logfile "$DIR/redis-$STANDALONE_PORT.log"
  wait_up "$STANDALONE_PORT"
fi

for port in "${CLUSTER_PORTS[@]}"; do
  if ! up "$port"; then
    rm -f "/tmp/nodes-$port.conf"
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$DIR" \
      --cluster-enabled yes --cluster-config-file "/tmp/nodes-$port.conf" --cluster-node-timeout 2000 \
      --daemonize yes --logfile "$DIR/redis-$port.log"
    wait_up "$port"
  fi
done

if ! redis-cli -p "${CLUSTER_PORTS[0]}" cluster info | grep -q 'cluster_state:ok'; then
  if [ "$(redis-cli -p "${CLUSTER_PORTS[0]}" cluster info | grep -o 'cluster_slots_assigned:[0-9]*' | cut -d: -f2)" = "0" ]; then
    redis-cli --cluster create "${CLUSTER_PORTS[@]/#/127.0.0.1:}" --cluster-replicas 0 --cluster-yes >/dev/null
  fi
  for _ in $(seq 1 100); do
    redis-cli -p "${CLUSTER_PORTS[0]}" cluster info | grep -q 'cluster_state:ok' && break
    sleep 0.1
  done
fi
redis-cli -p "${CLUSTER_PORTS[0]}" cluster info | grep -q 'cluster_state:ok' || {
  echo "redis cluster on ${CLUSTER_PORTS[*]} is not ok" >&2
  exit 1
}
echo "redis: standalone 127.0.0.1:$STANDALONE_PORT, cluster 127.0.0.1:${CLUSTER_PORTS[*]}"
