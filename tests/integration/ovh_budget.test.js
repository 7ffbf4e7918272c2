// The fleet's OVH call budget (issue #14, SPEC §8 OVH_MAX_CALLS_PER_MINUTE) on an instance of its
// own: a small budget (20 calls a minute, refreshes while under 16) and a one-second refresh
// interval, its own scratch database (the budget is counted there, so the test stack's earlier
// calls do not count), the test stack's OVH emulator. Viewers of a 30-person call cannot make the
// instance exceed the budget; the page says its data is old and why; a moderation action and a
// booking still go through when refreshes are refused; every call OVH receives is counted.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { Browser, emulator } = require('./lib');
const { book, decoded } = require('./lib/flows');
const { Instance, createDatabase, dropDatabase, migrate, psql } = require('../hosts/lib/instances');

const PER_MINUTE = 20;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let database;
let instance;

test.before(async () => {
  database = await createDatabase('budget');
  const migrated = await migrate(database.url, ['up']);
  assert.equal(migrated.code, 0, migrated.output);
  instance = new Instance({
    name: 'budget',
    databaseUrl: database.url,
    env: { OVH_MAX_CALLS_PER_MINUTE: String(PER_MINUTE), PARTICIPANTS_REFRESH_SECONDS: '1' },
  });
  await instance.start();
});

test.after(async () => {
  if (instance) await instance.stop();
  if (database) await dropDatabase(database.name);
});

function emulatorCalls(state) {
  return Object.values(state.calls || {}).reduce((sum, count) => sum + count, 0);
}

/** Calls the instance counted in its budget table over the last minute. */
async function countedLastMinute() {
  return Number(
    await psql(
      database.url,
      'SELECT coalesce(sum(calls), 0) FROM ovh_call_seconds WHERE second > extract(epoch FROM now()) - 60',
    ),
  );
}

test('viewers of a 30-person call stay within the budget; actions and bookings still pass', async (t) => {
  const browser = new Browser({ baseUrl: `http://localhost:${instance.port}` });
  const { id, code } = await book(browser);
  await emulator.control('POST', '/_emulator/simulate', {
    roomNumber: Number(code),
    participants: 30,
    talkEverySeconds: 1,
    hangUps: false,
  });
  await sleep(4500); // everyone joins

  const callsBefore = emulatorCalls(await emulator.state());
  const countedBefore = await countedLastMinute();
  const viewers = Array.from({ length: 5 }, () => new Browser({ baseUrl: `http://localhost:${instance.port}` }));
  const started = Date.now();
  let slowedSeen = false;
  await Promise.all(
    viewers.map(async (viewer, index) => {
      await sleep(index * 60);
      while (Date.now() - started < 20000) {
        const answer = await viewer.get(`/conferences/${id}/participants.json`);
        assert.equal(answer.status, 200, answer.text.slice(0, 300));
        const data = answer.json();
        assert.equal(data.participants.length > 0, true, 'the list is shown');
        if (data.slowed) slowedSeen = true;
        await sleep(300);
      }
    }),
  );
  const calls = emulatorCalls(await emulator.state()) - callsBefore;
  const counted = (await countedLastMinute()) - countedBefore;
  // Refreshes stop once the minute holds 16 calls (a fifth of the budget stays for users); the
  // booking's calls, made just before, count among them.
  t.diagnostic(`OVH calls: ${countedBefore} before the viewers, ${calls} during 20 s of 5 viewers`);
  assert.ok(countedBefore + calls <= PER_MINUTE - 4, `${countedBefore} + ${calls} OVH calls within a minute, budget ${PER_MINUTE}`);
  assert.ok(calls >= 2, `the room was refreshed at all (${calls})`);
  assert.equal(counted, calls, 'every call OVH received is counted in the budget');
  assert.ok(slowedSeen, 'the page said refreshes were slowed');

  const page = await browser.get(`/conferences/${id}/participants`);
  assert.equal(page.status, 200);
  const html = decoded(page.text);
  assert.match(html, /Actualisation ralentie : le nombre d’appels à l’opérateur téléphonique est limité/);
  assert.match(html, /Liste mise à jour il y a \d+ s\./, 'with its age');

  // The organizer's actions are never refused for the budget's sake.
  const person = (await emulator.state()).participants.find((p) => String(p.roomNumber) === code && p.speak);
  assert.ok(person, 'someone with a microphone on');
  const muted = await browser.post(`/conferences/${id}/participants/${person.id}/couper-micro`, {}, {
    headers: { Accept: 'application/json' },
  });
  assert.equal(muted.status, 200, muted.text.slice(0, 300));
  const after = (await emulator.state()).participants.find((p) => p.id === person.id);
  assert.equal(after.speak, false, 'OVH muted the person');

  // Nor are bookings, even past the budget.
  const countedBeforeBooking = await countedLastMinute();
  const second = await book(new Browser({ baseUrl: `http://localhost:${instance.port}` }));
  assert.match(second.code, /^\d{9}$/);
  assert.ok((await countedLastMinute()) > countedBeforeBooking, 'the booking was counted too');
});
