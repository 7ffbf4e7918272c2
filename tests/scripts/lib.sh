# shellcheck shell=bash
# Helpers for tests/scripts/*.test.sh: a scratch folder and checks that end the test on failure.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SCRATCH=$(mktemp -d /tmp/ac-script-test-XXXXXX)
trap 'rm -rf "$SCRATCH"' EXIT
CHECKS=0

fail() {
  printf 'FAILED: %s\n' "$*" >&2
  exit 1
}

# expect_contains WHAT HAYSTACK NEEDLE
expect_contains() {
  [[ $2 == *"$3"* ]] || fail "$1: expected to find [$3] in [$2]"
  CHECKS=$((CHECKS + 1))
}

# expect_not_contains WHAT HAYSTACK NEEDLE
expect_not_contains() {
  [[ $2 != *"$3"* ]] || fail "$1: did not expect [$3] in [$2]"
  CHECKS=$((CHECKS + 1))
}

# expect_status WHAT EXPECTED ACTUAL
expect_status() {
  [[ $2 == "$3" ]] || fail "$1: expected exit status $2, got $3"
  CHECKS=$((CHECKS + 1))
}

done_ok() {
  printf 'ok: %d checks\n' "$CHECKS"
}
