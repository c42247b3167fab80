#!/usr/bin/env bash
# Checks that PostgreSQL answers; says what to do when it does not.
set -euo pipefail
: "${POSTGRES_ADMIN_URL:=postgresql://postgres@127.0.0.1:5432/postgres}"
for _ in $(seq 1 20); do
  if psql "$POSTGRES_ADMIN_URL" -Atqc 'select 1' >/dev/null 2>&1; then exit 0; fi
  sleep 0.5
done
cat >&2 <<MSG
[postgres] ERROR: no PostgreSQL answers at $POSTGRES_ADMIN_URL
  The platform needs PostgreSQL 14+ with a superuser that can create databases.
  - On this machine kind it is installed; start it with:
      pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start
  - Or point POSTGRES_ADMIN_URL at another server (e.g. the one in docker-compose.yml).
MSG
exit 1
