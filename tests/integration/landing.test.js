// The landing page through nginx: content, stats line, no session for anonymous visitors.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { newBrowser, db } = require('./lib');
const { decoded } = require('./lib/flows');

/** The anonymous landing page as it is once a change has gone through nginx's short cache. */
async function landingUntil(predicate, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const html = decoded((await newBrowser().get('/')).text);
    if (predicate(html) || Date.now() > deadline) return html;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test('the landing page offers the duration choices with 2 hours selected', async () => {
  const page = await newBrowser().get('/');
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /text\/html; charset=utf-8/);
  const html = decoded(page.text);
  assert.match(html, /<html[^>]*lang="fr"/);
  assert.match(html, /<form[^>]*action="\/valider-email"[^>]*method="post"|<form[^>]*method="post"[^>]*action="\/valider-email"/);
  assert.match(html, /name="durationInMinutes"/);
  assert.doesNotMatch(html, /name="day"/);
  for (const [value, label] of [['60', '1 heure'], ['120', '2 heures'], ['240', '4 heures'], ['720', '12 heures'], ['1440', '24 heures']]) {
    assert.match(html, new RegExp(`<option value="${value}"[^>]*>\\s*${label}\\s*</option>`));
  }
  assert.match(html, /<option value="120" selected/);
  assert.match(html, /name="userTimezoneOffset"/);
  assert.match(html, /name="userTimeZone"/);
  assert.match(html, /<script src="\/static\/js\/landing\.js(\?v=[^"]*)?"/);
  assert.match(html, /Comment ça marche/);
  assert.match(html, /50 participants/);
});

test('a cookieless page view sets no cookie and writes no session', async () => {
  const before = await db.queryOne('SELECT count(*)::int AS n FROM sessions');
  const browser = newBrowser();
  for (let i = 0; i < 5; i += 1) {
    const page = await browser.get('/');
    assert.equal(page.status, 200);
    assert.deepEqual(page.setCookies, []);
  }
  const after = await db.queryOne('SELECT count(*)::int AS n FROM sessions');
  assert.equal(after.n, before.n);
});

test('the stats line shows people online from a fresh stats point, with plurals', async () => {
  // The newest point counts: other suites may have left points from the last minutes.
  await db.exec(`DELETE FROM stats WHERE date > now() - interval '10 minutes'`);
  await db.exec(`INSERT INTO stats (date, "onlineParticipantsCount", "activeConfsCount", "errorConfsCount", "bookedRoomsCount")
                 VALUES (date_trunc('second', now()) - interval '10 seconds', 7, 1, 0, 12)`);
  try {
    const html = await landingUntil((page) => /il y a 7 personnes/.test(page));
    assert.match(html, /Actuellement, il y a 7 personnes dans 1 conférence téléphonique\./);
  } finally {
    await db.exec('DELETE FROM stats WHERE "onlineParticipantsCount" = 7 AND "bookedRoomsCount" = 12');
  }
});

test('the stats line is hidden when the latest point is older than 5 minutes', async () => {
  await db.exec(`DELETE FROM stats WHERE date > now() - interval '10 minutes'`);
  await db.exec(`INSERT INTO stats (date, "onlineParticipantsCount", "activeConfsCount", "errorConfsCount")
                 VALUES (now() - interval '6 minutes', 9, 2, 0)`);
  try {
    const html = await landingUntil((page) => !/Actuellement, il y a/.test(page));
    assert.doesNotMatch(html, /Actuellement, il y a/);
  } finally {
    await db.exec(`DELETE FROM stats WHERE "onlineParticipantsCount" = 9 AND "activeConfsCount" = 2`);
  }
});

test('static pages are served by nginx with the app name', async () => {
  for (const path of ['/mentions-legales', '/contact', '/questions-frequentes']) {
    const page = await newBrowser().get(path);
    assert.equal(page.status, 200, path);
    assert.match(page.text, /<html[^>]*lang="fr"/, path);
  }
});
