// The landing page's nginx microcache (nginx/audioconf.conf.template): anonymous GET / is cached
// for 1 s, but one visitor's flash or session never reaches another, and a change of the page
// shows within a couple of seconds. The test starts its own nginx from the production template
// with the microcache on (NGINX_MICROCACHE=on), in front of the test stack's handler sockets, so
// it holds whatever the shared test stack's own setting is.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { db } = require('./lib');
const { alertsIn, decoded } = require('./lib/flows');
const { startFrontNginx } = require('./lib/front_nginx');

const SESSION_COOKIE = 'audioconf_session';

let front;

test.before(async () => {
  front = await startFrontNginx({ NGINX_MICROCACHE: 'on', NGINX_LIMIT_RATE: '6000r/m', NGINX_LIMIT_BURST: '1000' });
});

test.after(async () => {
  if (front) await front.stop();
});

function visitor() {
  return front.visitor();
}

async function anonymousPage(pathname = '/') {
  const page = await visitor().get(pathname);
  assert.equal(page.status, 200);
  assert.deepEqual(page.setCookies, [], 'an anonymous page sets no cookie');
  return page;
}

test("a visitor's flash is shown to that visitor only, never to the cookieless visitor after", async () => {
  await anonymousPage(); // the cache now holds the anonymous page
  const withFlash = visitor();
  const refused = await withFlash.post('/valider-email', { email: 'pas-une-adresse', durationInMinutes: '120' });
  assert.equal(refused.status, 303);
  assert.ok(withFlash.cookie(SESSION_COOKIE), 'the refusal starts a session holding the flash');

  const own = await withFlash.get('/');
  assert.equal(own.status, 200);
  assert.match(alertsIn(own.text)[0]?.text || '', /Email invalide/, 'the cached page must not hide the flash');

  for (const pathname of ['/', '/?utm_source=x']) {
    const other = await anonymousPage(pathname);
    assert.deepEqual(alertsIn(other.text), [], `a cookieless visitor sees no flash on ${pathname}`);
    assert.doesNotMatch(other.text, /Email invalide|pas-une-adresse/);
  }
});

test('a page carrying a session email is never stored for others', async () => {
  const agent = visitor();
  // A valid address the allow-list refuses: the flash and the typed address live in the session.
  const email = `microcache.${process.pid}.${Date.now()}@gmail.com`;
  const refused = await agent.post('/valider-email', { email, durationInMinutes: '120' });
  assert.equal(refused.status, 303);
  const own = await agent.get('/');
  assert.equal(own.status, 200);
  for (let i = 0; i < 3; i += 1) {
    const other = await anonymousPage();
    assert.ok(!other.text.includes(email), 'the address typed by another visitor never shows');
    assert.deepEqual(alertsIn(other.text), []);
  }
});

test('the anonymous page is cached briefly: a stats change shows within a couple of seconds', async () => {
  const online = 1000 + (process.pid % 1000);
  const sentence = new RegExp(`Actuellement, il y a ${online} personnes`);
  await anonymousPage(); // fills (or refreshes) the cache before the change
  await new Promise((resolve) => setTimeout(resolve, 200)); // lets a background refresh finish
  await db.exec(`INSERT INTO stats (date, "onlineParticipantsCount", "activeConfsCount", "errorConfsCount")
                 VALUES (date_trunc('second', now()) + interval '1 second', $1, 3, 0)`, [online]);
  try {
    // A visitor with our session cookie bypasses the cache: the handler's page is current.
    const bypass = await visitor().get('/', { headers: { cookie: `${SESSION_COOKIE}=none` } });
    assert.equal(bypass.status, 200);
    assert.match(decoded(bypass.text), sentence, 'the handler shows the new stats point');

    // The first anonymous visitor right after the change still gets the cached page: the cache
    // works (with the stale-while-updating rule, even when the insert took over a second).
    const cached = await anonymousPage();
    assert.doesNotMatch(decoded(cached.text), sentence, 'the anonymous page comes from the microcache');

    const start = Date.now();
    let seen = false;
    while (!seen && Date.now() - start < 3000) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      seen = sentence.test(decoded((await anonymousPage()).text));
    }
    assert.ok(seen, 'the anonymous page shows the change within 3 s');
  } finally {
    await db.exec('DELETE FROM stats WHERE "onlineParticipantsCount" = $1 AND "activeConfsCount" = 3', [online]);
  }
});
