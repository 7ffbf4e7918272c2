// The rest of the site in headless Chromium: static pages (legal notice, contact, FAQ), error
// pages (from the handlers and nginx's own), the DSFR display settings (light/dark/system), the
// favicon set and every asset a page references, the FAQ linked from every footer. Each page
// passes axe-core and the basic checks; every document passes the Nu HTML Checker at the end.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { config, newBrowser, db } = require('../integration/lib');
const e2e = require('./lib/e2e');

let browser;
let pool;
const docs = [];

before(async () => {
  browser = await e2e.launch();
  pool = new e2e.ContextPool(browser);
});

after(async () => {
  if (browser) await browser.close();
});

const STATIC_PAGES = [
  { path: '/mentions-legales', title: 'Mentions légales' },
  { path: '/contact', title: 'Contact' },
  { path: '/questions-frequentes', title: 'Questions fréquentes' },
];

/** Opens `html` as if served at the site's origin (assets resolve, axe can run). */
async function showHtml(page, html) {
  await page.goto(`${config.baseUrl}/mentions-legales`);
  await page.setContent(html, { waitUntil: 'load' });
}

test('static pages: valid, accessible, desktop and phone, light and dark', { timeout: 240000 }, async () => {
  for (const { path: pagePath, title } of STATIC_PAGES) {
    const response = await newBrowser().get(pagePath);
    assert.equal(response.status, 200, pagePath);
    assert.match(response.headers.get('content-type'), /^text\/html/);
    docs.push({ label: `static${pagePath.replace(/\//g, '-')}`, url: pagePath, html: response.text });
    for (const [phone, scheme] of [[false, 'light'], [true, 'light'], [false, 'dark'], [true, 'dark']]) {
      const page = await pool.page({ phone, scheme });
      await page.goto(config.baseUrl + pagePath);
      await e2e.checkPage(page, `static${pagePath.replace(/\//g, '-')}-${scheme}-${phone ? 'phone' : 'desktop'}`, {
        titleStart: `${title} |`,
        axe: !phone && scheme === 'light',
      });
      await page.close();
    }
  }
});

test('/stats: charts with JavaScript, the table without; valid and accessible', { timeout: 240000 }, async () => {
  await db.exec('DELETE FROM stats');
  // An hour of points, one without a booked count (shown as "non disponible").
  await db.exec(`INSERT INTO stats (date, "onlineParticipantsCount", "activeConfsCount", "errorConfsCount", "bookedRoomsCount")
    SELECT date_trunc('minute', now()) - make_interval(mins => n), 40 + n % 7, 10 + n % 3, 0, CASE WHEN n = 30 THEN -1 ELSE 100 + n END
    FROM generate_series(1, 60) AS n`);
  try {
    const response = await newBrowser().get('/stats');
    assert.equal(response.status, 200);
    docs.push({ label: 'stats', url: '/stats', html: response.text });
    for (const [js, phone, scheme] of [[true, false, 'light'], [true, true, 'dark'], [false, false, 'light']]) {
      const page = await pool.page({ js, phone, scheme });
      await page.goto(`${config.baseUrl}/stats`);
      const name = `stats-${js ? 'js' : 'nojs'}-${scheme}-${phone ? 'phone' : 'desktop'}`;
      const charts = page.locator('#stats-charts');
      if (js) {
        await charts.waitFor({ state: 'visible' });
        assert.equal(await page.locator('#stats-charts canvas').count(), 3, `${name}: three charts`);
      } else {
        assert.equal(await charts.isVisible(), false, `${name}: no empty chart area without JavaScript`);
      }
      // The values are always in the table, for everyone.
      assert.equal(await page.locator('#stats-table tbody tr').count(), 60, `${name}: one row per point`);
      await e2e.checkPage(page, name, { titleStart: 'Statistiques |', axe: scheme === 'light' });
      await page.close();
    }
  } finally {
    await db.exec('DELETE FROM stats');
  }
});

test('the FAQ answers the usual questions and every page links to it from the footer', { timeout: 240000 }, async () => {
  const page = await pool.page();
  for (const start of ['/', '/mentions-legales', '/contact']) {
    await page.goto(config.baseUrl + start);
    const link = page.locator('footer').getByRole('link', { name: 'Questions fréquentes' });
    assert.equal(await link.count(), 1, `FAQ link in the footer of ${start}`);
    await Promise.all([page.waitForURL(`${config.baseUrl}/questions-frequentes`), link.click()]);
  }
  assert.equal(await page.locator('h1').textContent(), 'Questions fréquentes');
  const questions = (await page.locator('main h2').allTextContents()).join('\n');
  for (const topic of [/rejoindre/i, /combien de personnes|participants/i, /co[uû]te/i, /perdu le code/i, /annuler/i, /qui peut/i]) {
    assert.match(questions, topic);
  }
  await page.close();
});

test('error pages from the handlers (403, 404, 405) and from nginx are French DSFR pages', { timeout: 240000 }, async () => {
  const http = newBrowser();
  const answers = [
    ['handler-403', await http.post('/valider-email', { email: 'a@example.gouv.fr' }, { origin: 'https://evil.example' }), 403],
    ['handler-405', await http.request('PUT', '/', { headers: { origin: http.origin } }), 405],
    ['handler-405-conference', await http.request('DELETE', '/conferences/00000000-0000-0000-0000-000000000000', { headers: { origin: http.origin } }), 405],
    ['nginx-404', await http.get('/cette-page-n-existe-pas'), 404],
    ['nginx-405', await http.post('/mentions-legales', { a: 'b' }), 405],
  ];
  // The handlers' own 404 (e.g. /stats with FEATURE_STATS_PAGE off) is the same error template
  // as their 403 and 405; nginx sends every unknown path to its own 404 page, checked here.
  const siteErrors = path.join(config.varDir, 'site', 'errors');
  const files = fs.existsSync(siteErrors) ? fs.readdirSync(siteErrors).filter((f) => f.endsWith('.html')) : [];
  assert.ok(files.length >= 10, `nginx error pages in ${siteErrors}`);
  for (const file of files.sort()) {
    answers.push([`nginx-file-${file.replace('.html', '')}`, { status: Number(file.slice(0, 3)), text: fs.readFileSync(path.join(siteErrors, file), 'utf8') }, Number(file.slice(0, 3))]);
  }
  const page = await pool.page();
  for (const [label, response, status] of answers) {
    assert.equal(response.status, status, label);
    assert.match(response.text, new RegExp(`Erreur ${status}`), `${label} says the error code`);
    docs.push({ label: `error-${label}`, url: label, html: response.text });
    await showHtml(page, response.text);
    const name = `error-${label}`;
    await e2e.assertPageBasics(page, name);
    await e2e.assertNoAxeViolations(page, name);
    if (['handler-403', 'handler-405', 'nginx-404', 'nginx-file-500'].includes(label)) await e2e.screenshot(page, `${name}-desktop`);
  }
  await page.close();
});

test('display settings: the footer opens the DSFR dialog, light/dark/system switch the theme', { timeout: 240000 }, async () => {
  const context = await e2e.newContext(browser, { scheme: 'dark' });
  const page = await context.newPage();
  await page.goto(`${config.baseUrl}/`);
  const theme = () => page.evaluate(() => document.documentElement.getAttribute('data-fr-theme'));
  // System preference (dark here) applies until a choice is made.
  await page.waitForFunction(() => document.documentElement.getAttribute('data-fr-js') === 'true');
  assert.equal(await theme(), 'dark');
  const dialog = page.locator('#fr-theme-modal');
  for (const [label, expected] of [['Thème clair', 'light'], ['Thème sombre', 'dark'], ['Système', 'dark']]) {
    await page.getByRole('button', { name: 'Paramètres d’affichage' }).click();
    await dialog.waitFor({ state: 'visible' });
    await page.locator(`#fr-theme-modal label:has-text("${label}")`).click();
    await page.waitForFunction((want) => document.documentElement.getAttribute('data-fr-theme') === want, expected);
    if (label !== 'Système') {
      await e2e.assertNoAxeViolations(page, `display settings dialog (${label})`);
      await e2e.screenshot(page, `display-settings-${expected}-desktop`);
    }
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }
  // The choice is kept from page to page.
  await page.getByRole('button', { name: 'Paramètres d’affichage' }).click();
  await page.locator('#fr-theme-modal label:has-text("Thème clair")').click();
  // Navigate only once the choice is applied (and stored by DSFR's script).
  await page.waitForFunction(() => document.documentElement.getAttribute('data-fr-theme') === 'light');
  await page.goto(`${config.baseUrl}/mentions-legales`);
  await page.waitForFunction(() => document.documentElement.getAttribute('data-fr-js') === 'true');
  // DSFR applies the stored theme from its script: give it a moment rather than racing it.
  await page.waitForFunction(() => document.documentElement.getAttribute('data-fr-theme') !== null, null, { timeout: 5000 })
    .catch(() => {});
  assert.equal(await theme(), 'light');
  await context.close();
});

test('the official DSFR favicon set and every asset referenced by every page answer 200', { timeout: 240000 }, async () => {
  const pages = ['/', `${config.dayBaseUrl}/`, '/email-de-validation-envoye?email=agent%40example.gouv.fr', '/stats', '/cette-page-n-existe-pas',
    ...STATIC_PAGES.map((p) => p.path)];
  const page = await pool.page();
  const failed = [];
  page.on('response', (response) => {
    if (response.status() >= 400 && response.request().resourceType() !== 'document') failed.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => failed.push(`failed ${request.url()}`));
  const referenced = new Set();
  for (const pagePath of pages) {
    await page.goto(/^https?:/.test(pagePath) ? pagePath : config.baseUrl + pagePath, { waitUntil: 'networkidle' });
    const urls = await page.evaluate(() => {
      const found = [];
      for (const el of document.querySelectorAll('link[href]')) found.push(el.href);
      for (const el of document.querySelectorAll('script[src], img[src]')) found.push(el.src);
      for (const el of document.querySelectorAll('use')) {
        const href = el.getAttribute('href') || el.getAttribute('xlink:href');
        if (href && !href.startsWith('#')) found.push(new URL(href, document.baseURI).href);
      }
      return found;
    });
    for (const url of urls) {
      if (url.startsWith(config.baseUrl) || url.startsWith(config.dayBaseUrl)) referenced.add(url.replace(/#.*/, ''));
    }
    const icons = await page.evaluate(() => [...document.querySelectorAll('link[rel~="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]')].map((l) => l.getAttribute('href')));
    assert.deepEqual(icons.sort(), ['/dsfr/favicon/apple-touch-icon.png', '/dsfr/favicon/favicon.ico', '/dsfr/favicon/favicon.svg', '/dsfr/favicon/manifest.webmanifest'].sort(), `favicon set on ${pagePath}`);
  }
  // The manifest's icons too, and the /favicon.ico browsers ask for on their own.
  referenced.add(`${config.baseUrl}/dsfr/favicon/android-chrome-192x192.png`);
  referenced.add(`${config.baseUrl}/dsfr/favicon/android-chrome-512x512.png`);
  referenced.add(`${config.baseUrl}/favicon.ico`);
  const broken = [];
  for (const url of referenced) {
    const response = await fetch(url, { signal: AbortSignal.timeout(10000) });
    await response.arrayBuffer();
    if (response.status !== 200) broken.push(`${response.status} ${url}`);
  }
  assert.ok(referenced.size >= 10, `assets found: ${referenced.size}`);
  assert.deepEqual(broken, [], 'every referenced asset answers 200');
  assert.deepEqual(failed, [], 'no sub-resource failed while the pages loaded (CSS icons and fonts included)');
  await page.close();
});

test('every document of this file is valid HTML (Nu HTML Checker)', { timeout: 240000 }, async () => {
  assert.ok(docs.length >= 15, `documents collected: ${docs.length}`);
  assert.deepEqual(await e2e.vnuErrors(docs), {}, 'vnu errors');
});
