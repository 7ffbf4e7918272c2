// Smoke test of the stack through nginx: routing, security and cache headers, French error pages,
// the body size limit, and an access log free of query strings and conference ids.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { newBrowser, stack, config } = require('./lib');

// The stack under test offers ProConnect (tests/integration/lib/stack.env): form-action admits
// its provider's origin too, where the sign-in and sign-out POSTs are redirected (SPEC §8).
const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; " +
  `object-src 'none'; base-uri 'self'; form-action 'self' ${new URL(config.oidcProviderUrl).origin}; frame-ancestors 'none'`;

function assertSecurityHeaders(response) {
  assert.equal(response.headers.get('content-security-policy'), EXPECTED_CSP);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(response.headers.get('referrer-policy'), 'strict-origin');
  assert.equal(response.headers.get('x-frame-options'), 'DENY');
  assert.equal(response.headers.get('server'), 'nginx', 'server_tokens off: no version');
}

function assertFrenchHtml(response) {
  assert.match(response.headers.get('content-type') || '', /^text\/html/);
  assert.match(response.text, /<html[^>]*\blang="fr"/);
}

function maxAge(response) {
  const match = /max-age=(\d+)/.exec(response.headers.get('cache-control') || '');
  return match ? Number(match[1]) : 0;
}

function firstStaticFile(dir, prefix = '') {
  if (!fs.existsSync(dir)) return null;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isFile()) return prefix + entry.name;
    if (entry.isDirectory()) {
      const inner = firstStaticFile(path.join(dir, entry.name), `${prefix}${entry.name}/`);
      if (inner) return inner;
    }
  }
  return null;
}

test('the landing page answers 200 with the security headers', async () => {
  const response = await newBrowser().get('/');
  assert.equal(response.status, 200);
  assertSecurityHeaders(response);
  assertFrenchHtml(response);
});

test('/api/status answers 200 with status true', async () => {
  const response = await newBrowser().get('/api/status');
  assert.equal(response.status, 200, response.text);
  assert.equal(response.json().status, true);
  assertSecurityHeaders(response);
});

test('DSFR assets are served by nginx with a long cache lifetime and gzip', async () => {
  const response = await newBrowser().get('/dsfr/dsfr.min.css', { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /^text\/css/);
  assert.ok(maxAge(response) >= 7 * 24 * 3600, `cache-control: ${response.headers.get('cache-control')}`);
  assert.equal(response.headers.get('content-encoding'), 'gzip');
  assertSecurityHeaders(response);
});

test('our static files are served with a cache lifetime', async (t) => {
  const file = firstStaticFile(path.join(config.repoRoot, 'static'));
  if (!file) {
    t.skip('static/ is empty');
    return;
  }
  const response = await newBrowser().get(`/static/${file}`);
  assert.equal(response.status, 200);
  assert.ok(maxAge(response) >= 24 * 3600, `cache-control: ${response.headers.get('cache-control')}`);
});

test('the favicon comes from the DSFR', async () => {
  const response = await newBrowser().get('/favicon.ico');
  assert.equal(response.status, 200);
  assert.ok(maxAge(response) > 0);
});

test('the static pages are served by nginx', async () => {
  for (const page of ['/mentions-legales', '/contact', '/questions-frequentes']) {
    const response = await newBrowser().get(page);
    assert.equal(response.status, 200, page);
    assertFrenchHtml(response);
    assertSecurityHeaders(response);
  }
});

test('an unknown path answers the French 404 page', async () => {
  const response = await newBrowser().get('/cette-page-n-existe-pas');
  assert.equal(response.status, 404);
  assertFrenchHtml(response);
  assertSecurityHeaders(response);
});

test('a body over 64 KB is refused with the French 413 page', async () => {
  const response = await newBrowser().post('/valider-email', { email: 'a'.repeat(70 * 1024) });
  assert.equal(response.status, 413);
  assertFrenchHtml(response);
  assertSecurityHeaders(response);
});

test('the access log holds neither query strings nor conference ids', async () => {
  const before = stack.logSize('nginx-access');
  const browser = newBrowser();
  const id = '6f1c2b9e-1d2a-4c3b-9e8f-0a1b2c3d4e5f';
  await browser.get('/email-de-validation-envoye?email=secret.agent%40example.gouv.fr');
  await browser.get('/creer-conf?token=SECRETTOKENVALUE');
  await browser.get(`/conferences/${id}?x=1`);
  await browser.get(`/conferences/${id}/annuler`);
  await browser.get('/cette-page-n-existe-pas?secret=SECRETQUERY');
  const lines = await stack.waitFor(
    () => {
      const added = stack.readLogSince('nginx-access', before).split('\n').filter(Boolean);
      return added.length >= 5 ? added : null;
    },
    { timeoutMs: 5000, what: 'five access log lines' },
  );
  const log = lines.join('\n');
  assert.doesNotMatch(log, /\?/);
  assert.doesNotMatch(log, /secret|SECRET/);
  assert.ok(!log.includes(id), 'conference id in the access log');
  assert.match(log, /"GET \/conferences\/:id" /);
  assert.match(log, /"GET \/conferences\/:id\/annuler" /);
  assert.match(log, /"GET \/creer-conf" /);
});
