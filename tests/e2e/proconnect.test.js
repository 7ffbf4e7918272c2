// Sign in with ProConnect as a person lives it, in headless Chromium, with and without
// JavaScript, against the real local provider (tests/oidc_provider): choose a duration, click the
// ProConnect button, sign in, land on the conference page signed in, book again without signing
// in, sign out through the provider's confirmation. Each of our page states passes axe-core and
// the checks axe cannot make; every document of ours passes the Nu HTML Checker at the end.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { config, db } = require('../integration/lib');
const { uniqueEmail } = require('../integration/lib/flows');
const e2e = require('./lib/e2e');

let browser;
let pool;
const docs = []; // every HTML document of ours the server sent
let step = 'start';

before(async () => {
  browser = await e2e.launch();
  pool = new e2e.ContextPool(browser);
});

after(async () => {
  if (browser) await browser.close();
});

async function openFreshPage(options = {}) {
  const page = await pool.page(options);
  await page.context().clearCookies();
  // Only our documents go to vnu: the provider's pages are not ours to validate.
  const ours = [];
  e2e.collectDocuments(page, ours, () => step);
  return {
    page,
    keep: () => docs.push(...ours.filter((doc) => doc.url.startsWith(config.baseUrl))),
  };
}

const CONFERENCE_URL = /\/conferences\/[0-9a-f-]{36}#\d{9}$/;

async function signIn(page, email) {
  await page.waitForURL(/\/interaction\//);
  await page.getByLabel('Adresse électronique professionnelle').fill(email);
  await Promise.all([page.waitForURL(CONFERENCE_URL), page.getByRole('button', { name: 'Se connecter' }).click()]);
}

for (const js of [true, false]) {
  const mode = js ? 'js' : 'nojs';
  test(`ProConnect ${js ? 'with' : 'without'} JavaScript: sign in, book twice, sign out`, { timeout: 240000 }, async () => {
    const email = uniqueEmail(`e2e.proconnect-${mode}`);
    const { page, keep } = await openFreshPage({ js });
    try {
      step = `landing-proconnect-${mode}`;
      await page.goto(`${config.baseUrl}/`);
      await e2e.checkPage(page, `landing-proconnect-${mode}-desktop`, { titleStart: 'Réserver une conférence téléphonique' });
      await page.selectOption('#durationInMinutes', '60');
      step = `provider-${mode}`;
      await page.getByRole('button', { name: /S’identifier avec\s*ProConnect/ }).click();
      await signIn(page, email);
      step = `conference-signed-in-${mode}`;
      await page.waitForLoadState('load');
      await e2e.checkPage(page, `conference-signed-in-${mode}-desktop`, { titleStart: 'Votre conférence' });
      const header = await page.locator('header').textContent();
      assert.match(header, /Se déconnecter/);
      const id = /\/conferences\/([0-9a-f-]{36})/.exec(page.url())[1];
      const row = await db.queryOne('SELECT email, "durationInMinutes" FROM conferences WHERE id = $1', [id]);
      assert.deepEqual(row, { email, durationInMinutes: '60' });

      step = `landing-signed-in-${mode}`;
      await page.goto(`${config.baseUrl}/`);
      await e2e.checkPage(page, `landing-signed-in-${mode}-desktop`);
      await Promise.all([page.waitForURL(CONFERENCE_URL), page.getByRole('button', { name: 'Créer ma conférence' }).click()]);
      assert.notEqual(/\/conferences\/([0-9a-f-]{36})/.exec(page.url())[1], id, 'a second conference');

      step = `sign-out-${mode}`;
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.getByRole('button', { name: 'Oui, me déconnecter' }).click();
      await page.waitForURL(`${config.baseUrl}/`);
      step = `landing-signed-out-${mode}`;
      await e2e.checkPage(page, `landing-signed-out-${mode}-desktop`);
      assert.match(await page.locator('main').textContent(), /Vous êtes déconnecté\./);
      assert.doesNotMatch(await page.locator('header').textContent(), /Se déconnecter/);
    } finally {
      keep();
      await page.close();
    }
  });
}

test('every document of ours seen while signing in is valid HTML (Nu HTML Checker)', { timeout: 240000 }, async () => {
  assert.ok(docs.length >= 6, `documents collected: ${docs.length}`);
  const errors = await e2e.vnuErrors(docs);
  assert.deepEqual(errors, {}, 'vnu errors');
});
