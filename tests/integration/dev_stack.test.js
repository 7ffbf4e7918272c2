// A newcomer sees the whole service (SPEC §8): `scripts/run` without OVH keys and without feature
// settings starts the emulator with a few live calls and turns the statistics on, so that the
// landing page's line and /stats show those calls within a minute. The test stacks, which set
// every flag, see none of it (stack.env). Runs one such stack (its own emulator, VAR dir, port and
// scratch database; the test stack's MailDev) with an empty .env.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { Browser, stack } = require('./lib');
const { decoded } = require('./lib/flows');
const { runJob } = require('./lib/jobs');
const { Instance, createDatabase, dropDatabase, freePort } = require('../hosts/lib/instances');

let database;
let dev;

test.before(async () => {
  database = await createDatabase('devstack');
  dev = new Instance({
    name: 'devstack',
    databaseUrl: database.url,
    dotenv: '', // a fresh checkout has no .env
    // No OVH keys: scripts/run starts its emulator (development keys). Its schedule runs.
    env: { OVH_ROOM_APP_KEY: '', OVH_ENDPOINT: '', OVH_EMULATOR_PORT: String(await freePort()), AUDIOCONF_SCHEDULER: 'true' },
  });
  await dev.start();
});

test.after(async () => {
  if (dev) await dev.stop();
  if (database) await dropDatabase(database.name);
});

test('scripts/run on the emulator shows live calls on the landing page and /stats within a minute', { timeout: 120000 }, async () => {
  const started = Date.now();
  const browser = new Browser({ baseUrl: `http://localhost:${dev.port}` });
  const status = (await browser.get('/api/status')).json();
  assert.equal(status.OVHEmulator, true, JSON.stringify(status));
  for (const flag of ['FEATURE_DISPLAY_STATS_ON_LANDING', 'FEATURE_STATS_PAGE']) assert.equal(status[flag], true, flag);
  assert.equal(status.FEATURE_RESERVATIONS, false, 'production defaults elsewhere');

  // The emulator scripts/run started holds a few participants in live rooms.
  const emulatorUrl = `http://localhost:${dev.env().OVH_EMULATOR_PORT}`;
  const state = await (await fetch(`${emulatorUrl}/_emulator/state`)).json();
  assert.ok(state.participants.length >= 2, `seeded participants: ${state.participants.length}`);
  const busyRooms = new Set(state.participants.map((p) => p.roomNumber));
  assert.ok(busyRooms.size >= 2, `rooms with participants: ${busyRooms.size}`);
  const sentence = new RegExp(`Actuellement, il y a ${state.participants.length} personnes dans ${busyRooms.size} conférences téléphoniques\\.`);

  const landing = await stack.waitFor(
    async () => {
      const page = await browser.get('/');
      return sentence.test(decoded(page.text)) && page;
    },
    { timeoutMs: 60000 - (Date.now() - started), intervalMs: 1000, what: `the landing line ${sentence}` },
  );
  assert.match(landing.text, /href="\/stats"/, 'the footer links to the statistics');
  const stats = await browser.get('/stats');
  assert.equal(stats.status, 200);
  assert.match(stats.text, new RegExp(`<td[^>]*>\\s*${state.participants.length}\\s*</td>`), 'a point with the live participants');
  assert.match(dev.readLog('jobs'), /compute-stats/, 'the point comes from the compute-stats job');
});

test('the test stack sets every flag itself: its emulator starts empty, compute-stats stays off', async () => {
  assert.match(stack.readLog('ovh-emulator'), /ovh_emulator: listening on .*, 0 participant\(s\) seeded/);
  const run = await runJob('compute-stats');
  assert.equal(run.code, 0, run.output);
  assert.match(run.output, /disabled/);
});
