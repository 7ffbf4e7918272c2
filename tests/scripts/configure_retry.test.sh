#!/usr/bin/env bash
# ac_build (scripts/lib/common.sh) after a failed configure: the next run must configure afresh
# and build, not trust the CMakeCache.txt the failed configure left behind (the bug this guards
# against: every run after a first failure died on "execution of make failed"). A real cmake on a
# tiny project that fails to configure while a file named "broken" exists in it.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PROJECT=$SCRATCH/project
BUILD=$SCRATCH/build
mkdir -p "$PROJECT"
cat >"$PROJECT/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.16)
project(configure_retry NONE)
if(EXISTS ${CMAKE_SOURCE_DIR}/broken)
  message(FATAL_ERROR "configure fails on purpose (the file 'broken' exists)")
endif()
add_custom_target(hello ALL COMMAND ${CMAKE_COMMAND} -E touch ${CMAKE_BINARY_DIR}/built)
CMAKE

# build: runs ac_build in a new bash with the scripts' options; sets OUT, RC.
build() {
  RC=0
  OUT=$(bash -c '
    set -euo pipefail
    source "$1/scripts/lib/common.sh"
    AC_ROOT=$2
    ac_build "$3" Release' _ "$REPO" "$PROJECT" "$BUILD" 2>&1) || RC=$?
}

: >"$PROJECT/broken"
build
expect_status "first run, configure fails" 1 "$RC"
expect_contains "first run: cmake's reason shown" "$OUT" "configure fails on purpose"
expect_contains "first run: our words" "$OUT" "the next run configures afresh"
[[ ! -e $BUILD/CMakeCache.txt ]] || fail "first run: the failed configure's cache was left behind"

rm "$PROJECT/broken"
build
expect_status "second run, configure works" 0 "$RC"
[[ -f $BUILD/built ]] || fail "second run: nothing was built: $OUT"

# Third run: configured already, so it only builds (no reconfigure needed for a plain run).
rm "$BUILD/built"
build
expect_status "third run" 0 "$RC"
[[ -f $BUILD/built ]] || fail "third run: nothing was built: $OUT"

done_ok
