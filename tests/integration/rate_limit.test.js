// The per-IP limit on POST /valider-email (nginx limit_req, SPEC §7 "Abuse limits"): beyond
// the burst a client gets nginx's French 429 page and no email is sent; page views, booking and
// cancelling are not counted; a trusted proxy's X-Forwarded-For names the client. The test
// runs its own nginx from the production template with a tiny limit, in front of the test
// stack's handlers, so the shared stack's own (generous) limit does not matter.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { maildev } = require('./lib');
const { uniqueEmail, decoded } = require('./lib/flows');
const { startFrontNginx } = require('./lib/front_nginx');

const BURST = 3;
let front;

test.before(async () => {
  // 1 request a minute refills nothing during the test: exactly 1 + BURST pass.
  front = await startFrontNginx({ NGINX_LIMIT_RATE: '1r/m', NGINX_LIMIT_BURST: String(BURST), NGINX_TRUSTED_PROXIES: '127.0.0.1' });
});

test.after(async () => {
  if (front) await front.stop();
});

async function askLink(browser, email, headers = {}) {
  return browser.post('/valider-email', { email, durationInMinutes: '60', userTimezoneOffset: '-60' }, { headers });
}

test('beyond its burst a client gets the French 429 page and no email; others are not affected', async () => {
  const browser = front.visitor();
  const client = { 'X-Forwarded-For': '198.51.100.7' };
  const accepted = [];
  for (let i = 0; i <= BURST; i += 1) {
    const email = uniqueEmail('ratelimit');
    const response = await askLink(browser, email, client);
    assert.equal(response.status, 303, `request ${i + 1} is within the burst`);
    accepted.push(email);
  }
  const refusedEmail = uniqueEmail('ratelimit-refused');
  const refused = await askLink(browser, refusedEmail, client);
  assert.equal(refused.status, 429);
  assert.match(refused.headers.get('content-type'), /^text\/html/);
  const text = decoded(refused.text);
  assert.match(text, /<html lang="fr"/);
  assert.match(text, /Trop de requêtes/);
  for (const email of accepted) await maildev.waitForEmail(email);
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal((await maildev.emailsTo(refusedEmail)).length, 0, 'no email for the refused request');

  // Another client address (as named by the trusted proxy) still has its whole burst.
  const other = await askLink(front.visitor(), uniqueEmail('ratelimit-other'), { 'X-Forwarded-For': '198.51.100.8' });
  assert.equal(other.status, 303);
});

test('page views, booking and cancelling are not counted by the per-IP limit', async () => {
  const browser = front.visitor();
  const client = { 'X-Forwarded-For': '198.51.100.9' };
  for (let i = 0; i < BURST + 5; i += 1) {
    assert.equal((await browser.get('/valider-email', { headers: client })).status !== 429, true);
    assert.equal((await browser.get('/', { headers: client })).status, 200);
    const book = await browser.post('/creer-conf', { token: `bogus-${i}` }, { headers: client });
    assert.notEqual(book.status, 429, 'POST /creer-conf is not rate-limited per IP');
    const cancel = await browser.post('/conferences/00000000-0000-4000-8000-000000000000/annuler', {}, { headers: client });
    assert.notEqual(cancel.status, 429, 'POST /conferences/{id}/annuler is not rate-limited per IP');
  }
});
