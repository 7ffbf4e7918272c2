#!/usr/bin/env bash
# The private cluster (scripts/lib/pg.sh) and its DATABASE_URL (scripts/lib/common.sh): the
# handlers of scripts/run and scripts/test connect on the unix socket with peer authentication,
# no password and so no SCRAM key derivation at each connection (issue 16 item 5: a fresh
# handler's first answer); TCP keeps working with the role's password, as other hosts use it.
# Starts a real cluster in a scratch VAR dir on a free port (a few seconds).
# shellcheck source=tests/scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=scripts/lib/common.sh
source "$REPO/scripts/lib/common.sh"

PGBIN=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
if [[ -z $PGBIN ]] || ! command -v psql >/dev/null; then
  echo "skipped: no PostgreSQL server binaries"
  exit 0
fi

# The server user (postgres, when we are root) must reach the scratch folder.
chmod 755 "$SCRATCH"
export AUDIOCONF_VAR_DIR=$SCRATCH/var AUDIOCONF_PG_FAST=true
PG_PORT=
for candidate in $(shuf -i 20000-29000 -n 50); do
  if ! ac_port_in_use "$candidate"; then
    PG_PORT=$candidate
    break
  fi
done
[[ -n $PG_PORT ]] || fail "no free port for the cluster"
export PG_PORT
cleanup() {
  "$REPO/scripts/lib/pg.sh" stop >/dev/null 2>&1 || true
  rm -rf "$SCRATCH" "/tmp/audioconf-pg-$(printf '%s' "$AUDIOCONF_VAR_DIR" | sha1sum | cut -c1-12)"
}
trap cleanup EXIT

"$REPO/scripts/lib/pg.sh" start >"$SCRATCH/start.log" 2>&1 || fail "pg.sh start: $(<"$SCRATCH/start.log")"

# --- The URL ------------------------------------------------------------------------------------
url=$("$REPO/scripts/lib/pg.sh" url)
expect_not_contains "private DATABASE_URL (no TCP)" "$url" "127.0.0.1"
expect_not_contains "private DATABASE_URL (no password)" "$url" "audioconf:audioconf@"
socket_dir=$(ac_private_pg_socket_dir "$AUDIOCONF_VAR_DIR")
[[ -S $socket_dir/.s.PGSQL.$PG_PORT ]] || fail "no socket in $socket_dir"
CHECKS=$((CHECKS + 1))
expect_contains "private DATABASE_URL" "$url" "host=$socket_dir"
expect_contains "private DATABASE_URL" "$url" "port=$PG_PORT"
expect_contains "private DATABASE_URL" "$url" "user=audioconf"
expect_status "scripts/test's URL (VAR given) is pg.sh's" "$url" "$(ac_private_database_url "$PG_PORT" "$AUDIOCONF_VAR_DIR")"

# --- pg_hba.conf and pg_ident.conf ----------------------------------------------------------------
data=$(readlink -f "$AUDIOCONF_VAR_DIR/pg")/data
rules=$(grep -v '^[[:space:]]*#' "$data/pg_hba.conf" | sed '/^[[:space:]]*$/d' | tr -s ' \t' ' ')
expect_contains "pg_hba.conf" "$rules" "local all all peer map=audioconf"
expect_contains "pg_hba.conf" "$rules" "host all all 127.0.0.1/32 scram-sha-256"
expect_not_contains "pg_hba.conf (no trust)" "$rules" "trust"
expect_not_contains "pg_hba.conf (nothing else local)" "$(grep '^local' <<<"$rules" | grep -v 'peer map=audioconf' || true)" "local"
ident=$(grep -v '^[[:space:]]*#' "$data/pg_ident.conf" | tr -s ' \t' ' ')
expect_contains "pg_ident.conf maps the stack's user to the service role" "$ident" "audioconf $(id -un) audioconf"

# --- Connections --------------------------------------------------------------------------------
# No password anywhere: a password prompt or file would hide a fallback to password methods.
export PGPASSFILE=$SCRATCH/none
unset PGPASSWORD PGHOST PGPORT PGUSER PGDATABASE
out=$(psql "$url" -X -w -At -c "SELECT current_user, inet_server_addr() IS NULL" 2>&1) ||
  fail "psql on the socket URL: $out"
expect_status "the socket URL logs in as the service role, on the unix socket" "audioconf|t" "$out"

tcp=$(ac_private_database_tcp_url "$PG_PORT")
out=$(psql "$tcp" -X -w -At -c "SELECT current_user, inet_server_addr() IS NOT NULL" 2>&1) ||
  fail "psql on the TCP URL: $out"
expect_status "the TCP URL with the password still works" "audioconf|t" "$out"
status=0
out=$(psql "postgresql://audioconf@127.0.0.1:$PG_PORT/audioconf" -X -w -At -c "SELECT 1" 2>&1) || status=$?
expect_status "TCP without the password is refused" 2 "$status"
expect_contains "TCP without the password" "$out" "password"

# Peer, not trust: another OS user may not take the service role on the socket.
if [[ $(id -u) == 0 ]] && id nobody >/dev/null 2>&1; then
  status=0
  out=$(runuser -u nobody -- env "PGPASSFILE=$SCRATCH/none" psql "$url" -X -w -At -c "SELECT 1" 2>&1) || status=$?
  expect_status "another OS user on the socket is refused" 2 "$status"
  expect_contains "another OS user on the socket" "$out" "Peer authentication failed"
fi

# A cluster made before this change (local trust) gets peer at its next start, even running.
sed -i 's/peer map=audioconf/trust/' "$data/pg_hba.conf"
"$REPO/scripts/lib/pg.sh" start >"$SCRATCH/start.log" 2>&1 || fail "pg.sh start again: $(<"$SCRATCH/start.log")"
expect_contains "pg_hba.conf rewritten at start" "$(<"$data/pg_hba.conf")" "peer map=audioconf"
if [[ $(id -u) == 0 ]] && id nobody >/dev/null 2>&1; then
  status=0
  runuser -u nobody -- env "PGPASSFILE=$SCRATCH/none" psql "$url" -X -w -At -c "SELECT 1" >/dev/null 2>&1 || status=$?
  expect_status "the running cluster reloaded its rules" 2 "$status"
fi

done_ok
