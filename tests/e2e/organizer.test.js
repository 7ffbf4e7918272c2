// The organizer's dashboard in a real browser (SPEC §8): with and without JavaScript, keyboard
// only, valid HTML (Nu HTML Checker), no axe violation, 360-px phones, light and dark.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { config, newBrowser, emulator } = require('../integration/lib');
const { book } = require('../integration/lib/flows');
const e2e = require('./lib/e2e');

let browser;
let pool;
const docs = [];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

before(async () => {
  browser = await e2e.launch();
  pool = new e2e.ContextPool(browser);
});

after(async () => {
  if (browser) await browser.close();
});

async function liveCall(people) {
  const conference = await book(newBrowser());
  await emulator.control('POST', '/_emulator/simulate', { roomNumber: Number(conference.code), participants: people, talkEverySeconds: 3600, hangUps: false });
  await sleep(4500);
  return conference;
}

test('the dashboard: valid, accessible, phone and desktop, light and dark, with and without JavaScript', { timeout: 240000 }, async () => {
  const { id } = await liveCall(3);
  const url = `${config.baseUrl}/conferences/${id}/participants`;
  const response = await newBrowser().get(`/conferences/${id}/participants`);
  assert.equal(response.status, 200);
  docs.push({ label: 'participants', url: `/conferences/${id}/participants`, html: response.text });
  for (const [js, phone, scheme] of [[true, false, 'light'], [true, true, 'dark'], [false, false, 'light'], [false, true, 'light'], [true, true, 'light'], [false, false, 'dark']]) {
    const page = await pool.page({ js, phone, scheme });
    await page.goto(url);
    const name = `participants-${js ? 'js' : 'nojs'}-${scheme}-${phone ? 'phone' : 'desktop'}`;
    assert.equal(await page.locator('tr[data-participant]').count(), 3, `${name}: three people`);
    await e2e.checkPage(page, name, { titleStart: 'Participants de la conférence |', axe: !phone });
    await page.close();
  }
});

test('keyboard only: mute someone without JavaScript (reload) and with it (no reload)', { timeout: 240000 }, async () => {
  const { id } = await liveCall(2);
  const url = `${config.baseUrl}/conferences/${id}/participants`;
  for (const js of [false, true]) {
    const page = await pool.page({ js });
    await page.goto(url);
    const row = page.locator('tr[data-participant]').first();
    const person = await row.getAttribute('data-participant');
    const button = page.locator(`tr[data-participant="${person}"] button`, { hasText: js ? 'Activer le micro' : 'Couper le micro' });
    if (js) {
      // The first run muted this person: unmute, with the keyboard, without a reload.
      await page.evaluate(() => { window.notReloaded = true; });
    }
    await button.focus();
    await page.keyboard.press('Enter');
    const message = js ? 'Le micro a été activé.' : 'Le micro a été coupé.';
    await page.getByText(message).waitFor();
    if (js) assert.equal(await page.evaluate(() => window.notReloaded), true, 'no reload with JavaScript');
    const mic = await page.locator(`tr[data-participant="${person}"] td`).nth(3).textContent();
    assert.equal(mic.trim(), js ? 'Activé' : 'Coupé');
    docs.push({ label: `participants-after-${js ? 'js' : 'nojs'}`, url, html: await page.content() });
    await page.close();
  }
});

test('every document of this file is valid HTML (Nu HTML Checker)', { timeout: 240000 }, async () => {
  assert.ok(docs.length >= 3, `documents collected: ${docs.length}`);
  assert.deepEqual(await e2e.vnuErrors(docs), {}, 'vnu errors');
});
