#!/usr/bin/env bash
# The private PostgreSQL cluster of a stack (AUDIOCONF_VAR_DIR/pg), RECIPES §2.
#
#   scripts/lib/pg.sh start    create the cluster, role and database if needed, then start it
#   scripts/lib/pg.sh stop     stop it (idempotent)
#   scripts/lib/pg.sh status   exit 0 when it runs
#   scripts/lib/pg.sh url      print its DATABASE_URL
#   scripts/lib/pg.sh createdb NAME   create database NAME owned by the service role (idempotent)
#
# Settings: AUDIOCONF_VAR_DIR (default <repo>/var), PG_PORT (default: the port it was last started
# on, else 15432), AUDIOCONF_PG_FAST=true (fsync off: throwaway test clusters only).
# As root, the server runs as the "postgres" user (initdb refuses root).
set -euo pipefail

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ac_load_settings
ac_init_paths

# set_base DIR: the cluster's directory (always a real path: the server user may be unable to
# follow a symlink whose parent it cannot reach).
set_base() {
  PG_BASE=$1
  PG_DATA=$PG_BASE/data
  PG_LOGFILE=$PG_BASE/postgresql.log
}
if [[ -L $AC_VAR/pg ]]; then
  set_base "$(readlink -f "$AC_VAR/pg")"
else
  set_base "$AC_VAR/pg"
fi
if [[ -z ${PG_PORT:-} && -f $PG_BASE/port ]]; then
  PG_PORT=$(<"$PG_BASE/port")
fi
PG_PORT=${PG_PORT:-15432}

PGBIN=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)

if [[ $(id -u) == 0 ]]; then
  PG_SUPERUSER=postgres
  as_pg() { (cd / && runuser -u postgres -- "$@"); }
else
  PG_SUPERUSER=$(id -un)
  as_pg() { (cd / && "$@"); }
fi

# A unix socket path holds at most ~107 bytes; a deep VAR dir gets a short socket dir in /tmp,
# named after the VAR dir so every script finds the same one (common.sh, also for the URL).
socket_dir() {
  ac_private_pg_socket_dir "$AC_VAR"
}

# Client authentication, written on every start so that a cluster made by an older version gets
# it too. On the unix socket, peer authentication: the server asks the kernel for the client's OS
# user, no password and no SCRAM exchange (the client's PBKDF2, 4096 rounds, plus libpq's refused
# TLS request cost a fresh handler about 8 ms before its first answer). Map "audioconf": every OS user may log in as the role of its
# own name (the superuser, for this script), and the user running the stack (scripts/run, whose
# handlers run as that user) as the service role. Over TCP, the service role's password (SCRAM),
# as handlers on another host would use.
write_client_auth() {
  local stack_user
  stack_user=$(id -un)
  cat >"$PG_DATA/pg_hba.conf" <<EOF
# Written by scripts/lib/pg.sh at every start: edits here are lost.
# TYPE  DATABASE  USER  ADDRESS       METHOD
local   all       all                 peer map=audioconf
host    all       all   127.0.0.1/32  scram-sha-256
host    all       all   ::1/128       scram-sha-256
EOF
  cat >"$PG_DATA/pg_ident.conf" <<EOF
# Written by scripts/lib/pg.sh at every start: edits here are lost.
# MAPNAME  SYSTEM-USERNAME  PG-USERNAME
audioconf  /^(.*)\$         \1
audioconf  $stack_user  audioconf
EOF
  if [[ $(id -u) == 0 ]]; then
    chown postgres: "$PG_DATA/pg_hba.conf" "$PG_DATA/pg_ident.conf"
  fi
  chmod 600 "$PG_DATA/pg_hba.conf" "$PG_DATA/pg_ident.conf"
}

running() {
  [[ -n $PGBIN && -f $PG_DATA/PG_VERSION ]] || return 1
  as_pg "$PGBIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

# The server user must reach PG_BASE. When a parent of the VAR dir is closed to it (a repo under
# /root, say), the cluster lives under /var/tmp and VAR/pg is a symlink to it.
prepare_base() {
  mkdir -p "$AC_VAR" "$AC_LOG"
  chmod 755 "$AC_VAR"
  if [[ -e $PG_BASE ]]; then
    return 0
  fi
  if [[ $(id -u) == 0 ]] && ! runuser -u postgres -- test -x "$AC_VAR" 2>/dev/null; then
    local real
    real=/var/tmp/audioconf-pg-$(printf '%s' "$AC_VAR" | sha1sum | cut -c1-12)
    ac_warn "the postgres user cannot reach $AC_VAR; the cluster lives in $real"
    mkdir -p "$real"
    ln -sfn "$real" "$PG_BASE"
    set_base "$real"
  else
    mkdir -p "$PG_BASE"
  fi
}

cmd_start() {
  [[ -n $PGBIN ]] || ac_die "PostgreSQL server binaries not found under /usr/lib/postgresql"
  prepare_base
  local sock
  sock=$(socket_dir)
  mkdir -p "$sock"
  if [[ $(id -u) == 0 ]]; then
    chown postgres: "$PG_BASE/" "$sock"
  fi
  chmod 755 "$PG_BASE/" "$sock"
  ln -sfn "$PG_LOGFILE" "$AC_LOG/postgresql.log"

  if [[ ! -f $PG_DATA/PG_VERSION ]]; then
    ac_info "initdb $PG_DATA"
    as_pg "$PGBIN/initdb" -D "$PG_DATA" -U "$PG_SUPERUSER" --auth-local=peer \
      --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >"$PG_BASE/initdb.log" 2>&1 ||
      { cat "$PG_BASE/initdb.log" >&2; ac_die "initdb failed"; }
  fi

  write_client_auth
  if running; then
    ac_info "PostgreSQL already running ($PG_DATA)"
    as_pg "$PGBIN/pg_ctl" -D "$PG_DATA" reload >/dev/null
  else
    if ac_port_in_use "$PG_PORT"; then
      ac_die "port $PG_PORT (PG_PORT) is already in use; choose another one with PG_PORT=..."
    fi
    # Each handler worker keeps one connection: pools × workers × stacks (README "Worker pools").
    local options="-p $PG_PORT -k $sock -c listen_addresses=127.0.0.1 -c synchronous_commit=off"
    options+=" -c max_connections=${PG_MAX_CONNECTIONS:-400}"
    if [[ ${AUDIOCONF_PG_FAST:-} == true ]]; then
      options+=" -c fsync=off -c full_page_writes=off"
    fi
    # setsid: the server must not share our terminal's process group (a Ctrl-C meant for
    # scripts/run would reach it before the orderly stop).
    if ! as_pg setsid -w "$PGBIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOGFILE" -w -t 30 -o "$options" \
      start >/dev/null; then
      tail -n 20 "$PG_LOGFILE" >&2 || true
      ac_die "PostgreSQL did not start"
    fi
  fi
  printf '%s\n' "$PG_PORT" >"$PG_BASE/port"

  # Role and database of the service (idempotent).
  as_pg "$PGBIN/psql" -X -q -h "$sock" -p "$PG_PORT" -U "$PG_SUPERUSER" -d postgres \
    -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
SELECT 'CREATE ROLE audioconf LOGIN PASSWORD ''audioconf'''
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'audioconf') \gexec
SELECT 'CREATE DATABASE audioconf OWNER audioconf'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'audioconf') \gexec
SQL
}

cmd_createdb() {
  local name=$1 sock
  [[ $name =~ ^[a-z_][a-z0-9_]*$ ]] || ac_die "createdb: bad database name: $name"
  running || ac_die "createdb: the cluster of $AC_VAR is not running"
  sock=$(socket_dir)
  as_pg "$PGBIN/psql" -X -q -h "$sock" -p "$PG_PORT" -U "$PG_SUPERUSER" -d postgres \
    -v ON_ERROR_STOP=1 >/dev/null <<SQL
SELECT 'CREATE DATABASE $name OWNER audioconf'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$name') \gexec
SQL
}

cmd_stop() {
  if running; then
    as_pg "$PGBIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >/dev/null
  fi
}

case ${1:-} in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) running ;;
  url) ac_private_database_url "$PG_PORT" && echo ;;
  createdb) cmd_createdb "${2:-}" ;;
  *)
    echo "usage: $0 start|stop|status|url|createdb NAME" >&2
    exit 2
    ;;
esac
