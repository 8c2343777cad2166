#!/usr/bin/env bash
# Starts the services the PostgreSQL, NATS and Redis tests use, each only if it is not answering,
# with the machine's own start command, then waits (bounded) until each answers:
#   PostgreSQL 127.0.0.1:5432 (trust auth, user postgres, database `test`)
#   NATS with JetStream 127.0.0.1:4222
#   Redis 127.0.0.1:6379
# Exits non-zero if one does not answer in time. Tests that need a missing service skip themselves,
# so a caller may also go on after a failure here (`scripts/services.sh || true`).
set -uo pipefail

WAIT_SECONDS="${SERVICES_WAIT_SECONDS:-30}"

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 -t 1 >/dev/null 2>&1; }
redis_up() { [ "$(timeout 2 redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]; }
# NATS greets every client with an INFO line; JetStream must be on in it.
nats_up() {
  timeout 2 bash -c 'exec 3<>/dev/tcp/127.0.0.1/4222 && head -n 1 <&3' 2>/dev/null |
    grep -q '"jetstream":true'
}

start_pg() {
  local version
  for version in $(ls /etc/postgresql 2>/dev/null); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
}
start_redis() {
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
}
start_nats() {
  mkdir -p /var/lib/nats-server
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- \
    -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log
}

wait_for() {
  local name="$1" check="$2" deadline=$((SECONDS + WAIT_SECONDS))
  until "$check"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "== $name: not answering after ${WAIT_SECONDS}s" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "== $name: up"
}

status=0
for service in pg:PostgreSQL nats:NATS redis:Redis; do
  key="${service%%:*}" name="${service#*:}"
  if ! "${key}_up"; then
    echo "== $name: not answering, starting it"
    "start_${key}" >/dev/null 2>&1 || echo "== $name: the start command failed" >&2
  fi
  wait_for "$name" "${key}_up" || status=1
done

# The tests' database (each test file then makes its own schema or database in it).
if pg_up && ! psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" |
  grep -q 1; then
  psql -h 127.0.0.1 -U postgres -d postgres -qc 'CREATE DATABASE test' || status=1
fi

exit "$status"
