#!/usr/bin/env bash
# Statistics at national scale, side by side with SQL, and the load over HTTP (issue 7;
# docs/performance.md). `make bench` runs it.
#
#   1. Data: `tuanjian gen --scale $SCALE --seed $SEED` loaded once into PostgreSQL 15 (a
#      cluster of its own, shared_buffers 4 GB) and into SQLite, kept in $TJ_BENCH_DATA
#      (default /var/tmp/tuanjian-bench/scale-$SCALE-seed-$SEED) and reused by later runs.
#   2. bench/scale.cc (tj_bench_scale): the start-up rebuild of the indexes from PostgreSQL,
#      their memory, the figures in process (Google Benchmark), and the same questions in SQL
#      (PostgreSQL recursive CTE and path LIKE, SQLite recursive CTE): a table of medians and
#      ratios.
#   3. Over HTTP with the server on that PostgreSQL: single-request latencies of the same
#      questions through the API, then wrk with 64 and 1 000 connections on the Youth Study
#      check-in and on a child ranking, each with /api/v1/health probed meanwhile, against
#      /api/v1/health alone.
#
# Usage: bench/scale.sh [--scale F] [--seed S] [--runs N] [--secs N] [--skip-http] [--skip-sql]
#                       [--skip-stats]
# Environment: TJ_BENCH_DATA (the data folder), TJ_WORKERS (server workers).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scale=0.1 seed=1 runs=3 secs=15 skip_http=0 skip_stats=0 skip_sql=()
while (($#)); do
  case $1 in
    --scale) scale=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --secs) secs=$2; shift 2 ;;
    --skip-http) skip_http=1; shift ;;
    --skip-sql) skip_sql=(--skip-sql); shift ;;
    --skip-stats) skip_stats=1; shift ;;
    *) echo "usage: bench/scale.sh [--scale F] [--seed S] [--runs N] [--secs N] [--skip-http] [--skip-sql] [--skip-stats]" >&2; exit 2 ;;
  esac
done
data=${TJ_BENCH_DATA:-/var/tmp/tuanjian-bench/scale-$scale-seed-$seed}
bin=$root/build-release/tuanjian
pgbin=/usr/lib/postgresql/15/bin

[ -f build-release/build.ninja ] || cmake --preset release > /dev/null
cmake --build build-release --target tuanjian tj_bench_scale > /dev/null

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
  "$(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r), $(g++ --version | head -1)," \
  "$("$pgbin/postgres" --version), SQLite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1)"
echo "data: scale $scale, seed $seed, in $data"

# The cluster runs as an unprivileged user: postgres when this runs as root.
as_owner() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$data"
pgdata=$data/pg
port_file=$data/pg-port
if [[ ! -f $pgdata/PG_VERSION ]]; then
  mkdir -p "$pgdata"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$pgdata" && chmod 700 "$pgdata"
  as_owner "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust --locale=C.UTF-8 -E UTF8 > "$data/initdb.log"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  echo "$port" > "$port_file"
  # As the orientation figures of issue 7 were measured: 4 GB of shared buffers, warm.
  as_owner tee "$pgdata/postgresql.auto.conf" > /dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
shared_buffers = 4GB
effective_cache_size = 12GB
work_mem = 64MB
maintenance_work_mem = 1GB
max_wal_size = 8GB
max_connections = 300
log_min_messages = warning
EOF
fi
port=$(cat "$port_file")
pg_url="postgresql://postgres@127.0.0.1:$port/tuanjian"
pid=''
cleanup() {
  [[ -n $pid ]] && { kill "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; }
  as_owner "$pgbin/pg_ctl" stop -D "$pgdata" -m fast -w > /dev/null 2>&1 || true
}
trap cleanup EXIT
as_owner "$pgbin/pg_ctl" start -D "$pgdata" -l "$pgdata/server.log" -w -t 120 > /dev/null

load() {  # load URL DATA-DIR NAME
  if [[ -f $2/loaded ]]; then return; fi
  echo "== loading scale $scale into $3 (once; kept in $data)"
  rm -rf "$2" && mkdir -p "$2"
  local t0=$SECONDS
  "$bin" gen --scale "$scale" --seed "$seed" --db "$1" --data "$2"
  echo "$3 loaded in $((SECONDS - t0)) s"
  touch "$2/loaded"
}
if [[ ! -f $data/pg-data/loaded ]]; then
  "$pgbin/psql" -X -q -d "postgresql://postgres@127.0.0.1:$port/postgres" \
    -c "DROP DATABASE IF EXISTS tuanjian" -c "CREATE DATABASE tuanjian"
fi
load "$pg_url" "$data/pg-data" PostgreSQL
load "sqlite:$data/sqlite-data/tuanjian.db" "$data/sqlite-data" SQLite

if ((!skip_stats)); then
  echo "== statistics: the index in process against SQL on the same data"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  build-release/bench/tj_bench_scale --pg "$pg_url" --sqlite "sqlite:$data/sqlite-data/tuanjian.db" \
    --runs "$runs" "${skip_sql[@]}"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
((skip_http)) && exit 0

echo "== over HTTP: the server on PostgreSQL"
http_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$http_port/api/v1"
t0=$(date +%s.%N)
"$bin" serve --db "$pg_url" --data "$data/pg-data" --listen "127.0.0.1:$http_port" --web-root /nonexistent \
  ${TJ_WORKERS:+--workers "$TJ_WORKERS"} 2> "$data/access.log" > "$data/server.log" &
pid=$!
for _ in $(seq 1200); do curl -sf "$base/health" > /dev/null && break; sleep 0.1; done
echo "server answering after $(python3 -c "import time; print(round(time.time() - $t0, 1))") s (start-up with the index rebuild)"
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
pass=$(sed -n 's/^password: //p' "$data/pg-data/first-login.txt")
token=$(curl -sf -X POST "$base/auth/login" -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$pass\"}" | json "['token']")
if curl -sf "$base/auth/me" -H "authorization: Bearer $token" | grep -q '"must_change_password":true'; then
  new_pass="Bench-$(date +%s)-Pass!"
  curl -sf -X POST "$base/auth/password" -H "authorization: Bearer $token" -H 'content-type: application/json' \
    -d "{\"old_password\":\"$pass\",\"new_password\":\"$new_pass\"}" > /dev/null
  printf 'username: admin\npassword: %s\n' "$new_pass" > "$data/pg-data/first-login.txt"
fi
psql_q() { "$pgbin/psql" -X -qAt -d "$pg_url" -c "$1"; }
episode=$(psql_q "SELECT id FROM study_episodes ORDER BY release_date DESC, id DESC LIMIT 1")
root_id=$(psql_q "SELECT id FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1")
province=$(psql_q "SELECT o.id FROM orgs o JOIN orgs c ON c.path LIKE o.path || '%' JOIN members m ON m.org_id = c.id
  WHERE o.parent_id = $root_id GROUP BY o.id ORDER BY count(*) DESC LIMIT 1")
county=$(psql_q "SELECT id FROM orgs WHERE depth = 3 AND path LIKE (SELECT path FROM orgs WHERE id = $province) || '%' ORDER BY id LIMIT 1")
branch=$(psql_q "SELECT o.id FROM orgs o JOIN members m ON m.org_id = o.id WHERE o.type = 'branch'
  AND o.path LIKE (SELECT path FROM orgs WHERE id = $county) || '%' GROUP BY o.id ORDER BY count(*) DESC LIMIT 1")
median_ms() {  # median of 21 GETs of a URL, in ms
  for _ in $(seq 21); do curl -sf -o /dev/null -w '%{time_total}\n' -H "authorization: Bearer $token" "$1"; done |
    sort -n | sed -n 11p | awk '{printf "%.2f ms", $1 * 1000}'
}
echo "single requests through the API (median of 21, curl, keep-alive off):"
for org in "root:$root_id" "province:$province" "county:$county" "branch:$branch"; do
  echo "  ${org%%:*} members stats: $(median_ms "$base/orgs/${org#*:}/stats")," \
    "its Youth Study rate with its children ranked: $(median_ms "$base/study/episodes/$episode/ranking?org_id=${org#*:}")"
done

# Members in standing who have not taken part in the episode yet: distinct check-ins. Read
# again after every run that checked some in.
free_members() {
  psql_q "SELECT m.id FROM members m WHERE m.status = 'active' AND NOT EXISTS
    (SELECT 1 FROM study_checkins k WHERE k.episode_id = $episode AND k.member_id = m.id) ORDER BY m.id DESC LIMIT 1000000" \
    > "$data/checkin-members"
}
free_members
echo "$episode" > "$data/checkin-episode"
echo "$(wc -l < "$data/checkin-members") members free to check in to episode $episode"
cat > "$data/ranking.lua" <<EOF
wrk.headers["Authorization"] = "Bearer $token"
wrk.path = "/api/v1/study/episodes/$episode/ranking?org_id=$county"
EOF
probe() {  # health probed meanwhile with 4 connections: its p99 says whether it starves
  wrk -t1 -c4 -d"${secs}s" --latency "$base/health" | awk '/Requests\/sec/ {r=$2} / 99%/ {p=$2} END {printf "health meanwhile: %s req/s, p99 %s\n", r, p}'
}
# Warm, as a server that has been running is: the tables and indexes a check-in touches in
# PostgreSQL's buffers (right after a restart the first seconds go to random reads), then a
# short burst of check-ins that is not counted.
psql_q "CREATE EXTENSION IF NOT EXISTS pg_prewarm" > /dev/null
psql_q "SELECT sum(pg_prewarm(c.oid::regclass)) FROM pg_class c WHERE c.relkind IN ('r', 'i')
  AND c.relname ~ '^(members|study_checkins|orgs|users|sessions|study_episodes)'" > /dev/null
TJ_TOKEN=$token TJ_EPISODES=$data/checkin-episode TJ_MEMBERS=$data/checkin-members \
  wrk -t2 -c64 -d5s -s bench/checkins.lua "$base/health" > /dev/null
free_members
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for conns in 64 1000; do
  echo "-- $conns connections"
  echo "GET /health alone:"
  wrk -t2 -c"$conns" -d"${secs}s" --latency "$base/health" | grep -E 'Requests/sec| 99%|Socket errors|Non-2xx'
  echo "POST check-ins (distinct members):"
  probe > "$data/probe.txt" &
  ppid=$!
  TJ_TOKEN=$token TJ_EPISODES=$data/checkin-episode TJ_MEMBERS=$data/checkin-members \
    wrk -t2 -c"$conns" -d"${secs}s" --latency -s bench/checkins.lua "$base/health" |
    grep -E 'Requests/sec| 99%|Socket errors|Non-2xx|p50'
  wait "$ppid"; cat "$data/probe.txt"
  echo "GET the county's children ranking:"
  probe > "$data/probe.txt" &
  ppid=$!
  wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$data/ranking.lua" "$base/health" |
    grep -E 'Requests/sec| 99%|Socket errors|Non-2xx'
  wait "$ppid"; cat "$data/probe.txt"
  free_members
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
