// Email header injection through every user-controlled field, proven on the messages MailDev
// received (their raw source): no field adds a header or a recipient. The configured texts
// (APP_NAME, subjects) cannot change without restarting the stack: tests/unit/mail_mime_test.cpp
// (RejectsControlCharactersInEveryHeaderField, RejectsAnythingButASingleAddress) and the
// fuzz_mime libFuzzer target cover build_mime with hostile names and subjects.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { newBrowser, maildev } = require('./lib');
const { uniqueEmail, book } = require('./lib/flows');
const { rawRequest } = require('./lib/hostile');

const EXPECTED_HEADERS = ['content-type', 'date', 'from', 'message-id', 'mime-version', 'subject', 'to'];

/** The top-level header block of a raw message as [name, value] pairs (folded lines joined). */
function topHeaders(source) {
  const end = source.indexOf('\r\n\r\n');
  assert.ok(end > 0, 'the message has a header block ending in CRLF CRLF');
  const lines = source.slice(0, end).split('\r\n');
  const headers = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && headers.length) headers[headers.length - 1][1] += line;
    else {
      const colon = line.indexOf(':');
      assert.ok(colon > 0, `a header line: ${JSON.stringify(line)}`);
      headers.push([line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()]);
    }
  }
  return headers;
}

/**
 * Asserts the headers MailDev added (Received, etc.) aside, the message has exactly our headers,
 * one each, and a single recipient: `to`.
 */
async function assertCleanMessage(mail, to) {
  const source = await maildev.emailSource(mail.id);
  const ours = topHeaders(source).filter(([name]) => EXPECTED_HEADERS.includes(name) || /^(bcc|cc|reply-to|sender|x-)/.test(name));
  assert.deepEqual(ours.map(([name]) => name).sort(), EXPECTED_HEADERS, `headers of ${mail.subject}`);
  assert.equal(ours.find(([name]) => name === 'to')[1], to);
  assert.deepEqual((mail.to || []).map((r) => r.address.toLowerCase()), [to.toLowerCase()]);
  assert.deepEqual(mail.cc || [], []);
  assert.deepEqual(mail.bcc || [], []);
  // SMTP envelope: MailDev lists every RCPT TO it got.
  if (mail.envelope && mail.envelope.to) {
    assert.deepEqual(mail.envelope.to.map((r) => r.address.toLowerCase()), [to.toLowerCase()]);
  }
  assert.doesNotMatch(source, /\r\n(bcc|cc|x-injected):/i, 'no injected header anywhere');
  return source;
}

const INJECTED = 'injected.recipient@example.gouv.fr';

test('a booking\'s two emails carry exactly our headers and one recipient', async () => {
  const email = uniqueEmail('headers');
  const { id } = await book(newBrowser(), email);
  assert.ok(id);
  const mails = await maildev.emailsTo(email);
  assert.equal(mails.length, 2, 'the link and the confirmation');
  for (const mail of mails) await assertCleanMessage(mail, email);
});

test('an apostrophe (allowed by the original pattern) stays inside the To header', async () => {
  const email = `o'hara.${Date.now()}@example.gouv.fr`;
  const response = await newBrowser().post('/valider-email', { email, durationInMinutes: '60', userTimezoneOffset: '-60' });
  assert.equal(response.status, 303);
  const mail = await maildev.waitForEmail(email);
  await assertCleanMessage(mail, email);
});

test('CR/LF, encoded or raw, in the address never reaches SMTP: refused, nothing sent', async () => {
  const before = (await maildev.listEmails()).length;
  const base = uniqueEmail('inject');
  const attempts = [
    `email=${encodeURIComponent(base)}%0d%0aBcc:%20${encodeURIComponent(INJECTED)}`,
    `email=${encodeURIComponent(base)}%0aBcc:%20${encodeURIComponent(INJECTED)}`,
    `email=${encodeURIComponent(base)}%0dBcc:%20${encodeURIComponent(INJECTED)}`,
    `email=${encodeURIComponent(base)}%0d%0a%0d%0aInjected%20body`,
    `email=${encodeURIComponent(`${base}>\r\nRCPT TO:<${INJECTED}`)}`,
    `email=${encodeURIComponent(`${base},${INJECTED}`)}`,
    `email=${encodeURIComponent(`${base} ${INJECTED}`)}`,
    `email=${encodeURIComponent(`"x\r\nBcc: ${INJECTED}" <${base}>`)}`,
    `email=${encodeURIComponent(`${base}%0d%0aBcc:${INJECTED}`)}`, // double-encoded
    `email=${encodeURIComponent(base)}%E2%80%A8Bcc:%20${encodeURIComponent(INJECTED)}`, // U+2028
    `email=${encodeURIComponent(base)}%85Bcc:%20${encodeURIComponent(INJECTED)}`, // lone C1 byte
  ];
  const origin = new URL(require('./lib').config.baseUrl).origin;
  for (const form of attempts) {
    const body = `${form}&durationInMinutes=60&userTimezoneOffset=-60`;
    const response = await rawRequest(
      `POST /valider-email HTTP/1.0\r\nOrigin: ${origin}\r\nContent-Type: application/x-www-form-urlencoded`, body);
    assert.ok([303, 400].includes(response.status), `${form}: ${response.status}`);
    if (response.status === 303) assert.match(response.headers.location, /\/$/, `${form}: refused`);
  }
  // Give a wrongly accepted one time to arrive, then check nobody got anything.
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.deepEqual(await maildev.emailsTo(INJECTED), []);
  assert.deepEqual(await maildev.emailsTo(base), []);
  assert.equal((await maildev.listEmails()).length, before, 'no mail at all');
});

test('the address shown back after a refusal cannot split the response headers', async () => {
  const response = await rawRequest(
    `POST /valider-email HTTP/1.0\r\nOrigin: ${new URL(require('./lib').config.baseUrl).origin}\r\nContent-Type: application/x-www-form-urlencoded`,
    'email=a%0d%0aSet-Cookie:%20injected=1%40example.gouv.fr&durationInMinutes=60');
  assert.equal(response.status, 303);
  assert.equal(response.headers['set-cookie']?.includes('injected='), false);
  assert.equal(response.headers.injected, undefined);
});

module.exports = { topHeaders, assertCleanMessage };
