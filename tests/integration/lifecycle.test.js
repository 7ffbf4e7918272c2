// From the emailed link to a live OVH room (the emulator), the conference page and the
// cancellation; every failure path keeps the invariant "active row ⇔ live room".
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { newBrowser, db, maildev, emulator, stack } = require('./lib');
const { uniqueEmail, requestLink, confirm, book, alertsIn, decoded } = require('./lib/flows');
const { runJob } = require('./lib/jobs');

const MINUTE = 60 * 1000;

test.afterEach(async () => {
  await emulator.clearFaults();
});

/** Where a test starts: rooms and rows after this mark are the test's own. */
async function invariantMark() {
  const [state, now] = await Promise.all([emulator.state(), db.queryOne('SELECT now() AS now')]);
  return { rooms: state.rooms.length, since: now.now };
}

/** Active rows and live emulator rooms created since `mark` describe the same conferences. */
async function assertInvariant(mark) {
  const active = await db.query(`SELECT id FROM conferences WHERE "canceledAt" IS NULL AND "expiresAt" > now() + interval '30 seconds' AND "createdAt" >= $1::timestamptz`, [mark.since]);
  const state = await emulator.state();
  const live = state.rooms.slice(mark.rooms).filter((room) => room.expirationDate && Date.parse(room.expirationDate) > Date.now() + 30000);
  assert.equal(live.length, active.length, `live rooms ${live.length} vs active rows ${active.length}`);
  const pending = await db.query('SELECT id FROM pending_conferences');
  assert.equal(pending.length, 0, 'no pending conference left behind');
}

/** The landing page, with a fixed notice code when the visitor has no session (issue #15). */
const LANDING = /^\/(\?message=[a-z-]+)?$/;

test('the full journey in duration mode creates a configured room and mails its details', async () => {
  const mark = await invariantMark();
  const browser = newBrowser();
  const email = uniqueEmail();
  const started = Date.now();
  const { id, code } = await book(browser, email, { durationInMinutes: '120' });

  const room = await emulator.room(code);
  assert.ok(room, 'the emulator has the room whose number is the code');
  assert.equal(room.pin, '0');
  assert.equal(room.recordStatus, false);
  assert.equal(room.reportStatus, 'none');
  const expiry = Date.parse(room.expirationDate);
  assert.ok(Math.abs(expiry - (started + 120 * MINUTE)) < 2 * MINUTE, `expiry ${room.expirationDate}`);

  const row = await db.queryOne('SELECT email, "phoneNumber", "durationInMinutes", "conferenceDay", domain, "hashedEmail", "roomNumberSealed" FROM conferences WHERE id = $1', [id]);
  assert.equal(row.email, email);
  assert.equal(row.durationInMinutes, '120');
  assert.equal(row.conferenceDay, null);
  assert.equal(row.domain, 'example.gouv.fr');
  assert.match(row.hashedEmail, /^[0-9a-f]{64}$/);
  assert.ok(row.roomNumberSealed && !row.roomNumberSealed.includes(code), 'the code is stored only encrypted');

  const mail = await maildev.waitForEmail(email, { subject: 'est réservée' });
  assert.equal(mail.subject, 'Votre conférence téléphonique est réservée');
  const grouped = `${code.slice(0, 3)} ${code.slice(3, 6)} ${code.slice(6)}`;
  assert.match(mail.text, new RegExp(grouped));
  assert.match(mail.text, /01 22 33 44 55/);
  assert.match(mail.html, new RegExp(`tel:\\+33122334455,,${code}%23`));

  const page = await browser.get(`/conferences/${id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /01 22 33 44 55/);
  assert.match(decoded(page.text), /active pendant 2 heures, elle expirera le/);
  assert.doesNotMatch(page.text, new RegExp(code), 'the code never comes back from the server');
  assert.match(page.text, new RegExp(`/conferences/${id}/annuler`));
  await assertInvariant(mark);
});

test('opening the link (GET) changes nothing; the confirmation page posts the token', async () => {
  const browser = newBrowser();
  const email = uniqueEmail();
  const { token } = await requestLink(browser, email);
  const before = await emulator.state();
  const page = await browser.get(`/creer-conf?token=${encodeURIComponent(token)}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<form[^>]*method="post"/);
  assert.match(page.text, new RegExp(`name="token" value="${token}"`));
  assert.match(page.text, /auto-submit\.js/);
  const after = await emulator.state();
  assert.equal(after.rooms.length, before.rooms.length);
  const row = await db.queryOne('SELECT "consumedAt", "claimedUntil" FROM "loginTokens" WHERE email = $1', [email]);
  assert.equal(row.consumedAt, null);
  assert.equal(row.claimedUntil, null);
  // A second GET still works, and the POST then creates the conference.
  assert.equal((await browser.get(`/creer-conf?token=${encodeURIComponent(token)}`)).status, 200);
  assert.equal((await confirm(browser, token)).status, 303);
});

test('two concurrent POSTs of the same link make exactly one conference', async () => {
  const mark = await invariantMark();
  const email = uniqueEmail('concurrent');
  const { token } = await requestLink(newBrowser(), email);
  const results = await Promise.all([confirm(newBrowser(), token), confirm(newBrowser(), token), confirm(newBrowser(), token)]);
  const created = results.filter((r) => /^\/conferences\//.test(r.location || ''));
  assert.equal(created.length, 1, `locations: ${results.map((r) => r.location)}`);
  const rows = await db.query('SELECT id FROM conferences WHERE email = $1', [email]);
  assert.equal(rows.length, 1);
  await assertInvariant(mark);
});

test('a used link says the conference exists; an expired or unknown link says it expired', async () => {
  const browser = newBrowser();
  const { token, email } = await book(browser);
  const reuse = await confirm(browser, token);
  assert.equal(reuse.location, '/');
  assert.match(alertsIn((await browser.get('/')).text)[0].text, /déjà été créée/);
  assert.equal((await db.query('SELECT id FROM conferences WHERE email = $1', [email])).length, 1);

  const other = uniqueEmail();
  const { token: old } = await requestLink(browser, other);
  await db.exec(`UPDATE "loginTokens" SET "expiresAt" = now() - interval '1 minute' WHERE email = $1`, [other]);
  // A GET without a session carries the message as a fixed code (issue #15: no session row).
  for (const attempt of [() => browser.get(`/creer-conf?token=${old}`), () => confirm(browser, old)]) {
    const response = await attempt();
    assert.match(response.location, LANDING);
    assert.match(alertsIn((await browser.get(response.location)).text)[0].text, /ne marche plus, il a expiré/);
  }
  for (const bogus of ['', 'short', 'x'.repeat(43), '../../etc/passwd']) {
    const response = await browser.get(`/creer-conf?token=${encodeURIComponent(bogus)}`);
    assert.match(response.location, LANDING);
    assert.match(alertsIn((await browser.get(response.location)).text)[0].text, /ne marche plus/);
  }
});

async function expectOvhFailure(fault, { timeoutBound = 15000 } = {}) {
  const mark = await invariantMark();
  const browser = newBrowser();
  const email = uniqueEmail('ovhfail');
  const { token } = await requestLink(browser, email);
  await emulator.addFault(fault);
  const started = Date.now();
  const response = await confirm(browser, token);
  assert.ok(Date.now() - started < timeoutBound, `answered in ${Date.now() - started} ms`);
  assert.equal(response.status, 303);
  assert.equal(response.location, '/');
  assert.match(alertsIn((await browser.get('/')).text)[0].text, /n'a pas pu être créée/);
  assert.equal((await db.query('SELECT id FROM conferences WHERE email = $1', [email])).length, 0);
  await emulator.clearFaults();
  await assertInvariant(mark);
  // The same link works once OVH is back.
  const retry = await confirm(browser, token);
  assert.match(retry.location || '', /^\/conferences\//);
  await assertInvariant(mark);
}

test('OVH failing at create leaves no room and no row, and the link can be retried', async () => {
  await expectOvhFailure({ route: 'POST rooms', count: 1, status: 500, message: 'Internal Server Error' });
});

test('OVH failing at configure expires the created room again', async () => {
  await expectOvhFailure({ route: 'PUT room', count: 1, status: 500, message: 'Internal Server Error' });
});

test('OVH hanging at create gives a bounded answer and no orphan', async () => {
  await expectOvhFailure({ route: 'POST rooms', count: 1, delayMs: 8000 });
});

test('a database failure after OVH succeeded expires the room again', async () => {
  const mark = await invariantMark();
  const browser = newBrowser();
  const email = uniqueEmail('dbfail');
  const { token } = await requestLink(browser, email);
  await db.exec(`CREATE OR REPLACE FUNCTION audioconf_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$;
                 CREATE TRIGGER audioconf_test_refuse BEFORE INSERT ON conferences FOR EACH ROW EXECUTE FUNCTION audioconf_test_refuse();`);
  try {
    const before = (await emulator.state()).rooms.length;
    const response = await confirm(browser, token);
    assert.equal(response.location, '/');
    const rooms = (await emulator.state()).rooms;
    assert.equal(rooms.length, before + 1, 'the room was created at OVH');
    const created = rooms[rooms.length - 1];
    assert.ok(Date.parse(created.expirationDate) < Date.now() + 60000, 'and expired again at once');
  } finally {
    await db.exec('DROP TRIGGER audioconf_test_refuse ON conferences; DROP FUNCTION audioconf_test_refuse();');
  }
  await assertInvariant(mark);
  const retry = await confirm(browser, token);
  assert.match(retry.location || '', /^\/conferences\//);
});

test('cancelling expires the room at OVH first, then marks the row; a second cancel is harmless', async () => {
  const mark = await invariantMark();
  const browser = newBrowser();
  const { id, code } = await book(browser);
  const confirmPage = await browser.get(`/conferences/${id}/annuler`);
  assert.equal(confirmPage.status, 200);
  assert.match(confirmPage.text, new RegExp(`action="/conferences/${id}/annuler"`));

  const response = await browser.post(`/conferences/${id}/annuler`, {});
  assert.equal(response.status, 303);
  assert.equal(response.location, '/');
  assert.match(alertsIn((await browser.get('/')).text)[0].text, /bien été annulée/);
  const room = await emulator.room(code);
  assert.ok(Date.parse(room.expirationDate) < Date.now() + 60000, `room expires at ${room.expirationDate}`);
  const row = await db.queryOne('SELECT "canceledAt" FROM conferences WHERE id = $1', [id]);
  assert.ok(row.canceledAt);

  const again = await browser.post(`/conferences/${id}/annuler`, {});
  assert.equal(again.location, '/');
  assert.match(alertsIn((await browser.get('/')).text)[0].text, /a été annulée le/);
  const page = await browser.get(`/conferences/${id}`);
  assert.match(page.location, LANDING);
  assert.match(alertsIn((await browser.get(page.location)).text)[0].text, /a été annulée/);
  await assertInvariant(mark);
});

test('cancelling while OVH is down changes nothing', async () => {
  const browser = newBrowser();
  const { id, code } = await book(browser);
  await emulator.addFault({ route: 'PUT room', count: 5, status: 500, message: 'down' });
  const response = await browser.post(`/conferences/${id}/annuler`, {});
  assert.equal(response.location, '/');
  assert.match(alertsIn((await browser.get('/')).text)[0].text, /n'a pas pu être annulée/);
  const row = await db.queryOne('SELECT "canceledAt" FROM conferences WHERE id = $1', [id]);
  assert.equal(row.canceledAt, null);
  const room = await emulator.room(code);
  assert.ok(Date.parse(room.expirationDate) > Date.now() + 60 * MINUTE);
});

test('unknown, malformed or expired conference ids redirect with the expiry message', async () => {
  const browser = newBrowser();
  const { id } = await book(browser);
  await db.exec(`UPDATE conferences SET "expiresAt" = now() - interval '1 minute' WHERE id = $1`, [id]);
  for (const path of [`/conferences/${id}`, '/conferences/00000000-0000-4000-8000-000000000000', '/conferences/not-a-uuid',
    `/conferences/${id}/annuler`]) {
    const response = await browser.get(path);
    assert.equal(response.status, 302, path);
    assert.match(response.location, LANDING);
    assert.match(alertsIn((await browser.get(response.location)).text)[0].text, /La conférence a expiré/, path);
  }
});

/**
 * Runs `action` while MailDev is paused (a mail server that takes the connection and never
 * answers); resolves with its result and how long it took. MailDev resumes even on failure.
 */
async function whileMailHangs(action) {
  stack.pauseMaildev();
  const started = Date.now();
  try {
    const result = await action();
    return { result, elapsed: Date.now() - started };
  } finally {
    stack.resumeMaildev();
  }
}

test('a mail server that does not answer still gives the code, with a warning', async () => {
  const mark = await invariantMark();
  const browser = newBrowser();
  const email = uniqueEmail('smtpdown');
  const { token } = await requestLink(browser, email);
  const { result: response, elapsed } = await whileMailHangs(() => confirm(browser, token));
  assert.ok(elapsed < 15000, `answered in ${elapsed} ms`);
  const match = /^\/conferences\/([0-9a-f-]{36})#(\d{9})$/.exec(response.location || '');
  assert.ok(match, `redirect ${response.location}`);
  const page = await browser.get(`/conferences/${match[1]}`);
  assert.equal(page.status, 200);
  const alerts = alertsIn(page.text);
  assert.equal(alerts.length, 1);
  assert.match(alerts[0].text, /l'email de confirmation n'a pas pu être envoyé/);
  assert.ok(await emulator.room(match[2]), 'the conference exists');
  await assertInvariant(mark);
});

test('slow OVH calls and a hanging mail server still answer before nginx gives up (request budget)', async () => {
  // Create and configure each take 4.9 s (each under OVH's 5 s timeout, both succeed at the
  // emulator) and the mail server hangs: without a budget the request would run past nginx's
  // 12 s (9.8 s, then 3-8 s of mail) and the visitor would get a 504. The request's 9 s call
  // budget cuts the configure short instead: a French refusal in time, the room left to purge.
  const mark = await invariantMark();
  const browser = newBrowser();
  const { token } = await requestLink(browser, uniqueEmail('budget'));
  await emulator.addFault({ route: 'POST rooms', count: 1, delayMs: 4900 });
  await emulator.addFault({ route: 'PUT room', count: 2, delayMs: 4900 });
  const { result: response, elapsed } = await whileMailHangs(() => confirm(browser, token));
  assert.ok(elapsed < 12000, `answered in ${elapsed} ms (status ${response && response.status})`);
  assert.equal(response.status, 303);
  assert.equal(response.location, '/');
  assert.match(alertsIn((await browser.get('/')).text)[0].text, /conférence/);
  await new Promise((resolve) => setTimeout(resolve, 5000)); // the late configure lands
  await emulator.clearFaults();
  // The pending row lets the purge job expire the room.
  assert.equal((await db.query('SELECT id FROM pending_conferences')).length, 1);
  await db.exec(`UPDATE pending_conferences SET created_at = now() - interval '5 minutes'`);
  await db.exec('DELETE FROM job_runs WHERE job = $1', ['purge']);
  const run = await runJob('purge');
  assert.equal(run.code, 0, run.output);
  assert.equal((await db.query('SELECT id FROM pending_conferences')).length, 0);
  await assertInvariant(mark);
});

test('a mail server that does not answer when the link is asked for leaves no token behind', async () => {
  const browser = newBrowser();
  const email = uniqueEmail('smtpdown-link');
  const { result: response } = await whileMailHangs(() => browser.post('/valider-email', { email, durationInMinutes: '60' }));
  assert.equal(response.status, 303);
  assert.equal(response.location, '/');
  assert.match(alertsIn((await browser.get('/')).text)[0].text, /Une erreur interne s'est produite/);
  assert.equal((await db.query('SELECT 1 FROM "loginTokens" WHERE email = $1', [email])).length, 0);
});


test('when OVH is down during a failed booking, the purge job expires the room later', async () => {
  const mark = await invariantMark();
  const browser = newBrowser();
  const email = uniqueEmail('purge');
  const { token } = await requestLink(browser, email);
  // The create hangs past the client's timeout (the emulator still creates the room late) and
  // the clean-up PUT fails: the booking can only leave its pending row behind.
  await emulator.addFault({ route: 'POST rooms', count: 1, delayMs: 7000 });
  await emulator.addFault({ route: 'PUT room', count: 3, status: 500, message: 'down' });
  const response = await confirm(browser, token);
  assert.equal(response.location, '/');
  const pending = await db.query('SELECT id FROM pending_conferences');
  assert.equal(pending.length, 1, 'the pending row is kept for the purge job');
  await new Promise((resolve) => setTimeout(resolve, 2500));  // the late create lands
  await emulator.clearFaults();
  const rooms = (await emulator.state()).rooms.slice(mark.rooms);
  assert.equal(rooms.length, 1);
  assert.ok(!rooms[0].expirationDate || Date.parse(rooms[0].expirationDate) > Date.now() + 60000, 'the room is live');

  // A pending row younger than the grace period belongs to a live attempt: left alone.
  await db.exec('DELETE FROM job_runs WHERE job = $1', ['purge']);
  let run = await runJob('purge');
  assert.equal(run.code, 0, run.output);
  assert.equal((await db.query('SELECT id FROM pending_conferences')).length, 1);

  await db.exec(`UPDATE pending_conferences SET created_at = now() - interval '5 minutes'`);
  await db.exec('DELETE FROM job_runs WHERE job = $1', ['purge']);
  run = await runJob('purge');
  assert.equal(run.code, 0, run.output);
  assert.equal((await db.query('SELECT id FROM pending_conferences')).length, 0);
  const after = (await emulator.state()).rooms.slice(mark.rooms)[0];
  assert.ok(Date.parse(after.expirationDate) < Date.now() + 60000, `room expires at ${after.expirationDate}`);
  await assertInvariant(mark);
  // And the link still works.
  assert.match((await confirm(browser, token)).location || '', /^\/conferences\//);
});
