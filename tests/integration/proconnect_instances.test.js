// ProConnect sign-in on instances with other settings than the test stack's (issue #15): one with
// AUTH_METHODS=proconnect alone (no emailed link at all), one in day mode (FEATURE_RESERVATIONS=
// true) with both methods, so that the chosen day's round trip through the provider is covered.
// Each is a `scripts/run --detach` instance (tests/hosts/lib/instances.js) sharing the test
// stack's database, MailDev and OVH emulator; each gets its own local provider (scripts/run
// starts one when ProConnect is on without PROCONNECT_* settings) on a port from freePort(), since
// the provider only accepts the redirect URIs of the origin it was started for.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { Browser, config, db, emulator } = require('./lib');
const { alertsIn, decoded, uniqueEmail } = require('./lib/flows');
const { Instance, freePort } = require('../hosts/lib/instances');

const SESSION = 'audioconf_session';

/** One instance with its own local provider; `settings` override the test stack's .env. */
async function startInstance(name, settings) {
  const providerPort = await freePort();
  const instance = new Instance({
    name,
    databaseUrl: config.databaseUrl,
    // No PROCONNECT_* settings: scripts/run starts tests/oidc_provider for this origin.
    env: { ...settings, PROCONNECT_DISCOVERY_URL: '', OIDC_PROVIDER_PORT: String(providerPort) },
  });
  await instance.start();
  instance.baseUrl = `http://localhost:${instance.port}`;
  instance.providerUrl = `http://localhost:${providerPort}`;
  return instance;
}

let proconnectOnly;
let dayMode;

test.before(async () => {
  proconnectOnly = await startInstance('pc-only', { AUTH_METHODS: 'proconnect', FEATURE_RESERVATIONS: 'false' });
  dayMode = await startInstance('pc-day', { AUTH_METHODS: 'email,proconnect', FEATURE_RESERVATIONS: 'true' });
});

test.after(async () => {
  if (proconnectOnly) await proconnectOnly.stop();
  if (dayMode) await dayMode.stop();
});

/** POST /connexion/proconnect with the form's fields; asserts the 303 to the instance's provider. */
async function startSignIn(instance, browser, fields) {
  const response = await browser.post('/connexion/proconnect', { userTimezoneOffset: '-60', userTimeZone: 'Europe/Paris', ...fields });
  assert.equal(response.status, 303, `connexion answered ${response.status}: ${response.text.slice(0, 300)}`);
  assert.ok(response.location.startsWith(`${instance.providerUrl}/api/v2/auth?`), `redirect to ${response.location}`);
  return new URL(response.location);
}

/** Signs in at the provider as `email`; resolves with the callback URL to the instance (not opened). */
async function signInAtProvider(instance, authorizeUrl, email, op) {
  let response = await op.get(authorizeUrl.toString());
  assert.equal(response.status, 303, `authorize answered ${response.status}: ${response.text.slice(0, 300)}`);
  response = await op.follow(response);
  assert.equal(response.status, 200);
  const action = /<form method="post" action="([^"]+)">/.exec(response.text);
  assert.ok(action, 'the provider shows its sign-in form');
  response = await op.post(action[1], { email });
  for (let hops = 0; hops < 8; hops += 1) {
    assert.ok([302, 303].includes(response.status), `provider answered ${response.status}: ${response.text.slice(0, 300)}`);
    const next = new URL(response.location, response.url);
    if (next.origin === instance.baseUrl) return next;
    response = await op.get(next.toString());
  }
  throw new Error('the provider never sent the browser back');
}

function conferenceOf(response) {
  const match = /^\/conferences\/([0-9a-f-]{36})#(\d{9})$/.exec(response.location || '');
  assert.ok(match, `expected the conference page, got ${response.status} ${response.location}: ${response.text.slice(0, 200)}`);
  return { id: match[1], code: match[2] };
}

test('ProConnect alone (AUTH_METHODS=proconnect): no email field; sign in, conference, book again, sign out', async () => {
  const instance = proconnectOnly;
  const browser = new Browser({ baseUrl: instance.baseUrl });
  const op = new Browser({ baseUrl: instance.providerUrl });

  // The landing page: the ProConnect button, no email field, nothing posting to /valider-email.
  const page = await browser.get('/');
  assert.equal(page.status, 200);
  assert.match(page.text, /name="durationInMinutes"/);
  assert.match(page.text, /<option value="240"/);
  assert.doesNotMatch(page.text, /name="email"|type="email"/);
  assert.doesNotMatch(page.text, /valider-email/);
  assert.match(page.text, /<button class="fr-connect" type="submit" formaction="\/connexion\/proconnect"/);
  assert.doesNotMatch(decoded(page.text), /sans attendre d’e-mail/);
  // The emailed link's routes are off.
  const email = uniqueEmail('seul.proconnect');
  assert.equal((await new Browser({ baseUrl: instance.baseUrl }).post('/valider-email', { email, durationInMinutes: '60' })).status, 404);

  // Sign in on the instance's provider; land on the new conference with the chosen duration (not
  // the default one).
  const authorize = await startSignIn(instance, browser, { durationInMinutes: '240' });
  assert.equal(authorize.searchParams.get('redirect_uri'), `${instance.baseUrl}/connexion/proconnect/retour`);
  const anonymousCookie = browser.cookie(SESSION);
  assert.ok(anonymousCookie);
  const callback = await signInAtProvider(instance, authorize, email, op);
  const landed = await browser.get(callback.toString());
  assert.equal(landed.status, 302, landed.text.slice(0, 300));
  const first = conferenceOf(landed);
  assert.deepEqual(await db.queryOne('SELECT email, "durationInMinutes" FROM conferences WHERE id = $1', [first.id]), {
    email,
    durationInMinutes: '240',
  });
  assert.notEqual(browser.cookie(SESSION), anonymousCookie, 'a new session id on sign-in');
  const conferencePage = await browser.get(`/conferences/${first.id}`);
  assert.equal(conferencePage.status, 200);
  assert.match(decoded(conferencePage.text), /<title>Votre conférence est réservée/);
  assert.match(conferencePage.text, /<form method="post" action="\/deconnexion">/);

  // Booking again: no new sign-in, straight to a second conference.
  const landing = await browser.get('/');
  assert.match(decoded(landing.text), /connecté avec ProConnect en tant que/);
  assert.doesNotMatch(landing.text, /name="email"/);
  const again = await browser.post('/connexion/proconnect', { durationInMinutes: '60', userTimezoneOffset: '-60' });
  assert.equal(again.status, 303);
  const second = conferenceOf(again);
  assert.notEqual(second.id, first.id);
  assert.deepEqual(await db.queryOne('SELECT email, "durationInMinutes" FROM conferences WHERE id = $1', [second.id]), {
    email,
    durationInMinutes: '60',
  });

  // Sign-out round trip through the provider's end-session endpoint, state checked on return.
  const signedInCookie = browser.cookie(SESSION);
  const out = await browser.post('/deconnexion', {});
  assert.equal(out.status, 303);
  const endSession = new URL(out.location);
  assert.equal(`${endSession.origin}${endSession.pathname}`, `${instance.providerUrl}/api/v2/session/end`);
  assert.equal(endSession.searchParams.get('post_logout_redirect_uri'), `${instance.baseUrl}/deconnexion/retour`);
  assert.notEqual(browser.cookie(SESSION), signedInCookie, 'a new session id on sign-out');
  const confirmPage = await op.get(endSession.toString());
  assert.equal(confirmPage.status, 200);
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirmPage.text);
  const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(confirmPage.text);
  assert.ok(xsrf && action, 'the provider asks for confirmation');
  const confirmed = await op.post(action[1], { xsrf: xsrf[1], logout: 'yes' });
  assert.equal(confirmed.status, 303);
  const back = new URL(confirmed.location);
  assert.equal(`${back.origin}${back.pathname}`, `${instance.baseUrl}/deconnexion/retour`);
  assert.equal(back.searchParams.get('state'), endSession.searchParams.get('state'));
  assert.equal((await browser.get(back.toString())).status, 302);
  const after = await browser.get('/');
  assert.match(alertsIn(after.text)[0]?.text || '', /Vous êtes déconnecté\./);
  assert.doesNotMatch(after.text, /Se déconnecter|name="email"/);
  // Signed out: booking goes through the provider again.
  await startSignIn(instance, browser, { durationInMinutes: '60' });
});

/** YYYY-MM-DD of an instant in Europe/Paris. */
const parisDate = (instant) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(instant);

test('ProConnect in day mode: the chosen day (not the first one) survives the round trip', async () => {
  const instance = dayMode;
  const browser = new Browser({ baseUrl: instance.baseUrl });
  const page = await browser.get('/');
  assert.equal(page.status, 200);
  assert.match(page.text, /name="day"/);
  assert.match(page.text, /formaction="\/connexion\/proconnect"/);
  const options = [...decoded(page.text).matchAll(/<option value="([0-9-]+)"[^>]*>\s*([^<]+?)\s*<\/option>/g)];
  assert.equal(options.length, 14);
  // Neither the first option nor the one selected by default: what the form sends must win.
  const [, day, label] = options[4];
  assert.notEqual(day, options[0][1]);
  assert.doesNotMatch(options[4][0], /selected/);

  const email = uniqueEmail('jour.proconnect');
  const authorize = await startSignIn(instance, browser, { day });
  const callback = await signInAtProvider(instance, authorize, email, new Browser({ baseUrl: instance.providerUrl }));
  const landed = await browser.get(callback.toString());
  assert.equal(landed.status, 302, landed.text.slice(0, 300));
  const { id, code } = conferenceOf(landed);

  const row = await db.queryOne('SELECT email, "durationInMinutes", "conferenceDay"::text AS day FROM conferences WHERE id = $1', [id]);
  assert.deepEqual(row, { email, durationInMinutes: null, day });
  // The room expires at the end of that day, Paris time.
  const expiry = new Date((await emulator.room(code)).expirationDate);
  assert.equal(parisDate(expiry), day);
  assert.equal(parisDate(new Date(expiry.getTime() + 1000)), parisDate(new Date(`${day}T12:00:00Z`).getTime() + 86400000));
  // The conference page names that day.
  const conference = await browser.get(`/conferences/${id}`);
  assert.equal(conference.status, 200);
  assert.match(decoded(conference.text), new RegExp(`active toute la journée du ${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));

  // A second booking while signed in keeps its own chosen day too.
  const [, otherDay] = options[7];
  const again = await browser.post('/connexion/proconnect', { day: otherDay, userTimezoneOffset: '-60', userTimeZone: 'Europe/Paris' });
  assert.equal(again.status, 303);
  const second = conferenceOf(again);
  const secondRow = await db.queryOne('SELECT "conferenceDay"::text AS day FROM conferences WHERE id = $1', [second.id]);
  assert.equal(secondRow.day, otherDay);
});
