#!/usr/bin/env bash
# Youth Study check-ins per second over HTTP (wrk, keep-alive, 64 connections, distinct
# member-episode pairs) against GET /api/v1/health on the same server in the same run, on
# SQLite. Prints the machine, both wrk reports, the group commit's batches, and the rows in the
# table afterwards.
# Usage: bench/checkins.sh [server-binary] [seconds]   (default build-release/tuanjian, 10)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build-release/tuanjian}
secs=${2:-10}
[ -x "$bin" ] || { echo "no $bin (run make release)"; exit 1; }
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18482)
pass='Bench-Pass-2026!'
TUANJIAN_INITIAL_PASSWORD="$pass" TUANJIAN_DEMO_ACTIVITY=0 "$bin" demo --db "sqlite:$tmp/t.db" --data "$tmp" > /dev/null
"$bin" serve --db "sqlite:$tmp/t.db" --data "$tmp" --listen "127.0.0.1:$port" --web-root /nonexistent \
  --workers "${TJ_WORKERS:-64}" 2> "$tmp/access.log" > "$tmp/out.log" &
pid=$!
base="http://127.0.0.1:$port/api/v1"
for _ in $(seq 100); do curl -sf "$base/health" > /dev/null && break; sleep 0.1; done
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
token=$(curl -sf -X POST "$base/auth/login" -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$pass\"}" | json "['token']")
curl -sf -X POST "$base/auth/password" -H "authorization: Bearer $token" -H 'content-type: application/json' \
  -d "{\"old_password\":\"$pass\",\"new_password\":\"Bench-Pass-2026-new!\"}" > /dev/null
today=$(TZ=Asia/Shanghai date +%F)
season=$(curl -sf -X POST "$base/study/seasons" -H "authorization: Bearer $token" -H 'content-type: application/json' \
  -d '{"name":"压测"}' | json "['id']")
: > "$tmp/episodes"
for i in $(seq 40); do
  curl -sf -X POST "$base/study/episodes" -H "authorization: Bearer $token" -H 'content-type: application/json' \
    -d "{\"season_id\":$season,\"title\":\"第${i}期\",\"release_date\":\"$today\",\"closing_date\":\"$today\"}" \
    | json "['id']" >> "$tmp/episodes"
done
: > "$tmp/members"
for page in $(seq 1 20); do
  n=$(curl -sf "$base/members?status=active&size=500&page=$page" -H "authorization: Bearer $token" \
    | python3 -c "import json,sys; items=json.load(sys.stdin)['items']; [print(m['id']) for m in items]; print(len(items), file=sys.stderr)" \
      2>&1 >> "$tmp/members")
  [ "$n" -lt 500 ] && break
done
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
echo "server: $bin, SQLite, --workers ${TJ_WORKERS:-64}; $(wc -l < "$tmp/members") members x $(wc -l < "$tmp/episodes") episodes open today"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== GET /api/v1/health"
wrk -t2 -c64 -d"${secs}s" "$base/health"
echo "== POST /api/v1/study/episodes/{id}/checkins"
TJ_TOKEN=$token TJ_EPISODES=$tmp/episodes TJ_MEMBERS=$tmp/members \
  wrk -t2 -c64 -d"${secs}s" -s bench/checkins.lua "$base/health"
rows=$(sqlite3 "$tmp/t.db" 'SELECT COUNT(*) FROM study_checkins' 2>/dev/null || echo '?')
echo "rows in study_checkins: $rows"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
