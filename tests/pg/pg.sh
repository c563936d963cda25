#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for the tests.
#
#   pg.sh start            initdb a fresh cluster in $TJ_PG_DIR (default build/pg) and start it on
#                          a free port of 127.0.0.1; writes the base URL
#                          postgresql://postgres@127.0.0.1:PORT/ to $TJ_PG_DIR/url.
#                          A cluster already there is stopped and replaced.
#   pg.sh createdb NAME    (re)creates database NAME and prints its URL.
#   pg.sh stop             stops the server (fast) and removes $TJ_PG_DIR.
#
# The server runs as an unprivileged user (postgres when started as root), trusts every local
# connection and has fsync off: it holds test data only. Set TJ_PG_BIN to use other binaries.
set -euo pipefail

dir=$(realpath -m "${TJ_PG_DIR:-build/pg}")
# Where the server's own files live (data, log, socket). As root the server runs as another
# user, who may not be able to enter the build folder (a clone under a 0700 mktemp folder), so
# they go to a private folder of that user's under /tmp, named in $dir/server-dir.
srv=$dir
[[ -f $dir/server-dir ]] && srv=$(cat "$dir/server-dir")
data=$srv/data
bin=${TJ_PG_BIN:-/usr/lib/postgresql/15/bin}
[[ -x $bin/pg_ctl ]] || bin=$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/x)")
[[ -x $bin/pg_ctl ]] || { echo "pg.sh: no PostgreSQL binaries (set TJ_PG_BIN)" >&2; exit 1; }

# Runs a server-side command as the cluster's owner.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u "${TJ_PG_USER:-postgres}" -- "$@"
  else
    "$@"
  fi
}

running() {
  [[ -f $data/postmaster.pid ]] && as_owner "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1
}

stop() {
  if running; then
    as_owner "$bin/pg_ctl" stop -D "$data" -m fast -w >/dev/null
  fi
  [[ $srv != "$dir" ]] && rm -rf "$srv"
  rm -rf "$dir"
}

port_free() {
  ! ss -Hltn "sport = :$1" 2>/dev/null | grep -q .
}

start() {
  stop
  mkdir -p "$dir"
  if [[ $(id -u) -eq 0 ]]; then
    id "${TJ_PG_USER:-postgres}" >/dev/null 2>&1 ||
      { echo "pg.sh: user ${TJ_PG_USER:-postgres} does not exist (set TJ_PG_USER)" >&2; exit 1; }
    srv=$(mktemp -d "${TMPDIR:-/tmp}/tj-pg.XXXXXX")
    chown "${TJ_PG_USER:-postgres}:" "$srv"
    echo "$srv" >"$dir/server-dir"
    data=$srv/data
  fi
  as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --locale=C.UTF-8 -E UTF8 \
    --no-sync >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }

  # Unix sockets have a path limit of about 100 bytes; without one, TCP is enough.
  local sockets=$srv
  if ((${#srv} > 90)); then sockets=''; fi

  local attempt port
  for attempt in 1 2 3 4 5; do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    port_free "$port" || continue
    cat >"$data/postgresql.auto.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sockets'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
log_min_messages = warning
EOF
    if as_owner "$bin/pg_ctl" start -D "$data" -l "$srv/server.log" -w -t 60 >/dev/null; then
      echo "postgresql://postgres@127.0.0.1:$port/" >"$dir/url"
      echo "pg.sh: PostgreSQL running at postgresql://postgres@127.0.0.1:$port/ (data in $data)"
      return 0
    fi
    echo "pg.sh: start on port $port failed (attempt $attempt)" >&2
    tail -n 5 "$dir/server.log" >&2 || true
  done
  echo "pg.sh: could not start PostgreSQL" >&2
  exit 1
}

createdb() {
  local name=${1:-}
  [[ $name =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "pg.sh: bad database name '$name'" >&2; exit 2; }
  [[ -f $dir/url ]] || { echo "pg.sh: no server in $dir (run pg.sh start)" >&2; exit 1; }
  local base
  base=$(cat "$dir/url")
  "$bin/psql" -X -q -v ON_ERROR_STOP=1 -d "${base}postgres" \
    -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" -c "CREATE DATABASE \"$name\"" >/dev/null
  echo "${base}${name}"
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  createdb) createdb "${2:-}" ;;
  *) echo "usage: pg.sh start|stop|createdb NAME" >&2; exit 2 ;;
esac
