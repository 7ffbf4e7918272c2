#!/usr/bin/env bash
# Installs the web side of Audioconf on a Debian 12 VM (run as root on every host; README
# "Production"): the handler units (deploy/web; one per worker pool of deploy/stack.conf, with
# the target that starts them all generated from it), the socket directory, the static pages and the
# nginx site file, then starts the handlers and reloads nginx. Idempotent: run it again after an
# upgrade (it then only restarts nothing; use `systemctl reload 'audioconf-handler@*'`).
#
#   sudo deploy/install-web.sh [--prefix /opt/audioconf] [--env-file /etc/audioconf/audioconf.env]
#                              [--config-dir /etc/audioconf] [--user audioconf]
#                              [--nginx-group www-data] [--uninstall]
#
# The nginx site is rendered by scripts/lib/nginx.sh from the environment file's NGINX_* values
# (NGINX_LISTEN default 127.0.0.1:8080 behind a TLS-terminating proxy, NGINX_SERVER_NAME,
# NGINX_TRUSTED_PROXIES: the proxy's address, so limits apply to the real client IP).
# --nginx-group: the group nginx's workers run as (Debian: www-data); the handlers' sockets are
# 0660 in that group, so only nginx can talk to the handlers.
set -euo pipefail
PREFIX=/opt/audioconf
ENV_FILE=/etc/audioconf/audioconf.env
CONFIG_DIR=/etc/audioconf
RUN_USER=audioconf
NGINX_GROUP=www-data
UNINSTALL=false
# shellcheck source=scripts/lib/shape.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/shape.sh"
while (($#)); do
  case $1 in
    --prefix) PREFIX=$2; shift 2 ;;
    --env-file) ENV_FILE=$2; shift 2 ;;
    --config-dir) CONFIG_DIR=$2; shift 2 ;;
    --user) RUN_USER=$2; shift 2 ;;
    --nginx-group) NGINX_GROUP=$2; shift 2 ;;
    --uninstall) UNINSTALL=true; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/web" && pwd)
UNITS=/etc/systemd/system
SITE=/etc/nginx/conf.d/audioconf.conf

if $UNINSTALL; then
  systemctl disable --now audioconf-web.target 2>/dev/null || true
  for pool in "${AC_POOLS[@]}"; do systemctl stop "audioconf-handler@$pool" 2>/dev/null || true; done
  rm -f "$UNITS/audioconf-handler@.service" "$UNITS/audioconf-web.target" /etc/tmpfiles.d/audioconf.conf "$SITE"
  rm -f "$CONFIG_DIR"/pool-*.env
  systemctl daemon-reload
  if nginx -t; then systemctl reload nginx; fi
  echo "Audioconf web units removed."
  exit 0
fi

[[ $(id -u) == 0 ]] || { echo "run as root (sudo)" >&2; exit 1; }
for h in "${AC_PROGRAMS[@]}" render_static; do
  [[ -x $PREFIX/bin/$h ]] || { echo "$PREFIX/bin/$h is missing" >&2; exit 1; }
done
[[ -f $ENV_FILE ]] || { echo "$ENV_FILE is missing (the service settings, KEY=VALUE)" >&2; exit 1; }
id "$RUN_USER" >/dev/null 2>&1 || { echo "user $RUN_USER does not exist (useradd --system $RUN_USER)" >&2; exit 1; }
getent group "$NGINX_GROUP" >/dev/null || { echo "group $NGINX_GROUP does not exist (--nginx-group: nginx's workers' group)" >&2; exit 1; }

subst() {
  sed -e "s|@PREFIX@|$PREFIX|g" -e "s|@ENV_FILE@|$ENV_FILE|g" -e "s|@CONFIG_DIR@|$CONFIG_DIR|g" \
    -e "s|@USER@|$RUN_USER|g" -e "s|@NGINX_GROUP@|$NGINX_GROUP|g" "$1"
}
subst "$SRC/audioconf-handler@.service" >"$UNITS/audioconf-handler@.service"
wants=()
for pool in "${AC_POOLS[@]}"; do wants+=("audioconf-handler@$pool.service"); done
sed "s|@POOL_UNITS@|${wants[*]}|" "$SRC/audioconf-web.target" >"$UNITS/audioconf-web.target"
subst "$SRC/audioconf.tmpfiles" >/etc/tmpfiles.d/audioconf.conf
systemd-tmpfiles --create /etc/tmpfiles.d/audioconf.conf
# Sockets of handlers already running (an install made before the sockets were closed to other
# users): the same group and mode now, without restarting them.
for sock in /run/audioconf/*.sock; do
  [[ -S $sock ]] || continue
  chgrp "$NGINX_GROUP" "$sock"
  chmod 0660 "$sock"
done

# The settings, as the handlers see them (the env file is KEY=VALUE, parsed like .env).
set -a
# shellcheck disable=SC1090
source <(grep -E '^[A-Za-z_][A-Za-z0-9_]*=' "$ENV_FILE")
set +a

# Each pool's program and worker count (deploy/stack.conf; 4 per cpu pool unless the env file
# says otherwise), rewritten at every install; the nginx site below gets the same counts.
for pool in "${AC_POOLS[@]}"; do
  printf 'AUDIOCONF_PROGRAM=%s\nWORKERS_PER_HANDLER=%s\n' "${AC_POOL_PROGRAM[$pool]}" \
    "$(ac_pool_workers "$pool" 4)" >"$CONFIG_DIR/pool-$pool.env"
done

runuser -u "$RUN_USER" -- "$PREFIX/bin/render_static" --templates "$PREFIX/templates" --out /var/lib/audioconf/site
mkdir -p /var/cache/nginx/audioconf
NGINX_LISTEN=${NGINX_LISTEN:-127.0.0.1:8080} AUDIOCONF_RUN_DIR=/run/audioconf \
  AUDIOCONF_SITE_DIR=/var/lib/audioconf/site AUDIOCONF_STATIC_DIR=$PREFIX/static \
  AUDIOCONF_NODE_MODULES=$PREFIX/node_modules WORKERS_PER_HANDLER=${WORKERS_PER_HANDLER:-4} \
  NGINX_ACCESS_LOG=${NGINX_ACCESS_LOG:-/var/log/nginx/audioconf.access.log} \
  "$PREFIX/scripts/lib/nginx.sh" site >"$SITE.new"
mv -f "$SITE.new" "$SITE"

systemctl daemon-reload
systemctl enable --now audioconf-web.target
nginx -t
systemctl reload-or-restart nginx
systemctl --no-pager --lines=0 status 'audioconf-handler@*' || true
