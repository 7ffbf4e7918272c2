// The booking journey as a person lives it, in headless Chromium: duration mode and day mode,
// with and without JavaScript, desktop and 360-px phone, light and dark; both emails read from
// MailDev; refused addresses; every flash variant. Each page state passes axe-core and the checks
// axe cannot make; every HTML document seen (and both emails) passes the Nu HTML Checker at the end.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { config, maildev, db } = require('../integration/lib');
const { uniqueEmail } = require('../integration/lib/flows');
const e2e = require('./lib/e2e');

let browser;
let pool;
const docs = []; // every HTML document the server sent, and both emails
let step = 'start';

before(async () => {
  browser = await e2e.launch();
  pool = new e2e.ContextPool(browser);
});

after(async () => {
  if (browser) await browser.close();
});

/** A page in a fresh context whose documents are kept for vnu. */
async function openPage(options = {}) {
  const page = await pool.page(options);
  e2e.collectDocuments(page, docs, () => step);
  return { context: { close: () => page.close() }, page };
}

/** The same, with an empty cookie jar: a person arriving on the site. */
async function openFreshPage(options = {}) {
  const opened = await openPage(options);
  await opened.page.context().clearCookies();
  return opened;
}

const SUBMIT = 'Recevoir le lien de réservation';

async function requestLink(page, baseUrl, email, choose) {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Votre adresse e-mail professionnelle').fill(email);
  if (choose) await choose(page);
  await Promise.all([
    page.waitForURL('**/email-de-validation-envoye**'),
    page.getByRole('button', { name: SUBMIT }).click(),
  ]);
  const mail = await maildev.waitForEmail(email, { subject: 'Confirmez la réservation' });
  const link = maildev.linksIn(mail).find((url) => url.includes('/creer-conf?token='));
  return { mail, link };
}

/** Shows a mail's HTML part in a page, as a mail client would, and screenshots it. */
async function screenshotEmail(html, name) {
  for (const phone of [false, true]) {
    const page = await pool.page({ phone, js: false });
    await page.setContent(html, { waitUntil: 'load' });
    await e2e.screenshot(page, `${name}-${phone ? 'phone' : 'desktop'}`);
    await page.close();
  }
}

function assertEmailParts(mail, baseUrl, what) {
  assert.ok(mail.text && mail.text.trim().length > 50, `${what}: a text alternative`);
  assert.ok(mail.html && /<html lang="fr"/.test(mail.html), `${what}: an HTML part in French`);
  for (const href of mail.html.matchAll(/href="([^"]*)"/g)) {
    assert.match(href[1], /^(https?:\/\/|tel:|mailto:)/, `${what}: absolute link ${href[1]}`);
  }
  for (const link of maildev.linksIn(mail).filter((l) => l.includes('/creer-conf') || l.includes('/conferences/'))) {
    assert.ok(link.startsWith(`${baseUrl}/`), `${what}: link ${link} points at the site`);
  }
}

async function assertCodeShown(page, code, what) {
  const grouped = `${code.slice(0, 3)} ${code.slice(3, 6)} ${code.slice(6)}`;
  await assert.doesNotReject(page.locator('#access-code-block').waitFor({ state: 'visible', timeout: 5000 }));
  assert.equal((await page.locator('#access-code [aria-hidden="true"]').textContent()).trim(), grouped, `${what}: grouped code`);
  // Screen readers get the digits one by one, groups separated by a pause.
  const spoken = (await page.locator('#access-code .fr-sr-only').textContent()).trim();
  assert.equal(spoken.replace(/[^0-9]/g, ''), code, `${what}: spoken code`);
  assert.match(spoken, /^\d( \d){2}, \d( \d){2}, \d( \d){2}$/, `${what}: spoken digit by digit`);
  assert.equal(await page.locator('#access-code-missing').isVisible(), false, `${what}: no "code missing" text`);
  const tel = await page.locator('#phone-link').getAttribute('href');
  assert.match(tel, new RegExp(`^tel:\\+?\\d+,,${code}%23$`), `${what}: the tel: link dials the code`);
}

async function screenshotsOf(url, name, { themes = ['light', 'dark'], js = true } = {}) {
  for (const scheme of themes) {
    for (const phone of [false, true]) {
      const { context, page } = await openPage({ phone, scheme, js });
      step = `${name}-${scheme}-${phone ? 'phone' : 'desktop'}`;
      await page.goto(url);
      await e2e.checkPage(page, step, { axe: !phone });
      await context.close();
    }
  }
}

test('duration mode with JavaScript: book, both emails, the code grouped, cancel', { timeout: 240000 }, async () => {
  const email = uniqueEmail('e2e-duree');
  const { context, page } = await openFreshPage();
  step = 'landing-duration';
  await page.goto(`${config.baseUrl}/`);
  await e2e.checkPage(page, 'landing-duration-light-desktop', { titleStart: 'Réserver une conférence téléphonique' });
  // The browser's zone travels with the form.
  assert.equal(await page.locator('#userTimeZone').inputValue(), 'Europe/Paris');
  assert.equal(await page.locator('#userTimezoneOffset').inputValue(), await page.evaluate(() => String(new Date().getTimezoneOffset())));

  step = 'validation-sent';
  const { mail, link } = await requestLink(page, config.baseUrl, email, (p) => p.selectOption('#durationInMinutes', '60'));
  await e2e.checkPage(page, 'validation-sent-light-desktop');
  assert.match(await page.locator('main').textContent(), new RegExp(email.replace(/[.]/g, '\\.')));
  assert.ok(link && link.startsWith(`${config.baseUrl}/creer-conf?token=`), 'absolute booking link');
  assertEmailParts(mail, config.baseUrl, 'validation email');
  assert.ok(mail.text.includes(link), 'the text part holds the link');
  docs.push({ label: 'email-validation', url: 'email', html: mail.html });
  await screenshotEmail(mail.html, 'email-validation');

  // With JavaScript the confirmation page submits itself.
  step = 'confirm-booking-js';
  await page.goto(link);
  await page.waitForURL(/\/conferences\/[0-9a-f-]{36}#\d{9}$/);
  const url = page.url();
  const code = new URL(url).hash.slice(1);
  step = 'conference';
  await page.waitForLoadState('load');
  await assertCodeShown(page, code, 'conference page');
  await e2e.checkPage(page, 'conference-duration-light-desktop', { titleStart: 'Votre conférence' });
  const number = (await page.locator('#phone-link').textContent()).trim();
  assert.match(number, /^0\d( \d\d){4}$/, 'the number, grouped the French way');

  const booked = await maildev.waitForEmail(email, { subject: 'Votre conférence téléphonique est réservée' });
  assertEmailParts(booked, config.baseUrl, 'confirmation email');
  const grouped = `${code.slice(0, 3)} ${code.slice(3, 6)} ${code.slice(6)}`;
  assert.ok(booked.html.includes(grouped) && booked.text.includes(grouped), 'the code, grouped, in both parts');
  assert.match(booked.html, new RegExp(`href="tel:\\+?\\d+,,${code}(%23|#)"`), 'a tel: link dialling the code');
  assert.ok(booked.html.includes(`${url.replace(/#.*/, '')}#${code}`) || booked.html.includes(url), 'a link back to the conference');
  docs.push({ label: 'email-conference', url: 'email', html: booked.html });
  await screenshotEmail(booked.html, 'email-conference');

  // The same page on a phone and in dark theme, then the cancellation page.
  await screenshotsOf(url, 'conference-duration', { themes: ['light', 'dark'] });
  await screenshotsOf(`${url.replace(/#.*/, '')}/annuler#${code}`, 'cancel-confirm');

  step = 'cancel-confirm';
  await Promise.all([page.waitForURL(/\/annuler#\d{9}$/), page.getByRole('link', { name: 'Annuler la conférence' }).click()]);
  await e2e.checkPage(page, 'cancel-confirm-light-desktop-from-link', { titleStart: 'Annuler' });
  step = 'flash-info';
  await Promise.all([page.waitForURL(`${config.baseUrl}/`), page.getByRole('button', { name: 'Oui, annuler la conférence' }).click()]);
  const alert = page.locator('#messages .fr-alert--info');
  assert.match(await alert.textContent(), /annulée/);
  await e2e.checkPage(page, 'flash-info-light-desktop');
  await context.close();
});

test('duration mode without JavaScript: one button to confirm, the code explained, cancel', { timeout: 240000 }, async () => {
  const email = uniqueEmail('e2e-sansjs');
  const { context, page } = await openFreshPage({ js: false });
  step = 'landing-nojs';
  await page.goto(`${config.baseUrl}/`);
  await e2e.checkPage(page, 'landing-duration-nojs-desktop');
  // The time-zone fields stay empty: the server's zone applies.
  assert.equal(await page.locator('#userTimeZone').inputValue(), '');
  // The display-settings button needs JavaScript: hidden without it.
  assert.equal(await page.getByRole('button', { name: 'Paramètres d’affichage' }).isVisible(), false);

  step = 'validation-sent-nojs';
  const { link } = await requestLink(page, config.baseUrl, email);
  step = 'confirm-booking';
  await page.goto(link);
  const button = page.getByRole('button', { name: 'Créer ma conférence' });
  assert.equal(await button.isVisible(), true, 'one button confirms');
  await e2e.checkPage(page, 'confirm-booking-nojs-desktop', { titleStart: 'Créer ma conférence' });
  const phone = await openPage({ js: false, phone: true });
  step = 'confirm-booking-phone';
  await phone.page.goto(link);
  await e2e.checkPage(phone.page, 'confirm-booking-nojs-phone', { axe: false });
  await phone.context.close();

  step = 'conference-nojs';
  await Promise.all([page.waitForURL(/\/conferences\/[0-9a-f-]{36}#\d{9}$/), button.click()]);
  assert.equal(await page.locator('#access-code-block').isVisible(), false, 'no code without JavaScript');
  assert.match(await page.locator('#access-code-missing').textContent(), /e-mail de confirmation/);
  assert.match(await page.locator('#phone-link').getAttribute('href'), /^tel:\+?\d+$/);
  await e2e.checkPage(page, 'conference-nojs-desktop');

  step = 'cancel-nojs';
  await Promise.all([page.waitForURL(/\/annuler(#\d{9})?$/), page.getByRole('link', { name: 'Annuler la conférence' }).click()]);
  await e2e.checkPage(page, 'cancel-confirm-nojs-desktop');
  step = 'flash-info-nojs';
  await Promise.all([page.waitForURL(`${config.baseUrl}/`), page.getByRole('button', { name: 'Oui, annuler la conférence' }).click()]);
  assert.match(await page.locator('#messages .fr-alert--info').textContent(), /annulée/);
  await context.close();
});

test('day mode with JavaScript: choose a day, both emails, conference, cancel', { timeout: 240000 }, async () => {
  const email = uniqueEmail('e2e-jour');
  await screenshotsOf(`${config.dayBaseUrl}/`, 'landing-day');
  const { context, page } = await openFreshPage();
  step = 'landing-day';
  let dayLabel;
  const { link } = await requestLink(page, config.dayBaseUrl, email, async (p) => {
    const options = await p.locator('#day option').all();
    assert.ok(options.length >= 2, 'several days offered');
    dayLabel = (await options[1].textContent()).trim();
    await p.selectOption('#day', { index: 1 });
  });
  step = 'validation-sent-day';
  await e2e.checkPage(page, 'validation-sent-day-light-desktop');
  assert.ok(link.startsWith(`${config.dayBaseUrl}/creer-conf?token=`));
  step = 'conference-day';
  await page.goto(link);
  await page.waitForURL(/\/conferences\/[0-9a-f-]{36}#\d{9}$/);
  const code = new URL(page.url()).hash.slice(1);
  await assertCodeShown(page, code, 'day-mode conference page');
  await e2e.checkPage(page, 'conference-day-light-desktop');
  const booked = await maildev.waitForEmail(email, { subject: /Votre conférence téléphonique du .* est réservée/ });
  assertEmailParts(booked, config.dayBaseUrl, 'day confirmation email');
  assert.ok(dayLabel, 'a day label');
  docs.push({ label: 'email-conference-day', url: 'email', html: booked.html });
  await screenshotEmail(booked.html, 'email-conference-day');

  step = 'cancel-day';
  await Promise.all([page.waitForURL(/\/annuler#\d{9}$/), page.getByRole('link', { name: 'Annuler la conférence' }).click()]);
  await Promise.all([page.waitForURL(`${config.dayBaseUrl}/`), page.getByRole('button', { name: 'Oui, annuler la conférence' }).click()]);
  assert.match(await page.locator('#messages .fr-alert--info').textContent(), /annulée/);
  await e2e.checkPage(page, 'flash-info-day-light-desktop');
  await context.close();
});

test('an invalid and a refused address: the browser, then the service, say why', { timeout: 240000 }, async () => {
  const { context, page } = await openFreshPage();
  step = 'invalid';
  await page.goto(`${config.baseUrl}/`);
  const field = page.getByLabel('Votre adresse e-mail professionnelle');
  // Not an address at all: the browser stops the form and says so.
  await field.fill('pas-une-adresse');
  await page.getByRole('button', { name: SUBMIT }).click();
  assert.equal(page.url(), `${config.baseUrl}/`);
  assert.notEqual(await field.evaluate((el) => el.validationMessage), '');

  // An address the browser accepts but the service does not.
  await field.fill('agent@ministere');
  step = 'flash-error';
  await Promise.all([page.waitForURL(`${config.baseUrl}/`), page.getByRole('button', { name: SUBMIT }).click()]);
  await page.waitForLoadState('load');
  assert.match(await page.locator('#messages .fr-alert--error').textContent(), /Email invalide/);
  assert.equal(await field.inputValue(), 'agent@ministere', 'what was typed is kept');
  // The message is tied to the field: shown under it, and what describes it.
  assert.equal(await field.getAttribute('aria-describedby'), 'email-error');
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#email-error').textContent(), /Email invalide/);
  await e2e.checkPage(page, 'flash-error-light-desktop');

  step = 'flash-error-contact';
  await field.fill('someone@gmail.com');
  await Promise.all([page.waitForURL(`${config.baseUrl}/`), page.getByRole('button', { name: SUBMIT }).click()]);
  await page.waitForLoadState('load');
  const refused = page.locator('#messages .fr-alert--error');
  assert.match(await refused.textContent(), /ne correspond pas à une agence de l'État/);
  assert.match(await refused.getByRole('link', { name: 'Nous contacter' }).getAttribute('href'), /^mailto:.+@/);
  await e2e.checkPage(page, 'flash-error-contact-light-desktop');
  await context.close();

  // The same refusal on a phone, in dark theme, without JavaScript.
  const phone = await openFreshPage({ phone: true, scheme: 'dark', js: false });
  step = 'flash-error-contact-phone';
  await phone.page.goto(`${config.baseUrl}/`);
  await phone.page.getByLabel('Votre adresse e-mail professionnelle').fill('someone@gmail.com');
  await Promise.all([phone.page.waitForURL(`${config.baseUrl}/`), phone.page.getByRole('button', { name: SUBMIT }).click()]);
  assert.match(await phone.page.locator('#messages .fr-alert--error').textContent(), /ne correspond pas/);
  // Without JavaScript too, the refusal is tied to the field by the page itself.
  const phoneField = phone.page.getByLabel('Votre adresse e-mail professionnelle');
  assert.equal(await phoneField.getAttribute('aria-invalid'), 'true');
  assert.equal(await phoneField.getAttribute('aria-describedby'), 'email-error');
  assert.match(await phone.page.locator('#email-error').textContent(), /ne correspond pas/);
  await e2e.checkPage(phone.page, 'flash-error-contact-nojs-dark-phone');
  await phone.context.close();
});

test('keyboard only: from the skip link to the booking link sent', { timeout: 240000 }, async () => {
  const { context, page } = await openFreshPage();
  step = 'keyboard';
  const email = uniqueEmail('e2e-clavier');
  await page.goto(`${config.baseUrl}/`);
  const active = () => page.evaluate(() => document.activeElement && (document.activeElement.id || document.activeElement.textContent.trim()));
  // "Contenu" skip link, then Tab until the email field (header links come first).
  await page.keyboard.press('Tab');
  assert.equal(await active(), 'Contenu');
  await page.keyboard.press('Enter');
  let tabs = 0;
  while ((await active()) !== 'email' && tabs < 10) {
    await page.keyboard.press('Tab');
    tabs += 1;
  }
  assert.equal(await active(), 'email', 'the email field is reached by keyboard right after the skip link');
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  assert.equal(await active(), 'durationInMinutes');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  assert.equal(await active(), SUBMIT);
  await Promise.all([page.waitForURL('**/email-de-validation-envoye**'), page.keyboard.press('Enter')]);
  await maildev.waitForEmail(email, { subject: 'Confirmez la réservation' });
  await context.close();
});

test('success and warning alerts render as well (set in the session as a handler would)', { timeout: 240000 }, async () => {
  // Handlers only raise error and info alerts today; the other DSFR kinds the flash partial
  // accepts are put in a session directly, as add_flash would store them.
  const { context, page } = await openFreshPage();
  for (const kind of ['success', 'warning']) {
    // A session emptied by showing its flashes is dropped with its cookie: one per kind.
    const value = crypto.randomBytes(32).toString('base64url');
    await page.context().addCookies([{ name: 'audioconf_session', value, url: config.baseUrl }]);
    const idHash = crypto.createHash('sha256').update(value).digest('hex');
    const data = { flashes: [{ kind, message: `Message de test (${kind}) : tout est en ordre.` }] };
    await db.query(
      `INSERT INTO sessions (id_hash, data, expires_at) VALUES ($1, $2::jsonb, now() + interval '1 hour')
       ON CONFLICT (id_hash) DO UPDATE SET data = EXCLUDED.data, expires_at = EXCLUDED.expires_at RETURNING id_hash`,
      [idHash, data],
    );
    step = `flash-${kind}`;
    await page.goto(`${config.baseUrl}/`);
    assert.match(await page.locator(`#messages .fr-alert--${kind}`).textContent(), /Message de test/);
    await e2e.checkPage(page, `flash-${kind}-light-desktop`);
  }
  await context.close();
});

test('every document seen and both emails are valid HTML (Nu HTML Checker)', { timeout: 240000 }, async () => {
  const labels = docs.map((d) => d.label).join(' ');
  for (const expected of ['landing-duration', 'landing-day', 'validation-sent', 'confirm-booking', 'conference', 'cancel-confirm',
    'flash-info', 'flash-error', 'flash-error-contact', 'flash-success', 'flash-warning', 'email-validation', 'email-conference']) {
    assert.ok(labels.includes(expected), `a ${expected} document was collected`);
  }
  const errors = await e2e.vnuErrors(docs);
  assert.deepEqual(errors, {}, 'vnu errors');
});
