// POST /valider-email through nginx: every refusal ends in a flash shown once, the valid path
// stores a hashed token and sends the link by real SMTP.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { newBrowser, db, maildev, stack } = require('./lib');
const { uniqueEmail, requestLink, alertsIn, decoded } = require('./lib/flows');

// The email field as the page renders it (the refusal tied to it is server-side, no script).
function emailFieldIn(html) {
  const input = html.match(/<input[^>]*\bid="email"[^>]*>/)[0];
  const error = html.match(/<p id="email-error" class="fr-error-text">([\s\S]*?)<\/p>/);
  return { input, error: error ? decoded(error[1]) : null };
}

async function expectRefusal(form, expected, { contact = false, aboutAddress = false } = {}) {
  const browser = newBrowser();
  const response = await browser.post('/valider-email', form);
  assert.equal(response.status, 303, `status for ${JSON.stringify(form).slice(0, 200)}`);
  assert.equal(response.location, '/');
  const page = await browser.get('/');
  const alerts = alertsIn(page.text);
  assert.equal(alerts.length, 1, `one alert expected, page had: ${JSON.stringify(alerts)}`);
  assert.equal(alerts[0].kind, 'error');
  assert.match(alerts[0].text, expected);
  assert.equal(/mailto:/.test(alerts[0].html), contact, 'contact button');
  const field = emailFieldIn(page.text);
  if (aboutAddress) {
    assert.match(field.error, expected, 'refusal shown under the field');
    assert.match(field.input, /aria-invalid="true"/);
    assert.match(field.input, /aria-describedby="email-error"/);
    assert.match(field.input, /class="fr-input fr-input--error"/);
  } else {
    assert.equal(field.error, null, 'no field error for a refusal about another field');
    assert.doesNotMatch(field.input, /aria-invalid/);
    assert.match(field.input, /aria-describedby="messages"/);
  }
  // Shown exactly once.
  const again = await browser.get('/');
  assert.deepEqual(alertsIn(again.text), []);
  assert.equal(emailFieldIn(again.text).error, null);
  assert.doesNotMatch(emailFieldIn(again.text).input, /aria-invalid/);
  return page;
}

const valid = { email: 'agent@example.gouv.fr', durationInMinutes: '120', userTimezoneOffset: '-60' };

test('a missing or unknown duration is refused with a message', async () => {
  for (const durationInMinutes of [undefined, '', '0', '-1', '1441', '90', 'abc', '100000000000000000000']) {
    const form = { ...valid };
    if (durationInMinutes === undefined) delete form.durationInMinutes;
    else form.durationInMinutes = durationInMinutes;
    await expectRefusal(form, /Choisissez la durée/);
  }
});

test('an out-of-range time zone offset is refused', async () => {
  for (const userTimezoneOffset of ['-841', '721', '1e3', '1000000000', 'x']) {
    await expectRefusal({ ...valid, userTimezoneOffset }, /fuseau horaire/);
  }
});

test('a malformed or too long email is refused with the original message', async () => {
  for (const email of ['', 'pas-un-email', 'a@b', 'a b@example.gouv.fr', 'agent@example.gouv.frfrance',
    `${'a'.repeat(245)}@example.gouv.fr`,
    // What relays refuse (RFC 5321): a 65-byte local part, dots out of place, bad labels.
    `${'a'.repeat(65)}@example.gouv.fr`, 'inj..l..x.@-.-..fr', 'a@x..beta.gouv.fr', `a@${'b'.repeat(64)}.beta.gouv.fr`,
    'a@-x.beta.gouv.fr']) {
    await expectRefusal({ ...valid, email }, /Email invalide\. Avez-vous bien tapé votre email \? Vous pouvez réessayer\./, { aboutAddress: true });
  }
});

test('an address outside the allow-list is refused with a contact button, anchored at the end', async () => {
  for (const email of ['someone@gmail.com', 'x@beta.gouv.fr.evil.fr', 'x@notbeta.gouv.fr']) {
    await expectRefusal({ ...valid, email }, /ne correspond pas à une agence de l'État/, { contact: true, aboutAddress: true });
  }
});

test('the typed address refills the form after a refusal, escaped', async () => {
  const browser = newBrowser();
  await browser.post('/valider-email', { ...valid, email: '"><script>x</script>@gmail.com' });
  const page = await browser.get('/');
  assert.doesNotMatch(page.text, /<script>x<\/script>/);
  assert.match(page.text, /value="&quot;&gt;&lt;script&gt;x&lt;\/script&gt;@gmail\.com"/);
});

test('a valid request stores only a hash of the token and emails the link with its expiry', async () => {
  const browser = newBrowser();
  const email = uniqueEmail();
  const { link, mail, token } = await requestLink(browser, email, { durationInMinutes: '240', userTimeZone: 'Europe/Paris' });
  assert.ok(link.startsWith(`${new URL(link).origin}/creer-conf?token=`));
  assert.ok(token.length >= 43, 'token has at least 256 bits');
  assert.equal(mail.subject, 'Confirmez la réservation de votre conférence audio');
  assert.match(mail.text, /creer-conf\?token=/);
  assert.match(mail.html, /creer-conf\?token=/);
  assert.match(mail.text, /(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d/);
  const rows = await db.query('SELECT token, email, "durationInMinutes", "userTimezoneOffset", "userTimeZone", "expiresAt" - "createdAt" AS validity FROM "loginTokens" WHERE email = $1', [email]);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].token, crypto.createHash('sha256').update(token).digest('hex'));
  assert.notEqual(rows[0].token, token);
  assert.equal(rows[0].durationInMinutes, '240');
  assert.equal(rows[0].userTimezoneOffset, -60);
  assert.equal(rows[0].userTimeZone, 'Europe/Paris');
  assert.equal(rows[0].validity, '02:00:00');
  // A successful request keeps no session.
  assert.equal(browser.cookie('audioconf_session'), undefined);
});

test('the "check your mailbox" page never prints markup from the query string', async () => {
  // Issue #15 item 6: only an address we would send a link to is shown; anything else (markup
  // included) is left out altogether, so it is neither rendered nor shown escaped.
  const page = await newBrowser().get(`/email-de-validation-envoye?email=${encodeURIComponent('<b>x</b>@example.gouv.fr')}`);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /<b>x<\/b>/);
  assert.doesNotMatch(page.text, /&lt;b&gt;x/);
  const own = await newBrowser().get(`/email-de-validation-envoye?email=${encodeURIComponent('x.y@example.gouv.fr')}`);
  assert.match(own.text, /x\.y@example\.gouv\.fr/);
});

test('a cross-site POST is refused with a French 403 page and no mail', async () => {
  const email = uniqueEmail('crosssite');
  for (const origin of ['https://evil.example', 'null', null]) {
    const response = await newBrowser().post('/valider-email', { ...valid, email }, { origin });
    assert.equal(response.status, 403);
    assert.match(decoded(response.text), /Action refusée/);
  }
  const rows = await db.query('SELECT 1 FROM "loginTokens" WHERE email = $1', [email]);
  assert.equal(rows.length, 0);
  assert.deepEqual(await maildev.emailsTo(email), []);
});

test('a flash written by the book handler is read by the announcements handler', async () => {
  // Two different programs, each with its own workers: the session lives in PostgreSQL.
  const browser = newBrowser();
  await browser.post('/valider-email', { ...valid, email: 'nope' });
  const sessionId = browser.cookie('audioconf_session');
  assert.ok(sessionId && sessionId.length === 43);
  const stored = await db.queryOne('SELECT count(*)::int AS n FROM sessions WHERE id_hash = $1',
    [crypto.createHash('sha256').update(sessionId).digest('hex')]);
  assert.equal(stored.n, 1);
  const page = await browser.get('/');
  assert.match(alertsIn(page.text)[0].text, /Email invalide/);
});

test('handlers survive a PostgreSQL restart without being restarted', async () => {
  await stack.restartPostgres();
  const browser = newBrowser();
  // The first request after the restart may find its old connection dead; it must still succeed.
  const response = await browser.post('/valider-email', { ...valid, email: 'still-invalid' });
  assert.equal(response.status, 303);
  const page = await browser.get('/');
  assert.equal(page.status, 200);
  assert.match(alertsIn(page.text)[0].text, /Email invalide/);
});
