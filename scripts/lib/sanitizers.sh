# shellcheck shell=bash
# The sanitizer phase of scripts/test (--sanitize). Its build (CMake AUDIOCONF_SANITIZE +
# AUDIOCONF_SANITIZE_REPORT_DIR) compiles default options into every program, so that any of them,
# however it is started (ctest, multiwatch's workers, a job, the hosts tests' instances), writes
# its AddressSanitizer / LeakSanitizer / UBSan report to REPORT_DIR/report.<program>.<pid> and not
# to a log nobody reads. The phase fails when that directory holds a non-empty file.
# Source after common.sh.

# ac_sanitizer_leaks_work: true when LeakSanitizer can run here. At exit it stops the process's
# threads with ptrace, which some containers forbid (it then dies with "LeakSanitizer has
# encountered a fatal error"); a program that leaks on purpose tells.
ac_sanitizer_leaks_work() {
  local dir output
  dir=$(mktemp -d /tmp/ac-lsan-probe-XXXXXX)
  printf '%s\n' '#include <cstdlib>' 'void* volatile leaked;' \
    'int main() { leaked = std::malloc(42); leaked = nullptr; return 0; }' >"$dir/leak.cpp"
  output=$("${CXX:-c++}" -fsanitize=address -g "$dir/leak.cpp" -o "$dir/leak" 2>&1 &&
    ASAN_OPTIONS=detect_leaks=1:log_path=stderr "$dir/leak" 2>&1)
  rm -rf "$dir"
  [[ $output == *"ERROR: LeakSanitizer: detected memory leaks"* ]]
}

# ac_sanitizer_reset DIR: an empty report directory (before the build: the build runs the test
# programs to list their tests, and what they report counts).
ac_sanitizer_reset() {
  rm -rf "$1"
  mkdir -p "$1"
}

# ac_sanitizer_reports DIR: prints every non-empty report file of DIR (at most 200 lines each) and
# sets AC_SANITIZER_REPORTS to their number. An empty file is no report: a runtime opens its file
# lazily, but stay on the safe side of "a file exists".
ac_sanitizer_reports() {
  local dir=$1 file lines
  AC_SANITIZER_REPORTS=0
  for file in "$dir"/*; do
    [[ -f $file && -s $file ]] || continue
    AC_SANITIZER_REPORTS=$((AC_SANITIZER_REPORTS + 1))
    lines=$(wc -l <"$file")
    printf -- '----- sanitizer report %s (%s lines) -----\n' "${file##*/}" "$lines"
    head -n 200 "$file"
    if ((lines > 200)); then printf -- '[... %s more lines in %s]\n' $((lines - 200)) "$file"; fi
    echo
  done
}
