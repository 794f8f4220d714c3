#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: initdb in a temporary folder, listening on
# 127.0.0.1 on a free port (and a unix socket inside the folder), one database, trust
# authentication (it listens on loopback only and lives as long as one test run).
#
#   eval "$(bash .ci/postgres.sh start)"   # prints `export DATABASE_URL=... PG_TEST_DIR=...`
#   bash .ci/postgres.sh crash  "$PG_TEST_DIR"   # pg_ctl stop -m immediate: no shutdown checkpoint
#   bash .ci/postgres.sh resume "$PG_TEST_DIR"   # start the same cluster again, same port
#   bash .ci/postgres.sh stop   "$PG_TEST_DIR"   # stop it and delete the folder
#   bash .ci/postgres.sh available               # exit 0 when initdb and pg_ctl are installed
#
# initdb and postgres refuse to run as root: as root, the cluster runs as the `postgres` user
# (made by Debian's package), or as a `blueledger-pg` system user created for it.
# Only the export lines go to stdout; everything else goes to stderr.
set -euo pipefail

DATABASE=blue_ledger
SUPERUSER=postgres

say() { echo "postgres.sh: $*" >&2; }

bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then
    echo "$dir"
  elif command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
    dirname "$(command -v pg_ctl)"
  else
    return 1
  fi
}

# The user the cluster runs as: ourselves, unless we are root.
cluster_user() {
  if [[ $EUID -ne 0 ]]; then
    id -un
  elif id postgres >/dev/null 2>&1; then
    echo postgres
  else
    id blueledger-pg >/dev/null 2>&1 ||
      useradd --system --no-create-home --shell /usr/sbin/nologin blueledger-pg
    echo blueledger-pg
  fi
}

# Runs a command as the cluster's user, from a folder that user can read.
as_cluster_user() {
  local user=$1
  shift
  if [[ $EUID -ne 0 ]]; then
    (cd / && "$@")
  elif command -v runuser >/dev/null; then
    (cd / && runuser -u "$user" -- "$@")
  else
    (cd / && su -s /bin/sh "$user" -c "$(printf '%q ' "$@")")
  fi
}

free_port() {
  node -e 'const s = require("net").createServer();
    s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

pg_ctl_start() {
  local dir=$1 port=$2 user=$3
  as_cluster_user "$user" "$(bin_dir)/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir \
        -c max_connections=300 -c fsync=on -c synchronous_commit=on" \
    start >&2
}

start() {
  local bin dir user port attempt
  bin=$(bin_dir) || {
    say "no initdb found: apt-get install -y postgresql"
    exit 1
  }
  dir=$(mktemp -d "${TMPDIR:-/tmp}/blue-ledger-pg.XXXXXX")
  user=$(cluster_user)
  chmod 0755 "$dir"
  [[ $EUID -ne 0 ]] || chown "$user" "$dir"
  as_cluster_user "$user" "$bin/initdb" -D "$dir/data" -U "$SUPERUSER" --auth=trust \
    --encoding=UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
  }
  echo "$user" >"$dir/user"
  # Another process may take the free port between our look and the server's bind: try again.
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if pg_ctl_start "$dir" "$port" "$user"; then
      break
    fi
    say "could not start on port $port (attempt $attempt)"
    [[ $attempt -lt 5 ]] || {
      cat "$dir/postgres.log" >&2
      exit 1
    }
  done
  echo "$port" >"$dir/port"
  "$bin/psql" -X -q -h 127.0.0.1 -p "$port" -U "$SUPERUSER" -d postgres \
    -c "CREATE DATABASE $DATABASE" >&2
  say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $dir/data"
  echo "export DATABASE_URL=postgresql://$SUPERUSER@127.0.0.1:$port/$DATABASE"
  echo "export PG_TEST_DIR=$dir"
}

cluster_dir() {
  local dir=${1:-${PG_TEST_DIR:-}}
  [[ -n "$dir" && -f "$dir/port" ]] || {
    say "not a cluster folder made by this script: '${dir}'"
    exit 1
  }
  echo "$dir"
}

pg_ctl_stop() {
  local dir=$1 mode=$2
  as_cluster_user "$(cat "$dir/user")" "$(bin_dir)/pg_ctl" -D "$dir/data" -m "$mode" -w stop >&2
}

case "${1:-}" in
  start) start ;;
  stop)
    dir=$(cluster_dir "${2:-}")
    pg_ctl_stop "$dir" fast || pg_ctl_stop "$dir" immediate || true
    rm -rf "$dir"
    ;;
  crash) pg_ctl_stop "$(cluster_dir "${2:-}")" immediate ;;
  resume)
    dir=$(cluster_dir "${2:-}")
    pg_ctl_start "$dir" "$(cat "$dir/port")" "$(cat "$dir/user")"
    ;;
  available) bin_dir >/dev/null ;;
  *)
    say "usage: postgres.sh start | stop DIR | crash DIR | resume DIR | available"
    exit 2
    ;;
esac
