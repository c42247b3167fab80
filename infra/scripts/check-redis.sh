#!/usr/bin/env bash
# Checks that Redis answers and evicts nothing: BullMQ loses jobs under any
# eviction policy other than noeviction.
set -euo pipefail
: "${REDIS_URL:=redis://127.0.0.1:6379}"
if ! redis-cli -u "$REDIS_URL" ping >/dev/null 2>&1; then
  cat >&2 <<MSG
[redis] ERROR: no Redis answers at $REDIS_URL
  - On this machine kind start it with:
      redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  - Or point REDIS_URL at another server (e.g. the one in docker-compose.yml).
MSG
  exit 1
fi
policy="$(redis-cli -u "$REDIS_URL" config get maxmemory-policy 2>/dev/null | sed -n 2p)"
if [[ -n "$policy" && "$policy" != "noeviction" ]]; then
  cat >&2 <<MSG
[redis] ERROR: maxmemory-policy is '$policy'; BullMQ needs 'noeviction' or Redis may silently drop queued jobs.
  Fix: redis-cli -u $REDIS_URL config set maxmemory-policy noeviction   (and set it in redis.conf)
MSG
  exit 1
fi
