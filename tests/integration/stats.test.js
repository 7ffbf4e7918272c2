// Stats collection (`scripts/job compute-stats` = `stats --collect`, as the schedule runs it)
// and the /stats page.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const config = require('./lib/config');
const db = require('./lib/db');
const emulator = require('./lib/emulator');

const { runJob } = require('./lib/jobs');

const collect = () => runJob('compute-stats', { FEATURE_JOB_COMPUTE_STATS: 'true' });

// Two triggers must fall in the same minute: wait while the clock is near a minute's end.
async function awayFromMinuteEnd() {
  while (new Date().getSeconds() >= 50) await new Promise((r) => setTimeout(r, 500));
}

async function seedRooms() {
  await emulator.reset();
  const future = new Date(Date.now() + 3600 * 1000).toISOString();
  await emulator.seed({
    rooms: [
      { roomNumber: 111111111, expirationDate: future },
      { roomNumber: 222222222, expirationDate: future },
      { roomNumber: 333333333, expirationDate: future },
    ],
    participants: [
      { roomNumber: 111111111, callerNumber: '0033600000001' },
      { roomNumber: 111111111, callerNumber: '0033600000002' },
      { roomNumber: 222222222, callerNumber: '0033600000003' },
    ],
  });
}

test('a trigger inserts one stats point with the emulator counts', async () => {
  await seedRooms();
  await awayFromMinuteEnd();
  await db.exec('DELETE FROM stats');
  const run = await collect();
  assert.equal(run.code, 0, run.output);
  const rows = await db.query('SELECT * FROM stats');
  assert.equal(rows.length, 1);
  assert.equal(rows[0].onlineParticipantsCount, 3);
  assert.equal(rows[0].activeConfsCount, 2);
  assert.equal(rows[0].bookedRoomsCount, 3);
  assert.equal(rows[0].errorConfsCount, 0);
  assert.equal(new Date(rows[0].date).getUTCSeconds(), 0, 'the point is keyed by its minute');
});

test('two triggers at the same minute (two hosts) insert one point', async () => {
  await seedRooms();
  await awayFromMinuteEnd();
  await db.exec('DELETE FROM stats');
  const runs = await Promise.all([collect(), collect()]);
  for (const run of runs) assert.equal(run.code, 0, run.output);
  const rows = await db.query('SELECT * FROM stats');
  assert.equal(rows.length, 1);
});

test('the collection is disabled unless FEATURE_JOB_COMPUTE_STATS=true', async () => {
  await db.exec('DELETE FROM stats');
  const run = await runJob('compute-stats', { FEATURE_JOB_COMPUTE_STATS: 'false' });
  assert.equal(run.code, 0, run.output);
  assert.match(run.output, /disabled/);
  assert.equal((await db.query('SELECT * FROM stats')).length, 0);
});

test('an OVH failure makes the trigger fail without a point', async () => {
  await seedRooms();
  await db.exec('DELETE FROM stats');
  await emulator.addFault({ route: 'GET roomsStats', status: 500, count: 10 });
  try {
    const run = await collect();
    assert.notEqual(run.code, 0, run.output);
  } finally {
    await emulator.clearFaults();
  }
  assert.equal((await db.query('SELECT * FROM stats')).length, 0);
});

test('the trigger is not reachable over HTTP', async () => {
  await seedRooms();
  await db.exec('DELETE FROM stats');
  for (const [method, url] of [
    ['GET', '/stats?collect=1'],
    ['GET', '/stats/collect'],
    ['GET', '/stats?--collect'],
    ['POST', '/stats'],
    ['POST', '/stats?collect=1'],
  ]) {
    const response = await fetch(config.baseUrl + url, {
      method,
      headers: method === 'POST' ? { origin: config.baseUrl, 'content-type': 'application/x-www-form-urlencoded' } : {},
      body: method === 'POST' ? 'collect=1' : undefined,
      redirect: 'manual',
    });
    await response.text();
    if (method === 'POST') assert.ok([404, 405].includes(response.status), `${method} ${url}: ${response.status}`);
    if (url === '/stats/collect') assert.equal(response.status, 404);
  }
  assert.equal((await db.query('SELECT * FROM stats')).length, 0, 'no point was collected');
});

test('/stats shows the points oldest first, with gaps, in a table that needs no JavaScript', async () => {
  await db.exec('DELETE FROM stats');
  // Three minutes: the middle one has no booked count (-1).
  await db.exec(`INSERT INTO stats (date, "onlineParticipantsCount", "activeConfsCount", "errorConfsCount", "bookedRoomsCount") VALUES
    (date_trunc('minute', now()) - interval '3 minutes', 11, 5, 0, 21),
    (date_trunc('minute', now()) - interval '2 minutes', 12, 6, 0, -1),
    (date_trunc('minute', now()) - interval '1 minutes', 13, 7, 0, 23)`);
  const response = await fetch(config.baseUrl + '/stats');
  const html = await response.text();
  assert.equal(response.status, 200, html.slice(0, 300));
  assert.match(html, /<title>Statistiques/);
  assert.match(html, /<caption>/);
  assert.match(html, /<th scope="col">Participants en ligne<\/th>/);
  // The table, oldest first, the gap shown as "not available".
  const rows = [...html.matchAll(/<tr>\s*<th scope="row">[^<]+<\/th>\s*<td>(\d+)<\/td>\s*<td>(\d+)<\/td>\s*<td>((?:[^<]|<span[^>]*>[^<]*<\/span>)*)<\/td>/g)];
  assert.deepEqual(rows.map((r) => [r[1], r[2]]), [['11', '5'], ['12', '6'], ['13', '7']]);
  assert.equal(rows[0][3], '21');
  assert.match(rows[1][3], /non disponible/);
  // Chart data: a data- attribute (no inline script), null for the gap.
  const attribute = html.match(/data-points="([^"]*)"/);
  assert.ok(attribute, 'chart data attribute');
  const data = JSON.parse(attribute[1].replace(/&quot;/g, '"').replace(/&#34;/g, '"').replace(/&amp;/g, '&'));
  assert.deepEqual(data.participants, [11, 12, 13]);
  assert.deepEqual(data.active, [5, 6, 7]);
  assert.deepEqual(data.booked, [21, null, 23]);
  assert.doesNotMatch(html.replace(/<script[^>]*\bsrc="[^"]+"[^>]*><\/script>/g, ''), /<script/i, 'no inline script');
  assert.match(html, /src="\/vendor\/chart\.js\/chart\.umd\.js(\?[^"]*)?"/);
  const chart = await fetch(config.baseUrl + '/vendor/chart.js/chart.umd.js');
  assert.equal(chart.status, 200);
  await chart.arrayBuffer();
});

test('/stats keeps at most the latest 1440 points', async () => {
  await db.exec('DELETE FROM stats');
  await db.exec(`INSERT INTO stats (date, "onlineParticipantsCount", "activeConfsCount", "errorConfsCount", "bookedRoomsCount")
    SELECT date_trunc('minute', now()) - make_interval(mins => n), n, 0, 0, 0 FROM generate_series(1, 1450) AS n`);
  const html = await (await fetch(config.baseUrl + '/stats')).text();
  const rows = [...html.matchAll(/<th scope="row">/g)];
  assert.equal(rows.length, 1440);
  await db.exec('DELETE FROM stats');
});
