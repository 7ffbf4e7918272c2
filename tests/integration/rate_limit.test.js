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

// IPv6: a host or subscriber usually holds a whole /64, so the key is the /64, not the address
// (nginx/audioconf.conf.template, map on $binary_remote_addr). The client addresses come from the
// trusted proxy's X-Forwarded-For: real_ip replaces the connection's address, so nginx keys them
// exactly as it keys a client connecting over IPv6 itself (which this machine could only do from
// ::1, a single address).
test('IPv6 clients are limited per /64; IPv4 and IPv4-mapped addresses each on their own', async () => {
  const as = (address) => ({ 'X-Forwarded-For': address });
  const spend = async (address) => {
    for (let i = 0; i <= BURST; i += 1) {
      const response = await askLink(front.visitor(), uniqueEmail('ratelimit-v6'), as(address));
      assert.equal(response.status, 303, `${address}: request ${i + 1} is within the burst`);
    }
  };
  await spend('2001:db8:5:1::1');
  // Same /64, another interface identifier: same key, nothing left.
  for (const neighbour of ['2001:db8:5:1::2', '2001:db8:5:1:ffff:ffff:ffff:ffff']) {
    assert.equal((await askLink(front.visitor(), uniqueEmail('ratelimit-v6'), as(neighbour))).status, 429, neighbour);
  }
  // The next /64 has its whole burst.
  assert.equal((await askLink(front.visitor(), uniqueEmail('ratelimit-v6'), as('2001:db8:5:2::1'))).status, 303);
  // Bytes that are a newline in the prefix (0a) are matched like any other.
  await spend('2001:a0a:a0a:a0a::1');
  assert.equal((await askLink(front.visitor(), uniqueEmail('ratelimit-v6'), as('2001:a0a:a0a:a0a::2'))).status, 429);
  // IPv4-mapped addresses (::ffff:a.b.c.d) share the /64 ::ffff:0:0 but are distinct IPv4 clients.
  await spend('::ffff:198.51.100.40');
  assert.equal((await askLink(front.visitor(), uniqueEmail('ratelimit-v6'), as('::ffff:198.51.100.41'))).status, 303);
  assert.equal((await askLink(front.visitor(), uniqueEmail('ratelimit-v6'), as('::ffff:198.51.100.40'))).status, 429);
});

test('a client connecting over IPv6 is limited too (its key is not empty)', async () => {
  // An empty key is never limited: a map that gave IPv6 nothing would let it through unbounded.
  const v6 = await startFrontNginx({ NGINX_LIMIT_RATE: '1r/m', NGINX_LIMIT_BURST: String(BURST) }, { ipv6: true });
  try {
    for (let i = 0; i <= BURST; i += 1) {
      const response = await askLink(v6.visitor(v6.ipv6BaseUrl), uniqueEmail('ratelimit-v6-direct'));
      assert.equal(response.status, 303, `request ${i + 1} over [::1] is within the burst`);
    }
    assert.equal((await askLink(v6.visitor(v6.ipv6BaseUrl), uniqueEmail('ratelimit-v6-direct'))).status, 429);
    // 127.0.0.1, another client of the same nginx, has its own key.
    assert.equal((await askLink(v6.visitor(), uniqueEmail('ratelimit-v6-direct'))).status, 303);
  } finally {
    await v6.stop();
  }
});
