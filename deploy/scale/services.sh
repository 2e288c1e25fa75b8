#!/usr/bin/env bash
# Install (from Debian's packages, when missing) and start PostgreSQL and Redis for the
# scale-out configuration, and create its database. Idempotent; needs root.
set -euo pipefail
: "${POSTGRES_DB:=rasa}" "${POSTGRES_USER:=rasa}" "${POSTGRES_PASSWORD:=rasa-local}"
: "${REDIS_PORT:=6390}"

missing=()
command -v pg_ctlcluster >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v nginx >/dev/null || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
fi

cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
if [ -z "$cluster" ]; then
  pg_createcluster "$(ls /usr/lib/postgresql | sort -V | tail -n 1)" main >/dev/null
  cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
fi
pg_ctlcluster $cluster start 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -q && break; sleep 1; done
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='$POSTGRES_USER'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE ROLE $POSTGRES_USER LOGIN PASSWORD '$POSTGRES_PASSWORD'\""
for db in "$POSTGRES_DB" "${POSTGRES_DB}_registry"; do
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='$db'\"" | grep -q 1 \
    || su postgres -c "createdb -O $POSTGRES_USER $db"
done

redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 \
  || redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --daemonize yes >/dev/null
echo "PostgreSQL and Redis (port $REDIS_PORT) are up."
