// GET /api/status for ops: JSON booleans, 200 only when the database and OVH both answer.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { newBrowser, emulator, stack } = require('./lib');

async function status() {
  const started = Date.now();
  const response = await newBrowser().get('/api/status', { timeoutMs: 20000 });
  assert.ok(Date.now() - started < 15000, `status answered in ${Date.now() - started} ms`);
  assert.match(response.headers.get('content-type'), /application\/json/);
  return { code: response.status, body: response.json(), text: response.text };
}

test.afterEach(async () => {
  await emulator.clearFaults();
  if (!(await stack.postgresRunning())) await stack.startPostgres();
});

test('all up: 200 with every field a boolean and the version', async () => {
  const { code, body } = await status();
  assert.equal(code, 200);
  assert.deepEqual(Object.keys(body).sort(), ['DBStatus', 'FEATURE_DISPLAY_STATS_ON_LANDING', 'FEATURE_RESERVATIONS',
    'FEATURE_STATS_PAGE', 'OVHEmulator', 'OVHStatus', 'ProConnectStatus', 'status', 'version'].sort());
  for (const key of Object.keys(body)) {
    if (key !== 'version') assert.equal(typeof body[key], 'boolean', key);
  }
  assert.match(body.version, /^\d+\.\d+\.\d+$/);
  assert.equal(body.OVHEmulator, true);
  assert.equal(body.status, true);
});

test('OVH down: 500 with OVHStatus false and no error detail', async () => {
  await emulator.addFault({ route: 'GET roomsStats', count: 1000, status: 500, message: 'secret detail' });
  const { code, body, text } = await status();
  assert.equal(code, 500);
  assert.equal(body.OVHStatus, false);
  assert.equal(body.DBStatus, true);
  assert.equal(body.status, false);
  assert.doesNotMatch(text, /secret detail/);
});

test('database down: 500 with DBStatus false, within the bound', async () => {
  await stack.stopPostgres();
  const { code, body } = await status();
  assert.equal(code, 500);
  assert.equal(body.DBStatus, false);
  assert.equal(body.OVHStatus, true);
});

test('both down: 500 with both false', async () => {
  await stack.stopPostgres();
  await emulator.addFault({ route: 'GET roomsStats', count: 1000, status: 500 });
  const { code, body } = await status();
  assert.equal(code, 500);
  assert.equal(body.DBStatus, false);
  assert.equal(body.OVHStatus, false);
  assert.equal(body.status, false);
});

test('after the database comes back, status is 200 again without restarting handlers', async () => {
  await stack.restartPostgres();
  const { code } = await status();
  assert.equal(code, 200);
});
