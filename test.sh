#!/usr/bin/env bash
# Runs every test of the kit. Installs what the tests need when it is missing (Chromium, Redis), then runs
# `dotnet test` over the whole solution. Extra arguments go to `dotnet test`, e.g. ./test.sh --filter Lab=03
set -euo pipefail
cd "$(dirname "$0")"

scripts/ensure-chromium.sh
scripts/ensure-redis.sh

rm -rf TestResults
dotnet build Workshop.sln -c Release -nologo -clp:ErrorsOnly
dotnet test Workshop.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory TestResults \
  --blame-hang-timeout 10m --blame-hang-dump-type none "$@"
