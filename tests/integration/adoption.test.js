// Adopting the original service's database (SPEC §7 "Data"): a database built by
// sql/adoption/original_v1_10.sql (the exact v1.10 schema, knex bookkeeping, data in every table)
// is migrated in place by `scripts/migrate up`, then served by a complete instance of ours.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { Browser } = require('./lib');
const { alertsIn } = require('./lib/flows');
const { Instance, createDatabase, dropDatabase, psql, migrate } = require('../hosts/lib/instances');

const fixture = path.join(__dirname, '..', '..', 'sql', 'adoption', 'original_v1_10.sql');
const rawTokens = [...fs.readFileSync(fixture, 'utf8').matchAll(/'([A-Za-z0-9+/]{342}==)'/g)].map((m) => m[1]);
const TABLES = ['conferences', '"loginTokens"', 'stats', 'users', '"phoneCalls"', '"phoneNumbers"'];

async function counts(url) {
  const out = await psql(url, TABLES.map((t) => `SELECT '${t}', count(*) FROM ${t};`).join('\n'), ['-F', ' ']);
  return Object.fromEntries(out.split('\n').map((line) => line.split(' ')).map(([t, n]) => [t, Number(n)]));
}

test('adoption refuses a database that is not exactly the original v1.10 and changes nothing', async (t) => {
  const db = await createDatabase('adopt_bad');
  t.after(() => dropDatabase(db.name));
  await psql(db.url, fs.readFileSync(fixture, 'utf8'));
  await psql(db.url, `DELETE FROM knex_migrations WHERE name LIKE '20210122%';
    ALTER TABLE stats ALTER COLUMN "bookedRoomsCount" DROP NOT NULL;`);
  const result = await migrate(db.url, ['up']);
  assert.notEqual(result.code, 0, result.output);
  assert.match(result.output, /not the database of the original service v1\.10/);
  assert.match(result.output, /20210122164657_add-conference-day-in-conferences\.js/);
  assert.match(result.output, /stats\."?bookedRoomsCount"? is nullable/);
  assert.equal(await psql(db.url, `SELECT count(*) FROM schema_migrations`), '0');
  assert.equal(await psql(db.url, `SELECT count(*) FROM "loginTokens" WHERE length(token) = 344`), '3');
});

test('the original database is adopted in place: no row lost, links still work, conferences cancellable', async (t) => {
  assert.equal(rawTokens.length, 3, 'the fixture holds three raw tokens');
  const db = await createDatabase('adopt');
  t.after(() => dropDatabase(db.name));
  await psql(db.url, fs.readFileSync(fixture, 'utf8'));
  const before = await counts(db.url);
  for (const table of TABLES) assert.ok(before[table] > 0, `the fixture fills ${table}`);
  assert.equal(await psql(db.url, `SELECT count(*) FROM users GROUP BY "hashedEmail" ORDER BY 1 DESC LIMIT 1`), '3');

  const adopted = await migrate(db.url, ['up']);
  assert.equal(adopted.code, 0, adopted.output);
  assert.match(adopted.output, /adopting the original service's database/);
  assert.match(adopted.output, /0001 recorded as applied/);
  assert.doesNotMatch(adopted.output, /applying 0001/);
  assert.match(adopted.output, /applying 0004_adopt_original_tokens/);
  const again = await migrate(db.url, ['up']);
  assert.equal(again.code, 0, again.output);
  assert.match(again.output, /nothing to apply/);

  // No data lost; users deduplicated (one row per hash, the latest survey kept).
  const after = await counts(db.url);
  for (const table of TABLES) {
    if (table !== 'users') assert.equal(after[table], before[table], `rows of ${table}`);
  }
  assert.equal(after.users, 3);
  assert.equal(
    await psql(db.url, `SELECT id FROM users WHERE "hashedEmail" = 'hash-dup'`),
    '7a000000-0000-4000-8000-000000000002',
  );
  assert.equal(await psql(db.url, `SELECT count(*) FROM knex_migrations`), '14', 'knex bookkeeping kept for the record');

  // Raw tokens rewritten to SHA-256 hex of the token as sent.
  const stored = (await psql(db.url, `SELECT token FROM "loginTokens" ORDER BY token`)).split('\n');
  const expected = rawTokens.map((raw) => crypto.createHash('sha256').update(raw, 'utf8').digest('hex')).sort();
  assert.deepEqual(stored, expected);

  const instance = new Instance({ name: 'adopted', databaseUrl: db.url });
  t.after(() => instance.stop());
  await instance.start();
  const browser = new Browser({ baseUrl: `http://localhost:${instance.port}` });

  // A link the original service sent before the switch: its token percent-encoded (+ / =).
  const raw = rawTokens[0];
  assert.match(raw, /[+/]/);
  const page = await browser.get(`/creer-conf?token=${encodeURIComponent(raw)}`);
  assert.equal(page.status, 200, page.text.slice(0, 300));
  assert.match(page.text, /<form[^>]+action="\/creer-conf"/);
  const created = await browser.post('/creer-conf', { token: raw });
  assert.equal(created.status, 303, created.text.slice(0, 300));
  const match = /^\/conferences\/([0-9a-f-]{36})#(\d{9})$/.exec(created.location || '');
  assert.ok(match, `redirect ${created.location}`);
  const row = JSON.parse(
    await psql(db.url, `SELECT row_to_json(c) FROM (SELECT email, "durationInMinutes", "roomNumberSealed" IS NOT NULL AS sealed FROM conferences WHERE id = '${match[1]}') c`),
  );
  assert.deepEqual(row, { email: 'lien.envoye@example.gouv.fr', durationInMinutes: '120', sealed: true });
  // The expired one still is.
  const expired = await browser.get(`/creer-conf?token=${encodeURIComponent(rawTokens[2])}`);
  assert.notEqual(expired.status, 500);
  assert.doesNotMatch(expired.text, /<form[^>]+action="\/creer-conf"/);

  // Existing conferences: visible, and cancellable (marked only: no stored room number).
  const future = '6f1c2d3e-0000-4000-8000-000000000003';
  const view = await browser.get(`/conferences/${future}`);
  assert.equal(view.status, 200);
  assert.match(view.text, /01 22 33 44 55/);
  const confirmPage = await browser.get(`/conferences/${future}/annuler`);
  assert.equal(confirmPage.status, 200);
  const cancel = await browser.post(`/conferences/${future}/annuler`, {});
  assert.equal(cancel.status, 303, cancel.text.slice(0, 300));
  const landing = await browser.follow(cancel);
  const alerts = alertsIn(landing.text).map((a) => a.text).join(' | ');
  assert.match(alerts, /marquée comme annulée/);
  assert.notEqual(await psql(db.url, `SELECT "canceledAt" FROM conferences WHERE id = '${future}'`), '');
  const dayConference = await browser.get('/conferences/6f1c2d3e-0000-4000-8000-000000000004');
  assert.equal(dayConference.status, 200);

  // The operators' queries of the original README, on the adopted database.
  const domains = await psql(db.url, `select substring(email from '@[^@]*$') as domain, count(*) from conferences group by 1 order by count DESC`);
  assert.match(domains, /@example\.gouv\.fr\|\d+/);
  const durations = await psql(db.url, `SELECT "durationInMinutes" , count(*) as count from conferences GROUP BY "durationInMinutes" ORDER BY count DESC`);
  assert.match(durations, /^60\|\d+/m);
  const canceled = await psql(db.url, `SELECT "canceledAt" IS NOT NULL as canceled, count(*) from conferences GROUP BY canceled ORDER BY 1`);
  assert.match(canceled, /^f\|\d+\nt\|2$/);

  // Status says the database is ready (every migration of the build applied).
  const status = await browser.get('/api/status');
  assert.equal(status.status, 200, status.text);
  assert.equal(status.json().DBStatus, true);
});
