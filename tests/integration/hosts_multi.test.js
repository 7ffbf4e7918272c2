// Several hosts, one database, no sticky sessions: two complete instances (each its own nginx +
// handlers, `scripts/run --detach`, own AUDIOCONF_VAR_DIR and PORT on loopback) share one
// PostgreSQL database, the test stack's MailDev and OVH emulator, and sit behind a front nginx
// that load-balances them round-robin (tests/hosts/lib/instances.js).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { Browser } = require('./lib');
const maildev = require('./lib/maildev');
const emulator = require('./lib/emulator');
const { alertsIn, uniqueEmail } = require('./lib/flows');
const { Instance, Front, createDatabase, dropDatabase, psql, migrate, freePort, sleep } = require('../hosts/lib/instances');

let database;
let hostA;
let hostB;
let front;

test.before(async () => {
  database = await createDatabase('hosts');
  const migrated = await migrate(database.url, ['up']);
  assert.equal(migrated.code, 0, migrated.output);
  front = new Front([]);
  front.port = await freePort();
  const publicUrl = `http://localhost:${front.port}`;
  hostA = new Instance({ name: 'host-a', databaseUrl: database.url, publicUrl });
  hostB = new Instance({ name: 'host-b', databaseUrl: database.url, publicUrl });
  await hostA.start();
  await hostB.start();
  front.upstreams = [`127.0.0.1:${hostA.port}`, `127.0.0.1:${hostB.port}`];
  await front.start();
});

test.after(async () => {
  if (front) await front.stop();
  if (hostA) await hostA.stop();
  if (hostB) await hostB.stop();
  if (database) await dropDatabase(database.name);
});

const hostOf = (entry) => (entry.upstream.endsWith(`:${hostA.port}`) ? 'A' : entry.upstream.endsWith(`:${hostB.port}`) ? 'B' : entry.upstream);

test('the whole booking journey succeeds with every request landing on the other host', async () => {
  const browser = new Browser({ baseUrl: front.url });
  const startFront = front.log().length;
  const sizeA = hostA.accessLogSize();
  const sizeB = hostB.accessLogSize();
  const email = uniqueEmail('multi');

  assert.equal((await browser.get('/')).status, 200);
  const asked = await browser.post('/valider-email', { email, durationInMinutes: '120', userTimezoneOffset: '-60' });
  assert.equal(asked.status, 303, asked.text.slice(0, 300));
  assert.equal((await browser.follow(asked)).status, 200);
  const mail = await maildev.waitForEmail(email, { subject: 'Confirmez la réservation' });
  const link = maildev.linksIn(mail).find((url) => url.includes('/creer-conf?token='));
  assert.ok(link.startsWith(`${front.url}/creer-conf?token=`), `links point at the front: ${link}`);
  const token = new URL(link).searchParams.get('token');
  assert.equal((await browser.get(`/creer-conf?token=${encodeURIComponent(token)}`)).status, 200);
  const created = await browser.post('/creer-conf', { token });
  assert.equal(created.status, 303, created.text.slice(0, 300));
  const [, id] = /^\/conferences\/([0-9a-f-]{36})#\d{9}$/.exec(created.location);
  assert.equal((await browser.get(`/conferences/${id}`)).status, 200);
  assert.equal((await browser.get(`/conferences/${id}/annuler`)).status, 200);
  const canceled = await browser.post(`/conferences/${id}/annuler`, {});
  assert.equal(canceled.status, 303, canceled.text.slice(0, 300));
  // The flash was written by the host that cancelled; the next request goes to the other one.
  const landing = await browser.follow(canceled);
  assert.match(alertsIn(landing.text).map((a) => a.text).join(' | '), /bien été annulée/);
  assert.equal((await psql(database.url, `SELECT "canceledAt" IS NOT NULL FROM conferences WHERE id = '${id}'`)), 't');

  // nginx logs a request once its response is sent: the last line may lag a little.
  for (let i = 0; i < 50 && front.log().length - startFront < 9; i += 1) await sleep(100);
  const journey = front.log().slice(startFront);
  assert.equal(journey.length, 9, JSON.stringify(journey));
  const hosts = journey.map(hostOf);
  for (let i = 1; i < hosts.length; i += 1) {
    assert.notEqual(hosts[i], hosts[i - 1], `request ${i} (${journey[i].method} ${journey[i].path}) stayed on ${hosts[i]}: ${hosts.join('')}`);
  }
  const flashWriter = journey[7];
  const flashReader = journey[8];
  assert.equal(flashWriter.method, 'POST');
  assert.notEqual(hostOf(flashWriter), hostOf(flashReader), 'the flash is read on the other host');
  // Each host's own access log saw its half of the journey.
  const onA = hostA.requests(sizeA);
  const onB = hostB.requests(sizeB);
  assert.equal(onA.length + onB.length, 9, JSON.stringify({ onA, onB }));
  assert.ok(Math.abs(onA.length - onB.length) === 1, JSON.stringify({ onA, onB }));
  assert.ok(onA.some((r) => r.method === 'POST') && onB.some((r) => r.method === 'POST'));
});

test('the jobs run on both hosts at the same time but do their work once', async () => {
  const SURVEY = { AFTER_MEETING_SURVEY_URL: 'https://sondage.example.gouv.fr/apres', FEATURE_JOB_COMPUTE_STATS: 'true' };
  const email = `survey.${crypto.randomBytes(4).toString('hex')}@example.gouv.fr`;
  await psql(database.url, `
    DELETE FROM job_runs;
    DELETE FROM stats;
    INSERT INTO conferences (email, "phoneNumber", "expiresAt", domain, "hashedEmail")
      VALUES ('${email}', '0033122334455', now() - interval '2 hours', 'example.gouv.fr', 'h');
    INSERT INTO "loginTokens" (token, email, "expiresAt")
      VALUES (repeat('0', 64), 'expired@example.gouv.fr', now() - interval '1 day');`);
  // compute-stats keys its point by minute: keep both runs inside one minute.
  while (new Date().getSeconds() > 50) await sleep(500);
  for (const job of ['purge', 'compute-stats', 'survey']) {
    const runs = await Promise.all([hostA.job(job, SURVEY), hostB.job(job, SURVEY)]);
    for (const run of runs) assert.equal(run.code, 0, `${job}: ${run.output}`);
  }
  assert.equal(await psql(database.url, `SELECT count(*) FROM job_runs WHERE job = 'purge'`), '1');
  assert.equal(await psql(database.url, `SELECT status FROM job_runs WHERE job = 'purge'`), 'done');
  assert.equal(await psql(database.url, `SELECT count(*) FROM "loginTokens" WHERE email = 'expired@example.gouv.fr'`), '0');
  assert.equal(await psql(database.url, `SELECT count(*) FROM stats`), '1');
  await maildev.waitForEmail(email);
  await sleep(1000);
  assert.equal((await maildev.emailsTo(email)).length, 1, 'one survey email');
  assert.equal(await psql(database.url, `SELECT count(*) FROM job_runs WHERE job = 'survey'`), '1');
});

/** `clients` loops of GETs (and one loop of POSTs) through the front for `durationMs`. */
async function load(durationMs, { clients = 4, onTick } = {}) {
  const results = { get: { ok: 0, failed: [] }, post: { ok: 0, failed: [] } };
  const deadline = Date.now() + durationMs;
  const getLoop = async (n) => {
    const browser = new Browser({ baseUrl: front.url });
    const paths = ['/', '/api/status', '/mentions-legales', `/conferences/${crypto.randomUUID()}`];
    for (let i = n; Date.now() < deadline; i += 1) {
      const path = paths[i % paths.length];
      try {
        const response = await browser.get(path, { timeoutMs: 10000 });
        if (response.status >= 500 && !(path === '/api/status' && response.status === 500)) results.get.failed.push(`${path} ${response.status}`);
        else results.get.ok += 1;
      } catch (error) {
        results.get.failed.push(`${path} ${error.message}`);
      }
    }
  };
  const postLoop = async () => {
    const browser = new Browser({ baseUrl: front.url });
    while (Date.now() < deadline) {
      try {
        const response = await browser.post(`/conferences/${crypto.randomUUID()}/annuler`, {}, { timeoutMs: 10000 });
        if (response.status >= 500) results.post.failed.push(String(response.status));
        else results.post.ok += 1;
      } catch (error) {
        results.post.failed.push(error.message);
      }
    }
  };
  const loops = [postLoop()];
  for (let n = 0; n < clients; n += 1) loops.push(getLoop(n));
  if (onTick) loops.push(onTick());
  await Promise.all(loops);
  return results;
}

test('stopping one host mid-run loses no request beyond those in flight on it', async () => {
  await emulator.clearFaults().catch(() => {});
  const startFront = front.log().length;
  let stoppedAt = 0;
  const results = await load(9000, {
    onTick: async () => {
      await sleep(3000);
      stoppedAt = Date.now();
      await hostB.stop({ keep: true });
    },
  });
  assert.ok(stoppedAt > 0);
  const lines = front.log().slice(startFront);
  const posts = lines.filter((l) => l.method === 'POST');
  const retried = lines.filter((l) => l.upstream.includes(','));
  // Never replayed: nginx passes a POST to the next host only when the first one refused the
  // connection (nothing was sent); every POST that met an error on the way is such a case.
  // One [error] line per failed attempt (the [warn] lines that follow repeat them).
  const postErrors = front.errorLog().split('\n').filter((l) => /\[error\]/.test(l) && /request: "POST /.test(l));
  const refused = postErrors.filter((l) => /connect\(\) (to \S+ )?failed \(111: Connection refused\)/.test(l));
  const retriedPosts = posts.filter((l) => l.upstream.includes(',')).length;
  assert.ok(refused.length >= retriedPosts, `a POST went to the other host only after a refused connect:\n${postErrors.join('\n')}`);
  // Any other POST error is one that was in flight on the stopped host: answered 502, not replayed.
  assert.equal(postErrors.length - refused.length, results.post.failed.length, postErrors.join('\n'));
  const summary = `GET ok=${results.get.ok} failed=${results.get.failed.length} POST ok=${results.post.ok} failed=${results.post.failed.length} retried=${retried.length} (POSTs after a refused connect: ${posts.filter((l) => l.upstream.includes(',')).length})`;
  console.log(`# multi-host stop: ${summary}`);
  assert.ok(results.get.ok > 20, summary);
  assert.deepEqual(results.get.failed, [], `GETs are retried on the other host: ${summary}`);
  // At most the one POST that was in flight on the stopped host (one POST loop).
  assert.ok(results.post.failed.length <= 1, `${summary}: ${results.post.failed.join(', ')}`);
  const afterStop = lines.slice(-10);
  assert.ok(afterStop.every((l) => hostOf(l).includes('A') || l.upstream.includes(`${hostA.port}`)), JSON.stringify(afterStop));
});
