#!/usr/bin/env bash
# Runs every test of the kit. Installs what the tests need when it is missing (Chromium, Redis), then runs
# `dotnet test` over the whole solution. Extra arguments go to `dotnet test`, e.g. ./test.sh --filter Lab=03
set -euo pipefail
cd "$(dirname "$0")"

scripts/ensure-chromium.sh
# Stop the Redis server only if this run started it.
export WORKSHOP_REDIS_PIDFILE="${TMPDIR:-/tmp}/workshop-redis-$$.pid"
trap 'if [ -f "$WORKSHOP_REDIS_PIDFILE" ]; then kill "$(cat "$WORKSHOP_REDIS_PIDFILE")" 2>/dev/null || true; rm -f "$WORKSHOP_REDIS_PIDFILE"; fi' EXIT
scripts/ensure-redis.sh

rm -rf TestResults
dotnet build Workshop.sln -c Release -nologo -clp:ErrorsOnly
dotnet test Workshop.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory TestResults \
  --blame-hang-timeout 10m --blame-hang-dump-type none "$@"
