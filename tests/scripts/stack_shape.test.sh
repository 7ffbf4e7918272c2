#!/usr/bin/env bash
# One source of truth for the stack's shape: deploy/stack.conf's worker pools and job schedule.
# What is generated from it (scripts/lib/shape.sh: nginx upstreams, systemd timers and pool
# units, the scheduler's table) is checked here through its generator; every place that still
# names handlers, programs or jobs on its own must agree with the manifest, or this test fails
# and says where. STACK_SHAPE_ROOT=DIR checks another checkout (the test of this test).
# shellcheck source=tests/scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT=${STACK_SHAPE_ROOT:-$REPO}
AC_STACK_CONF=$ROOT/deploy/stack.conf
# shellcheck source=scripts/lib/shape.sh
source "$ROOT/scripts/lib/shape.sh"

# same WHAT EXPECTED ACTUAL: two word lists, compared in order.
same() {
  [[ $2 == "$3" ]] || fail "$1 disagrees with deploy/stack.conf: expected [$2], found [$3]"
  CHECKS=$((CHECKS + 1))
}
words() { tr -s ' \t\n' ' ' | sed 's/^ //;s/ $//'; }
# sorted_words: the same list, sorted and each word once (for places where order does not matter).
sorted_words() { tr -s ' \t\n' '\n' | sed '/^$/d' | sort -u | tr '\n' ' ' | sed 's/ $//'; }

pools=$(printf '%s\n' "${AC_POOLS[@]}" | words)
programs=$(printf '%s\n' "${AC_PROGRAMS[@]}" | words)
jobs=$(printf '%s\n' "${AC_JOBS[@]}" | words)
((${#AC_POOLS[@]} > 0 && ${#AC_JOBS[@]} > 0)) || fail "deploy/stack.conf has no pool or no job"
for pool in "${AC_POOLS[@]}"; do
  [[ -d $ROOT/handlers/${AC_POOL_PROGRAM[$pool]} ]] || fail "pool $pool: no handlers/${AC_POOL_PROGRAM[$pool]}"
done
# SPEC §8: an OVH-bound pool exists for each program that calls OVH from a route.
for program in book cancel; do
  found=
  for pool in "${AC_POOLS[@]}"; do
    if [[ ${AC_POOL_PROGRAM[$pool]} == "$program" && ${AC_POOL_KIND[$pool]} == ovh ]]; then found=$pool; fi
  done
  [[ -n $found ]] || fail "no pool of kind ovh for $program (SPEC §8: OVH-bound routes in their own pool)"
done
CHECKS=$((CHECKS + 1))

# --- Programs ---------------------------------------------------------------------------------
# CMake builds the pools' programs (it reads the manifest) plus jobs and render_static.
cmake_list=$(sed -n 's/^foreach(program \(.*\))$/\1/p' "$ROOT/CMakeLists.txt" | head -n 1)
# shellcheck disable=SC2016 # the loop's own text, a CMake variable
same "CMakeLists.txt's program loop" '${handler_programs} jobs render_static' "$cmake_list"
docker_targets=$(sed -n 's/^ *--target \(.*\)$/\1/p' "$ROOT/Dockerfile" | words)
same "Dockerfile's build targets" "$programs jobs render_static ovh_emulator" "$docker_targets"
grep -q '^COPY deploy/stack.conf /opt/audioconf/deploy/stack.conf$' "$ROOT/Dockerfile" ||
  fail "Dockerfile does not install deploy/stack.conf"
# scripts/soak measures a subset of the handlers: each must be a program of a pool.
soak=$(sed -n 's/^HANDLERS=(\(.*\))$/\1/p' "$ROOT/scripts/soak")
for name in $soak; do
  [[ " $programs " == *" $name "* ]] || fail "scripts/soak measures $name, not a program of deploy/stack.conf"
done
CHECKS=$((CHECKS + 1))
# No other hand-written list of all the handlers in scripts/, deploy/ or CMakeLists.txt (the
# subsets that scripts/soak and scripts/bench measure are choices, not copies).
listed=$(grep -rlE '(^|[ (])announcements book cancel status stats' "$ROOT/scripts" "$ROOT/deploy" \
  "$ROOT/CMakeLists.txt" 2>/dev/null | sed "s|^$ROOT/||" | words || true)
same "hand-written handler lists (files)" "" "$listed"

# --- Pools: container, systemd, nginx ----------------------------------------------------------
numprocs=$(sed -n 's/^numprocs=//p' "$ROOT/deploy/docker/supervisord.conf")
same "supervisord.conf's handler numprocs" "${#AC_POOLS[@]}" "$numprocs"
grep -q 'AC_POOLS\[' "$ROOT/deploy/docker/entrypoint.sh" || fail "the entry point does not pick its pool from AC_POOLS"
CHECKS=$((CHECKS + 1))
grep -q '^Wants=@POOL_UNITS@$' "$ROOT/deploy/web/audioconf-web.target" ||
  fail "audioconf-web.target must be generated (Wants=@POOL_UNITS@)"
# shellcheck disable=SC2016 # systemd expands it
grep -q 'bin/${AUDIOCONF_PROGRAM}$' "$ROOT/deploy/web/audioconf-handler@.service" ||
  fail "the handler unit must run the pool's program (AUDIOCONF_PROGRAM from pool-%i.env)"
CHECKS=$((CHECKS + 2))

# nginx: the rendered site has one upstream per pool, every fastcgi_pass (directly or through a
# map) names one of them, and every pool is used.
# shellcheck source=scripts/lib/nginx.sh
source "$ROOT/scripts/lib/nginx.sh"
site=$(AUDIOCONF_RUN_DIR=/run/audioconf AUDIOCONF_SITE_DIR=/var/lib/audioconf/site NGINX_LISTEN=127.0.0.1:8080 \
  ac_nginx_site "$ROOT") || fail "the nginx site does not render"
upstreams=$(sed -n 's/^upstream audioconf_\([a-z_]*\) .*/\1/p' <<<"$site" | words)
same "nginx upstreams" "${pools//-/_}" "$upstreams"
passed=$( {
  grep -o 'fastcgi_pass audioconf_[a-z_]*;' <<<"$site" | sed 's/^fastcgi_pass audioconf_//;s/;$//'
  # Upstreams chosen by a map: the values of maps used by a fastcgi_pass $variable.
  grep -o 'fastcgi_pass \$[a-z_]*;' <<<"$site" | sed 's/^fastcgi_pass \$//;s/;$//' | while read -r var; do
    sed -n "/^map [^ ]* \$$var {/,/^}/p" <<<"$site" | sed -n 's/^ *[^ ]* audioconf_\([a-z_]*\);$/\1/p'
  done
} | sorted_words)
same "pools reached by nginx's locations" "$(sorted_words <<<"${pools//-/_}")" "$passed"
for pool in "${AC_POOLS[@]}"; do
  if [[ ${AC_POOL_KIND[$pool]} == ovh ]]; then
    grep -q "limit_conn audioconf_${pool//-/_} $(ac_pool_workers "$pool" 2);" <<<"$site" ||
      fail "nginx has no limit_conn at pool $pool's worker count"
    CHECKS=$((CHECKS + 1))
  fi
done

# --- Jobs ---------------------------------------------------------------------------------------
same "scripts/job's names" "$jobs" "$(AUDIOCONF_VAR_DIR=$SCRATCH "$ROOT/scripts/job" | words)"
# handlers/jobs/main.cpp (its job table): every job but compute-stats, which is the stats
# program's --collect mode, and compute-stats too as a job of its own.
cpp_jobs=$(sed -n '/known_jobs()/,/^}/s/^ *{"\([a-z-]*\)",.*/\1/p' "$ROOT/handlers/jobs/main.cpp" | sorted_words)
same "handlers/jobs/main.cpp's job table" "$(sorted_words <<<"$jobs")" "$cpp_jobs"
# The scheduler's table, at every minute of a day, against the manifest's fields (checked here
# with their own arithmetic, not shape.sh's).
expected_due() {
  local hour=$1 minute=$2 job m h
  for job in "${AC_JOBS[@]}"; do
    m=${AC_JOB_MINUTE[$job]} h=${AC_JOB_HOUR[$job]}
    case $m in \*) ;; \*/*) ((minute % ${m#*/} == 0)) || continue ;; *) ((10#$m == minute)) || continue ;; esac
    case $h in \*) ;; \*/*) ((hour % ${h#*/} == 0)) || continue ;; *) ((10#$h == hour)) || continue ;; esac
    printf '%s ' "$job"
  done
}
for time in 00:00 00:10 00:15 00:16 01:00 01:05 08:30 08:31 12:40 23:59; do
  hour=$((10#${time%:*})) minute=$((10#${time#*:}))
  same "scripts/scheduler at $time" "$(expected_due "$hour" "$minute" | words)" \
    "$(SCHEDULER_ONCE=$time AUDIOCONF_VAR_DIR=$SCRATCH "$ROOT/scripts/scheduler" | words)"
done
# The systemd timers are generated (deploy/install-timers.sh); none may be written by hand.
stale=$(find "$ROOT/deploy" -name '*.timer' | sed "s|^$ROOT/||" | words)
same "hand-written systemd timers" "" "$stale"
for job in "${AC_JOBS[@]}"; do
  timer=$("$ROOT/deploy/install-timers.sh" --print "$job")
  m=${AC_JOB_MINUTE[$job]} h=${AC_JOB_HOUR[$job]}
  case $m in \*) m='*' ;; \*/*) m=$(printf '00/%02d' "${m#*/}") ;; *) m=$(printf '%02d' "$((10#$m))") ;; esac
  case $h in \*) h='*' ;; \*/*) h=$(printf '00/%02d' "${h#*/}") ;; *) h=$(printf '%02d' "$((10#$h))") ;; esac
  expect_contains "timer of $job" "$timer" "OnCalendar=*-*-* $h:$m:00 Europe/Paris"
  if [[ $job == compute-stats ]]; then unit=audioconf-stats.service; else unit="audioconf-job@$job.service"; fi
  expect_contains "timer of $job" "$timer" "Unit=$unit"
  [[ -f $ROOT/deploy/systemd/${unit/@*/@.service} ]] || fail "the timer of $job starts $unit, which deploy/systemd lacks"
done

done_ok
