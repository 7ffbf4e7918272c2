# shellcheck shell=bash
# Shared by scripts/*: repository paths, settings (environment > .env > defaults), logging and
# process helpers. Source it; it defines functions and a few AC_* variables, nothing runs.

AC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export AC_ROOT

# ---------------------------------------------------------------------------------------------
# Output

# Milliseconds since the epoch, without a fork ($EPOCHREALTIME: bash 5).
ac_now_ms() {
  local micros=${EPOCHREALTIME/[.,]/}
  printf '%s' $((micros / 1000))
}
AC_T0=$(ac_now_ms)
# AC_TIMES=true prefixes each step with the seconds elapsed since the script started.
ac_say() {
  local prefix=''
  if [[ ${AC_TIMES:-} == true ]]; then
    local ms=$(($(ac_now_ms) - AC_T0))
    prefix="[$((ms / 1000)).$((ms % 1000 / 100))s] "
  fi
  if [[ -t 1 ]]; then
    printf '\033[1m==>\033[0m %s%s\n' "$prefix" "$*"
  else
    printf '==> %s%s\n' "$prefix" "$*"
  fi
}
ac_info() { printf '    %s\n' "$*"; }
ac_warn() { printf 'WARNING: %s\n' "$*" >&2; }
ac_die() {
  printf 'ERROR: %s\n' "$*" >&2
  exit 1
}

# ---------------------------------------------------------------------------------------------
# Settings
#
# The environment wins over the .env file of AUDIOCONF_CONFIG_DIR (default: the repository), which
# wins over our defaults. The .env file is parsed, never sourced, with the same rules as the C++
# loader (handlers/common/config.cpp parse_dotenv): KEY=VALUE, optional "export ", optional
# matching quotes, "#" comments on their own line or after " #" in unquoted values.

declare -gA AC_DOTENV=()

# ac_parse_dotenv FILE: fills AC_DOTENV with the file's pairs (nothing if the file is missing).
ac_parse_dotenv() {
  local file=$1 line key value
  [[ -f $file ]] || return 0
  while IFS= read -r line || [[ -n $line ]]; do
    line=${line%$'\r'}
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line%"${line##*[![:space:]]}"}"
    [[ -z $line || $line == \#* ]] && continue
    [[ $line == export\ * ]] && line="${line#export }" && line="${line#"${line%%[![:space:]]*}"}"
    [[ $line == *=* ]] || continue
    key=${line%%=*}
    value=${line#*=}
    key="${key%"${key##*[![:space:]]}"}"
    value="${value#"${value%%[![:space:]]*}"}"
    [[ $key =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
    if [[ ${#value} -ge 2 && (${value:0:1} == '"' || ${value:0:1} == "'") && ${value: -1} == "${value:0:1}" ]]; then
      value=${value:1:${#value}-2}
    elif [[ $value == *' #'* ]]; then
      value=${value%% #*}
      value="${value%"${value##*[![:space:]]}"}"
    fi
    AC_DOTENV[$key]=$value
  done <"$file"
}

# ac_load_settings: reads AUDIOCONF_CONFIG_DIR/.env and exports every pair the environment does not
# already set (a value that is set but empty counts as unset, like the C++ loader), so that every
# program we start sees one consistent configuration.
ac_load_settings() {
  export AUDIOCONF_CONFIG_DIR=${AUDIOCONF_CONFIG_DIR:-$AC_ROOT}
  ac_parse_dotenv "$AUDIOCONF_CONFIG_DIR/.env"
  local key
  for key in "${!AC_DOTENV[@]}"; do
    if [[ -z ${!key:-} ]]; then
      export "$key=${AC_DOTENV[$key]}"
    fi
  done
}

# ac_default NAME VALUE: exports NAME=VALUE unless NAME is already set and non-empty.
ac_default() {
  if [[ -z ${!1:-} ]]; then
    export "$1=$2"
  fi
}

# ac_init_paths: the directories every script agrees on. Call after ac_load_settings.
# shellcheck disable=SC2034 # the AC_* paths are used by the scripts that source this file
ac_init_paths() {
  export AUDIOCONF_VAR_DIR=${AUDIOCONF_VAR_DIR:-$AC_ROOT/var}
  export AUDIOCONF_BUILD_DIR=${AUDIOCONF_BUILD_DIR:-$AC_ROOT/build}
  export AUDIOCONF_TEMPLATES_DIR=${AUDIOCONF_TEMPLATES_DIR:-$AC_ROOT/templates}
  AC_VAR=$AUDIOCONF_VAR_DIR
  AC_RUN=$AC_VAR/run
  AC_LOG=$AC_VAR/log
  AC_SITE=$AC_VAR/site
  AC_BIN=$AUDIOCONF_BUILD_DIR/bin
}

# The worker pools and the job schedule (deploy/stack.conf): AC_POOLS, AC_JOBS...
# shellcheck source=scripts/lib/shape.sh
source "$AC_ROOT/scripts/lib/shape.sh"

# ac_private_pg_socket_dir [VAR]: the unix socket directory of the private cluster of VAR
# (default AC_VAR), where scripts/lib/pg.sh puts it: PG_BASE/sock (PG_BASE is VAR/pg, or what that
# symlink points to), or a short directory in /tmp when that path is too long for a socket (~107
# bytes).
ac_private_pg_socket_dir() {
  local var=${1:-$AC_VAR} base dir
  base=$var/pg
  if [[ -L $base ]]; then base=$(readlink -f "$base"); fi
  dir=$base/sock
  if ((${#dir} + 20 > 100)); then
    dir=/tmp/audioconf-pg-$(printf '%s' "$var" | sha1sum | cut -c1-12)
  fi
  printf '%s' "$dir"
}

# ac_private_database_url PORT [VAR]: the private cluster's database URL (used when DATABASE_URL
# is not set): its unix socket, with peer authentication (pg.sh's pg_hba.conf). No password, so
# no SCRAM exchange: its PBKDF2 (4096 rounds in the client) and libpq's refused TLS request cost a
# fresh handler about 8 ms before its first answer (README "Measured").
ac_private_database_url() {
  printf 'postgresql:///audioconf?host=%s&port=%s&user=audioconf' "$(ac_private_pg_socket_dir "${2:-}")" "$1"
}

# ac_private_database_tcp_url PORT: the same database over TCP with the service role's password
# (SCRAM), as handlers on another host reach it (the multi-host tests use it).
ac_private_database_tcp_url() {
  printf 'postgresql://audioconf:audioconf@127.0.0.1:%s/audioconf' "$1"
}

# ac_resolve_database_url: sets DATABASE_URL for tools that talk to an existing database
# (psql, migrate): the environment or .env first, else the private cluster of AUDIOCONF_VAR_DIR.
ac_resolve_database_url() {
  if [[ -n ${DATABASE_URL:-} ]]; then
    return 0
  fi
  local port=${PG_PORT:-}
  if [[ -z $port && -f $AC_VAR/pg/port ]]; then
    port=$(<"$AC_VAR/pg/port")
  fi
  export DATABASE_URL
  DATABASE_URL=$(ac_private_database_url "${port:-15432}")
}

# ---------------------------------------------------------------------------------------------
# Processes

# ac_pid_alive PID: true when the process exists and is not a zombie (PID 1 here reaps orphans
# slowly, and kill -0 succeeds on a zombie).
ac_pid_alive() {
  local pid=$1 stat state
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  { read -r stat <"/proc/$pid/stat"; } 2>/dev/null || return 1
  # "PID (comm) STATE ...": comm may hold spaces and parentheses, the state follows the last ")".
  state=${stat##*) }
  state=${state%% *}
  [[ -n $state && $state != Z && $state != X ]]
}

# ac_pidfile_alive FILE: prints the PID and succeeds when FILE names a live process.
ac_pidfile_alive() {
  local pid
  [[ -f $1 ]] || return 1
  pid=$(<"$1") || return 1
  pid=${pid//[[:space:]]/}
  ac_pid_alive "$pid" || return 1
  printf '%s' "$pid"
}

# ac_wait_gone TIMEOUT_TENTHS PID...: waits until none of the PIDs is alive.
ac_wait_gone() {
  local tenths=$1 pid alive
  shift
  while ((tenths-- > 0)); do
    alive=0
    for pid in "$@"; do
      if ac_pid_alive "$pid"; then alive=1; fi
    done
    ((alive == 0)) && return 0
    sleep 0.1
  done
  return 1
}

# ac_children PID: the direct children of PID.
ac_children() {
  pgrep -P "$1" 2>/dev/null || true
}

# ac_stop_pid NAME PID [SIGNAL]: signals PID (default TERM), waits up to 10 s, then KILLs it.
ac_stop_pid() {
  local name=$1 pid=$2 signal=${3:-TERM}
  ac_pid_alive "$pid" || return 0
  kill "-$signal" "$pid" 2>/dev/null || true
  if ! ac_wait_gone 100 "$pid"; then
    ac_warn "$name (pid $pid) did not stop after SIGTERM; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    ac_wait_gone 30 "$pid" || true
  fi
}

# ac_close_inherited_fds: closes every descriptor above 2 that this shell inherited (255 is bash's
# own handle on the script), so that the daemons we start hold none of them.
ac_close_inherited_fds() {
  local path fd
  for path in "/proc/$$/fd"/*; do
    fd=${path##*/}
    if ((fd > 2 && fd != 255)); then
      exec {fd}>&-
    fi
  done
}

# ac_spawn PIDFILE LOGFILE CMD...: starts CMD as a daemon in its own session and records its PID
# (the sh writes its own PID and then execs CMD, so the PID is CMD's: RECIPES "General pitfalls").
# Descriptor 9 (scripts/run's start lock) is not passed on.
ac_spawn() {
  local pidfile=$1 logfile=$2
  shift 2
  # shellcheck disable=SC2016 # $$ and $@ belong to the inner sh
  setsid sh -c 'echo $$ > "$0"; exec "$@"' "$pidfile" "$@" >>"$logfile" 2>&1 </dev/null 9>&- &
  local tenths=50
  while ((tenths-- > 0)); do
    [[ -s $pidfile ]] && return 0
    sleep 0.1
  done
  ac_die "could not start $1"
}

# ---------------------------------------------------------------------------------------------
# Network

# ac_port_in_use PORT: something accepts TCP connections on 127.0.0.1:PORT.
ac_port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# ac_http_status URL: prints the HTTP status (000 when nothing answers), 2 s timeout.
ac_http_status() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$@" 2>/dev/null || true
}

# ---------------------------------------------------------------------------------------------
# Dependencies

# Debian packages the build, the stack and the tests need. A fresh Debian 12 (debootstrap
# --variant=minbase) has none of them, nor make: cmake only recommends it, and recommends are
# not installed.
AC_APT_PACKAGES=(
  nginx libfcgi-dev libfcgi-bin spawn-fcgi multiwatch libpqxx-dev libcurl4-openssl-dev
  libjansson-dev libctemplate-dev libgtest-dev libgmock-dev libpcre2-dev libssl-dev
  libcpp-httplib-dev pkg-config cmake make g++ postgresql python3-aiosmtpd curl procps
  ca-certificates libhowardhinnant-date-dev libdate-tz3 tzdata
)

# ac_missing_packages PKG...: prints, one per line, the packages that are not installed.
# dpkg-query exits 1 when one of the names is unknown to it, which is the normal case on a fresh
# machine: its status is ignored on purpose and only its output counts.
ac_missing_packages() {
  local pkg installed
  installed=" $({ dpkg-query -W -f='${Package}=${db:Status-Abbrev}\n' "$@" 2>/dev/null || true; } |
    sed -n 's/=ii *$//p' | tr '\n' ' ') "
  for pkg in "$@"; do
    [[ $installed == *" $pkg "* ]] || printf '%s\n' "$pkg"
  done
}

# ac_install_packages [EXTRA...]: installs the missing ones of the stack's Debian packages and
# EXTRA (root only); quick when everything is already there.
ac_install_packages() {
  ac_install_only "${AC_APT_PACKAGES[@]}" "$@"
}

# ac_install_only PKG...: installs the missing ones of PKG (root only), says which, and dies with
# apt's own words when that fails.
ac_install_only() {
  local missing=() log
  mapfile -t missing < <(ac_missing_packages "$@")
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  if [[ $(id -u) != 0 ]]; then
    ac_die "missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})"
  fi
  ac_say "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  log=$(mktemp /tmp/ac-apt-XXXXXX)
  if ! apt-get update >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    rm -f "$log"
    ac_die "apt-get update failed (its last lines are above)"
  fi
  if ! apt-get install -y --no-install-recommends "${missing[@]}" >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    rm -f "$log"
    ac_die "apt-get install failed for: ${missing[*]} (its last lines are above)"
  fi
  ac_info "$(grep -E '^[0-9]+ upgraded, [0-9]+ newly installed' "$log" || echo 'installed')"
  rm -f "$log"
  # apt can succeed without installing a name (a virtual package, say): check what we asked for.
  mapfile -t missing < <(ac_missing_packages "${missing[@]}")
  if ((${#missing[@]})); then
    ac_die "apt-get reported success but these packages are still not installed: ${missing[*]}"
  fi
}

# ac_npm_ci: npm ci when node_modules is missing or older than package-lock.json.
ac_npm_ci() {
  command -v node >/dev/null || ac_die "Node.js 20 or newer is required (node not found)"
  local marker=$AC_ROOT/node_modules/.package-lock.json
  if [[ ! -f $marker || $AC_ROOT/package-lock.json -nt $marker ]]; then
    ac_say "Installing npm packages (npm ci)"
    (cd "$AC_ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# ac_configure BUILD_DIR BUILD_TYPE [CMAKE_ARGS...]: configures when not yet done, or when given
# arguments. A configure that failed leaves a CMakeCache.txt holding what it found missing (make,
# a library): that cache is removed, so the next run configures afresh instead of failing on it.
# Only a configure that succeeded is marked as done.
ac_configure() {
  local dir=$1 type=$2
  shift 2
  local marker=$dir/.audioconf-configured
  if [[ -f $marker && $# -eq 0 ]]; then
    return 0
  fi
  rm -f "$marker"
  if ! cmake -S "$AC_ROOT" -B "$dir" -DCMAKE_BUILD_TYPE="$type" "$@" >/dev/null; then
    rm -rf "$dir/CMakeCache.txt" "$dir/CMakeFiles"
    ac_warn "cmake could not configure $dir (its messages are above); the next run configures afresh"
    return 1
  fi
  : >"$marker"
}

# ac_build BUILD_DIR BUILD_TYPE [CMAKE_ARGS...]: ac_configure, then builds every target.
ac_build() {
  ac_configure "$@" || return 1
  cmake --build "$1" -j"${BUILD_JOBS:-2}"
}
