// Where the stack under test lives. scripts/test sets these for its isolated stack; the defaults
// point at a development stack started with `scripts/run` (ports of SPEC §7).
'use strict';

const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..', '..');

const config = {
  repoRoot,
  baseUrl: (process.env.AUDIOCONF_TEST_BASE_URL || 'http://localhost:8080').replace(/\/+$/, ''),
  // The same service in day mode (FEATURE_RESERVATIONS=true), sharing database, mail and OVH.
  dayBaseUrl: (process.env.AUDIOCONF_TEST_DAY_BASE_URL || 'http://localhost:8081').replace(/\/+$/, ''),
  maildevUrl: (process.env.AUDIOCONF_TEST_MAILDEV_URL || 'http://localhost:1080').replace(/\/+$/, ''),
  emulatorUrl: (process.env.AUDIOCONF_TEST_EMULATOR_URL || 'http://localhost:8090').replace(/\/+$/, ''),
  // The local ProConnect-like provider (tests/oidc_provider) of the first stack.
  oidcProviderUrl: (process.env.AUDIOCONF_TEST_OIDC_PROVIDER_URL || 'http://localhost:8095').replace(/\/+$/, ''),
  varDir: process.env.AUDIOCONF_VAR_DIR || path.join(repoRoot, 'var'),
  databaseUrl: process.env.DATABASE_URL || '',
};

module.exports = config;
