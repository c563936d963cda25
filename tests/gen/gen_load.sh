#!/usr/bin/env bash
# gen.load.<backend>: `tuanjian gen` bulk-loads a county of the synthetic country into a fresh
# database, and the app works on it.
#
#   gen_load.sh --server build/tuanjian --backend sqlite|postgresql [--scale F]
#
# Checks, in a temporary folder (and for PostgreSQL, databases of their own on the test server
# of tests/pg/pg.sh, found through $TJ_PG_DIR):
#   1. `tuanjian gen --scale 0.0003 --seed 7 --episodes 2 --db URL --out DIR` succeeds (a larger
#      --scale checks the same on more provinces, more slowly: 0.002 is six);
#   2. the tables hold exactly the orgs, members, history rows and participations it printed;
#   3. the indexes and constraints it dropped for the load are all back: the four tables' index
#      and constraint definitions equal those of a database just migrated;
#   4. a second gen into the same database is refused and changes nothing;
#   5. `tuanjian serve` starts on it: /api/v1/health answers; `admin` logs in with the password
#      gen saved in first-login.txt; the top org's member figures and each episode's Youth
#      Study ranking equal the counts from SQL; a new org gets an id after the loaded ones (the
#      identity sequences moved on); the member import, dry run, finds every row of the
#      members file valid and only already registered; the Youth Study import matches every
#      row of the participation file to a participation already recorded.
# Exits non-zero at the first failed check, printing what differed.
set -euo pipefail

usage="usage: gen_load.sh --server PATH --backend sqlite|postgresql [--scale F]"
server='' backend='' scale=0.0003
while (($#)); do
  case $1 in
    --server) server=$(realpath "$2"); shift 2 ;;
    --backend) backend=$2; shift 2 ;;
    --scale) scale=$2; shift 2 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
[[ -x $server && ($backend == sqlite || $backend == postgresql) ]] || { echo "$usage" >&2; exit 2; }

here=$(cd "$(dirname "$0")" && pwd)
pg_bin=${TJ_PG_BIN:-/usr/lib/postgresql/15/bin}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tj-gen.XXXXXX")
server_pid=''
dbs=()

cleanup() {
  local rc=$?
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if ((${#dbs[@]})) && [[ -f ${TJ_PG_DIR:-}/url ]]; then
    for db in "${dbs[@]}"; do
      "$pg_bin/psql" -X -q -d "$(cat "$TJ_PG_DIR/url")postgres" -c "SET client_min_messages = warning" \
        -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
    done
  fi
  if ((rc == 0)); then rm -rf "$tmp"; else echo "kept $tmp" >&2; fi
}
trap cleanup EXIT

fail() {
  echo "not ok - $*" >&2
  exit 1
}
ok() { echo "ok - $*"; }

# A fresh database URL (and for SQLite, the file behind it).
new_db() {
  local name=$1
  if [[ $backend == sqlite ]]; then
    echo "sqlite:$tmp/$name.db"
  else
    local db="tj_gen_${name}_$$"
    dbs+=("$db")
    TJ_PG_DIR=${TJ_PG_DIR:?set TJ_PG_DIR to the test server of tests/pg/pg.sh} \
      bash "$here/../pg/pg.sh" createdb "$db"
  fi
}

# One value (or rows, '|'-separated) from SQL.
sql() {
  local url=$1 query=$2
  if [[ $backend == sqlite ]]; then
    sqlite3 -batch "${url#sqlite:}" "$query"
  else
    "$pg_bin/psql" -X -q -A -t -v ON_ERROR_STOP=1 -d "$url" -c "$query"
  fi
}

# The index and constraint definitions of the loaded tables.
schema_of() {
  local url=$1
  if [[ $backend == sqlite ]]; then
    sql "$url" "SELECT name, sql FROM sqlite_master WHERE type = 'index'
                AND tbl_name IN ('orgs', 'members', 'member_history', 'study_checkins') ORDER BY name"
  else
    sql "$url" "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN
                ('orgs', 'members', 'member_history', 'study_checkins') ORDER BY indexname"
    sql "$url" "SELECT conrelid::regclass, conname, contype, pg_get_constraintdef(oid) FROM pg_constraint
                WHERE conrelid::regclass::text IN ('orgs', 'members', 'member_history', 'study_checkins')
                ORDER BY 1, 2"
  fi
}

# A field of a JSON document on stdin: json 'd.error.code'.
json() { node -e 'let s="";process.stdin.on("data",c=>s+=c).on("end",()=>{const d=JSON.parse(s);const v=eval(process.argv[1]);console.log(typeof v==="object"?JSON.stringify(v):v)})' "$1"; }

export TUANJIAN_INITIAL_PASSWORD=Gen-Load-Test-9a
url=$(new_db gen)
ref=$(new_db ref)

# 1. The load.
start=$SECONDS
"$server" gen --scale "$scale" --seed 7 --episodes 2 --db "$url" --data "$tmp/data" --out "$tmp/out" \
  >"$tmp/gen.out" 2>"$tmp/gen.err" || { cat "$tmp/gen.out" "$tmp/gen.err" >&2; fail "gen exited $?"; }
totals=$(grep '^totals:' "$tmp/gen.out") || fail "gen printed no totals"
value() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<" $totals"; }
orgs=$(value orgs) members=$(value members) in_standing=$(value in_standing)
checkins=$(value checkins) history=$(value history)
((orgs > 1000 && members > 20000 && checkins > 10000)) || fail "implausible totals: $totals"
ok "gen loaded $totals in $((SECONDS - start)) s"

# 2. What is in the tables.
expect() {
  local what=$1 want=$2 got
  got=$(sql "$url" "$3")
  [[ $got == "$want" ]] || fail "$what: $got in the database, $want expected"
}
expect "orgs" $((orgs + 1)) "SELECT COUNT(*) FROM orgs"
expect "members" "$members" "SELECT COUNT(*) FROM members"
expect "members in standing" "$in_standing" \
  "SELECT COUNT(*) FROM members WHERE status IN ('active', 'mobile', 'lost_contact')"
expect "member_history rows" "$history" "SELECT COUNT(*) FROM member_history"
expect "import history rows" "$members" "SELECT COUNT(*) FROM member_history WHERE kind = 'import'"
expect "participations" "$checkins" "SELECT COUNT(*) FROM study_checkins"
expect "members without their org" 0 \
  "SELECT COUNT(*) FROM members m LEFT JOIN orgs o ON o.id = m.org_id WHERE o.id IS NULL"
expect "orgs whose path is not their parent's and their id" 0 \
  "SELECT COUNT(*) FROM orgs o JOIN orgs p ON p.id = o.parent_id
   WHERE o.path <> p.path || o.id || '/' OR o.depth <> p.depth + 1"
expect "participations outside the member's org" 0 \
  "SELECT COUNT(*) FROM study_checkins c JOIN members m ON m.id = c.member_id WHERE m.org_id <> c.org_id"
expect "clear ID numbers" 0 "SELECT COUNT(*) FROM members WHERE id_number_sealed NOT LIKE '1:%'"
ok "the tables hold what gen printed"

# 3. The indexes.
"$server" migrate --db "$ref" --data "$tmp/data" >/dev/null 2>&1 || fail "migrate of the reference database"
diff <(schema_of "$ref") <(schema_of "$url") >"$tmp/schema.diff" ||
  { cat "$tmp/schema.diff" >&2; fail "indexes or constraints differ from a migrated database"; }
[[ $(schema_of "$url" | grep -c 'members_org') -ge 1 ]] || fail "no members_org index"
ok "every index and constraint is back"

# 4. Refused the second time.
if "$server" gen --scale "$scale" --seed 8 --db "$url" --data "$tmp/data" >"$tmp/gen2.out" 2>"$tmp/gen2.err"; then
  fail "a second gen into a loaded database succeeded"
fi
grep -q 'loads only an empty database' "$tmp/gen2.err" || { cat "$tmp/gen2.err" >&2; fail "no reason given"; }
expect "members after the refused gen" "$members" "SELECT COUNT(*) FROM members"
ok "a second gen is refused"

# 5. The server on it.
password=$(sed -n 's/^password: //p' "$tmp/data/first-login.txt")
[[ $password == "$TUANJIAN_INITIAL_PASSWORD" ]] || fail "first-login.txt holds '$password'"
# The files exist before the server starts: the background job opens them only once it runs, and
# the first read below may come sooner.
: >"$tmp/serve.out"
: >"$tmp/serve.err"
"$server" serve --db "$url" --data "$tmp/data" --listen 127.0.0.1:0 --web-root "$tmp/no-web" \
  >>"$tmp/serve.out" 2>>"$tmp/serve.err" &
server_pid=$!
port=''
for _ in $(seq 1 200); do
  port=$(sed -n 's|.*serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/serve.out")
  [[ -n $port ]] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/serve.err" >&2; fail "serve exited"; }
  sleep 0.1
done
[[ -n $port ]] || { tail "$tmp/serve.err" >&2; fail "serve did not start"; }
base="http://127.0.0.1:$port/api/v1"
health=$(curl -sf "$base/health") || fail "no answer from /health"
[[ $(json 'd.database' <<<"$health") == "$backend" ]] || fail "health: $health"
ok "serve answers on port $port"

login=$(curl -sf -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}" "$base/auth/login") || fail "admin cannot log in"
token=$(json 'd.token' <<<"$login")
auth=(-H "Authorization: Bearer $token")
curl -sf "${auth[@]}" -H 'Content-Type: application/json' \
  -d "{\"old_password\":\"$password\",\"new_password\":\"Gen-Load-Test-Changed-7b\"}" \
  "$base/auth/password" >/dev/null || fail "admin cannot change the password"
ok "admin logs in"

root=$(sql "$url" "SELECT id FROM orgs WHERE parent_id IS NULL")
stats=$(curl -sf "${auth[@]}" "$base/orgs/$root/stats") || fail "no member figures"
[[ $(json 'd.total' <<<"$stats") == "$in_standing" ]] || fail "figures: total not $in_standing: $stats"
[[ $(json 'Object.values(d.by_status).reduce((a,b)=>a+b,0)' <<<"$stats") == "$members" ]] ||
  fail "figures: statuses do not add up to $members: $stats"
school=$(sql "$url" "SELECT COUNT(*) FROM members m JOIN orgs o ON o.id = m.org_id
                     WHERE o.sector = 'school' AND m.status IN ('active', 'mobile', 'lost_contact')")
[[ $(json 'd.by_sector.school' <<<"$stats") == "$school" ]] || fail "figures: school not $school: $stats"
for episode in $(sql "$url" "SELECT id FROM study_episodes ORDER BY id"); do
  ranking=$(curl -sf "${auth[@]}" "$base/study/episodes/$episode/ranking?org_id=$root") ||
    fail "no ranking of episode $episode"
  want=$(sql "$url" "SELECT COUNT(*) FROM study_checkins WHERE episode_id = $episode")
  [[ $(json 'd.participants' <<<"$ranking") == "$want" ]] ||
    fail "ranking of episode $episode: participants not $want: $ranking"
  [[ $(json 'd.members' <<<"$ranking") == "$in_standing" ]] ||
    fail "ranking of episode $episode: members not $in_standing: $ranking"
done
ok "member figures and Youth Study rankings equal the counts from SQL"

max_org=$(sql "$url" "SELECT MAX(id) FROM orgs")
created=$(curl -sf "${auth[@]}" -H 'Content-Type: application/json' \
  -d "{\"parent_id\":$root,\"name\":\"生成数据检查团支部\",\"type\":\"branch\",\"sector\":\"other\",\"code\":\"gen-check\"}" \
  "$base/orgs") || fail "cannot create an org after the load"
new_id=$(json 'd.id ?? d.org.id' <<<"$created")
((new_id > max_org)) || fail "the new org got id $new_id, not after $max_org"
ok "a new org gets id $new_id after the loaded ones"

# The import files: the member file is valid row for row (its rows are all registered already),
# the participation file matches participations already recorded.
members_file=$(ls "$tmp/out"/members_*.csv | head -n 1)
rows=$(($(wc -l <"$members_file") - 1))
answer=$(curl -s "${auth[@]}" -H 'Content-Type: text/csv' --data-binary "@$members_file" \
  "$base/members/import?org_id=$root&dry_run=true")
[[ $(json 'd.error.code' <<<"$answer") == validation_failed ]] || fail "member import: ${answer:0:300}"
[[ $(json '[...new Set(d.error.details.map(x=>x.code))].sort().join(",")' <<<"$answer") == already_registered ]] ||
  fail "member import: other errors than already registered: ${answer:0:600}"
[[ $(json 'new Set(d.error.details.map(x=>x.row)).size' <<<"$answer") == "$rows" ]] ||
  fail "member import: not every one of the $rows rows is already registered"
last=$(sql "$url" "SELECT MAX(id) FROM study_episodes")
study_file=$(ls "$tmp/out"/study_2_*.csv | head -n 1)
rows=$(($(wc -l <"$study_file") - 1))
answer=$(curl -sf "${auth[@]}" -H 'Content-Type: text/csv' --data-binary "@$study_file" \
  "$base/study/episodes/$last/imports") || fail "study import refused"
[[ $(json '[d.rows, d.matched, d.already, d.created, d.unmatched.length].join(",")' <<<"$answer") == "$rows,$rows,$rows,0,0" ]] ||
  fail "study import: $answer"
ok "the import files pass the app's imports"

kill -TERM "$server_pid"
wait "$server_pid" || fail "serve exited $? on SIGTERM"
server_pid=''
ok "gen.load.$backend in $((SECONDS - start)) s"
