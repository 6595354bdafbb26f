#!/usr/bin/env bash
# Makes a Redis server available for the scale-out tests: installs redis-server with apt when missing (as root
# or with passwordless sudo) and starts one on 127.0.0.1:6379 when nothing answers there. Set
# WORKSHOP_REDIS to use another server (host:port); then this script does nothing. A server this script starts
# writes its pid to $WORKSHOP_REDIS_PIDFILE (default /tmp/workshop-redis.pid), so the caller can stop it.
set -euo pipefail

if [ -n "${WORKSHOP_REDIS:-}" ]; then exit 0; fi

answers() { command -v redis-cli >/dev/null 2>&1 && redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }
if answers; then exit 0; fi

if ! command -v redis-server >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo="none"; fi
  fi
  if [ "$sudo" != "none" ]; then
    echo "Installing redis-server with apt-get (once)..."
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null || true
  fi
fi

if command -v redis-server >/dev/null 2>&1; then
  redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save "" --appendonly no \
    --pidfile "${WORKSHOP_REDIS_PIDFILE:-/tmp/workshop-redis.pid}" >/dev/null
  for _ in $(seq 1 50); do answers && exit 0; sleep 0.1; done
fi
echo "No Redis server could be started; the Redis tests will report it."
