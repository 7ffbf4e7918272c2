#!/usr/bin/env bash
# Installs and starts the Audioconf schedule as systemd timers (run as root on every host):
#
#   sudo deploy/install-timers.sh [--prefix /opt/audioconf] [--env-file /etc/audioconf/audioconf.env]
#                                 [--config-dir /etc/audioconf] [--user audioconf] [--uninstall]
#
# PREFIX holds bin/stats, bin/jobs and templates/. The timers are generated from the job lines of
# deploy/stack.conf (the schedule's one source); the services they start are deploy/systemd's.
# The timers carry their zone (Europe/Paris), so the host may run in any zone. Every host may
# install the same timers: the jobs are once-only.
# `deploy/install-timers.sh --print NAME` prints the timer of job NAME and installs nothing.
set -euo pipefail

PREFIX=/opt/audioconf
ENV_FILE=/etc/audioconf/audioconf.env
CONFIG_DIR=/etc/audioconf
RUN_USER=audioconf
UNINSTALL=false
PRINT=
while (($#)); do
  case $1 in
    --prefix) PREFIX=$2; shift 2 ;;
    --env-file) ENV_FILE=$2; shift 2 ;;
    --config-dir) CONFIG_DIR=$2; shift 2 ;;
    --user) RUN_USER=$2; shift 2 ;;
    --uninstall) UNINSTALL=true; shift ;;
    --print) PRINT=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/systemd" && pwd)
DEST=/etc/systemd/system
# shellcheck source=scripts/lib/shape.sh
source "$SRC/../../scripts/lib/shape.sh"
if [[ -n $PRINT ]]; then
  [[ -n ${AC_JOB_MINUTE[$PRINT]:-} ]] || { echo "no job $PRINT in deploy/stack.conf" >&2; exit 2; }
  ac_job_timer "$PRINT"
  exit 0
fi
TIMERS=()
for job in "${AC_JOBS[@]}"; do TIMERS+=("$(ac_job_timer_name "$job")"); done

if $UNINSTALL; then
  for t in "${TIMERS[@]}"; do
    systemctl disable --now "$t.timer" 2>/dev/null || true
    rm -f "$DEST/$t.timer"
  done
  for f in "$SRC"/*; do rm -f "$DEST/$(basename "$f")"; done
  systemctl daemon-reload
  echo "Audioconf timers removed."
  exit 0
fi

[[ $(id -u) == 0 ]] || { echo "run as root (sudo)" >&2; exit 1; }
[[ -x $PREFIX/bin/jobs && -x $PREFIX/bin/stats ]] || { echo "$PREFIX/bin/jobs and stats are missing" >&2; exit 1; }
[[ -f $ENV_FILE ]] || { echo "$ENV_FILE is missing (the service settings, KEY=VALUE)" >&2; exit 1; }
id "$RUN_USER" >/dev/null 2>&1 || { echo "user $RUN_USER does not exist" >&2; exit 1; }

for f in "$SRC"/*; do
  sed -e "s|@PREFIX@|$PREFIX|g" -e "s|@ENV_FILE@|$ENV_FILE|g" -e "s|@CONFIG_DIR@|$CONFIG_DIR|g" \
    -e "s|@USER@|$RUN_USER|g" "$f" >"$DEST/$(basename "$f")"
done
for job in "${AC_JOBS[@]}"; do ac_job_timer "$job" >"$DEST/$(ac_job_timer_name "$job").timer"; done
systemctl daemon-reload
for t in "${TIMERS[@]}"; do systemctl enable --now "$t.timer"; done
systemctl list-timers 'audioconf-*' --no-pager
