#!/usr/bin/env bash
# Site build benchmark: each run is a fresh process, so its first build is cold; the 10 builds after it are warm.
# Usage: bench/site/run.sh [runs]   (from anywhere inside the repository)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-3}"
dotnet build src/Workshop.Cli -c Release -v q -nologo >/dev/null
out="$(mktemp -d)/site"
for i in $(seq 1 "$runs"); do
  dotnet src/Workshop.Cli/bin/Release/net10.0/workshop.dll site build --bench --out "$out" | grep '^bench:'
done
rm -rf "$(dirname "$out")"
