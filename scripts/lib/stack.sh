# shellcheck shell=bash
# Stopping a local stack (scripts/run, scripts/stop). Source after common.sh, ac_load_settings and
# ac_init_paths. Every process of a stack has a PID file in AC_RUN; PostgreSQL is stopped through
# scripts/lib/pg.sh.

# ac_stop_tree NAME PID [SIGNAL]: signals PID (default TERM) and waits up to 10 s for it and the
# children it had; whatever is left then gets SIGKILL. nginx's workers and multiwatch's handler
# processes leave with their parent, so no orphan survives.
ac_stop_tree() {
  local name=$1 pid=$2 signal=${3:-TERM} kids
  ac_pid_alive "$pid" || return 0
  mapfile -t kids < <(ac_children "$pid")
  kill "-$signal" "$pid" 2>/dev/null || true
  if ! ac_wait_gone 100 "$pid" "${kids[@]}"; then
    ac_warn "$name (pid $pid) did not stop within 10 s; killing it"
    kill -KILL "$pid" "${kids[@]}" 2>/dev/null || true
    ac_wait_gone 30 "$pid" "${kids[@]}" || true
  fi
}

# ac_stop_pidfile NAME FILE: stops the process a PID file names, then removes the file.
ac_stop_pidfile() {
  local pid
  if pid=$(ac_pidfile_alive "$2"); then
    ac_stop_tree "$1" "$pid"
  fi
  rm -f "$2"
}

# ac_stack_any_alive: some process of the stack still runs (PostgreSQL aside).
ac_stack_any_alive() {
  local file
  for file in "$AC_RUN"/*.pid; do
    [[ -e $file ]] || continue
    ac_pidfile_alive "$file" >/dev/null && return 0
  done
  return 1
}

# ac_stack_stop: stops everything of the stack in AC_VAR, front to back. Idempotent.
ac_stack_stop() {
  local name
  ac_stop_pidfile scheduler "$AC_RUN/scheduler.pid"
  ac_stop_pidfile nginx "$AC_RUN/nginx.pid"
  # The handlers' PID files name multiwatch, which passes SIGTERM to the workers (-s TERM) and
  # does not restart them once it is shutting down.
  for name in "${AC_POOLS[@]}"; do
    ac_stop_pidfile "$name" "$AC_RUN/$name.pid"
    rm -f "$AC_RUN/$name.sock"
  done
  ac_stop_pidfile "OVH emulator" "$AC_RUN/ovh-emulator.pid"
  ac_stop_pidfile "OIDC provider" "$AC_RUN/oidc-provider.pid"
  ac_stop_pidfile MailDev "$AC_RUN/maildev.pid"
  "$AC_ROOT/scripts/lib/pg.sh" stop || ac_warn "could not stop PostgreSQL"
  rm -f "$AC_RUN/stack.env"
}
