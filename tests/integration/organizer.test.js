// The organizer's tools through nginx against the emulator's simulated calls (SPEC §8): the
// participants page and its JSON, every moderation action as the emulator sees it, the shared
// snapshot (one OVH refresh per interval whatever the number of viewers), OVH refusing (429)
// or hanging, and adopted conferences.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { newBrowser, emulator, db } = require('./lib');
const { book, decoded } = require('./lib/flows');

const REFRESH_MS = 5000; // PARTICIPANTS_REFRESH_SECONDS (default 5) in the test stack
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test.afterEach(async () => {
  await emulator.clearFaults();
  await emulator.control('DELETE', '/_emulator/rate-limit');
});

/** A booked conference with a simulated call of `people`, all on the line. */
async function liveCall(people, talkEverySeconds = 1) {
  const browser = newBrowser();
  const conference = await book(browser);
  await emulator.control('POST', '/_emulator/simulate', {
    roomNumber: Number(conference.code),
    participants: people,
    talkEverySeconds,
    hangUps: false, // the same people all along: these tests count them
  });
  await sleep(4500); // everyone joins within about four seconds
  return { browser, ...conference };
}

function onTheLine(state, code) {
  return state.participants.filter((p) => String(p.roomNumber) === String(code));
}

/** The participants page's rows: [{ id, cells }]. */
function rows(html) {
  const out = [];
  for (const match of html.matchAll(/<tr data-participant="(\d+)">([\s\S]*?)<\/tr>/g)) {
    const cells = [...match[2].matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => decoded(m[1]).trim());
    out.push({ id: Number(match[1]), cells });
  }
  return out;
}

/** Waits until the page's data is older than the refresh interval, then reads the page. */
async function freshPage(browser, id) {
  await sleep(REFRESH_MS + 200);
  const page = await browser.get(`/conferences/${id}/participants`);
  assert.equal(page.status, 200, page.text.slice(0, 300));
  return page;
}

test('a simulated call shows its people, masked, with arrival, talking and microphone', async () => {
  const { browser, id, code } = await liveCall(8);
  const conferencePage = await browser.get(`/conferences/${id}`);
  assert.match(decoded(conferencePage.text), new RegExp(`href="/conferences/${id}/participants">Gérer les participants`));

  const page = await browser.get(`/conferences/${id}/participants`);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('cache-control'), 'no-store');
  const html = decoded(page.text);
  const shown = rows(page.text);
  const state = await emulator.state();
  const live = onTheLine(state, code);
  assert.equal(live.length, 8);
  assert.deepEqual(shown.map((r) => r.id).sort(), live.map((p) => p.id).sort());
  for (const person of live) {
    const row = shown.find((r) => r.id === person.id);
    if (person.callerNumber === '') {
      assert.equal(row.cells[0], 'Numéro masqué');
    } else {
      const national = `0${person.callerNumber.slice(4)}`;
      assert.equal(row.cells[0], `${national.slice(0, 2)} ${national.slice(2, 4)} •• •• ${national.slice(8, 10)}`);
      assert.ok(!html.includes(person.callerNumber) && !html.includes(national), 'never the full number');
    }
    // Arrival in Paris time, e.g. "14h05".
    const arrival = new Date(person.arrivalDateTime).toLocaleTimeString('fr-FR', { timeZone: 'Europe/Paris', hour: 'numeric', minute: '2-digit' }).replace(':', 'h');
    assert.equal(row.cells[1], arrival.replace(/^0/, ''));
    assert.match(row.cells[2], /^(Parle|—)$/);
    assert.equal(row.cells[3], 'Activé');
  }
  assert.ok(live.some((p) => p.callerNumber === ''), 'the simulation hides one number in seven');
  assert.match(html, /Liste mise à jour il y a \d+ s\./);
  assert.match(html, /Personnes en ligne \(8\)/);

  const json = await browser.get(`/conferences/${id}/participants.json`);
  assert.equal(json.status, 200);
  assert.equal(json.headers.get('cache-control'), 'no-store');
  const data = json.json();
  assert.equal(data.participants.length, 8);
  assert.equal(data.locked, false);
  assert.equal(typeof data.ageSeconds, 'number');
  assert.ok(data.participants.every((p) => typeof p.talking === 'boolean' && typeof p.speak === 'boolean'));

  // The snapshot keeps masked numbers only.
  const snapshot = await db.queryOne('SELECT participants::text AS p FROM participant_snapshots WHERE "conferenceId" = $1', [id]);
  for (const person of live) {
    if (person.callerNumber) assert.ok(!snapshot.p.includes(person.callerNumber.slice(4)), 'no full number stored');
  }
});

test('an empty room says so', async () => {
  const browser = newBrowser();
  const { id } = await book(browser);
  const page = await browser.get(`/conferences/${id}/participants`);
  assert.equal(page.status, 200);
  assert.match(decoded(page.text), /Personne n’est en ligne pour le moment\./);
});

test('mute, unmute and exclude change the emulator and the page shows it', async () => {
  const { browser, id, code } = await liveCall(3, 3600);
  await browser.get(`/conferences/${id}/participants`);
  const [first, second] = onTheLine(await emulator.state(), code);

  // Without JavaScript: POST, then a redirect to the page with the message.
  const muted = await browser.post(`/conferences/${id}/participants/${first.id}/couper-micro`, {});
  assert.equal(muted.status, 303);
  assert.equal(muted.location, `/conferences/${id}/participants`);
  let person = onTheLine(await emulator.state(), code).find((p) => p.id === first.id);
  assert.equal(person.speak, false);
  let page = await browser.follow(muted);
  assert.match(decoded(page.text), /Le micro a été coupé\./);
  assert.equal(rows(page.text).find((r) => r.id === first.id).cells[3], 'Coupé');
  assert.match(page.text, new RegExp(`/participants/${first.id}/activer-micro`));

  // With JavaScript: the same POST answers JSON with the refreshed list.
  const unmuted = await browser.post(`/conferences/${id}/participants/${first.id}/activer-micro`, {}, { headers: { Accept: 'application/json' } });
  assert.equal(unmuted.status, 200);
  const data = unmuted.json();
  assert.equal(data.ok, true);
  assert.equal(data.message, 'Le micro a été activé.');
  assert.equal(data.participants.find((p) => p.id === first.id).speak, true);
  person = onTheLine(await emulator.state(), code).find((p) => p.id === first.id);
  assert.equal(person.speak, true);

  const excluded = await browser.post(`/conferences/${id}/participants/${second.id}/exclure`, {});
  assert.equal(excluded.status, 303);
  assert.ok(!onTheLine(await emulator.state(), code).some((p) => p.id === second.id), 'kicked at OVH');
  page = await browser.follow(excluded);
  assert.match(decoded(page.text), /La personne a été exclue de la conférence\./);
  assert.ok(!rows(page.text).some((r) => r.id === second.id));

  // Someone no longer there: a clear message, no error.
  const gone = await browser.post(`/conferences/${id}/participants/${second.id}/couper-micro`, {}, { headers: { Accept: 'application/json' } });
  assert.equal(gone.json().message, 'Cette personne n’est plus en ligne.');
});

test('mute everyone reports how many microphones were muted', async () => {
  const { browser, id, code } = await liveCall(5, 3600);
  const answer = await browser.post(`/conferences/${id}/couper-tous-les-micros`, {}, { headers: { Accept: 'application/json' } });
  assert.equal(answer.status, 200);
  assert.equal(answer.json().message, '5 sur 5 micros coupés.');
  assert.ok(onTheLine(await emulator.state(), code).every((p) => p.speak === false));
});

test('lock refuses new callers at the emulator, unlock lets them in, and the page says which', async () => {
  const { browser, id, code } = await liveCall(1, 3600);
  const locked = await browser.post(`/conferences/${id}/verrouiller`, {});
  assert.equal(locked.status, 303);
  assert.equal((await emulator.room(code)).locked, true);
  const row = await db.queryOne('SELECT "roomLocked" FROM conferences WHERE id = $1', [id]);
  assert.equal(row.roomLocked, true);
  let page = await browser.follow(locked);
  assert.match(decoded(page.text), /La conférence est verrouillée : plus personne ne peut la rejoindre\./);
  assert.match(page.text, /\/deverrouiller/);
  // A new simulated call on the locked room: nobody gets in.
  await emulator.control('POST', '/_emulator/simulate', { roomNumber: Number(code), participants: 3, hangUps: false });
  await sleep(4500);
  assert.equal(onTheLine(await emulator.state(), code).length, 0);

  const unlocked = await browser.post(`/conferences/${id}/deverrouiller`, {});
  assert.equal((await emulator.room(code)).locked, false);
  page = await browser.follow(unlocked);
  assert.match(decoded(page.text), /La conférence est déverrouillée/);
  await sleep(6000); // refused callers try again every five seconds
  assert.equal(onTheLine(await emulator.state(), code).length, 3);
});

test('OVH refusing an action changes nothing and says so', async () => {
  const { browser, id, code } = await liveCall(1, 3600);
  await emulator.addFault({ route: 'POST room-lock', status: 500 });
  const answer = await browser.post(`/conferences/${id}/verrouiller`, {}, { headers: { Accept: 'application/json' } });
  assert.equal(answer.json().ok, false);
  assert.match(answer.json().message, /rien n’a été modifié/);
  assert.equal((await emulator.room(code)).locked, false);
  const row = await db.queryOne('SELECT "roomLocked" FROM conferences WHERE id = $1', [id]);
  assert.equal(row.roomLocked, false);
});

test('10 viewers of one room for 60 s cause at most one OVH list per refresh interval', { timeout: 120000 }, async () => {
  const { id } = await liveCall(4);
  const viewers = Array.from({ length: 10 }, () => newBrowser());
  const before = (await emulator.state()).calls['GET participants'] || 0;
  const started = Date.now();
  const durationMs = 60000; // the minute: a sliding budget or a lease bug shows over time
  await Promise.all(viewers.map(async (viewer, index) => {
    await sleep(index * 50);
    while (Date.now() - started < durationMs) {
      const answer = await viewer.get(`/conferences/${id}/participants.json`);
      assert.equal(answer.status, 200);
      await sleep(400);
    }
  }));
  const lists = ((await emulator.state()).calls['GET participants'] || 0) - before;
  const intervals = Math.ceil(durationMs / REFRESH_MS) + 1;
  assert.ok(lists >= 2, `the room was refreshed (${lists})`);
  assert.ok(lists <= intervals, `${lists} lists for ${intervals} intervals`);
});

test('OVH answering 429 or hanging: the page still answers within budget and says the data is old', async () => {
  const { browser, id } = await liveCall(2);
  await browser.get(`/conferences/${id}/participants`);
  await emulator.control('POST', '/_emulator/rate-limit', { perMinute: 0 });
  let started = Date.now();
  let page = await freshPage(browser, id);
  started = Date.now() - started - REFRESH_MS - 200;
  assert.ok(started < 3000, `429 answered in ${started} ms`);
  let html = decoded(page.text);
  assert.match(html, /L’opérateur téléphonique n’a pas répondu : ces informations peuvent être anciennes\./);
  assert.equal(rows(page.text).length, 2, 'the last list is still shown');
  await emulator.control('DELETE', '/_emulator/rate-limit');

  await emulator.addFault({ route: 'GET participants', delayMs: 30000, count: 5 });
  await sleep(REFRESH_MS + 200);
  started = Date.now();
  page = await browser.get(`/conferences/${id}/participants`, { timeoutMs: 20000 });
  const elapsed = Date.now() - started;
  assert.equal(page.status, 200);
  assert.ok(elapsed < 12000, `answered in ${elapsed} ms`);
  html = decoded(page.text);
  assert.match(html, /ces informations peuvent être anciennes/);
  assert.match(html, /Liste mise à jour il y a \d+ s\./);
});

test('cancelled, unknown and adopted conferences get clear answers', async () => {
  const browser = newBrowser();
  const { id } = await book(browser);
  await browser.get(`/conferences/${id}/participants`);
  const cancel = await browser.post(`/conferences/${id}/annuler`, {});
  assert.equal(cancel.status, 303);
  const cancelled = await browser.get(`/conferences/${id}/participants`);
  assert.equal(cancelled.status, 302);
  const landing = await browser.follow(cancelled);
  assert.match(decoded(landing.text), /La conférence a été annulée le/);
  const snapshot = await db.queryOne('SELECT count(*)::int AS n FROM participant_snapshots WHERE "conferenceId" = $1', [id]);
  assert.equal(snapshot.n, 0, 'the snapshot goes with the conference');

  const adopted = await book(browser);
  await db.exec('UPDATE conferences SET "roomNumberSealed" = NULL WHERE id = $1', [adopted.id]);
  const page = await browser.get(`/conferences/${adopted.id}/participants`);
  assert.equal(page.status, 409);
  assert.match(decoded(page.text), /indisponible pour cette conférence/);
  const action = await browser.post(`/conferences/${adopted.id}/verrouiller`, {});
  assert.equal(action.status, 409);
  assert.match(decoded(action.text), /indisponible pour cette conférence/);
});

/** Active rows and live emulator rooms of this conference agree (the invariant, one room). */
async function assertRowMatchesRoom(id, code) {
  const row = await db.queryOne('SELECT "expiresAt", "canceledAt" FROM conferences WHERE id = $1', [id]);
  const room = await emulator.room(code);
  const rowActive = row.canceledAt === null && new Date(row.expiresAt).getTime() > Date.now();
  const roomLive = room.expirationDate !== null && Date.parse(room.expirationDate) > Date.now() + 30000;
  assert.equal(roomLive, rowActive, `row active ${rowActive}, room live ${roomLive}`);
  if (rowActive) {
    assert.ok(Math.abs(Date.parse(room.expirationDate) - new Date(row.expiresAt).getTime()) < 1000, 'same expiry');
  }
}

test('extend adds one hour at OVH and on our row, and the page says until when', async () => {
  const browser = newBrowser();
  const { id, code } = await book(browser); // 120 minutes
  const before = Date.parse((await emulator.room(code)).expirationDate);
  const extended = await browser.post(`/conferences/${id}/prolonger`, {});
  assert.equal(extended.status, 303);
  assert.equal(extended.location, `/conferences/${id}/participants`);
  const after = Date.parse((await emulator.room(code)).expirationDate);
  // One hour after the expiry as our row reads it (whole seconds): the same at OVH and on the row.
  assert.ok(Math.abs(after - before - 60 * 60 * 1000) < 1000, `moved by ${after - before} ms`);
  await assertRowMatchesRoom(id, code);
  const page = await browser.follow(extended);
  assert.match(decoded(page.text), /La conférence est prolongée d’une heure\. Cette conférence est active pendant 3 heures/);
  const row = await db.queryOne('SELECT "durationInMinutes" FROM conferences WHERE id = $1', [id]);
  assert.equal(row.durationInMinutes, '180');
});

test('extend past the maximum duration, or refused by OVH, changes nothing', async () => {
  const browser = newBrowser();
  const { id, code } = await book(browser, undefined, { durationInMinutes: '1440' });
  const before = (await emulator.room(code)).expirationDate;
  const refused = await browser.post(`/conferences/${id}/prolonger`, {}, { headers: { Accept: 'application/json' } });
  assert.equal(refused.json().ok, false);
  assert.match(refused.json().message, /ne peut pas être prolongée/);
  assert.equal((await emulator.room(code)).expirationDate, before);

  const other = await book(browser);
  const otherBefore = (await emulator.room(other.code)).expirationDate;
  await emulator.addFault({ route: 'PUT room', status: 500 });
  const failed = await browser.post(`/conferences/${other.id}/prolonger`, {}, { headers: { Accept: 'application/json' } });
  assert.match(failed.json().message, /rien n’a été modifié/);
  assert.equal((await emulator.room(other.code)).expirationDate, otherBefore);
  await assertRowMatchesRoom(other.id, other.code);
});

test('end locks the room, cuts everyone off, expires it and cancels the row', async () => {
  const { browser, id, code } = await liveCall(4, 3600);
  const ended = await browser.post(`/conferences/${id}/terminer`, {});
  assert.equal(ended.status, 303);
  assert.equal(ended.location, '/');
  const state = await emulator.state();
  assert.equal(onTheLine(state, code).length, 0, 'no one left on the line');
  const room = state.rooms.find((r) => String(r.roomNumber) === code);
  assert.equal(room.locked, true);
  assert.ok(Date.parse(room.expirationDate) < Date.now() + 60000, 'the room expires now');
  const row = await db.queryOne('SELECT "canceledAt" FROM conferences WHERE id = $1', [id]);
  assert.notEqual(row.canceledAt, null);
  const landing = await browser.follow(ended);
  assert.match(decoded(landing.text), /La conférence est terminée : 4 sur 4 participants ont été déconnectés\./);
  await assertRowMatchesRoom(id, code);
});

test('cancelling also cuts off the people already on the line, as its page promises', async () => {
  const { browser, id, code } = await liveCall(3, 3600);
  const page = await browser.get(`/conferences/${id}/annuler`);
  assert.match(decoded(page.text), /même les participants déjà connectés/);
  const cancelled = await browser.post(`/conferences/${id}/annuler`, {});
  assert.equal(cancelled.status, 303);
  assert.equal(onTheLine(await emulator.state(), code).length, 0);
  assert.equal((await emulator.room(code)).locked, true);
  await assertRowMatchesRoom(id, code);
});

test('the invitation (.ics) parses with a real parser, field by field, and follows an extension', async () => {
  const ICAL = (await import('ical.js')).default;
  const browser = newBrowser();
  const { id, code } = await book(browser); // 120 minutes
  const conferencePage = await browser.get(`/conferences/${id}`);
  assert.match(conferencePage.text, new RegExp(`href="/conferences/${id}/invitation.ics" download`));

  const answer = await browser.get(`/conferences/${id}/invitation.ics`);
  assert.equal(answer.status, 200);
  assert.equal(answer.headers.get('content-type'), 'text/calendar; charset=utf-8');
  assert.match(answer.headers.get('content-disposition'), /^attachment; filename="conference\.ics"$/);
  for (const physical of answer.text.split('\r\n').slice(0, -1)) {
    assert.ok(Buffer.byteLength(physical) <= 75, `folded at 75 octets: ${physical}`);
    assert.ok(!physical.includes('\n'), 'CRLF line ends only');
  }
  assert.ok(answer.text.endsWith('END:VCALENDAR\r\n'));

  const calendar = new ICAL.Component(ICAL.parse(answer.text));
  assert.equal(calendar.getFirstPropertyValue('method'), 'PUBLISH');
  assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
  const event = calendar.getFirstSubcomponent('vevent');
  const uid = event.getFirstPropertyValue('uid');
  assert.match(uid, new RegExp(`^${id}@`));
  assert.equal(event.getFirstPropertyValue('sequence'), 0);
  const room = await emulator.room(code);
  const row = await db.queryOne('SELECT "expiresAt" FROM conferences WHERE id = $1', [id]);
  const end = event.getFirstPropertyValue('dtend');
  assert.equal(end.zone.tzid, 'UTC');
  // Whole seconds in the .ics; the row keeps milliseconds (read back rounded to the second).
  assert.ok(Math.abs(end.toJSDate().getTime() - new Date(row.expiresAt).getTime()) < 1000, `DTEND ${end} vs ${row.expiresAt}`);
  assert.ok(Math.abs(end.toJSDate().getTime() - Date.parse(room.expirationDate)) < 1000);
  const start = event.getFirstPropertyValue('dtstart');
  assert.equal(end.toJSDate().getTime() - start.toJSDate().getTime(), 120 * 60 * 1000);
  const stamp = event.getFirstPropertyValue('dtstamp').toJSDate().getTime();
  assert.ok(Math.abs(stamp - Date.now()) < 60000);
  const organizer = event.getFirstProperty('organizer');
  assert.equal(organizer.getFirstValue(), 'mailto:ne-pas-repondre@audioconf.localhost');
  assert.equal(organizer.getParameter('cn'), 'CoucouCollègues');
  const grouped = `${code.slice(0, 3)} ${code.slice(3, 6)} ${code.slice(6)}`;
  assert.equal(event.getFirstPropertyValue('location'), `01 22 33 44 55 (code ${grouped})`);
  const description = event.getFirstPropertyValue('description');
  assert.match(description, new RegExp(`appelez le 01 22 33 44 55 puis tapez le code d’accès ${grouped} suivi de #`));
  assert.ok(description.includes(`tel:+33122334455,,${code}%23`), description);
  assert.ok(description.includes(`/conferences/${id}`));
  assert.equal(event.getFirstPropertyValue('status'), 'CONFIRMED');

  // An extension: same UID, higher SEQUENCE, the new end.
  assert.equal((await browser.post(`/conferences/${id}/prolonger`, {})).status, 303);
  const updated = new ICAL.Component(ICAL.parse((await browser.get(`/conferences/${id}/invitation.ics`)).text));
  const next = updated.getFirstSubcomponent('vevent');
  assert.equal(next.getFirstPropertyValue('uid'), uid);
  assert.equal(next.getFirstPropertyValue('sequence'), 1);
  assert.equal(next.getFirstPropertyValue('dtend').toJSDate().getTime() - end.toJSDate().getTime(), 60 * 60 * 1000);
});
