// The per-address hourly limit on booking links (RATE_LIMIT_EMAIL_LINKS_PER_HOUR) holds whatever
// the tokens' lifetime: it used to count "loginTokens" rows, which purge deletes once expired, so
// with TOKEN_DURATION_IN_MINUTES=10 an address could ask again once purge had run. An extra
// instance (scripts/run --detach on the test stack's database and MailDev) with 10-minute tokens
// and a limit of 2: two links, their tokens aged past expiry and purged, then a third request.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { Browser, db, config } = require('./lib');
const { uniqueEmail, requestLink, alertsIn } = require('./lib/flows');
const { runJob } = require('./lib/jobs');
const { Instance, mainStack } = require('../hosts/lib/instances');

const LIMIT = 2;
let instance;
// The keyed hash the link events are counted under (App::email_hash: HMAC-SHA256 with SECRET of
// the lower-cased address); the instance shares the test stack's SECRET.
const hashOf = (email) => crypto.createHmac('sha256', fs.readFileSync(path.join(config.varDir, 'secret'), 'utf8').trim())
  .update(email.toLowerCase()).digest('hex');

test.before(async () => {
  instance = new Instance({
    name: 'link-limit',
    databaseUrl: mainStack().DATABASE_URL,
    workers: 1,
    env: { TOKEN_DURATION_IN_MINUTES: '10', RATE_LIMIT_EMAIL_LINKS_PER_HOUR: String(LIMIT) },
  });
  await instance.start();
});

test.after(async () => {
  if (instance) await instance.stop();
});

test('with 10-minute tokens, the hourly limit still holds after purge removed them', async () => {
  const browser = new Browser({ baseUrl: `http://localhost:${instance.port}` });
  const email = uniqueEmail('linklimit');
  for (let i = 0; i < LIMIT; i += 1) await requestLink(browser, email, { durationInMinutes: '60' });
  const tokens = () => db.query('SELECT token FROM "loginTokens" WHERE email = $1', [email]);
  assert.equal((await tokens()).length, LIMIT);

  // Eleven minutes later: the tokens expired; purge (as scheduled) deletes them.
  await db.exec(`UPDATE "loginTokens" SET "createdAt" = "createdAt" - interval '11 minutes',
    "expiresAt" = "expiresAt" - interval '11 minutes' WHERE email = $1`, [email]);
  const events = () => db.query('SELECT created_at FROM email_link_events WHERE email_hash = $1', [hashOf(email)]);
  assert.equal((await events()).length, LIMIT, 'one link event per link sent');
  await db.exec(`UPDATE email_link_events SET created_at = created_at - interval '11 minutes' WHERE email_hash = $1`, [hashOf(email)]);
  await db.exec("DELETE FROM job_runs WHERE job = 'purge'");
  const purge = await runJob('purge');
  assert.equal(purge.code, 0, purge.output);
  assert.equal((await tokens()).length, 0, 'purge removed the expired tokens');

  // The address is still at its limit for this hour.
  const refused = await browser.post('/valider-email', { email, durationInMinutes: '60', userTimezoneOffset: '-60' });
  assert.equal(refused.status, 303);
  assert.equal(refused.location, '/');
  const alerts = alertsIn((await browser.get('/')).text);
  assert.equal(alerts.length, 1);
  assert.match(alerts[0].text, /Vous avez demandé beaucoup de liens de réservation en peu de temps/);
  assert.equal((await tokens()).length, 0);

  assert.equal((await events()).length, LIMIT, 'purge kept the link events of the hour');

  // Once the hour is over (events aged past it), purge removes them and the address may ask again.
  await db.exec(`UPDATE email_link_events SET created_at = created_at - interval '50 minutes' WHERE email_hash = $1`, [hashOf(email)]);
  await db.exec("DELETE FROM job_runs WHERE job = 'purge'");
  assert.equal((await runJob('purge')).code, 0);
  assert.equal((await events()).length, 0, 'purge removed the events past the hour');
  await requestLink(browser, email, { durationInMinutes: '60' });
});
