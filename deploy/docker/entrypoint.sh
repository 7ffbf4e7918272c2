#!/usr/bin/env bash
# Entry point of the application image (Dockerfile).
#   app                 migrate, render the static pages and the nginx site, then supervisord
#   handler N           the N-th worker pool of deploy/stack.conf (0: announcements...) as
#                       spawn-fcgi + multiwatch on /run/audioconf/POOL.sock (supervisord runs it;
#                       its numprocs is the number of pools)
#   emulator            the OVH emulator (docker-compose.yml, dev profile)
#   migrate | job NAME  scripts/migrate up, scripts/job NAME (one-off: docker compose run app ...)
set -euo pipefail
ROOT=/opt/audioconf
RUN_DIR=/run/audioconf
# shellcheck source=scripts/lib/shape.sh
source "$ROOT/scripts/lib/shape.sh"

case ${1:-app} in
  app)
    mkdir -p "$AUDIOCONF_VAR_DIR/log" "$AUDIOCONF_VAR_DIR/site" "$RUN_DIR"
    chown audioconf: "$AUDIOCONF_VAR_DIR" "$AUDIOCONF_VAR_DIR/log"
    # Setgid, nginx's group (www-data): the sockets the handlers create in it get that group, and
    # their 0660 mode lets nginx in and no other user (see "handler").
    chown audioconf:www-data "$RUN_DIR"
    chmod 2750 "$RUN_DIR"
    if [[ -z ${SECRET:-} ]]; then
      # Development only (as scripts/run): generated once, kept in the volume.
      if [[ ! -s $AUDIOCONF_VAR_DIR/secret ]]; then
        (umask 077 && head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' >"$AUDIOCONF_VAR_DIR/secret")
      fi
      echo "audioconf: SECRET is not set; using the one generated in the volume (development only)" >&2
      SECRET=$(<"$AUDIOCONF_VAR_DIR/secret")
      export SECRET # supervisord's programs inherit it
    fi
    # Every host may run this at once: the migration runner holds an advisory lock.
    until "$ROOT/scripts/migrate" up; do
      echo "audioconf: database not ready, retrying in 2 s" >&2
      sleep 2
    done
    "$ROOT/bin/render_static" --templates "$AUDIOCONF_TEMPLATES_DIR" --out "$AUDIOCONF_VAR_DIR/site"
    chmod -R a+rX "$AUDIOCONF_VAR_DIR/site"
    NGINX_LISTEN=0.0.0.0:${PORT:-8080} AUDIOCONF_RUN_DIR=$RUN_DIR \
      AUDIOCONF_SITE_DIR=$AUDIOCONF_VAR_DIR/site AUDIOCONF_STATIC_DIR=$ROOT/static \
      AUDIOCONF_NODE_MODULES=$ROOT/node_modules NGINX_ACCESS_LOG=${NGINX_ACCESS_LOG:-/dev/stdout} \
      "$ROOT/scripts/lib/nginx.sh" site >/etc/nginx/conf.d/audioconf.conf
    mkdir -p /var/cache/nginx/audioconf
    nginx -t -q
    exec /usr/bin/supervisord -n -c /etc/supervisor/audioconf.conf
    ;;
  handler)
    name=${AC_POOLS[${2:?pool number}]:?no pool number $2 in deploy/stack.conf}
    rm -f "$RUN_DIR/$name.sock"
    workers=$(ac_pool_workers "$name" 2)
    # 0660: only the socket's owner and group (www-data, from the setgid directory: spawn-fcgi,
    # not root here, cannot chown) may talk to a handler, i.e. set HTTP_ORIGIN and REMOTE_ADDR.
    exec spawn-fcgi -n -s "$RUN_DIR/$name.sock" -M 0660 -- \
      /usr/bin/multiwatch -f "$workers" -s TERM -- "$ROOT/bin/${AC_POOL_PROGRAM[$name]}"
    ;;
  emulator)
    exec "$ROOT/bin/ovh_emulator" --listen "0.0.0.0:${OVH_EMULATOR_PORT:-8090}" \
      --public-origin "${OVH_EMULATOR_PUBLIC_ORIGIN:-http://ovh-emulator:8090}"
    ;;
  migrate) exec "$ROOT/scripts/migrate" up ;;
  job)
    if [[ -z ${SECRET:-} && -s $AUDIOCONF_VAR_DIR/secret ]]; then SECRET=$(<"$AUDIOCONF_VAR_DIR/secret"); export SECRET; fi
    exec "$ROOT/scripts/job" "${2:?job name}"
    ;;
  *) exec "$@" ;;
esac
