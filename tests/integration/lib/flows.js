// Steps of the booking journey shared by integration tests: ask for a link, read it from the
// mail catcher, create the conference. Each returns what the next step needs.
'use strict';

const assert = require('node:assert/strict');
const maildev = require('./maildev');

let counter = 0;
/** A fresh allowed address per call, so tests never see each other's mails. */
function uniqueEmail(prefix = 'agent') {
  counter += 1;
  return `${prefix}.${process.pid}.${Date.now()}.${counter}@example.gouv.fr`;
}

/** POSTs the landing form; resolves with the booking link from the validation email. */
async function requestLink(browser, email, fields = { durationInMinutes: '120' }) {
  const response = await browser.post('/valider-email', { email, userTimezoneOffset: '-60', ...fields });
  assert.equal(response.status, 303, `valider-email answered ${response.status}: ${response.text.slice(0, 300)}`);
  assert.match(response.location, /^\/email-de-validation-envoye\?email=/);
  const mail = await maildev.waitForEmail(email, { subject: 'Confirmez la réservation' });
  const link = maildev.linksIn(mail).find((url) => url.includes('/creer-conf?token='));
  assert.ok(link, 'the validation email holds the booking link');
  return { link, mail, token: new URL(link).searchParams.get('token') };
}

/** POSTs the confirmation form for `token`; resolves with the raw response. */
function confirm(browser, token) {
  return browser.post('/creer-conf', { token });
}

/** Full booking: link, confirmation; resolves with { id, code, response, email }. */
async function book(browser, email = uniqueEmail(), fields) {
  const { token } = await requestLink(browser, email, fields);
  const response = await confirm(browser, token);
  assert.equal(response.status, 303, `creer-conf answered ${response.status}: ${response.text.slice(0, 300)}`);
  const match = /^\/conferences\/([0-9a-f-]{36})#(\d{9})$/.exec(response.location || '');
  assert.ok(match, `unexpected redirect ${response.location}`);
  return { id: match[1], code: match[2], response, email, token };
}

/** The flash messages (text) shown on the landing page, consuming them. */
async function flashesOnLanding(browser) {
  const page = await browser.get('/');
  assert.equal(page.status, 200);
  return page.text;
}

module.exports = { uniqueEmail, requestLink, confirm, book, flashesOnLanding };

/** HTML with the entities our templates produce decoded, for matching French sentences. */
function decoded(html) {
  return html
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;|&#34;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The alerts (flash messages) of a page, as { kind, text }. */
function alertsIn(html) {
  const found = [];
  for (const match of html.matchAll(/<div class="fr-alert fr-alert--(\w+)[^"]*">([\s\S]*?)<\/div>/g)) {
    found.push({ kind: match[1], text: decoded(match[2].replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim(), html: match[2] });
  }
  return found;
}

module.exports.decoded = decoded;
module.exports.alertsIn = alertsIn;
