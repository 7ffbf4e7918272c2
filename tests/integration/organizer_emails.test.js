// The organizer's emails through nginx, read back from MailDev (SPEC §8): the confirmation
// carries the invitation (invitation.ics, the same as GET .../invitation.ics); an extension mails
// the updated invitation and a cancellation (by the cancel route or by "terminer", one action)
// mails a METHOD:CANCEL version; one UID throughout, SEQUENCE strictly rising. Each attachment is
// parsed with ical.js, field by field. And the agent's zone: a duration booking from a browser
// in America/Cayenne shows its times there.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { newBrowser, emulator, db, maildev } = require('./lib');
const { book, decoded, alertsIn } = require('./lib/flows');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let ICAL;
test.before(async () => {
  ICAL = (await import('ical.js')).default;
});

/** The VEVENT of an .ics text, and its VCALENDAR's METHOD. */
function parsed(ics) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = calendar.getFirstSubcomponent('vevent');
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: event.getFirstPropertyValue('sequence'),
    status: event.getFirstPropertyValue('status'),
    start: event.getFirstPropertyValue('dtstart').toJSDate().getTime(),
    end: event.getFirstPropertyValue('dtend').toJSDate().getTime(),
    startZone: event.getFirstPropertyValue('dtstart').zone.tzid,
    endZone: event.getFirstPropertyValue('dtend').zone.tzid,
    location: event.getFirstPropertyValue('location'),
    description: event.getFirstPropertyValue('description'),
  };
}

/** The mail to `address` whose subject contains `subject`, its invitation.ics, parsed. */
async function mailedInvitation(address, subject, exclude = []) {
  const mail = await maildev.waitForEmail(address, { subject, exclude });
  const attachment = await maildev.attachmentOf(mail, 'invitation.ics');
  assert.match(attachment.contentType, /^text\/calendar/);
  assert.equal(attachment.disposition, 'attachment');
  // The part's own header, as sent: the METHOD is in the content type too (RFC 6047).
  const source = await maildev.emailSource(mail.id);
  return { mail, attachment, source, event: parsed(attachment.content) };
}

/** The .ics without its DTSTAMP line (the moment each copy was produced). */
function withoutStamp(ics) {
  return ics.replace(/\r\nDTSTAMP:[0-9TZ]+\r\n/, '\r\n');
}

test('confirmation, extension and cancellation each mail the invitation: one UID, SEQUENCE rising', async () => {
  const browser = newBrowser();
  const { id, code, email } = await book(browser); // 120 minutes

  // The confirmation: the same invitation as the route serves.
  const booked = await mailedInvitation(email, 'est réservée');
  assert.match(booked.source, /Content-Type: multipart\/mixed; boundary="/);
  assert.match(booked.source, /Content-Type: text\/calendar; charset=utf-8; method=PUBLISH;\r\n name="invitation\.ics"/);
  assert.match(booked.source, /Content-Disposition: attachment; filename="invitation\.ics"/);
  assert.match(booked.mail.text, /invitation\.ics/);
  const served = await browser.get(`/conferences/${id}/invitation.ics`);
  assert.equal(served.status, 200);
  assert.equal(withoutStamp(booked.attachment.content), withoutStamp(served.text));
  const first = booked.event;
  assert.equal(first.method, 'PUBLISH');
  assert.match(first.uid, new RegExp(`^${id}@`));
  assert.equal(first.sequence, 0);
  assert.equal(first.status, 'CONFIRMED');
  assert.equal(first.startZone, 'UTC');
  assert.equal(first.endZone, 'UTC');
  const row = await db.queryOne('SELECT "expiresAt" FROM conferences WHERE id = $1', [id]);
  assert.ok(Math.abs(first.end - new Date(row.expiresAt).getTime()) < 1000, 'DTEND is the expiry');
  assert.equal(first.end - first.start, 120 * 60 * 1000);
  const grouped = `${code.slice(0, 3)} ${code.slice(3, 6)} ${code.slice(6)}`;
  assert.equal(first.location, `01 22 33 44 55 (code ${grouped})`);

  // The extension: the page says the email went, which carries the new end.
  const extended = await browser.post(`/conferences/${id}/prolonger`, {});
  assert.equal(extended.status, 303);
  const page = await browser.follow(extended);
  assert.match(decoded(page.text), /La conférence est prolongée d’une heure\..*L'invitation mise à jour vous a été envoyée par email\./);
  const update = await mailedInvitation(email, 'est prolongée');
  assert.match(update.mail.html, /Votre conférence téléphonique est prolongée/);
  assert.match(update.source, /Content-Type: text\/calendar; charset=utf-8; method=PUBLISH;/);
  const second = update.event;
  assert.equal(second.method, 'PUBLISH');
  assert.equal(second.uid, first.uid);
  assert.ok(second.sequence > first.sequence, `SEQUENCE ${second.sequence} after ${first.sequence}`);
  assert.equal(second.status, 'CONFIRMED');
  assert.equal(second.start, first.start);
  assert.equal(second.end - first.end, 60 * 60 * 1000);
  const servedAfter = parsed((await browser.get(`/conferences/${id}/invitation.ics`)).text);
  assert.equal(servedAfter.sequence, second.sequence, 'the route agrees with the email');

  // The cancellation: the landing page says the email went; the calendar drops the event.
  const cancelled = await browser.post(`/conferences/${id}/annuler`, {});
  assert.equal(cancelled.status, 303);
  const landing = await browser.follow(cancelled);
  const said = alertsIn(landing.text).map((alert) => alert.text).join(' ');
  assert.match(said, /La conférence a bien été annulée\..*Un email de confirmation de l'annulation vous a été envoyé/);
  const cancellation = await mailedInvitation(email, 'Conférence annulée');
  assert.match(cancellation.mail.html, /<h1>Conférence annulée<\/h1>/);
  assert.match(cancellation.mail.text, /Conférence annulée/);
  assert.match(cancellation.source, /Content-Type: text\/calendar; charset=utf-8; method=CANCEL;\r\n name="invitation\.ics"/);
  const third = cancellation.event;
  assert.equal(third.method, 'CANCEL');
  assert.equal(third.status, 'CANCELLED');
  assert.equal(third.uid, first.uid);
  assert.ok(third.sequence > second.sequence, `SEQUENCE ${third.sequence} after ${second.sequence}`);
  assert.equal(third.start, second.start);
  assert.equal(third.end, second.end);
  const stored = await db.queryOne('SELECT "icsSequence", "canceledAt" FROM conferences WHERE id = $1', [id]);
  assert.equal(Number(stored.icsSequence), third.sequence, 'raised with the cancellation');
  assert.notEqual(stored.canceledAt, null);
  // Exactly three emails after the link: booked, extended, cancelled.
  const subjects = (await maildev.emailsTo(email)).map((mail) => mail.subject);
  assert.equal(subjects.filter((s) => /annulée/.test(s)).length, 1, JSON.stringify(subjects));
  assert.equal(subjects.filter((s) => /prolongée/.test(s)).length, 1, JSON.stringify(subjects));
});

test('"terminer" is the cancellation: one email, METHOD:CANCEL, the SEQUENCE raised', async () => {
  const browser = newBrowser();
  const { id, email } = await book(browser);
  const booked = await mailedInvitation(email, 'est réservée');
  const ended = await browser.post(`/conferences/${id}/terminer`, {});
  assert.equal(ended.status, 303);
  const landing = await browser.follow(ended);
  assert.match(decoded(landing.text), /La conférence est terminée\. Un email de confirmation de l'annulation vous a été envoyé/);
  const cancellation = await mailedInvitation(email, 'Conférence annulée');
  assert.equal(cancellation.event.method, 'CANCEL');
  assert.equal(cancellation.event.status, 'CANCELLED');
  assert.equal(cancellation.event.uid, booked.event.uid);
  assert.ok(cancellation.event.sequence > booked.event.sequence);
  // A second POST finds the conference over and mails nothing more.
  await browser.post(`/conferences/${id}/annuler`, {});
  await sleep(500);
  const cancellations = (await maildev.emailsTo(email)).filter((mail) => mail.subject === 'Conférence annulée');
  assert.equal(cancellations.length, 1);
});

test('a conference adopted from the original database is told of its cancellation too', async () => {
  const browser = newBrowser();
  const { id, email } = await book(browser);
  await maildev.waitForEmail(email, { subject: 'est réservée' });
  await db.exec('UPDATE conferences SET "roomNumberSealed" = NULL WHERE id = $1', [id]);
  const cancelled = await browser.post(`/conferences/${id}/annuler`, {});
  assert.equal(cancelled.status, 303);
  const landing = await browser.follow(cancelled);
  const said = alertsIn(landing.text).map((alert) => alert.text).join(' ');
  assert.match(said, /marquée comme annulée.*Un email de confirmation de l'annulation vous a été envoyé/);
  const cancellation = await mailedInvitation(email, 'Conférence annulée');
  assert.equal(cancellation.event.method, 'CANCEL');
  assert.equal(cancellation.event.status, 'CANCELLED');
  assert.match(cancellation.event.uid, new RegExp(`^${id}@`));
  assert.equal(cancellation.event.sequence, 1);
  assert.equal(cancellation.event.location, '01 22 33 44 55', 'no code: we never had it');
  assert.doesNotMatch(cancellation.mail.text, /Code d'accès/);
});

test('a duration booking from a browser in America/Cayenne shows its times in that zone', async () => {
  const browser = newBrowser();
  const { id, code, email } = await book(browser, undefined, {
    durationInMinutes: '120',
    userTimezoneOffset: '180',
    userTimeZone: 'America/Cayenne',
  });
  const row = await db.queryOne('SELECT "expiresAt", "timeZone", "timezoneOffset" FROM conferences WHERE id = $1', [id]);
  assert.equal(row.timeZone, 'America/Cayenne');
  assert.equal(Number(row.timezoneOffset), 180);
  const inCayenne = (at) =>
    new Date(at).toLocaleTimeString('fr-FR', { timeZone: 'America/Cayenne', hour: 'numeric', minute: '2-digit' }).replace(':', 'h').replace(/^0/, '');
  const expiry = inCayenne(row.expiresAt);

  const pageText = decoded((await browser.get(`/conferences/${id}`)).text);
  assert.match(pageText, new RegExp(`à ${expiry} \\(heure de Cayenne\\)`));
  const booked = await maildev.waitForEmail(email, { subject: 'est réservée' });
  assert.match(booked.text, new RegExp(`à ${expiry} \\(heure de Cayenne\\)`));

  // The participants' arrival times too.
  await emulator.control('POST', '/_emulator/simulate', { roomNumber: Number(code), participants: 2, talkEverySeconds: 3600, hangUps: false });
  await sleep(4500);
  const participants = await browser.get(`/conferences/${id}/participants`);
  assert.equal(participants.status, 200);
  const live = (await emulator.state()).participants.filter((p) => String(p.roomNumber) === code);
  assert.ok(live.length > 0);
  const shown = new Map();
  for (const match of participants.text.matchAll(/<tr data-participant="(\d+)">([\s\S]*?)<\/tr>/g)) {
    shown.set(Number(match[1]), [...match[2].matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => decoded(m[1]).trim()));
  }
  for (const person of live) {
    assert.ok(shown.has(person.id), `row of ${person.id}`);
    assert.equal(shown.get(person.id)[1], inCayenne(person.arrivalDateTime));
  }
  // The .ics keeps UTC (as ics.cpp writes it): the same instants.
  const event = parsed((await browser.get(`/conferences/${id}/invitation.ics`)).text);
  assert.equal(event.endZone, 'UTC');
  assert.ok(Math.abs(event.end - new Date(row.expiresAt).getTime()) < 1000);
});
