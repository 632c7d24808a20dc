#!/usr/bin/env bash
# Regenerates every benchmark result of BENCHMARKS.md:
#   results/machine.txt    the machine, Go version, load before and after
#   results/bench.txt      raw `go test -bench` output (-benchmem, -count 6)
#   results/benchstat.txt  benchstat summary (medians, confidence intervals)
#   results/tables.md      the tables of BENCHMARKS.md, with added cost and ratios
#   results/profiles.txt   CPU and allocation profiles of RequireRememberizer
#   results/wrk.txt        wrk load test of examples/nethttp on loopback
#   chart.svg              bar chart of the added cost per request
#
# Usage: bench/run.sh            (from anywhere; needs go, wrk, redis-server)
# Environment: COUNT (default 6), WRK_DURATION (default 10s), WRK_ROUNDS
# (default 3), IDLE_WAIT (seconds to wait for a quiet machine, default 300).
set -euo pipefail

bench=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench/.." && pwd)
cd "$bench"
start=$(date +%s)
count=${COUNT:-6}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p results

say() { printf '\n== %s (%ss)\n' "$*" "$(( $(date +%s) - start ))"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# Benchmarks on a shared 2-core machine mean little while something else
# is busy: wait (bounded) for the 1-minute load average to settle.
wait_idle() {
	local limit=${IDLE_WAIT:-300} waited=0
	while awk -v n="$(nproc)" '{ exit !($1 > n * 0.5) }' /proc/loadavg && (( waited < limit )); do
		(( waited == 0 )) && echo "waiting up to ${limit}s for a quieter machine (load $(load))"
		sleep 10
		waited=$(( waited + 10 ))
	done
}

say "machine"
wait_idle
{
	echo "go:       $(go version)"
	echo "nproc:    $(nproc)"
	echo "cpu:      $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
	echo "kernel:   $(uname -srm)"
	echo "redis:    $(redis-server --version 2>/dev/null || echo 'not installed')"
	echo "wrk:      $(wrk -v 2>&1 | head -1 || true)"
	echo "commit:   $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$( [ -n "$(git -C "$root" status --porcelain -- . ':!bench' ':!BENCHMARKS.md' 2>/dev/null)" ] && echo ' (with uncommitted changes)')"
	echo "date:     $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "load before benchmarks (1/5/15 min): $(load)"
} > results/machine.txt
cat results/machine.txt

say "benchmarks: go test -run '^\$' -bench . -benchmem -count $count -timeout 60m ./..."
go test -run '^$' -bench . -benchmem -count "$count" -timeout 60m ./... > results/bench.txt
echo "load after benchmarks (1/5/15 min): $(load)" >> results/machine.txt

say "benchstat"
GOBIN="$tmp/bin" go install golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
"$tmp/bin/benchstat" results/bench.txt > results/benchstat.txt

say "profiles"
profile() { # title, -bench pattern
	go test -run '^$' -bench "$2" -benchtime 2s -count 1 -cpuprofile "$tmp/cpu.pprof" -o "$tmp/bench.test" . > "$tmp/out.txt"
	go test -run '^$' -bench "$2" -benchtime 20000x -count 1 -memprofile "$tmp/mem.pprof" -memprofilerate 1 -o "$tmp/bench.test" . > /dev/null
	echo "################ $1"
	echo "# go test -run '^\$' -bench '$2' -benchtime 2s -cpuprofile cpu.pprof"
	grep '^Benchmark' "$tmp/out.txt"
	echo "## CPU, by cumulative time"
	go tool pprof -top -cum -nodecount 45 "$tmp/bench.test" "$tmp/cpu.pprof" 2>/dev/null | sed -n '/flat%/,$p'
	echo "## allocations per call site (-memprofilerate 1; objects)"
	go tool pprof -sample_index=alloc_objects -top -nodecount 12 "$tmp/bench.test" "$tmp/mem.pprof" 2>/dev/null | sed -n '/flat%/,$p'
	echo
}
{
	profile "net/http, cookie store, 900-byte JWT-like token" 'NetHTTP/lib=rememberizer-cookie/token=jwt900'
	profile "Fiber, cookie store, 40-char opaque token" 'Fiber/lib=rememberizer-cookie/token=opaque40'
	profile "Fiber, cookie store, 900-byte JWT-like token" 'Fiber/lib=rememberizer-cookie/token=jwt900'
	profile "net/http, Redis store, paired with a raw GET" 'RedisPaired/fw=nethttp/token=opaque40'
} > results/profiles.txt

say "load test: wrk against examples/nethttp"
wait_idle
(cd "$root/examples" && go build -o "$tmp/nethttp-example" ./nethttp)
go run ./cmd/loadtest -app "$tmp/nethttp-example" -out results/wrk.txt \
	-d "${WRK_DURATION:-10s}" -rounds "${WRK_ROUNDS:-3}"
echo "load after the load test (1/5/15 min): $(load)" >> results/machine.txt

say "tables and chart"
caption="$(go version | cut -d' ' -f3-) · $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') · $(nproc) CPUs · medians of $count runs · bench/results/bench.txt"
go run ./cmd/chart -in results/bench.txt -svg chart.svg -md results/tables.md -caption "$caption"
sed -n '/Targets/,$p' results/tables.md
tail -5 results/wrk.txt

say "done in $(( $(date +%s) - start ))s"
for f in results/machine.txt results/bench.txt results/benchstat.txt results/tables.md results/profiles.txt results/wrk.txt chart.svg; do
	echo "  bench/$f"
done
