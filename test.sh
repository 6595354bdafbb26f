#!/usr/bin/env bash
# Runs every test of the kit. Installs what the tests need when it is missing (Chromium, nginx, Redis, bubblewrap), then runs
# `dotnet test` over the whole solution (the lab suite's mutants as a second process beside it, the fault suite last,
# on its own). Extra arguments go to one
# `dotnet test` of the whole solution, e.g. ./test.sh --filter Lab=03
set -euo pipefail
cd "$(dirname "$0")"

scripts/ensure-chromium.sh
# The attack suite's reverse-proxy test runs the nginx configuration docs/security.md gives deployers.
scripts/ensure-nginx.sh
# The grading sandbox (workshop grade); without it the sandboxed grading tests fail, never skip.
scripts/ensure-bubblewrap.sh
# Stop the Redis server only if this run started it.
export WORKSHOP_REDIS_PIDFILE="${TMPDIR:-/tmp}/workshop-redis-$$.pid"
trap 'if [ -f "$WORKSHOP_REDIS_PIDFILE" ]; then kill "$(cat "$WORKSHOP_REDIS_PIDFILE")" 2>/dev/null || true; rm -f "$WORKSHOP_REDIS_PIDFILE"; fi' EXIT
scripts/ensure-redis.sh

rm -rf TestResults
dotnet build Workshop.sln -c Release -nologo -clp:ErrorsOnly
run_tests() {
  dotnet test "$1" -c Release --no-build -nologo \
    --logger "${TRX_LOGGER:-trx}" --logger "console;verbosity=normal" --results-directory TestResults \
    --blame-hang-timeout 10m --blame-hang-dump-type none "${@:2}"
}

if [ $# -gt 0 ]; then
  run_tests Workshop.sln "$@"
else
  # The fault suite compares latencies with and without a fault, so it runs alone, after everything else:
  # sharing two cores with the other suites would measure them, not the fault.
  # The lab suite runs its tests one at a time and is the longest; its mutants (each lab's wrong-but-plausible
  # solutions, about 40 % of its time) run as a second process beside everything else, each in its own scratch copy.
  status=0
  TRX_LOGGER="trx;LogFileName=mutants.trx" run_tests tests/Workshop.Labs.Tests/Workshop.Labs.Tests.csproj \
    --filter "Category=Mutants" > >(sed -u 's/^/[mutants] /') 2>&1 &
  mutants=$!
  run_tests Workshop.sln --filter "FullyQualifiedName!~Workshop.Faults.Tests&Category!=Mutants" || status=$?
  wait $mutants || status=$?
  run_tests tests/Workshop.Faults.Tests/Workshop.Faults.Tests.csproj || status=$?
  exit $status
fi
