#!/usr/bin/env bash
# ac_install_packages (scripts/lib/common.sh) on a machine that has never heard of the packages,
# with fake dpkg-query, apt-get and id on PATH: it must install what is missing and say so, under
# the scripts' own `set -euo pipefail` (the bug this guards against: dpkg-query's exit status 1
# for an unknown name ended the script silently), and fail loudly, with apt's words, otherwise.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FAKES=$SCRATCH/bin
mkdir -p "$FAKES"
STATE=$SCRATCH/state
mkdir -p "$STATE"

# dpkg-query -W -f=FORMAT NAME...: like dpkg's, exits 1 when a name is unknown to it.
cat >"$FAKES/dpkg-query" <<'FAKE'
#!/usr/bin/env bash
status=0
for name in "$@"; do
  [[ $name == -* ]] && continue
  if grep -qx "$name" "$AC_FAKE_STATE/installed" 2>/dev/null; then
    printf '%s=ii \n' "$name"
  else
    echo "dpkg-query: no packages found matching $name" >&2
    status=1
  fi
done
exit $status
FAKE
# apt-get update | install -y --no-install-recommends NAME...
cat >"$FAKES/apt-get" <<'FAKE'
#!/usr/bin/env bash
echo "$*" >>"$AC_FAKE_STATE/apt.log"
case $1 in
  update) [[ -f $AC_FAKE_STATE/update-fails ]] && { echo "E: The repository is not reachable"; exit 100; } ;;
  install)
    shift
    for name in "$@"; do
      [[ $name == -* ]] && continue
      if grep -qx "$name" "$AC_FAKE_STATE/unknown" 2>/dev/null; then
        echo "E: Unable to locate package $name"
        exit 100
      fi
      grep -qx "$name" "$AC_FAKE_STATE/phantom" 2>/dev/null || echo "$name" >>"$AC_FAKE_STATE/installed"
    done
    ;;
esac
exit 0
FAKE
printf '#!/bin/sh\necho 0\n' >"$FAKES/id"
chmod +x "$FAKES"/*

# install NAME...: runs ac_install_packages in a new bash with the scripts' options; sets OUT, RC.
install() {
  RC=0
  OUT=$(AC_FAKE_STATE=$STATE PATH="$FAKES:$PATH" bash -c '
    set -euo pipefail
    source "$1/scripts/lib/common.sh"
    AC_APT_PACKAGES=(alpha beta)
    shift
    ac_install_packages "$@"
    echo "script went on"' _ "$REPO" "$@" 2>&1) || RC=$?
}
reset_state() {
  rm -f "$STATE"/*
  : >"$STATE/installed"
}

# 1. Nothing installed, dpkg knows none of the names: everything is installed, and said.
reset_state
install gamma
expect_status "fresh machine" 0 "$RC"
expect_contains "fresh machine: says what it installs" "$OUT" "Installing Debian packages: alpha beta gamma"
expect_contains "fresh machine: goes on" "$OUT" "script went on"
expect_contains "fresh machine: apt-get install" "$(<"$STATE/apt.log")" "install -y --no-install-recommends alpha beta gamma"
expect_contains "fresh machine: installed" "$(tr '\n' ' ' <"$STATE/installed")" "alpha beta gamma"

# 2. Some installed: only the others are asked for.
reset_state
echo alpha >"$STATE/installed"
install
expect_status "partly installed" 0 "$RC"
expect_contains "partly installed: asks for the rest" "$(<"$STATE/apt.log")" "install -y --no-install-recommends beta"
expect_not_contains "partly installed: not alpha again" "$(<"$STATE/apt.log")" "alpha"

# 3. Everything there: apt-get is not called.
reset_state
printf '%s\n' alpha beta >"$STATE/installed"
install
expect_status "all installed" 0 "$RC"
[[ ! -e $STATE/apt.log ]] || fail "all installed: apt-get was called: $(<"$STATE/apt.log")"

# 4. apt cannot find a package: the script stops with apt's reason and the names.
reset_state
echo beta >"$STATE/unknown"
install
expect_status "unknown package" 1 "$RC"
expect_contains "unknown package: apt's words" "$OUT" "E: Unable to locate package beta"
expect_contains "unknown package: our words" "$OUT" "ERROR: apt-get install failed for: alpha beta"
expect_not_contains "unknown package: stops" "$OUT" "script went on"

# 5. apt-get update fails: said, and the script stops.
reset_state
: >"$STATE/update-fails"
install
expect_status "update fails" 1 "$RC"
expect_contains "update fails: apt's words" "$OUT" "The repository is not reachable"
expect_contains "update fails: our words" "$OUT" "ERROR: apt-get update failed"

# 6. apt says yes but a package is still not there: no silent success.
reset_state
echo beta >"$STATE/phantom"
install
expect_status "phantom package" 1 "$RC"
expect_contains "phantom package: named" "$OUT" "still not installed: beta"

done_ok
