#!/usr/bin/env bash
# Measures GET /api/v1/health with wrk and the server's resident memory when idle.
# Usage: bench/load_health.sh [server-binary]   (default build-release/tuanjian; `make release`)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build-release/tuanjian}
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18481)
TUANJIAN_INITIAL_PASSWORD='Bench-Pass-2026' "$bin" demo --db "sqlite:$tmp/t.db" --data "$tmp" > /dev/null
"$bin" serve --db "sqlite:$tmp/t.db" --data "$tmp" --listen "127.0.0.1:$port" --web-root /nonexistent \
  2> "$tmp/access.log" > "$tmp/out.log" &
pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/api/v1/health" > /dev/null && break; sleep 0.1; done
sleep 1
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r)"
echo "idle resident memory: $(awk '/VmRSS/ {print $2, $3}' /proc/$pid/status)"
wrk -t2 -c64 -d10s --latency "http://127.0.0.1:$port/api/v1/health"
echo "resident memory after load: $(awk '/VmRSS/ {print $2, $3}' /proc/$pid/status)"
