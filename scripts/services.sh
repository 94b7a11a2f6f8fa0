#!/usr/bin/env bash
# Start the services the tests need, idempotently: a PostgreSQL server with a role `xxgk` (password, CREATEDB).
# Writes .cache/test-services.env, which exports XXGK_TEST_POSTGRES (the admin URL the tests create databases
# through) when a server could be had, and says why not otherwise; this script never fails the build itself —
# the tests decide (they fail under CI=true, skip elsewhere).
# Usage: scripts/services.sh && . .cache/test-services.env
# Order: a URL already in XXGK_TEST_POSTGRES is kept; else the Debian cluster (pg_lsclusters / pg_createcluster /
# pg_ctlcluster, as root or through sudo); else a private cluster in a temporary folder (initdb, pg_ctl), run as
# the postgres user when we are root, as ourselves otherwise (XXGK_PG_PRIVATE=1 goes to the private cluster).
set -uo pipefail
cd "$(dirname "$0")/.."

ENV_FILE=.cache/test-services.env
PG_MAJOR=${XXGK_PG_MAJOR:-15}
ROLE=xxgk
mkdir -p .cache

say() { echo "services: $*" >&2; }
write_env() {  # $1 = URL or empty, $2 = reason when empty; written through a temporary file (atomic)
  local tmp="$ENV_FILE.tmp.$$"
  {
    echo "# written by scripts/services.sh"
    if [ -n "$1" ]; then echo "export XXGK_TEST_POSTGRES='$1'"
    else echo "# PostgreSQL not available: $2"; echo "unset XXGK_TEST_POSTGRES"; fi
  } >"$tmp" && mv -f "$tmp" "$ENV_FILE"
}

if [ -n "${XXGK_TEST_POSTGRES:-}" ]; then
  write_env "$XXGK_TEST_POSTGRES" ""
  say "PostgreSQL given by XXGK_TEST_POSTGRES"
  exit 0
fi

# the role's password: made once per checkout, so that a re-run keeps the URL of a running test session valid
PW_FILE=.cache/test-postgres-password
if [ ! -s "$PW_FILE" ]; then
  (umask 077; od -An -N12 -tx1 /dev/urandom | tr -d ' \n' >"$PW_FILE")
fi
PW=$(cat "$PW_FILE")

# run a command as the postgres user: as root through runuser, otherwise through password-less sudo
as_postgres() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@")
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then (cd / && sudo -n -u postgres -- "$@")
  else return 1; fi
}
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo -n "$@"
  else return 1; fi
}
pg_bin() { echo "/usr/lib/postgresql/$PG_MAJOR/bin/$1"; }

ensure_role() {  # $1 = port; $2.. = how to run psql as a superuser
  local port=$1; shift
  local sql="DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
      CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PW';
    ELSE ALTER ROLE $ROLE LOGIN CREATEDB PASSWORD '$PW'; END IF; END \$\$;"
  "$@" "$(pg_bin psql)" -X -q -v ON_ERROR_STOP=1 -h "${PGHOST_DIR:-/var/run/postgresql}" -p "$port" -d postgres -c "$sql"
}

wait_ready() {  # $1 = port
  local i
  for i in $(seq 1 60); do
    "$(pg_bin pg_isready)" -q -h 127.0.0.1 -p "$1" && return 0
    sleep 0.5
  done
  return 1
}

debian_cluster() {
  command -v pg_lsclusters >/dev/null || return 1
  [ -x "$(pg_bin postgres)" ] || return 1
  if ! pg_lsclusters -h "$PG_MAJOR" main >/dev/null 2>&1 || [ -z "$(pg_lsclusters -h "$PG_MAJOR" main 2>/dev/null)" ]; then
    say "creating the cluster $PG_MAJOR/main"
    as_root pg_createcluster "$PG_MAJOR" main >/dev/null || return 1
  fi
  local line port status
  line=$(pg_lsclusters -h "$PG_MAJOR" main)
  port=$(echo "$line" | awk '{print $3}')
  status=$(echo "$line" | awk '{print $4}')
  if [ "$status" != online ]; then
    say "starting the cluster $PG_MAJOR/main on port $port"
    as_root pg_ctlcluster "$PG_MAJOR" main start || return 1
  fi
  wait_ready "$port" || return 1
  PGHOST_DIR=/var/run/postgresql ensure_role "$port" as_postgres || return 1
  URL="postgresql+psycopg://$ROLE:$PW@127.0.0.1:$port/postgres"
}

free_port() {
  "${PYTHON:-python3}" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

private_cluster() {
  [ -x "$(pg_bin initdb)" ] || return 1
  local run=() owner
  if [ "$(id -u)" = 0 ]; then run=(runuser -u postgres --); owner=postgres; else owner=$(id -un); fi
  local dir="${TMPDIR:-/tmp}/xxgk-test-postgres-$owner"
  local port_file="$dir/port"
  if [ ! -s "$dir/data/PG_VERSION" ]; then
    say "creating a private cluster in $dir"
    rm -rf "$dir" && mkdir -p "$dir/data" && chmod 700 "$dir" || return 1
    [ "$owner" = postgres ] && chown -R postgres: "$dir"
    local pwf="$dir/pw"
    (umask 077; echo "$PW" >"$pwf"); [ "$owner" = postgres ] && chown postgres: "$pwf"
    (cd / && "${run[@]}" "$(pg_bin initdb)" -D "$dir/data" -U "$ROLE" --pwfile="$pwf" -A scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1) || { say "initdb failed: $(tail -1 "$dir/initdb.log")"; return 1; }
    rm -f "$pwf"
    free_port >"$port_file" || return 1
  fi
  local port; port=$(cat "$port_file")
  if ! "$(pg_bin pg_isready)" -q -h 127.0.0.1 -p "$port"; then
    say "starting the private cluster on port $port"
    (cd / && "${run[@]}" "$(pg_bin pg_ctl)" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null) || return 1
  fi
  wait_ready "$port" || return 1
  URL="postgresql+psycopg://$ROLE:$PW@127.0.0.1:$port/postgres"
}

URL=""
if { [ -z "${XXGK_PG_PRIVATE:-}" ] && debian_cluster; } || private_cluster; then
  write_env "$URL" ""
  say "PostgreSQL ready (${URL%%:*}://$ROLE:…@${URL##*@})"
else
  write_env "" "no PostgreSQL $PG_MAJOR server could be started here (needs root, sudo or initdb)"
  say "PostgreSQL not available; the tests that need it skip (fail under CI=true)"
fi
exit 0
