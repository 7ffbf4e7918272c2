// Sign in with ProConnect (issue #15, SPEC §8), through nginx, against the real local provider
// (tests/oidc_provider: oidc-provider configured like ProConnect) that scripts/run starts for the
// test stack (AUTH_METHODS=email,proconnect in tests/integration/lib/stack.env). Each journey
// drives two cookie jars, as a browser would: ours and the provider's.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { newBrowser, Browser, config, db, maildev } = require('./lib');
const { alertsIn, decoded, uniqueEmail, book } = require('./lib/flows');

const SESSION = 'audioconf_session';
const PROVIDER = config.oidcProviderUrl;
const sha256 = (text) => crypto.createHash('sha256').update(text).digest('hex');

/** The provider's side of one browser: its own cookie jar. */
function providerBrowser() {
  return new Browser({ baseUrl: PROVIDER });
}

/** POST /connexion/proconnect with the form's choices; asserts the 303 to the provider. */
async function startSignIn(browser, fields = { durationInMinutes: '60' }) {
  const response = await browser.post('/connexion/proconnect', {
    userTimezoneOffset: '-60',
    userTimeZone: 'Europe/Paris',
    ...fields,
  });
  assert.equal(response.status, 303, `connexion answered ${response.status}: ${response.text.slice(0, 300)}`);
  assert.ok(response.location.startsWith(`${PROVIDER}/api/v2/auth?`), `redirect to ${response.location}`);
  return new URL(response.location);
}

/**
 * Signs in at the provider as `email` (its sign-in form) and follows its redirects until the
 * one back to our redirect URI; resolves with that callback URL (not opened).
 */
async function signInAtProvider(authorizeUrl, email, op = providerBrowser()) {
  let response = await op.get(authorizeUrl.toString());
  assert.equal(response.status, 303, `authorize answered ${response.status}: ${response.text.slice(0, 300)}`);
  response = await op.follow(response);
  assert.equal(response.status, 200);
  const action = /<form method="post" action="([^"]+)">/.exec(response.text);
  assert.ok(action, 'the provider shows its sign-in form');
  assert.match(response.text, /name="email"/);
  response = await op.post(action[1], { email });
  for (let hops = 0; hops < 8; hops += 1) {
    assert.ok([302, 303].includes(response.status), `provider answered ${response.status}: ${response.text.slice(0, 300)}`);
    const next = new URL(response.location, response.url);
    if (next.origin === new URL(config.baseUrl).origin) return next;
    response = await op.get(next.toString());
  }
  throw new Error('the provider never sent the browser back');
}

/** The conference booked by a callback or a direct POST: { id, code }. */
function conferenceOf(response) {
  const match = /^\/conferences\/([0-9a-f-]{36})#(\d{9})$/.exec(response.location || '');
  assert.ok(match, `expected the conference page, got ${response.status} ${response.location}: ${response.text.slice(0, 200)}`);
  return { id: match[1], code: match[2] };
}

async function landingAlerts(browser) {
  const page = await browser.get('/');
  assert.equal(page.status, 200);
  return { alerts: alertsIn(page.text), text: decoded(page.text) };
}

async function conferenceCount() {
  return Number((await db.queryOne('SELECT count(*) AS n FROM conferences')).n);
}

async function sessionRowExists(cookieValue) {
  const row = await db.queryOne('SELECT count(*) AS n FROM sessions WHERE id_hash = $1', [sha256(cookieValue)]);
  return Number(row.n) === 1;
}

/** A complete sign-in that books; resolves with { browser, conference, email, callback }. */
async function signInAndBook(email = uniqueEmail('proconnect'), fields) {
  const browser = newBrowser();
  const op = providerBrowser();
  const authorize = await startSignIn(browser, fields);
  const callback = await signInAtProvider(authorize, email, op);
  const response = await browser.get(callback.toString());
  return { browser, op, response, conference: conferenceOf(response), email, callback };
}

test('the landing page offers both methods: the email field and the ProConnect button in one form', async () => {
  const page = await newBrowser().get('/');
  assert.equal(page.status, 200);
  assert.match(page.text, /<form method="post" action="\/valider-email"/);
  assert.match(page.text, /name="email"/);
  assert.match(page.text, /formaction="\/connexion\/proconnect"/);
  assert.match(decoded(page.text), /S’identifier avec<\/span>\s*<span class="fr-connect__brand">ProConnect/);
  assert.match(decoded(page.text), /Qu’est-ce que ProConnect/);
  const csp = page.headers.get('content-security-policy');
  assert.match(csp, new RegExp(`form-action 'self' ${PROVIDER.replace(/[.:/]/g, '\\$&')};`), csp);
});

test('the day-mode stack (AUTH_METHODS=email) offers the emailed link only', async () => {
  const browser = newBrowser({ baseUrl: config.dayBaseUrl });
  const page = await browser.get('/');
  assert.equal(page.status, 200);
  assert.match(page.text, /action="\/valider-email"/);
  assert.doesNotMatch(page.text, /connexion\/proconnect|ProConnect/);
  const post = await browser.post('/connexion/proconnect', { day: '2030-01-01' });
  assert.equal(post.status, 404);
});

test('whole journey: sign in, land on the conference with the chosen duration, book again, sign out', async () => {
  const email = uniqueEmail('jean.dupont');
  const browser = newBrowser();
  const authorize = await startSignIn(browser, { durationInMinutes: '60' });
  // What goes to the provider: PKCE S256, a state and a nonce of 43 characters, our redirect URI.
  const params = authorize.searchParams;
  assert.equal(params.get('response_type'), 'code');
  assert.equal(params.get('code_challenge_method'), 'S256');
  assert.match(params.get('code_challenge'), /^[A-Za-z0-9_-]{43}$/);
  assert.match(params.get('state'), /^[A-Za-z0-9_-]{43}$/);
  assert.match(params.get('nonce'), /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(params.get('state'), params.get('nonce'));
  assert.equal(params.get('redirect_uri'), `${config.baseUrl}/connexion/proconnect/retour`);
  assert.match(params.get('scope'), /^openid .*email/);
  const anonymousCookie = browser.cookie(SESSION);
  assert.ok(anonymousCookie, 'the round trip is bound to a session');
  // Only hashes are stored, with the session's hash.
  const row = await db.queryOne('SELECT session_hash, purpose FROM oidc_sign_ins WHERE state_hash = $1', [sha256(params.get('state'))]);
  assert.deepEqual(row, { session_hash: sha256(anonymousCookie), purpose: 'login' });

  const op = providerBrowser(); // the same browser's cookies at the provider
  const callback = await signInAtProvider(authorize, email, op);
  assert.equal(callback.pathname, '/connexion/proconnect/retour');
  assert.equal(callback.searchParams.get('iss'), `${PROVIDER}/api/v2`);
  const before = await conferenceCount();
  const landed = await browser.get(callback.toString());
  assert.equal(landed.status, 302, landed.text.slice(0, 300));
  const { id, code } = conferenceOf(landed);
  assert.equal(await conferenceCount(), before + 1);
  const stored = await db.queryOne('SELECT email, "durationInMinutes" FROM conferences WHERE id = $1', [id]);
  assert.deepEqual(stored, { email, durationInMinutes: '60' });
  // The confirmation email, as after an emailed link.
  const mail = await maildev.waitForEmail(email);
  assert.ok(mail);

  // Session renewal: a new id, and the old one is dead at once.
  const signedInCookie = browser.cookie(SESSION);
  assert.ok(signedInCookie && signedInCookie !== anonymousCookie, 'a new session id on sign-in');
  assert.equal(await sessionRowExists(anonymousCookie), false, 'the old session row is gone');
  const thief = newBrowser({ headers: { cookie: `${SESSION}=${anonymousCookie}` } });
  assert.doesNotMatch((await thief.get('/')).text, /Se déconnecter/);

  // The conference page shows who is signed in, with the sign-out button.
  const page = await browser.get(`/conferences/${id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Jean Dupont/);
  assert.match(page.text, /<form method="post" action="\/deconnexion">/);
  assert.ok(code);

  // Booking again needs no new sign-in.
  const landing = await browser.get('/');
  assert.match(decoded(landing.text), /connecté avec ProConnect en tant que Jean Dupont/);
  const again = await browser.post('/connexion/proconnect', { durationInMinutes: '120', userTimezoneOffset: '-60' });
  assert.equal(again.status, 303);
  const second = conferenceOf(again);
  assert.notEqual(second.id, id);
  const secondRow = await db.queryOne('SELECT email, "durationInMinutes" FROM conferences WHERE id = $1', [second.id]);
  assert.deepEqual(secondRow, { email, durationInMinutes: '120' });

  // Sign-out: our session ends (new id) and the provider's end-session endpoint is asked.
  const out = await browser.post('/deconnexion', {});
  assert.equal(out.status, 303);
  const endSession = new URL(out.location);
  assert.equal(`${endSession.origin}${endSession.pathname}`, `${PROVIDER}/api/v2/session/end`);
  assert.match(endSession.searchParams.get('id_token_hint'), /^[\w-]+\.[\w-]+\.[\w-]+$/);
  assert.equal(endSession.searchParams.get('post_logout_redirect_uri'), `${config.baseUrl}/deconnexion/retour`);
  const logoutState = endSession.searchParams.get('state');
  assert.match(logoutState, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(logoutState, params.get('state'));
  assert.notEqual(browser.cookie(SESSION), signedInCookie, 'a new session id on sign-out');
  assert.equal(await sessionRowExists(signedInCookie), false);
  assert.doesNotMatch((await browser.get('/')).text, /Se déconnecter/);

  // The provider's confirmation form, then back to us with the state.
  const confirmPage = await op.get(endSession.toString());
  assert.equal(confirmPage.status, 200);
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirmPage.text);
  const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(confirmPage.text);
  assert.ok(xsrf && action, 'the provider asks for confirmation');
  const confirmed = await op.post(action[1], { xsrf: xsrf[1], logout: 'yes' });
  assert.equal(confirmed.status, 303);
  const back = new URL(confirmed.location);
  assert.equal(back.pathname, '/deconnexion/retour');
  assert.equal(back.searchParams.get('state'), logoutState);
  const returned = await browser.get(back.toString());
  assert.equal(returned.status, 302);
  const { alerts } = await landingAlerts(browser);
  assert.match(alerts[0]?.text || '', /Vous êtes déconnecté\./);

  // Signed out: booking starts a sign-in again.
  await startSignIn(browser);
});

test('the logout return checks its state: a replayed or forged one is not confirmed', async () => {
  const { browser } = await signInAndBook();
  const out = await browser.post('/deconnexion', {});
  assert.equal(out.status, 303);
  const forged = await browser.get(`/deconnexion/retour?state=${'x'.repeat(43)}`);
  assert.equal(forged.status, 302);
  const { alerts } = await landingAlerts(browser);
  assert.match(alerts[0]?.text || '', /n’a pas pu être vérifiée/);
});

test('a replayed callback creates nothing', async () => {
  const { browser, callback } = await signInAndBook();
  const before = await conferenceCount();
  const replay = await browser.get(callback.toString());
  assert.equal(replay.status, 302);
  assert.equal(replay.location, '/');
  assert.equal(await conferenceCount(), before);
  const { alerts } = await landingAlerts(browser);
  assert.match(alerts[0]?.text || '', /ne correspond à aucune connexion en cours/);
});

test('a callback with a foreign state, or without a session, creates nothing and writes no session', async () => {
  const before = await conferenceCount();
  const browser = newBrowser();
  await startSignIn(browser);
  const forged = await browser.get(`/connexion/proconnect/retour?code=abc&state=${'A'.repeat(43)}&iss=${encodeURIComponent(`${PROVIDER}/api/v2`)}`);
  assert.equal(forged.status, 302);
  assert.match((await landingAlerts(browser)).alerts[0]?.text || '', /ne correspond à aucune connexion en cours/);
  const sessionsBefore = Number((await db.queryOne('SELECT count(*) AS n FROM sessions')).n);
  const anonymous = await newBrowser().get(`/connexion/proconnect/retour?code=abc&state=${'B'.repeat(43)}`);
  assert.equal(anonymous.status, 302);
  assert.equal(await conferenceCount(), before);
  assert.ok(Number((await db.queryOne('SELECT count(*) AS n FROM sessions')).n) <= sessionsBefore + 1);
});

test("another browser's callback (login CSRF) is refused, and stays usable by its own browser", async () => {
  const attacker = newBrowser();
  const attackerEmail = uniqueEmail('attaquant');
  const callback = await signInAtProvider(await startSignIn(attacker), attackerEmail);
  const victim = newBrowser();
  await startSignIn(victim); // the victim has a session and a round trip of their own
  const before = await conferenceCount();
  const planted = await victim.get(callback.toString());
  assert.equal(planted.status, 302);
  assert.equal(planted.location, '/');
  assert.equal(await conferenceCount(), before);
  const landing = await victim.get('/');
  assert.doesNotMatch(landing.text, /Se déconnecter/);
  assert.match(alertsIn(landing.text)[0]?.text || '', /ne correspond à aucune connexion en cours/);
  // The attacker's own browser still completes it (the state was not burnt by the victim).
  const own = await attacker.get(callback.toString());
  conferenceOf(own);
});

test('an expired state is refused with its own message', async () => {
  const browser = newBrowser();
  const authorize = await startSignIn(browser);
  const callback = await signInAtProvider(authorize, uniqueEmail('lent'));
  await db.exec("UPDATE oidc_sign_ins SET expires_at = now() - interval '1 second' WHERE state_hash = $1", [
    sha256(authorize.searchParams.get('state')),
  ]);
  const before = await conferenceCount();
  const late = await browser.get(callback.toString());
  assert.equal(late.status, 302);
  assert.equal(await conferenceCount(), before);
  assert.match((await landingAlerts(browser)).alerts[0]?.text || '', /a pris trop de temps et a expiré/);
});

test('access_denied at the provider comes back as a French message, nothing created', async () => {
  const browser = newBrowser();
  const authorize = await startSignIn(browser);
  const op = providerBrowser();
  const interaction = await op.follow(await op.get(authorize.toString()));
  const abort = /href="(\/interaction\/[^"]+\/abort)"/.exec(interaction.text);
  assert.ok(abort, 'the provider offers to refuse');
  let response = await op.get(abort[1]);
  for (let hops = 0; hops < 5 && !response.location.startsWith(config.baseUrl); hops += 1) {
    response = await op.get(new URL(response.location, response.url).toString());
  }
  const callback = new URL(response.location);
  assert.equal(callback.searchParams.get('error'), 'access_denied');
  const before = await conferenceCount();
  const back = await browser.get(callback.toString());
  assert.equal(back.status, 302);
  assert.equal(await conferenceCount(), before);
  assert.match((await landingAlerts(browser)).alerts[0]?.text || '', /connexion avec ProConnect a été annulée/);
});

test('login_required (prompt=none without a provider session) is a French message', async () => {
  const browser = newBrowser();
  const authorize = await startSignIn(browser);
  authorize.searchParams.set('prompt', 'none');
  const response = await providerBrowser().get(authorize.toString());
  const callback = new URL(response.location);
  assert.equal(callback.searchParams.get('error'), 'login_required');
  await browser.get(callback.toString());
  assert.match((await landingAlerts(browser)).alerts[0]?.text || '', /pas connecté à ProConnect/);
});

test('an address outside the allow-list is refused after sign-in: no conference, not signed in', async () => {
  const browser = newBrowser();
  const callback = await signInAtProvider(await startSignIn(browser), `refuse.${process.pid}.${Date.now()}@gmail.com`);
  const before = await conferenceCount();
  const back = await browser.get(callback.toString());
  assert.equal(back.status, 302);
  assert.equal(back.location, '/');
  assert.equal(await conferenceCount(), before);
  const { alerts, text } = await landingAlerts(browser);
  assert.match(alerts[0]?.text || '', /agence de l'État/);
  assert.doesNotMatch(text, /Se déconnecter/);
});

test('a missing duration is refused before the round trip', async () => {
  const browser = newBrowser();
  const response = await browser.post('/connexion/proconnect', { durationInMinutes: '' });
  assert.equal(response.status, 303);
  assert.equal(response.location, '/');
  assert.match((await landingAlerts(browser)).alerts[0]?.text || '', /Choisissez la durée/);
});

test('a hanging provider: the callback answers within the bound with a French message; /api/status says so', async () => {
  const browser = newBrowser();
  const callback = await signInAtProvider(await startSignIn(browser), uniqueEmail('patient'));
  const delay = await fetch(`${PROVIDER}/_provider/delay?ms=20000`, { method: 'POST' });
  assert.equal(delay.status, 200);
  try {
    const before = await conferenceCount();
    const started = Date.now();
    const back = await browser.get(callback.toString(), { timeoutMs: 20000 });
    const took = Date.now() - started;
    assert.equal(back.status, 302);
    assert.ok(took < 10000, `answered in ${took} ms`);
    assert.equal(await conferenceCount(), before);
    assert.match((await landingAlerts(browser)).alerts[0]?.text || '', /ProConnect ne répond pas/);
    const status = await newBrowser().get('/api/status', { timeoutMs: 20000 });
    assert.equal(status.json().ProConnectStatus, false);
    assert.equal(status.json().status, false);
  } finally {
    await fetch(`${PROVIDER}/_provider/delay?ms=0`, { method: 'POST' });
  }
  const status = await newBrowser().get('/api/status');
  assert.equal(status.json().ProConnectStatus, true);
});

test('the emailed link still works beside ProConnect', async () => {
  const booked = await book(newBrowser());
  assert.ok(booked.id);
});

test('anonymous rejected links and unknown conferences write no session row (500 GETs)', async () => {
  const before = Number((await db.queryOne('SELECT count(*) AS n FROM sessions')).n);
  for (let i = 0; i < 250; i += 1) {
    const browser = newBrowser();
    const link = await browser.get(`/creer-conf?token=${crypto.randomBytes(32).toString('base64url')}`);
    assert.equal(link.status, 302);
    assert.equal(link.location, '/?message=lien-expire');
    assert.deepEqual(link.setCookies, []);
    const conference = await browser.get(`/conferences/${crypto.randomUUID()}`);
    assert.equal(conference.location, '/?message=conference-expiree');
  }
  const after = Number((await db.queryOne('SELECT count(*) AS n FROM sessions')).n);
  assert.ok(after - before <= 2, `sessions ${before} → ${after}`); // other tests' own rows aside
  const landing = await newBrowser().get('/?message=lien-expire');
  assert.match(alertsIn(landing.text)[0]?.text || '', /lien de confirmation ne marche plus/);
  const unknown = await newBrowser().get('/?message=ATTENTION%20appelez%20le%2008%2099');
  assert.deepEqual(alertsIn(unknown.text), []);
});

test('the "check your mailbox" page prints no text from the query string', async () => {
  const browser = newBrowser();
  const hostile = await browser.get(`/email-de-validation-envoye?email=${encodeURIComponent('ATTENTION : appelez le 08 99 00 00 00')}`);
  assert.equal(hostile.status, 200);
  assert.doesNotMatch(decoded(hostile.text), /08 99|ATTENTION/);
  assert.match(decoded(hostile.text), /Nous vous avons envoyé un e-mail/);
  const outside = await browser.get(`/email-de-validation-envoye?email=${encodeURIComponent('appelez.le.0899@gmail.com')}`);
  assert.doesNotMatch(decoded(outside.text), /0899/);
  const own = await browser.get(`/email-de-validation-envoye?email=${encodeURIComponent('prenom.nom@example.gouv.fr')}`);
  assert.match(decoded(own.text), /prenom\.nom@example\.gouv\.fr/);
});

/** Waits until `probe` resolves true (every 100 ms, at most `ms`). */
async function until(probe, ms = 10000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('timed out');
}

const providerAnswers = () =>
  fetch(`${PROVIDER}/_provider/health`, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false);

test('a stopped provider: a French message at once, nothing created; restarted with new keys, sign-in works again', { timeout: 60000 }, async () => {
  const fs = require('node:fs');
  const path = require('node:path');
  const { spawn } = require('node:child_process');
  const pidFile = path.join(config.varDir, 'run', 'oidc-provider.pid');
  const browser = newBrowser();
  const callback = await signInAtProvider(await startSignIn(browser), uniqueEmail('arret'));

  process.kill(Number(fs.readFileSync(pidFile, 'utf8').trim()), 'SIGTERM');
  await until(async () => !(await providerAnswers()));
  try {
    const before = await conferenceCount();
    const started = Date.now();
    const back = await browser.get(callback.toString());
    assert.equal(back.status, 302);
    assert.ok(Date.now() - started < 5000, 'answered at once');
    assert.equal(await conferenceCount(), before);
    assert.match((await landingAlerts(browser)).alerts[0]?.text || '', /ProConnect ne répond pas/);
    const status = await newBrowser().get('/api/status');
    assert.equal(status.status, 500);
    assert.equal(status.json().ProConnectStatus, false);
  } finally {
    // Started again as scripts/run does (its PID file, so scripts/stop stops it): a new process,
    // hence a new signing key the workers have never seen.
    const log = fs.openSync(path.join(config.varDir, 'log', 'oidc-provider.log'), 'a');
    const child = spawn(process.execPath, [path.join(config.repoRoot, 'tests', 'oidc_provider', 'provider.mjs')], {
      detached: true,
      stdio: ['ignore', log, log],
      env: {
        PATH: process.env.PATH,
        OIDC_PROVIDER_PORT: new URL(PROVIDER).port,
        OIDC_PROVIDER_CLIENT_ID: 'audioconf-dev',
        OIDC_PROVIDER_CLIENT_SECRET: 'audioconf-dev-secret-please-change',
        OIDC_PROVIDER_APP_ORIGIN: config.baseUrl,
      },
    });
    child.unref();
    fs.writeFileSync(pidFile, `${child.pid}\n`);
    fs.closeSync(log);
    await until(providerAnswers);
  }
  // Keys rotated: the workers fetch the new key set once, and the journey completes.
  const { conference } = await signInAndBook();
  assert.ok(conference.id);
});
