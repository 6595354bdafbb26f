#!/usr/bin/env bash
# One command for the benchmark: installs the Node peers (npm ci), wrk and redis-server (apt) when missing, builds the .NET
# side in Release, then runs the load generator pinned to core 1 while it starts every server pinned to core 0.
# Writes docs/benchmarks.md (+ bench/results/full.json). Loopback only; stops by itself; kills its servers.
#
#   bench/run.sh                 full matrix (~20 minutes), the numbers for docs/benchmarks.md
#   bench/run.sh --quick         tiny loads, 1-second windows: a smoke test (~1-2 minutes incl. build);
#                                writes bench/results/raw/benchmarks-quick.md instead
#   bench/run.sh --only echo     one scenario (prefix of: mem-ws mem-sse echo broadcast sse- webhook sender scaleout)
#   bench/run.sh --report        re-render docs/benchmarks.md and docs/bench/*.svg from bench/results/full.json and
#                                bench/notes.md, without measuring (--report-only: the same)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

server_core=0
generator_core=1
if [ "$(nproc --all)" -lt 2 ]; then
  echo "bench: needs 2 cores (one for the server, one for the generator); this machine has $(nproc --all)." >&2
  exit 1
fi

load_dll=bench/Workshop.Bench.Load/bin/Release/net10.0/Workshop.Bench.Load.dll
if [[ " $* " == *" --report-only "* || " $* " == *" --report "* ]]; then
  dotnet build bench/Workshop.Bench.Load -c Release -nologo -clp:ErrorsOnly
  exec dotnet "$load_dll" --repo "$root" "$@"
fi

# Many sockets on both sides (5,000 SSE clients); raise the soft limit to the hard one.
ulimit -n "$(ulimit -Hn)" || true

echo "bench: installing the Node peers (npm ci)"
(cd bench/node && npm ci --no-audit --no-fund --loglevel=error)

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "bench: installing wrk (apt-get)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "bench: wrk is missing (Debian/Ubuntu: apt-get install wrk); the webhook scenario will fail." >&2
  fi
fi

# The scale-out scenarios start their own redis-server (own port, no persistence) next to two reference instances.
if ! command -v redis-server >/dev/null && [ ! -x /usr/bin/redis-server ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "bench: installing redis-server (apt-get)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    echo "bench: redis-server is missing (Debian/Ubuntu: apt-get install redis-server); the scale-out scenarios will fail." >&2
  fi
fi

echo "bench: building the .NET side in Release"
dotnet build bench/Workshop.Bench.Load -c Release -nologo -clp:ErrorsOnly
dotnet build src/Workshop.Playground -c Release -nologo -clp:ErrorsOnly
if [ -d bench/Workshop.Bench.Host ]; then dotnet build bench/Workshop.Bench.Host -c Release -nologo -clp:ErrorsOnly; fi

# The driver gets its own session (setsid), so everything it starts shares one process group that the trap can
# end as a whole, whatever happens to the driver itself.
driver=""
cleanup() {
  if [ -n "$driver" ] && kill -0 "$driver" 2>/dev/null; then
    kill -TERM -- "-$driver" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$driver" 2>/dev/null || break; sleep 0.5; done
  fi
  if [ -n "$driver" ]; then kill -KILL -- "-$driver" 2>/dev/null || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "bench: measuring (servers on core $server_core, generator on core $generator_core)"
# Socket continuations inline on the generator's epoll thread (its one core; see GeneratorEnvironment.cs). The driver
# removes the variable from every server it starts, so the servers under test run with .NET's defaults.
DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 setsid taskset -c "$generator_core" dotnet "$load_dll" --repo "$root" --server-core "$server_core" "$@" &
driver=$!
wait "$driver"
