// How the handlers reach PostgreSQL (issue 16 item 5): on the private cluster of scripts/test they
// connect on its unix socket with peer authentication, not over TCP with SCRAM, whose PBKDF2 in
// the handler delays a fresh handler's first answer. (tests/scripts/private_pg_auth.test.sh
// checks the cluster's pg_hba.conf and that TCP with the password keeps working.)
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { newBrowser, db, config } = require('./lib');

test('the stack is given the unix socket URL, without a password', () => {
  const url = new URL(config.databaseUrl);
  assert.equal(url.hostname, '', config.databaseUrl);
  assert.equal(url.password, '');
  assert.match(url.searchParams.get('host') || '', /^\//, 'host= names the socket directory');
});

test('handlers connect on the unix socket', async () => {
  // /api/status pings the database from a status worker (its connection opens on first use).
  for (const base of [config.baseUrl, config.dayBaseUrl]) {
    const response = await newBrowser({ baseUrl: base }).get('/api/status', { timeoutMs: 20000 });
    assert.equal(response.status, 200, `${base}/api/status`);
  }
  // The handlers' connections: libpq without application_name (psql, ours included, sets one).
  const rows = await db.query(
    `SELECT client_addr IS NULL AND client_port = -1 AS on_socket
       FROM pg_stat_activity
      WHERE backend_type = 'client backend' AND datname = current_database()
        AND usename = 'audioconf' AND application_name = '' AND pid <> pg_backend_pid()`,
  );
  assert.ok(rows.length > 0, 'no handler connection found');
  assert.deepEqual(rows.filter((row) => !row.on_socket), [], 'a handler connected over TCP');
});
