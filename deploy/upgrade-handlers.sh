#!/usr/bin/env bash
# Zero-downtime replacement of the handler binaries on one host (README "Upgrade").
#
#   deploy/upgrade-handlers.sh --new-bin DIR --bin DIR [--pidfile FILE]... [--pid PID]...
#
# 1. Installs every handler of --new-bin (the programs of deploy/stack.conf's pools, jobs and
#    render_static) into --bin atomically: a copy to a temporary name in the same directory, then
#    rename(2) over the old file. A running worker keeps the inode it was started from; the next
#    process started gets the new build; nothing ever sees a half-written file.
# 2. Replaces the workers of each multiwatch process (--pid, or read from --pidfile: the local
#    stack's $AUDIOCONF_VAR_DIR/run/NAME.pid; under systemd: systemctl show -p MainPID
#    audioconf-handler@NAME) one at a time: SIGTERM to one worker — libfcgi lets it finish the
#    request in progress, then it leaves its accept loop —, wait until it is gone and multiwatch
#    has started its replacement (from the new binary), then the next worker. The other workers
#    keep accepting on the shared socket meanwhile, so no request is refused or cut.
# Without --pid/--pidfile only step 1 runs. Exit status non-zero when a worker did not come back.
# Settings: UPGRADE_WORKER_TIMEOUT (seconds a worker may take to finish its request, default 30).
set -euo pipefail

NEW_BIN=
BIN=
PIDS=()
# shellcheck source=scripts/lib/shape.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/shape.sh"
PROGRAMS=("${AC_PROGRAMS[@]}" jobs render_static)
TIMEOUT=${UPGRADE_WORKER_TIMEOUT:-30}

die() {
  echo "upgrade-handlers: $*" >&2
  exit 1
}

while (($#)); do
  case $1 in
    --new-bin) NEW_BIN=${2:?}; shift 2 ;;
    --bin) BIN=${2:?}; shift 2 ;;
    --pid) PIDS+=("${2:?}"); shift 2 ;;
    --pidfile)
      [[ -s ${2:?} ]] || die "no pid file $2"
      PIDS+=("$(tr -d '[:space:]' <"$2")")
      shift 2
      ;;
    -h | --help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1" ;;
  esac
done
[[ -d $NEW_BIN && -d $BIN ]] || die "--new-bin DIR and --bin DIR are required"

# --- 1. Atomic install ------------------------------------------------------------------------
installed=0
for program in "${PROGRAMS[@]}"; do
  [[ -f $NEW_BIN/$program ]] || continue
  if [[ -e $BIN/$program ]] && cmp -s "$NEW_BIN/$program" "$BIN/$program"; then
    continue
  fi
  tmp=$BIN/.$program.new.$$
  install -m 0755 "$NEW_BIN/$program" "$tmp"
  mv -f "$tmp" "$BIN/$program"
  installed=$((installed + 1))
done
echo "upgrade-handlers: $installed binary(ies) installed into $BIN"

# --- 2. Rolling worker replacement ------------------------------------------------------------
alive() { [[ -d /proc/$1 ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }
workers() { pgrep -P "$1" 2>/dev/null | sort -n || true; }

replaced=0
for parent in "${PIDS[@]}"; do
  alive "$parent" || die "multiwatch pid $parent is not running"
  mapfile -t old < <(workers "$parent")
  expected=${#old[@]}
  for worker in "${old[@]}"; do
    alive "$worker" || continue
    kill -TERM "$worker" 2>/dev/null || continue
    deadline=$((SECONDS + TIMEOUT))
    # Gone, and multiwatch back to its full count of workers.
    until ! alive "$worker" && (($(workers "$parent" | wc -l) >= expected)); do
      if ((SECONDS >= deadline)); then
        die "worker $worker of $parent was not replaced within ${TIMEOUT} s"
      fi
      sleep 0.05
    done
    replaced=$((replaced + 1))
  done
done
echo "upgrade-handlers: $replaced worker(s) replaced"
