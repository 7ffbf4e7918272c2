# shellcheck shell=bash
# What a development stack on the OVH emulator turns on, so that a newcomer sees the whole
# service (SPEC §8): the statistics — the compute-stats job, the landing page's line and /stats.
# Sourced by scripts/run (when it starts the emulator) and scripts/job (when it runs against such
# a stack), so that both agree. Production defaults (handlers/common/config.cpp) stay off, and
# the test stacks set each of these flags in tests/integration/lib/stack.env.

# ac_local_provider_settings URL: the PROCONNECT_* settings of the local provider
# (tests/oidc_provider) at URL (http://localhost:PORT), the client id and secret it registers.
# Used by scripts/run (which starts it) and scripts/job (which runs against such a stack).
ac_local_provider_settings() {
  export PROCONNECT_DISCOVERY_URL=$1/api/v2/.well-known/openid-configuration
  export PROCONNECT_CLIENT_ID=audioconf-dev
  export PROCONNECT_CLIENT_SECRET=audioconf-dev-secret-please-change
}

# ac_emulator_stack_defaults: exports each flag the environment and .env leave unset.
ac_emulator_stack_defaults() {
  ac_default FEATURE_JOB_COMPUTE_STATS true
  ac_default FEATURE_DISPLAY_STATS_ON_LANDING true
  ac_default FEATURE_STATS_PAGE true
}
