// Traffic generator of scripts/soak: for SOAK_SECONDS, SOAK_USERS virtual users loop over a mix
// of landing pages, status checks, refused and accepted validation requests, full bookings (link
// read from MailDev), conference pages and cancellations. Every answer must be the expected one
// within the bound; prints one JSON line of counts and errors at the end.
'use strict';

const { newBrowser, maildev } = require('.');
const { uniqueEmail } = require('./flows');

const SECONDS = Number(process.env.SOAK_SECONDS || 600);
const USERS = Number(process.env.SOAK_USERS || 4);
const BOUND_MS = 15000;

const counts = {};
const errors = [];
let slowest = 0;

function count(kind) {
  counts[kind] = (counts[kind] || 0) + 1;
}

function fail(kind, detail) {
  if (errors.length < 50) errors.push(`${kind}: ${detail}`);
  count(`error:${kind}`);
}

async function timed(kind, action, check) {
  const started = Date.now();
  try {
    const response = await action();
    const elapsed = Date.now() - started;
    slowest = Math.max(slowest, elapsed);
    if (elapsed > BOUND_MS) fail(kind, `took ${elapsed} ms`);
    const problem = check(response);
    if (problem) fail(kind, problem);
    else count(kind);
    return response;
  } catch (error) {
    fail(kind, error.message);
    return null;
  }
}

const expect = (status, location) => (response) => {
  if (response.status !== status) return `status ${response.status}`;
  if (location && !location.test(response.location || '')) return `location ${response.location}`;
  return null;
};

async function readLink(email) {
  const mail = await maildev.waitForEmail(email, { timeoutMs: BOUND_MS, subject: 'Confirmez' });
  await fetch(`${require('./config').maildevUrl}/api/email/${mail.id}`, { method: 'DELETE' }).catch(() => {});
  const link = maildev.linksIn(mail).find((url) => url.includes('/creer-conf?token='));
  return new URL(link).searchParams.get('token');
}

async function booking(cancel) {
  const browser = newBrowser();
  const email = uniqueEmail('soak');
  const asked = await timed('validation', () => browser.post('/valider-email', { email, durationInMinutes: '60', userTimezoneOffset: '-60' }),
    expect(303, /^\/email-de-validation-envoye/));
  if (!asked) return;
  let token;
  try {
    token = await readLink(email);
  } catch (error) {
    fail('mail', error.message);
    return;
  }
  await timed('confirm-page', () => browser.get(`/creer-conf?token=${token}`), expect(200));
  const created = await timed('creation', () => browser.post('/creer-conf', { token }), expect(303, /^\/conferences\/[0-9a-f-]{36}#\d{9}$/));
  if (!created) return;
  // The confirmation mail: read and drop it so MailDev stays small.
  maildev.waitForEmail(email, { timeoutMs: BOUND_MS, subject: /^(?!Confirmez)/ })
    .then((mail) => fetch(`${require('./config').maildevUrl}/api/email/${mail.id}`, { method: 'DELETE' }))
    .catch((error) => fail('confirmation-mail', error.message));
  const path = created.location.split('#')[0];
  await timed('conference-page', () => browser.get(path), expect(200));
  if (cancel) {
    await timed('cancel-page', () => browser.get(`${path}/annuler`), expect(200));
    await timed('cancel', () => browser.post(`${path}/annuler`, {}), expect(303));
  }
}

async function user(deadline) {
  const browser = newBrowser();
  let turn = 0;
  while (Date.now() < deadline) {
    turn += 1;
    const pick = turn % 10;
    if (pick < 4) await timed('landing', () => browser.get('/'), expect(200));
    else if (pick === 4) await timed('status', () => browser.get('/api/status'), expect(200));
    else if (pick === 5) await timed('refused', () => browser.post('/valider-email', { email: 'x@gmail.com', durationInMinutes: '60' }), expect(303, /\/$/));
    else if (pick === 6) await timed('sent-page', () => browser.get('/email-de-validation-envoye?email=a%40example.gouv.fr'), expect(200));
    else if (pick === 7) await booking(false);
    else if (pick === 8) await booking(true);
    else await timed('not-found', () => browser.get('/conferences/00000000-0000-4000-8000-000000000000'), expect(302));
  }
}

(async () => {
  const deadline = Date.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: USERS }, () => user(deadline)));
  // Let the last confirmation-mail checks settle.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const total = Object.entries(counts).filter(([k]) => !k.startsWith('error:')).reduce((n, [, v]) => n + v, 0);
  const errorCount = Object.entries(counts).filter(([k]) => k.startsWith('error:')).reduce((n, [, v]) => n + v, 0);
  console.log(JSON.stringify({ seconds: SECONDS, users: USERS, requestsOk: total, errors: errorCount, slowestMs: slowest, counts, firstErrors: errors }));
  process.exit(errorCount === 0 ? 0 : 1);
})();
