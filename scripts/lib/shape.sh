# shellcheck shell=bash
# The stack's shape (deploy/stack.conf): its worker pools and its job schedule, read once into
# arrays. Sourced by scripts/lib/common.sh, so every script has them; deploy/ scripts and the
# container's entry point source it on its own (it needs nothing else).
#
#   AC_POOLS                      pool names, in the file's order (the start order)
#   AC_POOL_PROGRAM[NAME]         the executable serving the pool
#   AC_POOL_KIND[NAME]            cpu | ovh
#   AC_POOL_SCALE[NAME]           multiple of the kind's base worker count
#   AC_PROGRAMS                   the pools' programs, each once
#   AC_JOBS                       job names, in the file's order
#   AC_JOB_MINUTE[NAME] AC_JOB_HOUR[NAME] AC_JOB_DESCRIPTION[NAME]

AC_STACK_CONF=${AC_STACK_CONF:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/deploy/stack.conf}

# ac_shape_read [FILE]: (re)reads the manifest; returns 1 with a message on a malformed line.
ac_shape_read() {
  local file=${1:-$AC_STACK_CONF} kind name a b c d rest lineno=0
  AC_POOLS=() AC_PROGRAMS=() AC_JOBS=()
  declare -gA AC_POOL_PROGRAM=() AC_POOL_KIND=() AC_POOL_SCALE=()
  declare -gA AC_JOB_MINUTE=() AC_JOB_HOUR=() AC_JOB_DESCRIPTION=()
  [[ -r $file ]] || { printf 'stack manifest %s is missing\n' "$file" >&2; return 1; }
  while read -r kind name a b c rest || [[ -n $kind ]]; do
    lineno=$((lineno + 1))
    [[ -z $kind || $kind == \#* ]] && continue
    case $kind in
      pool)
        d=$c
        if [[ ! $name =~ ^[a-z][a-z0-9-]*$ || ! $a =~ ^[a-z_]+$ || ! $b =~ ^(cpu|ovh)$ ||
          ! $d =~ ^[1-9][0-9]*$ || -n $rest || -n ${AC_POOL_PROGRAM[$name]:-} ]]; then
          printf '%s:%d: expected "pool NAME PROGRAM cpu|ovh SCALE" (unique NAME)\n' "$file" "$lineno" >&2
          return 1
        fi
        AC_POOLS+=("$name")
        AC_POOL_PROGRAM[$name]=$a AC_POOL_KIND[$name]=$b AC_POOL_SCALE[$name]=$d
        [[ " ${AC_PROGRAMS[*]} " == *" $a "* ]] || AC_PROGRAMS+=("$a")
        ;;
      job)
        if [[ ! $name =~ ^[a-z][a-z0-9-]*$ || ! $a =~ ^(\*|\*/[1-9][0-9]*|[0-9]+)$ ||
          ! $b =~ ^(\*|\*/[1-9][0-9]*|[0-9]+)$ || -z $c || -n ${AC_JOB_MINUTE[$name]:-} ]]; then
          printf '%s:%d: expected "job NAME MINUTE HOUR DESCRIPTION" (unique NAME)\n' "$file" "$lineno" >&2
          return 1
        fi
        AC_JOBS+=("$name")
        AC_JOB_MINUTE[$name]=$a AC_JOB_HOUR[$name]=$b
        AC_JOB_DESCRIPTION[$name]="$c${rest:+ $rest}"
        ;;
      *)
        printf '%s:%d: unknown record "%s" (pool or job)\n' "$file" "$lineno" "$kind" >&2
        return 1
        ;;
    esac
  done <"$file"
}

# ac_pool_var NAME: the name of the pool's override variable (book-ovh → WORKERS_BOOK_OVH).
ac_pool_var() {
  local upper=${1^^}
  printf 'WORKERS_%s' "${upper//-/_}"
}

# ac_pool_workers NAME DEFAULT: the worker count of pool NAME. DEFAULT is the cpu base when
# WORKERS_PER_HANDLER is unset (scripts/run 2, systemd 4); the ovh base is OVH_POOL_WORKERS
# (default 32). WORKERS_<NAME> wins (BOOK_WORKERS: the older name of WORKERS_BOOK).
ac_pool_workers() {
  local name=$1 override base
  override=$(ac_pool_var "$name")
  if [[ -n ${!override:-} ]]; then
    printf '%s\n' "${!override}"
    return 0
  fi
  if [[ $name == book && -n ${BOOK_WORKERS:-} ]]; then
    printf '%s\n' "$BOOK_WORKERS"
    return 0
  fi
  if [[ ${AC_POOL_KIND[$name]:?unknown pool $name} == ovh ]]; then
    base=${OVH_POOL_WORKERS:-32}
  else
    base=${WORKERS_PER_HANDLER:-$2}
  fi
  printf '%s\n' $((base * AC_POOL_SCALE[$name]))
}

# ac_cron_field_matches FIELD VALUE: "*", "*/N" (VALUE divisible by N) or the number VALUE.
ac_cron_field_matches() {
  case $1 in
    \*) return 0 ;;
    \*/*) (($2 % ${1#*/} == 0)) ;;
    *) ((10#$1 == $2)) ;;
  esac
}

# ac_due_jobs HH MM: the jobs due at that local time, in the manifest's order.
ac_due_jobs() {
  local hour=$((10#$1)) minute=$((10#$2)) job
  for job in "${AC_JOBS[@]}"; do
    if ac_cron_field_matches "${AC_JOB_MINUTE[$job]}" "$minute" &&
      ac_cron_field_matches "${AC_JOB_HOUR[$job]}" "$hour"; then
      printf '%s\n' "$job"
    fi
  done
}

# ac_calendar_field FIELD: a cron-like field as a systemd OnCalendar one (*/10 → 00/10, 5 → 05).
ac_calendar_field() {
  case $1 in
    \*) printf '*' ;;
    \*/*) printf '00/%02d' "${1#*/}" ;;
    *) printf '%02d' "$((10#$1))" ;;
  esac
}

# ac_job_unit NAME: the systemd service a job's timer starts (compute-stats is the stats
# program's one-shot mode, the others the jobs program).
ac_job_unit() {
  if [[ $1 == compute-stats ]]; then
    printf 'audioconf-stats.service'
  else
    printf 'audioconf-job@%s.service' "$1"
  fi
}

# ac_job_timer_name NAME: the timer's unit name, without ".timer".
ac_job_timer_name() {
  if [[ $1 == compute-stats ]]; then printf 'audioconf-stats'; else printf 'audioconf-%s' "$1"; fi
}

# ac_job_timer NAME: the systemd timer unit of a job, in the server zone (Europe/Paris).
ac_job_timer() {
  local name=$1 calendar
  calendar="*-*-* $(ac_calendar_field "${AC_JOB_HOUR[$name]}"):$(ac_calendar_field "${AC_JOB_MINUTE[$name]}"):00 Europe/Paris"
  cat <<UNIT
# Audioconf ${AC_JOB_DESCRIPTION[$name]} (Europe/Paris whatever the host's zone).
# Generated by deploy/install-timers.sh from deploy/stack.conf: edit that file, not this one.
[Unit]
Description=Audioconf ${AC_JOB_DESCRIPTION[$name]}

[Timer]
OnCalendar=$calendar
Unit=$(ac_job_unit "$name")
AccuracySec=1s
Persistent=false

[Install]
WantedBy=timers.target
UNIT
}

ac_shape_read "$AC_STACK_CONF" || return 1
