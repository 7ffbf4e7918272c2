# shellcheck shell=bash
# How many workers each handler runs: sourced by scripts/run, the container entry point
# (deploy/docker/entrypoint.sh) and deploy/install-web.sh, so that the rule lives in one place.
# book spends most of a booking waiting on OVH and the mail server: it gets BOOK_WORKERS, by
# default twice WORKERS_PER_HANDLER. The other handlers answer from PostgreSQL in a millisecond.

# ac_handler_workers NAME DEFAULT: the worker count of handler NAME, DEFAULT being the
# WORKERS_PER_HANDLER of the caller's setting when the variable is unset.
ac_handler_workers() {
  local per_handler=${WORKERS_PER_HANDLER:-$2}
  if [[ $1 == book ]]; then
    echo "${BOOK_WORKERS:-$((2 * per_handler))}"
  else
    echo "$per_handler"
  fi
}
