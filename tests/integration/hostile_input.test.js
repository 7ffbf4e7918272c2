// Hostile input through nginx, table-driven: every route and field gets missing, empty, repeated,
// huge, badly encoded, control-character, markup/SQL, wrong-type and boundary values, bogus ids,
// wrong methods, forged cookies and cross-site POSTs. Every case must end in a French message or
// the proper status, within the bound, without a server error, a stack trace, reflected markup or
// a row that refused input must not create. Adding a case = adding one line to CASES.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { config, db } = require('./lib');
const { XSS, rawRequest, counts, closeCounts, assertSafeAnswer, assertFrenchPage, errorAlerts } = require('./lib/hostile');
const { alertsIn } = require('./lib/flows');

// --- Request builders (raw bytes: nothing is normalised or refused on our side) -------------------

const enc = encodeURIComponent;
/** urlencoded body from an object (values encoded) or a raw string (sent as is). */
const body = (fields) => (typeof fields === 'string' ? fields : Object.entries(fields).map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&'));
const get = (path, headers = {}) => ({ method: 'GET', path, headers });
const post = (path, fields = {}, headers = {}) => ({ method: 'POST', path, body: body(fields), headers });
const method = (verb, path, headers = {}) => ({ method: verb, path, headers, body: '' });

const MISSING = Symbol('missing');
/** A day (YYYY-MM-DD) `offset` days from today in Paris. */
function isoDay(offset) {
  const day = new Date(Date.now() + offset * 86400000);
  return day.toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
}
const dayValid = { email: 'hostile@example.gouv.fr', day: isoDay(1), userTimezoneOffset: '-60' };
function dayForm(field, value) {
  const out = { ...dayValid };
  if (value === MISSING) delete out[field];
  else out[field] = value;
  return out;
}
/** POST /valider-email on the day-mode stack. */
const dayPost = (fields) => ({ ...post('/valider-email', fields), base: 'day' });
const valid = { email: 'hostile@example.gouv.fr', durationInMinutes: '60', userTimezoneOffset: '-60' };
/** The valid landing form with one field replaced (MISSING removes it). */
function form(field, value) {
  const out = { ...valid };
  if (value === MISSING) delete out[field];
  else out[field] = value;
  return out;
}
const UUID0 = '00000000-0000-4000-8000-000000000000';
const TOKEN43 = 'A'.repeat(43);
const HUGE = 'a'.repeat(1024 * 1024);
const LONG = 'a'.repeat(10000);

// --- Expectations ----------------------------------------------------------------------------------

/** Redirect (303 after POST, 302 after GET) to the landing page, which shows an error flash. */
const flash = (re, status = 303) => ({ kind: 'flash', re, status, sessions: 1 });
/** A GET refused for an anonymous visitor: 302 to "/?message=<fixed code>", no cookie, no session
 * row (issue #15 item 6); the landing page at that address shows the French message. */
const notice = (re) => ({ kind: 'notice', re });
/** A page with this exact status, in French (ours or nginx's). */
const status = (code, { allow, json = false, jsonMessage = false } = {}) => ({ kind: 'status', code, allow, json, jsonMessage });
/** A page that renders fine (200), in French. */
const page = () => ({ kind: 'status', code: 200 });
/** Tolerated: the request is accepted (the hostile field is ignored or escaped). */
const accepted = (rows) => ({ kind: 'accepted', rows });

const INVALID_EMAIL = /Email invalide/;
const DAY = /Choisissez le jour/;
const DURATION = /Choisissez la durée/;
const OFFSET = /fuseau horaire/;
const NOT_ALLOWED = /agence de l'État/;
const EXPIRED = /lien de confirmation ne marche plus/;

// --- The cases: [name, request, expectation] -------------------------------------------------------

const CASES = [
  // GET /
  ['GET / plain', get('/'), page()],
  ['GET / markup in the query', get(`/?x=${enc(XSS)}`), page()],
  ['GET / malformed escape in the query', get('/?x=%zz&y=%'), page()],
  ['GET / huge query (URI too long)', get(`/?x=${'a'.repeat(20000)}`), status(414)],
  ['GET / forged session cookie', get('/', { Cookie: 'audioconf_session=forged' }), page()],
  ['GET / stale well-formed session cookie', get('/', { Cookie: `audioconf_session=${TOKEN43}` }), page()],
  ['GET / cookie with markup and controls', get('/', { Cookie: `audioconf_session="${XSS}"; a=%00%0d%0a` }), page()],
  ['GET / 40 cookies, repeated session', get('/', { Cookie: Array.from({ length: 40 }, (_, i) => `audioconf_session=x${i}`).join('; ') }), page()],
  ['GET / invalid UTF-8 cookie', get('/', { Cookie: 'audioconf_session=\xff\xfe' }), page()],
  ['POST / wrong method', post('/', valid), status(405, { allow: 'GET, HEAD' })],
  ['PUT / wrong method', method('PUT', '/', { Origin: 'SELF' }), status(405, { allow: 'GET, HEAD' })],
  ['DELETE / wrong method', method('DELETE', '/', { Origin: 'SELF' }), status(405, { allow: 'GET, HEAD' })],
  ['TRACE / wrong method', method('TRACE', '/'), status(405)],
  ['GET /../etc/passwd traversal', get('/../../etc/passwd'), status(400)],
  ['GET /%2e%2e/etc/passwd encoded traversal', get('/%2e%2e/%2e%2e/etc/passwd'), status(400)],
  ['GET unknown route', get('/admin'), status(404)],

  // POST /valider-email: email
  ['email missing', post('/valider-email', form('email', MISSING)), flash(INVALID_EMAIL)],
  ['email empty', post('/valider-email', form('email', '')), flash(INVALID_EMAIL)],
  ['email blank', post('/valider-email', form('email', '   ')), flash(INVALID_EMAIL)],
  ['email repeated (allowed then refused)', post('/valider-email', `${body(valid)}&email=x%40gmail.com`), accepted({ loginTokens: 1 })],
  ['email repeated (refused first)', post('/valider-email', `email=x%40gmail.com&${body(valid)}`), flash(NOT_ALLOWED)],
  ['email 10 kB', post('/valider-email', form('email', `${LONG}@example.gouv.fr`)), status(400)],
  ['email 254 bytes, local part 238', post('/valider-email', form('email', `${'a'.repeat(238)}@example.gouv.fr`)), flash(INVALID_EMAIL)],
  ['email 255 bytes', post('/valider-email', form('email', `${'a'.repeat(239)}@example.gouv.fr`)), flash(INVALID_EMAIL)],
  ['email local part 65', post('/valider-email', form('email', `${'a'.repeat(65)}@example.gouv.fr`)), flash(INVALID_EMAIL)],
  ['email local part 64 (accepted)', post('/valider-email', form('email', `${'a'.repeat(64)}@example.gouv.fr`)), accepted({ loginTokens: 1 })],
  // RFC 5321 limits that the original pattern let through and relays refuse with 501.
  ['email relay-refused shape', post('/valider-email', form('email', 'inj..l..x.@-.-..fr')), flash(INVALID_EMAIL)],
  ['email local part doubled dot', post('/valider-email', form('email', 'jean..dupont@example.gouv.fr')), flash(INVALID_EMAIL)],
  ['email local part leading dot', post('/valider-email', form('email', '.jean@example.gouv.fr')), flash(INVALID_EMAIL)],
  ['email local part trailing dot', post('/valider-email', form('email', 'jean.@example.gouv.fr')), flash(INVALID_EMAIL)],
  ['email domain label 64', post('/valider-email', form('email', `a@${'b'.repeat(64)}.beta.gouv.fr`)), flash(INVALID_EMAIL)],
  ['email domain label 63 (accepted)', post('/valider-email', form('email', `a@${'b'.repeat(63)}.beta.gouv.fr`)), accepted({ loginTokens: 1 })],
  ['email domain empty label', post('/valider-email', form('email', 'a@x..beta.gouv.fr')), flash(INVALID_EMAIL)],
  ['email domain label leading hyphen', post('/valider-email', form('email', 'a@-x.beta.gouv.fr')), flash(INVALID_EMAIL)],
  ['email domain label trailing hyphen', post('/valider-email', form('email', 'a@x-.beta.gouv.fr')), flash(INVALID_EMAIL)],
  ['email domain leading dot', post('/valider-email', form('email', 'a@.example.gouv.fr')), flash(INVALID_EMAIL)],
  ['email 1 MB (nginx 413)', post('/valider-email', form('email', HUGE)), status(413)],
  ['email malformed escape', post('/valider-email', 'email=%zz%40example.gouv.fr&durationInMinutes=60'), status(400)],
  ['email truncated escape', post('/valider-email', 'email=a%4&durationInMinutes=60'), status(400)],
  ['email invalid UTF-8', post('/valider-email', 'email=%ff%fe%40example.gouv.fr&durationInMinutes=60'), status(400)],
  ['email overlong UTF-8', post('/valider-email', 'email=%c0%afx%40example.gouv.fr&durationInMinutes=60'), status(400)],
  ['email NUL', post('/valider-email', 'email=a%00b%40example.gouv.fr&durationInMinutes=60'), status(400)],
  ['email control char', post('/valider-email', 'email=a%07b%40example.gouv.fr&durationInMinutes=60'), status(400)],
  ['email CR/LF header injection', post('/valider-email', form('email', 'a@example.gouv.fr\r\nBcc: x@gmail.com')), flash(INVALID_EMAIL)],
  ['email LF only', post('/valider-email', form('email', 'a@example.gouv.fr\nBcc: x@gmail.com')), flash(INVALID_EMAIL)],
  ['email two recipients', post('/valider-email', form('email', 'a@example.gouv.fr,x@gmail.com')), flash(INVALID_EMAIL)],
  ['email display-name form', post('/valider-email', form('email', 'X <a@example.gouv.fr>')), flash(INVALID_EMAIL)],
  ['email markup', post('/valider-email', form('email', `${XSS}@example.gouv.fr`)), flash(INVALID_EMAIL)],
  ['email markup at a refused domain', post('/valider-email', form('email', `a@gmail.com${XSS}`)), flash(INVALID_EMAIL)],
  ['email SQL', post('/valider-email', form('email', "a'); DROP TABLE conferences;--@example.gouv.fr")), flash(INVALID_EMAIL)],
  ['email SQL quote at a refused domain', post('/valider-email', form('email', "o'hara@gmail.com")), flash(NOT_ALLOWED)],
  ['email allow-list suffix bypass', post('/valider-email', form('email', 'a@example.gouv.fr.evil.com')), flash(NOT_ALLOWED)],
  ['email allow-list newline bypass', post('/valider-email', form('email', 'a@evil.com\n@example.gouv.fr')), flash(INVALID_EMAIL)],
  ['email unicode lookalike', post('/valider-email', form('email', 'a@exаmple.gouv.fr')), flash(INVALID_EMAIL)],
  ['email as a number', post('/valider-email', form('email', '12345')), flash(INVALID_EMAIL)],
  ['email plus-as-space', post('/valider-email', 'email=a+b%40example.gouv.fr&durationInMinutes=60'), flash(INVALID_EMAIL)],
  ['email key with markup', post('/valider-email', `${enc(XSS)}=1&${body(form('email', MISSING))}`), flash(INVALID_EMAIL)],
  ['65 fields', post('/valider-email', `${body(valid)}&${Array.from({ length: 65 }, (_, i) => `f${i}=1`).join('&')}`), status(400)],
  ['field name 200 bytes', post('/valider-email', `${'k'.repeat(200)}=1&${body(valid)}`), status(400)],

  // POST /valider-email: durationInMinutes
  ['duration missing', post('/valider-email', form('durationInMinutes', MISSING)), flash(DURATION)],
  ['duration empty', post('/valider-email', form('durationInMinutes', '')), flash(DURATION)],
  ['duration 0', post('/valider-email', form('durationInMinutes', '0')), flash(DURATION)],
  ['duration -1', post('/valider-email', form('durationInMinutes', '-1')), flash(DURATION)],
  ['duration 1441', post('/valider-email', form('durationInMinutes', '1441')), flash(DURATION)],
  ['duration 10^20', post('/valider-email', form('durationInMinutes', '100000000000000000000')), flash(DURATION)],
  ['duration 2^31', post('/valider-email', form('durationInMinutes', '2147483648')), flash(DURATION)],
  ['duration not offered (90)', post('/valider-email', form('durationInMinutes', '90')), flash(DURATION)],
  ['duration float', post('/valider-email', form('durationInMinutes', '60.0')), flash(DURATION)],
  ['duration exponent', post('/valider-email', form('durationInMinutes', '6e1')), flash(DURATION)],
  ['duration leading plus', post('/valider-email', form('durationInMinutes', '+60')), flash(DURATION)],
  ['duration leading zero', post('/valider-email', form('durationInMinutes', '060')), flash(DURATION)],
  ['duration spaces', post('/valider-email', form('durationInMinutes', ' 60 ')), flash(DURATION)],
  ['duration text', post('/valider-email', form('durationInMinutes', 'soixante')), flash(DURATION)],
  ['duration markup', post('/valider-email', form('durationInMinutes', XSS)), flash(DURATION)],
  ['duration SQL', post('/valider-email', form('durationInMinutes', '60; DELETE FROM conferences')), flash(DURATION)],
  ['duration NUL', post('/valider-email', `${body(form('durationInMinutes', MISSING))}&durationInMinutes=60%00`), status(400)],
  ['duration CR/LF', post('/valider-email', form('durationInMinutes', '60\r\n')), flash(DURATION)],
  ['duration repeated (valid first)', post('/valider-email', `${body(valid)}&durationInMinutes=-1`), accepted({ loginTokens: 1 })],
  ['duration repeated (invalid first)', post('/valider-email', `durationInMinutes=-1&${body(valid)}`), flash(DURATION)],
  ['duration array syntax', post('/valider-email', `${body(form('durationInMinutes', MISSING))}&durationInMinutes[]=60`), flash(DURATION)],

  // POST /valider-email: userTimezoneOffset, userTimeZone, day (ignored in duration mode)
  ['offset +10^9', post('/valider-email', form('userTimezoneOffset', '1000000000')), flash(OFFSET)],
  ['offset -10^9', post('/valider-email', form('userTimezoneOffset', '-1000000000')), flash(OFFSET)],
  ['offset 10^20', post('/valider-email', form('userTimezoneOffset', '100000000000000000000')), flash(OFFSET)],
  ['offset text', post('/valider-email', form('userTimezoneOffset', 'abc')), flash(OFFSET)],
  ['offset markup', post('/valider-email', form('userTimezoneOffset', XSS)), flash(OFFSET)],
  ['offset float', post('/valider-email', form('userTimezoneOffset', '-60.5')), flash(OFFSET)],
  ['offset missing (tolerated)', post('/valider-email', form('userTimezoneOffset', MISSING)), accepted({ loginTokens: 1 })],
  ['time zone markup (ignored)', post('/valider-email', { ...valid, userTimeZone: XSS }), accepted({ loginTokens: 1, zone: null })],
  ['time zone traversal (ignored)', post('/valider-email', { ...valid, userTimeZone: '../../../etc/passwd' }), accepted({ loginTokens: 1, zone: null })],
  ['time zone 10 kB (over the field limit)', post('/valider-email', { ...valid, userTimeZone: LONG }), status(400)],
  ['time zone 200 bytes (ignored)', post('/valider-email', { ...valid, userTimeZone: 'Europe/'.repeat(30) }), accepted({ loginTokens: 1, zone: null })],
  ['day in duration mode (ignored)', post('/valider-email', { ...valid, day: '2026-02-30' }), accepted({ loginTokens: 1 })],
  ['no Content-Type', { method: 'POST', path: '/valider-email', body: body(valid), headers: { 'Content-Type': null } }, flash(DURATION)],
  ['multipart body', { method: 'POST', path: '/valider-email', body: '--b\r\nContent-Disposition: form-data; name="email"\r\n\r\nhostile@example.gouv.fr\r\n--b--\r\n', headers: { 'Content-Type': 'multipart/form-data; boundary=b' } }, flash(DURATION)],
  ['JSON body', { method: 'POST', path: '/valider-email', body: JSON.stringify(valid), headers: { 'Content-Type': 'application/json' } }, flash(DURATION)],
  ['GET /valider-email wrong method', get('/valider-email'), status(405, { allow: 'POST' })],
  ['PUT /valider-email wrong method', method('PUT', '/valider-email', { Origin: 'SELF' }), status(405, { allow: 'POST' })],
  ['POST /valider-email cross-site', post('/valider-email', valid, { Origin: 'https://evil.example' }), status(403)],
  ['POST /valider-email Origin null', post('/valider-email', valid, { Origin: 'null' }), status(403)],
  ['POST /valider-email no Origin', post('/valider-email', valid, { Origin: null }), status(403)],
  ['POST /valider-email lookalike Origin', post('/valider-email', valid, { Origin: `${config.baseUrl}.evil.example` }), status(403)],
  ['POST /valider-email foreign Referer only', post('/valider-email', valid, { Origin: null, Referer: 'https://evil.example/' }), status(403)],
  ['POST /valider-email forged session', post('/valider-email', form('email', 'x'), { Cookie: 'audioconf_session=forged' }), flash(INVALID_EMAIL)],

  // POST /valider-email in day mode (the second stack): day
  ['day missing', dayPost(dayForm('day', MISSING)), flash(DAY)],
  ['day empty', dayPost(dayForm('day', '')), flash(DAY)],
  ['day yesterday', dayPost(dayForm('day', isoDay(-1))), flash(DAY)],
  ['day in the past (2020)', dayPost(dayForm('day', '2020-01-01')), flash(DAY)],
  ['day beyond the window', dayPost(dayForm('day', isoDay(60))), flash(DAY)],
  ['day 2026-02-30', dayPost(dayForm('day', '2026-02-30')), flash(DAY)],
  ['day 2028-02-30', dayPost(dayForm('day', '2028-02-30')), flash(DAY)],
  ['day month 13', dayPost(dayForm('day', '2026-13-01')), flash(DAY)],
  ['day year 10^20', dayPost(dayForm('day', '100000000000000000000-01-01')), flash(DAY)],
  ['day other format', dayPost(dayForm('day', isoDay(1).split('-').reverse().join('/'))), flash(DAY)],
  ['day with time', dayPost(dayForm('day', `${isoDay(1)}T00:00:00Z`)), flash(DAY)],
  ['day markup', dayPost(dayForm('day', XSS)), flash(DAY)],
  ['day SQL', dayPost(dayForm('day', "2026-01-01'; DROP TABLE conferences;--")), flash(DAY)],
  ['day CR/LF', dayPost(dayForm('day', `${isoDay(1)}\r\n`)), flash(DAY)],
  ['day NUL', dayPost(`${body(dayForm('day', MISSING))}&day=2026-01-01%00`), status(400)],
  ['day repeated (invalid first)', dayPost(`day=2020-01-01&${body(dayForm('day', isoDay(1)))}`), flash(DAY)],
  ['day with a bad offset', dayPost({ ...dayForm('day', isoDay(1)), userTimezoneOffset: '-1000000000' }), flash(OFFSET)],
  ['day duration given instead', dayPost({ ...dayForm('day', MISSING), durationInMinutes: '60' }), flash(DAY)],
  ['day cross-site', { ...dayPost(dayForm('day', isoDay(1))), headers: { Origin: 'https://evil.example' } }, status(403)],

  // GET /email-de-validation-envoye
  ['sent page no email', get('/email-de-validation-envoye'), page()],
  ['sent page markup email', get(`/email-de-validation-envoye?email=${enc(XSS)}`), page()],
  ['sent page attribute breakout', get(`/email-de-validation-envoye?email=${enc('"><b>x</b>')}`), page()],
  ['sent page 10 kB email (URI too long)', get(`/email-de-validation-envoye?email=${LONG}`), status(414)],
  ['sent page 4 kB email', get(`/email-de-validation-envoye?email=${'a'.repeat(4000)}`), page()],
  ['sent page repeated email', get(`/email-de-validation-envoye?email=a&email=${enc(XSS)}`), page()],
  ['sent page invalid UTF-8', get('/email-de-validation-envoye?email=%ff'), status(400)],
  ['sent page NUL', get('/email-de-validation-envoye?email=%00'), status(400)],
  ['sent page malformed escape', get('/email-de-validation-envoye?email=%g0'), status(400)],
  ['sent page POST', post('/email-de-validation-envoye', valid), status(405, { allow: 'GET, HEAD' })],

  // GET /creer-conf
  ['confirm page no token', get('/creer-conf'), notice(EXPIRED)],
  ['confirm page empty token', get('/creer-conf?token='), notice(EXPIRED)],
  ['confirm page short token', get('/creer-conf?token=abc'), notice(EXPIRED)],
  ['confirm page unknown 43-char token', get(`/creer-conf?token=${TOKEN43}`), notice(EXPIRED)],
  ['confirm page markup token', get(`/creer-conf?token=${enc(XSS)}`), notice(EXPIRED)],
  ['confirm page SQL token', get(`/creer-conf?token=${enc("' OR '1'='1")}`), notice(EXPIRED)],
  ['confirm page repeated token', get(`/creer-conf?token=${TOKEN43}&token=x`), notice(EXPIRED)],
  ['confirm page 8 kB token', get(`/creer-conf?token=${'a'.repeat(8000)}`), notice(EXPIRED)],
  ['confirm page malformed escape', get('/creer-conf?token=%zz'), status(400)],
  ['confirm page NUL', get('/creer-conf?token=a%00b'), status(400)],
  ['confirm page CR/LF', get('/creer-conf?token=a%0d%0aSet-Cookie:%20x=y'), notice(EXPIRED)],

  // POST /creer-conf
  ['confirm no token', post('/creer-conf', {}), flash(EXPIRED)],
  ['confirm empty token', post('/creer-conf', { token: '' }), flash(EXPIRED)],
  ['confirm unknown token', post('/creer-conf', { token: TOKEN43 }), flash(EXPIRED)],
  ['confirm markup token', post('/creer-conf', { token: XSS }), flash(EXPIRED)],
  ['confirm SQL token', post('/creer-conf', { token: "x' OR 1=1 --" }), flash(EXPIRED)],
  ['confirm wrong type token', post('/creer-conf', 'token[]=a&token[]=b'), flash(EXPIRED)],
  ['confirm invalid UTF-8 token', post('/creer-conf', 'token=%ff'), status(400)],
  ['confirm NUL token', post('/creer-conf', 'token=%00'), status(400)],
  ['confirm 1 MB token (nginx 413)', post('/creer-conf', { token: HUGE }), status(413)],
  ['confirm cross-site', post('/creer-conf', { token: TOKEN43 }, { Origin: 'https://evil.example' }), status(403)],
  ['confirm no Origin', post('/creer-conf', { token: TOKEN43 }, { Origin: null }), status(403)],
  ['confirm DELETE', method('DELETE', '/creer-conf', { Origin: 'SELF' }), status(405)],

  // GET /conferences/{id}
  ['conference non-UUID id', get('/conferences/abc'), notice(/./)],
  ['conference unknown UUID', get(`/conferences/${UUID0}`), notice(/./)],
  ['conference upper-case UUID', get(`/conferences/${UUID0.toUpperCase()}`), notice(/./)],
  ['conference markup id (its %2F ends the route)', get(`/conferences/${enc(XSS)}`), status(404)],
  ['conference markup id without slash', get(`/conferences/${enc('<script>alert(1)<script>')}`), notice(/./)],
  ['conference SQL id', get(`/conferences/${enc("' OR 1=1--")}`), notice(/./)],
  ['conference 1000-char id', get(`/conferences/${'a'.repeat(1000)}`), notice(/./)],
  ['conference encoded slash', get('/conferences/..%2F..%2Fetc%2Fpasswd'), status(400)],
  ['conference encoded slash in a UUID', get(`/conferences/${UUID0.slice(0, 8)}%2F${UUID0.slice(9)}`), status(404)],
  ['conference dot-dot (nginx normalises to /)', get('/conferences/..'), page()],
  ['conference traversal (nginx normalises)', get('/conferences/../api/status'), status(200, { json: true })],
  ['conference NUL id', get('/conferences/a%00b'), status(400)],
  ['conference invalid UTF-8 id', get('/conferences/%ff'), notice(/./)],
  ['conference trailing slash', get(`/conferences/${UUID0}/`), status(404)],
  ['conference POST', post(`/conferences/${UUID0}`, {}), status(405, { allow: 'GET, HEAD' })],

  // GET/POST /conferences/{id}/annuler
  // Sign in with ProConnect (issue #15): the start refuses bad choices before any round trip;
  // a return without this browser's round trip writes no session (a fixed notice code).
  ['proconnect start no duration', post('/connexion/proconnect', {}), flash(DURATION)],
  ['proconnect start markup duration', post('/connexion/proconnect', { durationInMinutes: XSS }), flash(DURATION)],
  ['proconnect start SQL duration', post('/connexion/proconnect', { durationInMinutes: "60' OR '1'='1" }), flash(DURATION)],
  ['proconnect start huge offset', post('/connexion/proconnect', { durationInMinutes: '60', userTimezoneOffset: '999999999999' }), flash(OFFSET)],
  ['proconnect start cross-site', post('/connexion/proconnect', { durationInMinutes: '60' }, { Origin: 'https://evil.example' }), status(403)],
  ['proconnect start no Origin', post('/connexion/proconnect', { durationInMinutes: '60' }, { Origin: null }), status(403)],
  ['proconnect start wrong method', get('/connexion/proconnect'), status(405, { allow: 'POST' })],
  ['proconnect return bare', get('/connexion/proconnect/retour'), notice(/aucune connexion en cours/)],
  ['proconnect return markup state and code', get(`/connexion/proconnect/retour?state=${enc(XSS)}&code=${enc(XSS)}`), notice(/aucune connexion en cours/)],
  ['proconnect return 8 kB state', get(`/connexion/proconnect/retour?state=${'a'.repeat(8000)}&code=x`), notice(/aucune connexion en cours/)],
  ['proconnect return markup error', get(`/connexion/proconnect/retour?state=${TOKEN43}&error=${enc(XSS)}&error_description=${enc(XSS)}`), notice(/aucune connexion en cours/)],
  ['proconnect return forged session', get(`/connexion/proconnect/retour?state=${TOKEN43}&code=x`, { Cookie: `audioconf_session=${TOKEN43}` }), notice(/aucune connexion en cours/)],
  ['proconnect return CR/LF', get('/connexion/proconnect/retour?state=a%0d%0aSet-Cookie:%20x=y'), notice(/aucune connexion en cours/)],
  ['proconnect return NUL', get('/connexion/proconnect/retour?state=a%00b'), status(400)],
  ['proconnect return wrong method', post('/connexion/proconnect/retour', {}), status(405, { allow: 'GET, HEAD' })],
  ['logout cross-site', post('/deconnexion', {}, { Origin: 'https://evil.example' }), status(403)],
  ['logout wrong method', get('/deconnexion'), status(405, { allow: 'POST' })],
  ['logout return bare', get('/deconnexion/retour'), notice(/n’a pas pu être vérifiée/)],
  ['logout return markup state', get(`/deconnexion/retour?state=${enc(XSS)}`), notice(/n’a pas pu être vérifiée/)],

  ['cancel page non-UUID', get('/conferences/abc/annuler'), notice(/./)],
  ['cancel page unknown UUID', get(`/conferences/${UUID0}/annuler`), notice(/./)],
  ['cancel page markup id', get(`/conferences/${enc(XSS)}/annuler`), status(404)],
  ['cancel page markup id without slash', get(`/conferences/${enc('"><b>x<b>')}/annuler`), notice(/./)],
  ['cancel page encoded slash', get('/conferences/a%2Fb/annuler'), status(404)],
  ['cancel page malformed escape', get('/conferences/%zz/annuler'), status(400)],
  ['cancel page query junk', get(`/conferences/${UUID0}/annuler?x=%ff`), status(400)],
  ['cancel non-UUID', post('/conferences/abc/annuler', {}), flash(/./)],
  ['cancel unknown UUID', post(`/conferences/${UUID0}/annuler`, {}), flash(/./)],
  ['cancel SQL id', post(`/conferences/${enc("x' OR '1'='1")}/annuler`, {}), flash(/./)],
  ['cancel with junk form', post(`/conferences/${UUID0}/annuler`, 'a=%zz'), status(400)],
  ['cancel cross-site', post(`/conferences/${UUID0}/annuler`, {}, { Origin: 'https://evil.example' }), status(403)],
  ['cancel no Origin', post(`/conferences/${UUID0}/annuler`, {}, { Origin: null }), status(403)],
  ['cancel 1 MB body (nginx 413)', post(`/conferences/${UUID0}/annuler`, { x: HUGE }), status(413)],
  ['cancel PUT', method('PUT', `/conferences/${UUID0}/annuler`, { Origin: 'SELF' }), status(405, { allow: 'GET, HEAD, POST' })],

  // The organizer's tools (SPEC §8): GET .../participants(.json) and the moderation POSTs
  ['participants page non-UUID', get('/conferences/abc/participants'), notice(/./)],
  ['participants page unknown UUID', get(`/conferences/${UUID0}/participants`), notice(/./)],
  ['participants page SQL id', get(`/conferences/${enc("x' OR '1'='1")}/participants`), notice(/./)],
  ['participants page malformed escape', get('/conferences/%zz/participants'), status(400)],
  ['participants page POST', post(`/conferences/${UUID0}/participants`, {}), status(405, { allow: 'GET, HEAD' })],
  ['participants JSON unknown UUID', get(`/conferences/${UUID0}/participants.json`), status(404, { jsonMessage: true })],
  ['participants JSON non-UUID', get('/conferences/abc/participants.json'), status(404, { jsonMessage: true })],
  ['participants JSON POST', post(`/conferences/${UUID0}/participants.json`, {}), status(405, { allow: 'GET, HEAD' })],
  ['mute non-numeric participant', post(`/conferences/${UUID0}/participants/abc/couper-micro`, {}), status(404)],
  ['mute negative participant', post(`/conferences/${UUID0}/participants/-1/couper-micro`, {}), status(404)],
  ['mute huge participant', post(`/conferences/${UUID0}/participants/99999999999999999999/couper-micro`, {}), status(404)],
  ['mute markup participant', post(`/conferences/${UUID0}/participants/${enc('"><b>x')}/couper-micro`, {}), status(404)],
  ['mute unknown conference', post(`/conferences/${UUID0}/participants/1001/couper-micro`, {}), flash(/./)],
  ['unmute non-numeric participant', post(`/conferences/${UUID0}/participants/1e3/activer-micro`, {}), status(404)],
  ['unmute unknown conference', post('/conferences/abc/participants/1001/activer-micro', {}), flash(/./)],
  ['exclude non-numeric participant', post(`/conferences/${UUID0}/participants/0x10/exclure`, {}), status(404)],
  ['exclude unknown conference', post(`/conferences/${UUID0}/participants/1001/exclure`, {}), flash(/./)],
  ['exclude cross-site', post(`/conferences/${UUID0}/participants/1001/exclure`, {}, { Origin: 'https://evil.example' }), status(403)],
  ['exclude no Origin', post(`/conferences/${UUID0}/participants/1001/exclure`, {}, { Origin: null }), status(403)],
  ['exclude GET', get(`/conferences/${UUID0}/participants/1001/exclure`), status(405, { allow: 'POST' })],
  ['mute GET', get(`/conferences/${UUID0}/participants/1001/couper-micro`), status(405, { allow: 'POST' })],
  ['mute all unknown conference', post(`/conferences/${UUID0}/couper-tous-les-micros`, {}), flash(/./)],
  ['mute all cross-site', post(`/conferences/${UUID0}/couper-tous-les-micros`, {}, { Origin: 'https://evil.example' }), status(403)],
  ['mute all GET', get(`/conferences/${UUID0}/couper-tous-les-micros`), status(405, { allow: 'POST' })],
  ['lock unknown conference', post(`/conferences/${UUID0}/verrouiller`, {}), flash(/./)],
  ['lock non-UUID', post('/conferences/abc/verrouiller', {}), flash(/./)],
  ['lock cross-site', post(`/conferences/${UUID0}/verrouiller`, {}, { Origin: 'https://evil.example' }), status(403)],
  ['lock GET', get(`/conferences/${UUID0}/verrouiller`), status(405, { allow: 'POST' })],
  ['lock with junk form', post(`/conferences/${UUID0}/verrouiller`, 'a=%zz'), status(400)],
  ['unlock unknown conference', post(`/conferences/${UUID0}/deverrouiller`, {}), flash(/./)],
  ['unlock no Origin', post(`/conferences/${UUID0}/deverrouiller`, {}, { Origin: null }), status(403)],
  ['unlock GET', get(`/conferences/${UUID0}/deverrouiller`), status(405, { allow: 'POST' })],
  ['extend unknown conference', post(`/conferences/${UUID0}/prolonger`, {}), flash(/./)],
  ['extend non-UUID', post('/conferences/abc/prolonger', {}), flash(/./)],
  ['extend cross-site', post(`/conferences/${UUID0}/prolonger`, {}, { Origin: 'https://evil.example' }), status(403)],
  ['extend GET', get(`/conferences/${UUID0}/prolonger`), status(405, { allow: 'POST' })],
  ['end unknown conference', post(`/conferences/${UUID0}/terminer`, {}), flash(/./)],
  ['end SQL id', post(`/conferences/${enc("x' OR '1'='1")}/terminer`, {}), flash(/./)],
  ['end cross-site', post(`/conferences/${UUID0}/terminer`, {}, { Origin: 'https://evil.example' }), status(403)],
  ['end no Origin', post(`/conferences/${UUID0}/terminer`, {}, { Origin: null }), status(403)],
  ['end GET', get(`/conferences/${UUID0}/terminer`), status(405, { allow: 'POST' })],
  ['invitation unknown UUID', get(`/conferences/${UUID0}/invitation.ics`), notice(/./)],
  ['invitation non-UUID', get('/conferences/abc/invitation.ics'), notice(/./)],
  ['invitation POST', post(`/conferences/${UUID0}/invitation.ics`, {}), status(405, { allow: 'GET, HEAD' })],
  ['moderation 1 MB body (nginx 413)', post(`/conferences/${UUID0}/verrouiller`, { x: HUGE }), status(413)],

  // GET /api/status
  ['status query junk', get('/api/status?x=1&x=2'), status(200)],
  ['status malformed escape', get('/api/status?x=%zz'), status(400)],
  ['status POST', post('/api/status', {}), status(405, { allow: 'GET, HEAD' })],
  ['status forged cookie', get('/api/status', { Cookie: `audioconf_session=${XSS}` }), status(200)],

  // Malformed HTTP itself (nginx answers)
  ['raw CR in a header value', { method: 'GET', path: '/', headers: { 'X-Evil': 'a\rb' } }, status(400)],
  ['NUL in the request line', { method: 'GET', path: '/\0', headers: {} }, status(400)],
  ['space in the path', { method: 'GET', path: '/a b', headers: {} }, status(400)],
  ['absurd method', { method: 'G<ET', path: '/', headers: {} }, status(400)],
  ['huge header', get('/', { 'X-Big': 'a'.repeat(20000) }), status(400)],
];

// --- Runner -----------------------------------------------------------------------------------------

function head(request) {
  const headers = { ...request.headers };
  if (request.method === 'POST' && !('Origin' in headers)) headers.Origin = 'SELF';
  if (request.method === 'POST' && !('Content-Type' in headers)) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  const lines = [`${request.method} ${request.path} HTTP/1.0`];
  for (const [name, value] of Object.entries(headers)) {
    if (value === null) continue;
    lines.push(`${name}: ${value === 'SELF' ? new URL(baseOf(request)).origin : value}`);
  }
  return lines.join('\r\n');
}

const baseOf = (request) => (request.base === 'day' ? config.dayBaseUrl : config.baseUrl);

function send(request) {
  return rawRequest(head(request), Buffer.from(request.body || '', 'utf8'), { baseUrl: baseOf(request) });
}

function sessionCookie(response) {
  const line = response.headers['set-cookie'] || '';
  const match = /audioconf_session=([^;]*)/.exec(line);
  return match && match[1] ? match[1] : null;
}

async function runCase([name, request, expected]) {
  const before = await counts();
  const response = await send(request);
  assertSafeAnswer(response, name);
  let sessionsAllowed = 0;
  let tokensExpected = 0;
  switch (expected.kind) {
    case 'flash': {
      assert.equal(response.status, expected.status, `${name}: status (${response.text.slice(0, 200)})`);
      assert.match(response.headers.location || '', /^(https?:\/\/[^/]+)?\/$/, `${name}: goes back to the landing page`);
      const cookie = sessionCookie(response);
      assert.ok(cookie, `${name}: a session holds the message`);
      const landing = await rawRequest(`GET / HTTP/1.0\r\nCookie: audioconf_session=${cookie}`, '', { baseUrl: baseOf(request) });
      assertSafeAnswer(landing, `${name} (landing)`);
      const alerts = errorAlerts(landing.text);
      assert.equal(alerts.length, 1, `${name}: one error message expected`);
      assert.match(alerts[0].text, expected.re, `${name}: message`);
      assert.match(alerts[0].text, /[a-zé]{3,}/i, `${name}: a sentence`);
      sessionsAllowed = expected.sessions;
      break;
    }
    case 'notice': {
      assert.equal(response.status, 302, `${name}: status (${response.text.slice(0, 200)})`);
      const location = response.headers.location || '';
      assert.match(location, /^(https?:\/\/[^/]+)?\/\?message=[a-z-]+$/, `${name}: a fixed message code`);
      assert.equal(sessionCookie(response), null, `${name}: no session cookie`);
      const landing = await rawRequest(`GET ${location.replace(/^https?:\/\/[^/]+/, '')} HTTP/1.0`, '', { baseUrl: baseOf(request) });
      assertSafeAnswer(landing, `${name} (landing)`);
      const alerts = alertsIn(landing.text);
      assert.equal(alerts.length, 1, `${name}: one message expected`);
      assert.match(alerts[0].text, expected.re, `${name}: message`);
      break;
    }
    case 'status':
      assert.equal(response.status, expected.code, `${name}: status (${response.text.slice(0, 200)})`);
      if (expected.jsonMessage) {
        assert.match(JSON.parse(response.text).message, /[a-zé]{3,} [a-zé]{3,}/i, `${name}: a French message`);
      } else if (expected.json || (request.path.startsWith('/api/status') && expected.code === 200)) {
        assert.equal(JSON.parse(response.text).status, true, `${name}: JSON status`);
      } else if (request.method !== 'HEAD') {
        assertFrenchPage(response, name);
      }
      if (expected.allow) assert.equal(response.headers.allow, expected.allow, `${name}: Allow`);
      break;
    case 'accepted': {
      assert.equal(response.status, 303, `${name}: status (${response.text.slice(0, 200)})`);
      assert.match(response.headers.location || '', /\/email-de-validation-envoye\?email=/);
      tokensExpected = expected.rows.loginTokens;
      if ('zone' in expected.rows) {
        const row = await db.queryOne('SELECT "userTimeZone" FROM "loginTokens" ORDER BY "createdAt" DESC LIMIT 1');
        assert.equal(row.userTimeZone, expected.rows.zone, `${name}: stored time zone`);
      }
      break;
    }
    default:
      throw new Error(`unknown expectation ${expected.kind}`);
  }
  const after = await counts();
  assert.equal(after.loginTokens - before.loginTokens, tokensExpected, `${name}: loginTokens rows`);
  assert.equal(after.conferences, before.conferences, `${name}: conferences rows`);
  assert.ok(after.sessions - before.sessions <= sessionsAllowed, `${name}: sessions rows ${before.sessions} → ${after.sessions}`);
}

test(`hostile input: ${CASES.length} cases, each a French answer or the proper status, no row`, async (t) => {
  // Accepted cases store tokens for this address: start from none.
  await db.exec('DELETE FROM "loginTokens" WHERE email = $1', [valid.email]);
  for (const testCase of CASES) {
    await t.test(testCase[0], () => runCase(testCase));
  }
  t.diagnostic(`${CASES.length} hostile input cases`);
});

test.after(closeCounts);

test('the row check can fail: a valid request does create a login token', async () => {
  const before = await counts();
  const response = await send(post('/valider-email', valid));
  assert.equal(response.status, 303);
  const after = await counts();
  assert.equal(after.loginTokens - before.loginTokens, 1);
});

test('the reflection check can fail: the landing form refills the typed address, escaped', async () => {
  const response = await send(post('/valider-email', form('email', `${XSS}@gmail.com`)));
  const landing = await rawRequest(`GET / HTTP/1.0\r\nCookie: audioconf_session=${sessionCookie(response)}`);
  assert.ok(landing.text.includes('&lt;script&gt;alert('), 'the payload is on the page, escaped');
  assertSafeAnswer(landing, 'refill');
});

module.exports = { CASES };
