#!/usr/bin/env bash
# Renders the nginx templates of nginx/ by replacing their placeholders (a NAME between "@@").
#
# Sourced by scripts/run (ac_nginx_render_local), or run on its own to produce the site file for a
# production nginx (the values come from the environment):
#   NGINX_LISTEN=127.0.0.1:8080 NGINX_SERVER_NAME=audioconf.example.gouv.fr \
#   AUDIOCONF_RUN_DIR=/run/audioconf AUDIOCONF_SITE_DIR=/var/lib/audioconf/site \
#   AUDIOCONF_STATIC_DIR=/opt/audioconf/static AUDIOCONF_NODE_MODULES=/opt/audioconf/node_modules \
#   NGINX_ACCESS_LOG=/var/log/nginx/audioconf.access.log NGINX_TRUSTED_PROXIES="10.0.0.0/8" \
#   scripts/lib/nginx.sh site > /etc/nginx/conf.d/audioconf.conf
#
# Worker pools (deploy/stack.conf): one upstream each; an ovh pool's limit_conn is its worker
# count (WORKERS_PER_HANDLER, OVH_POOL_WORKERS, WORKERS_<POOL>: give nginx the handlers' values).
# Rate limit: NGINX_LIMIT_RATE (default 10r/m) and NGINX_LIMIT_BURST (default 20), POSTs per IP.
# NGINX_ACCESS_LOG=off turns the access log off (benchmarks). NGINX_CACHE_DIR (default
# /var/cache/nginx/audioconf; local stacks: AUDIOCONF_VAR_DIR/nginx/cache) holds the landing page's
# 1 s microcache; NGINX_MICROCACHE=off disables it. NGINX_EXTRA_SITE_CONF=FILE includes FILE
# inside the server block (scripts/bench adds its ceiling locations that way).

# The worker pools (deploy/stack.conf), when not sourced through common.sh.
if [[ -z ${AC_POOLS+x} ]]; then
  # shellcheck source=scripts/lib/shape.sh
  source "$(dirname "${BASH_SOURCE[0]}")/shape.sh"
fi

# ac_nginx_upstreams RUN_DIR: one upstream block per worker pool, on its socket.
ac_nginx_upstreams() {
  local pool
  for pool in "${AC_POOLS[@]}"; do
    printf 'upstream audioconf_%s { server unix:%s/%s.sock; }\n' "${pool//-/_}" "$1" "$pool"
  done
}

# ac_nginx_pool_workers: WORKERS_<POOL>=N for every pool (the template's limit_conn values).
ac_nginx_pool_workers() {
  local pool
  for pool in "${AC_POOLS[@]}"; do
    printf '%s=%s\n' "$(ac_pool_var "$pool")" "$(ac_pool_workers "$pool" 2)"
  done
}

# ac_nginx_substitute TEMPLATE NAME=VALUE...: prints TEMPLATE with each @@NAME@@ replaced.
ac_nginx_substitute() {
  local template=$1 content pair name value
  content=$(<"$template") || return 1
  shift
  # Bash 5.2 would otherwise treat "&" in a replacement as the matched text.
  shopt -u patsub_replacement 2>/dev/null || true
  for pair in "$@"; do
    name=${pair%%=*}
    value=${pair#*=}
    content=${content//@@${name}@@/$value}
  done
  if [[ $content =~ @@[A-Z_]+@@ ]]; then
    printf 'nginx template %s: unreplaced placeholder %s\n' "$template" "${BASH_REMATCH[0]}" >&2
    return 1
  fi
  printf '%s\n' "$content"
}

# ac_nginx_real_ip PROXIES: set_real_ip_from lines for a space- or comma-separated list.
ac_nginx_real_ip() {
  local proxy lines=""
  for proxy in ${1//,/ }; do
    lines+="  set_real_ip_from $proxy;"$'\n'
  done
  if [[ -n $lines ]]; then
    lines+="  real_ip_header X-Forwarded-For;"$'\n'"  real_ip_recursive on;"
  fi
  printf '%s' "$lines"
}

# ac_nginx_access_log PATH|off: the arguments of the access_log directive.
ac_nginx_access_log() {
  if [[ $1 == off ]]; then
    printf 'off'
  else
    printf '%s audioconf' "$1"
  fi
}

# ac_nginx_form_action_extra: " <origin>" of the identity provider when ProConnect is on (its
# discovery URL's scheme://host[:port]): the sign-in and sign-out POSTs answer 303 to it, which
# CSP's form-action must admit (SPEC §8). Empty otherwise.
ac_nginx_form_action_extra() {
  local methods=${AUTH_METHODS:-email}
  [[ ,${methods//[[:space:]]/}, == *,proconnect,* ]] || return 0
  local url=${PROCONNECT_DISCOVERY_URL:-}
  [[ $url =~ ^(https?://[^/?#\ \;\"\']+) ]] || return 0
  printf ' %s' "${BASH_REMATCH[1]}"
}

# ac_nginx_site ROOT: the site configuration from the environment (see the header).
ac_nginx_site() {
  local root=$1 modules=${AUDIOCONF_NODE_MODULES:-$1/node_modules} pool_limits
  mapfile -t pool_limits < <(ac_nginx_pool_workers)
  ac_nginx_substitute "$root/nginx/audioconf.conf.template" "${pool_limits[@]}" \
    "UPSTREAMS=$(ac_nginx_upstreams "${AUDIOCONF_RUN_DIR:?AUDIOCONF_RUN_DIR is required}")" \
    "LISTEN=${NGINX_LISTEN:?NGINX_LISTEN is required}" \
    "SERVER_NAME=${NGINX_SERVER_NAME:-localhost}" \
    "RUN_DIR=${AUDIOCONF_RUN_DIR:?AUDIOCONF_RUN_DIR is required}" \
    "STATIC_DIR=${AUDIOCONF_STATIC_DIR:-$root/static}" \
    "DSFR_DIR=$modules/@gouvfr/dsfr/dist" \
    "CHARTJS_DIR=$modules/chart.js/dist" \
    "SITE_DIR=${AUDIOCONF_SITE_DIR:?AUDIOCONF_SITE_DIR is required}" \
    "ACCESS_LOG=$(ac_nginx_access_log "${NGINX_ACCESS_LOG:-/var/log/nginx/audioconf.access.log}")" \
    "CACHE_DIR=${NGINX_CACHE_DIR:-/var/cache/nginx/audioconf}" \
    "MICROCACHE=$([[ ${NGINX_MICROCACHE:-on} == off ]] && echo off || echo audioconf_micro)" \
    "EXTRA=${NGINX_EXTRA_SITE_CONF:+  include $NGINX_EXTRA_SITE_CONF;}" \
    "LIMIT_RATE=${NGINX_LIMIT_RATE:-10r/m}" \
    "LIMIT_BURST=${NGINX_LIMIT_BURST:-20}" \
    "REAL_IP=$(ac_nginx_real_ip "${NGINX_TRUSTED_PROXIES:-}")" \
    "FORM_ACTION_EXTRA=$(ac_nginx_form_action_extra)"
}

# ac_nginx_worker_user PATH...: the `user` line of a local nginx whose workers must read PATHs.
# Started as root, nginx runs its workers as nobody; they must read the assets and reach the
# sockets, which fails for a checkout under /root, say. Then the workers stay root: acceptable for
# a loopback development stack only. Not root: no line (nginx cannot switch users).
ac_nginx_worker_user() {
  [[ $(id -u) == 0 ]] || return 0
  # One process for all the checks (forks are slow on a loaded machine).
  # shellcheck disable=SC2016 # the inner sh expands "$p"
  if setpriv --reuid=nobody --regid=nogroup --clear-groups -- \
    sh -c 'for p in "$@"; do test -r "$p" -a -x "$p" || exit 1; done' sh "$@" 2>/dev/null; then
    printf 'user nobody nogroup;'
  else
    printf 'WARNING: user nobody cannot read the repository or %s; nginx workers run as root\n' \
      "$AUDIOCONF_VAR_DIR" >&2
    printf 'user root;'
  fi
}

# ac_nginx_local_worker: decides once per shell who the local stack's nginx workers run as: sets
# AC_NGINX_USER_LINE (nginx.conf's `user` line) and AC_NGINX_GROUP (the workers' group, which
# the handlers' sockets get: ac_fcgi_socket_options). Needs common.sh's AC_* paths.
ac_nginx_local_worker() {
  [[ -n ${AC_NGINX_GROUP:-} ]] && return 0
  AC_NGINX_USER_LINE=$(ac_nginx_worker_user "$AC_ROOT/static" \
    "$AC_ROOT/node_modules/@gouvfr/dsfr/dist" "$AC_SITE" "$AC_RUN")
  case $AC_NGINX_USER_LINE in
    'user nobody nogroup;') AC_NGINX_GROUP=nogroup ;;
    'user root;') AC_NGINX_GROUP=root ;;
    *) AC_NGINX_GROUP=$(id -gn) ;; # not root: the workers run as we do
  esac
}

# ac_fcgi_socket_options: the spawn-fcgi options of a local handler socket, one per line: mode
# 0660 and nginx's workers' group. A socket anyone may open would let any local user talk
# FastCGI to a handler directly, setting HTTP_ORIGIN and REMOTE_ADDR itself, past nginx's limits.
# Not root, spawn-fcgi cannot change the group (it ignores -G) and needs not: nginx's workers
# run as the socket's owner then. Root with workers in group root (a clone under /root, which
# nobody cannot read): spawn-fcgi refuses -G root ("I will not set gid to 0") and the socket is
# root's already.
ac_fcgi_socket_options() {
  ac_nginx_local_worker
  printf '%s\n' -M 0660
  if [[ $(id -u) == 0 && $AC_NGINX_GROUP != root ]]; then printf '%s\n' -G "$AC_NGINX_GROUP"; fi
}

# ac_nginx_render_local: writes the configuration of the local stack under AC_VAR/nginx and checks
# it with nginx -t. Needs common.sh's AC_* paths and PORT.
ac_nginx_render_local() {
  local prefix=$AC_VAR/nginx
  mkdir -p "$prefix/conf" "$prefix/tmp" "$AC_LOG" "$AC_RUN" "$AC_SITE/errors"
  chmod 755 "$AC_VAR" "$AC_RUN" "$AC_SITE" "$AC_SITE/errors"
  NGINX_LISTEN=${NGINX_LISTEN:-127.0.0.1:$PORT} \
    AUDIOCONF_RUN_DIR=$AC_RUN AUDIOCONF_SITE_DIR=$AC_SITE \
    NGINX_ACCESS_LOG=${NGINX_ACCESS_LOG:-$AC_LOG/nginx-access.log} \
    NGINX_CACHE_DIR=${NGINX_CACHE_DIR:-$prefix/cache} \
    ac_nginx_site "$AC_ROOT" >"$prefix/conf/audioconf.conf" || return 1
  ac_nginx_local_worker
  ac_nginx_substitute "$AC_ROOT/nginx/nginx.conf.template" \
    "USER=$AC_NGINX_USER_LINE" \
    "PID_FILE=$AC_RUN/nginx.pid" \
    "ERROR_LOG=$AC_LOG/nginx-error.log" \
    "ERROR_LOG_LEVEL=${NGINX_ERROR_LOG_LEVEL:-alert}" \
    "SITE_CONF=$prefix/conf/audioconf.conf" >"$prefix/conf/nginx.conf" || return 1
  if ! nginx -t -q -p "$prefix/" -c conf/nginx.conf -e "$AC_LOG/nginx-error.log" 2>"$prefix/test.log"; then
    cat "$prefix/test.log" >&2
    return 1
  fi
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  case ${1:-} in
    site) ac_nginx_site "$(cd "$(dirname "$0")/../.." && pwd)" ;;
    *)
      echo "usage: $0 site   (see the header for the environment it reads)" >&2
      exit 2
      ;;
  esac
fi
