// Day mode (FEATURE_RESERVATIONS=true): the day choices, their checks, and the expiry at the end
// of the chosen day in the agent's zone (IANA zone, else offset, else the server zone).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { Browser, config, db, emulator, maildev } = require('./lib');
const { uniqueEmail, requestLink, confirm, alertsIn, decoded } = require('./lib/flows');

const dayBrowser = () => new Browser({ baseUrl: config.dayBaseUrl });

/** YYYY-MM-DD of today + n days in Europe/Paris (the server zone). */
function parisDay(n = 0) {
  const base = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  const date = new Date(`${base}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

test('the landing page offers 14 days: today, tomorrow, then French dates', async () => {
  const page = await dayBrowser().get('/');
  assert.equal(page.status, 200);
  const html = decoded(page.text);
  assert.match(html, /name="day"/);
  assert.doesNotMatch(html, /name="durationInMinutes"/);
  const options = [...html.matchAll(/<option value="([0-9-]+)"[^>]*>\s*([^<]+?)\s*<\/option>/g)];
  assert.equal(options.length, 14);
  assert.deepEqual(options.map((o) => o[1]), Array.from({ length: 14 }, (_, i) => parisDay(i)));
  assert.equal(options[0][2], "Aujourd'hui");
  assert.equal(options[1][2], 'Demain');
  assert.match(options[2][2], /^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) (1er|\d{1,2}) (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}$/);
});

test('a missing, past, out-of-window or impossible day is refused', async () => {
  for (const day of [undefined, '', parisDay(-1), parisDay(14), '2026-02-30', 'demain', `${parisDay(1)}x`]) {
    const browser = dayBrowser();
    const form = { email: 'agent@example.gouv.fr', userTimezoneOffset: '-60' };
    if (day !== undefined) form.day = day;
    const response = await browser.post('/valider-email', form);
    assert.equal(response.status, 303, String(day));
    assert.equal(response.location, '/');
    assert.match(alertsIn((await browser.get('/')).text)[0].text, /Choisissez le jour/, String(day));
  }
});

test('a day booked from Cayenne ends at 23:59:59 Cayenne time, daylight saving aside', async () => {
  const browser = dayBrowser();
  const email = uniqueEmail('cayenne');
  const day = parisDay(3);
  const { token } = await requestLink(browser, email, { day, userTimeZone: 'America/Cayenne', userTimezoneOffset: '180' });
  const response = await confirm(browser, token);
  const match = /^\/conferences\/([0-9a-f-]{36})#(\d{9})$/.exec(response.location || '');
  assert.ok(match, `redirect ${response.location}`);
  const room = await emulator.room(match[2]);
  const next = new Date(`${day}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  assert.equal(new Date(room.expirationDate).toISOString(), `${next.toISOString().slice(0, 10)}T02:59:59.000Z`);
  const row = await db.queryOne('SELECT "durationInMinutes", "conferenceDay"::text AS day FROM conferences WHERE id = $1', [match[1]]);
  assert.equal(row.durationInMinutes, null);
  assert.equal(row.day, day);
  const mail = await maildev.waitForEmail(email, { subject: 'est réservée' });
  assert.match(mail.subject, /^Votre conférence téléphonique du (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) .+ est réservée$/);
  const page = await browser.get(`/conferences/${match[1]}`);
  assert.match(decoded(page.text), /active toute la journée du .+ \(heure de Cayenne\)/);
});

test('without a zone name the offset decides; without either, the server zone', async () => {
  const day = parisDay(2);
  const withOffset = dayBrowser();
  const { token: t1 } = await requestLink(withOffset, uniqueEmail('offset'), { day, userTimezoneOffset: '-240' });
  const first = /#(\d{9})$/.exec((await confirm(withOffset, t1)).location)[1];
  assert.equal(new Date((await emulator.room(first)).expirationDate).toISOString(), `${day}T19:59:59.000Z`);

  const noScript = dayBrowser();
  const response = await noScript.post('/valider-email', { email: uniqueEmail('noscript'), day });
  assert.equal(response.status, 303);
  const email = decodeURIComponent(response.location.split('email=')[1]);
  const mail = await maildev.waitForEmail(email, { subject: 'Confirmez' });
  const token = new URL(maildev.linksIn(mail).find((l) => l.includes('token='))).searchParams.get('token');
  const second = /#(\d{9})$/.exec((await confirm(noScript, token)).location)[1];
  const expected = await db.queryOne(`SELECT to_char((($1::date + time '23:59:59') AT TIME ZONE 'Europe/Paris') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') AS at`, [day]);
  assert.equal(new Date((await emulator.room(second)).expirationDate).toISOString(), `${expected.at}.000Z`);
});

test('a day that is over when the link is used is refused and the link stays usable', async () => {
  const browser = dayBrowser();
  const email = uniqueEmail('over');
  const { token } = await requestLink(browser, email, { day: parisDay(1), userTimeZone: 'Europe/Paris' });
  await db.exec(`UPDATE "loginTokens" SET "conferenceDay" = $2::date WHERE email = $1`, [email, parisDay(-1)]);
  const rooms = (await emulator.state()).rooms.length;
  const response = await confirm(browser, token);
  assert.equal(response.location, '/');
  assert.match(alertsIn((await browser.get('/')).text)[0].text, /déjà terminée/);
  assert.equal((await emulator.state()).rooms.length, rooms, 'no room created');
  const row = await db.queryOne('SELECT "consumedAt", "claimedUntil" FROM "loginTokens" WHERE email = $1', [email]);
  assert.equal(row.consumedAt, null);
  assert.equal(row.claimedUntil, null);
});
