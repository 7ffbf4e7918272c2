// Overload (SPEC §8): the routes that wait on OVH run in their own worker pools (deploy/stack.conf,
// kind "ovh"), so a slow OVH delays neither the other routes nor the bookings queued behind one
// another; past a pool's capacity nginx answers at once with the French 503 page and Retry-After,
// and the link still works afterwards. Bounds are generous: they only catch a stall (a request
// queued behind 4 s room creations waits whole multiples of 4 s).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { newBrowser, emulator } = require('./lib');
const { uniqueEmail, requestLink, confirm } = require('./lib/flows');
const { startFrontNginx } = require('./lib/front_nginx');

const ROOM_DELAY_MS = 4000;
const ID_AND_CODE = /^\/conferences\/([0-9a-f-]{36})#(\d{9})$/;

async function timed(promise) {
  const started = Date.now();
  const response = await promise;
  return { response, ms: Date.now() - started };
}

/** `count` booking links, one address each (the validation emails are sent one by one). */
async function links(browser, count) {
  const tokens = [];
  for (let i = 0; i < count; i += 1) tokens.push((await requestLink(browser, uniqueEmail('overload'))).token);
  return tokens;
}

test.afterEach(() => emulator.clearFaults());

test('16 bookings while OVH takes 4 s per room: all get their conference, other routes stay fast', async () => {
  const browser = newBrowser();
  const tokens = await links(browser, 16);
  await emulator.addFault({ route: 'POST rooms', count: tokens.length, delayMs: ROOM_DELAY_MS });

  const bookings = tokens.map((token) => timed(confirm(newBrowser(), token)));
  // Meanwhile, a route that never calls OVH (its pool is not the bookings' one).
  await new Promise((resolve) => setTimeout(resolve, 300));
  const validation = await timed(newBrowser().post('/valider-email', {
    email: uniqueEmail('overload-meanwhile'), userTimezoneOffset: '-60', durationInMinutes: '120',
  }));
  assert.equal(validation.response.status, 303, validation.response.text.slice(0, 300));
  assert.ok(validation.ms < 1000, `POST /valider-email took ${validation.ms} ms while OVH was slow`);

  const results = await Promise.all(bookings);
  const conferences = [];
  for (const { response, ms } of results) {
    assert.equal(response.status, 303, `creer-conf answered ${response.status} after ${ms} ms: ${response.text.slice(0, 200)}`);
    const match = ID_AND_CODE.exec(response.location || '');
    assert.ok(match, `unexpected redirect ${response.location}`);
    // All at once: each one waited for its own room creation only, not for the others'.
    assert.ok(ms < 2 * ROOM_DELAY_MS, `a booking took ${ms} ms: it queued behind another one`);
    conferences.push(match[1]);
  }
  assert.equal(new Set(conferences).size, tokens.length);
  const page = await browser.get(`/conferences/${conferences[0]}`);
  assert.equal(page.status, 200);
});

test('past the OVH pool’s capacity: an immediate French 503 with Retry-After, and the link still works', async (t) => {
  // A second nginx on the same handlers, whose book-ovh pool limit is 2 (its worker count as
  // nginx knows it); the test stack's own nginx keeps its configured capacity.
  const front = await startFrontNginx({ WORKERS_BOOK_OVH: '2' });
  t.after(() => front.stop());
  const browser = front.visitor();
  const tokens = await links(newBrowser(), 3);
  await emulator.addFault({ route: 'POST rooms', count: 2, delayMs: ROOM_DELAY_MS });

  const busy = [confirm(front.visitor(), tokens[0]), confirm(front.visitor(), tokens[1])];
  await new Promise((resolve) => setTimeout(resolve, 500));
  const refused = await timed(confirm(browser, tokens[2]));
  assert.equal(refused.response.status, 503, refused.response.text.slice(0, 300));
  assert.ok(refused.ms < 1000, `the 503 took ${refused.ms} ms`);
  assert.match(refused.response.headers.get('content-type') || '', /^text\/html/);
  assert.match(refused.response.text, /Le service est très demandé/);
  assert.match(refused.response.headers.get('retry-after') || '', /^\d+$/);
  assert.match(refused.response.headers.get('content-security-policy') || '', /default-src 'self'/);
  // Only the OVH-bound method is limited: the confirmation page of the same link answers.
  const page = await timed(browser.get(`/creer-conf?token=${encodeURIComponent(tokens[2])}`));
  assert.equal(page.response.status, 200);
  assert.ok(page.ms < 1000, `GET /creer-conf took ${page.ms} ms while the OVH pool was full`);

  for (const response of await Promise.all(busy)) {
    assert.equal(response.status, 303, response.text.slice(0, 200));
    assert.match(response.location || '', ID_AND_CODE);
  }
  // The refused link was not used up: it books now.
  const retried = await confirm(browser, tokens[2]);
  assert.equal(retried.status, 303, retried.text.slice(0, 300));
  assert.match(retried.location || '', ID_AND_CODE);
});

test('ProConnect’s return books, so it counts in the OVH pool’s capacity: past it, the same immediate 503', async (t) => {
  // As above: a second nginx whose book-ovh limit is 2, filled by two bookings waiting on OVH.
  // The return (a GET) must be refused at once too, not queued behind them: the handlers' real
  // pool has free workers, so only nginx's count of this GET can answer 503 here.
  const front = await startFrontNginx({ WORKERS_BOOK_OVH: '2' });
  t.after(() => front.stop());
  const tokens = await links(newBrowser(), 2);
  await emulator.addFault({ route: 'POST rooms', count: 2, delayMs: ROOM_DELAY_MS });

  const busy = tokens.map((token) => confirm(front.visitor(), token));
  await new Promise((resolve) => setTimeout(resolve, 500));
  const refused = await timed(front.visitor().get('/connexion/proconnect/retour?code=c&state=s'));
  assert.equal(refused.response.status, 503, refused.response.text.slice(0, 300));
  assert.ok(refused.ms < 1000, `the 503 took ${refused.ms} ms`);
  assert.match(refused.response.text, /Le service est très demandé/);

  for (const response of await Promise.all(busy)) assert.equal(response.status, 303, response.text.slice(0, 200));
  // With the pool free again, the same forged return gets the handler's answer (a redirect with
  // a French message), not the 503.
  const answered = await front.visitor().get('/connexion/proconnect/retour?code=c&state=s');
  assert.notEqual(answered.status, 503);
});
