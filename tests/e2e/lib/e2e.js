// Browser-test helpers: one headless Debian Chromium per test file (playwright-core, never a
// downloaded browser), contexts per situation (JavaScript on/off, desktop/phone, light/dark),
// screenshots, axe-core, the accessibility checks axe cannot make, and the Nu HTML Checker run
// once over every collected document.
'use strict';

const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');
const config = require('../../integration/lib/config');

const APP_NAME = 'CoucouCollègues';
const SCREENSHOT_DIR = path.join(config.repoRoot, 'tests', 'artifacts', 'screenshots');
const VNU_JAR = path.join(config.repoRoot, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 740 };

function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
}

/**
 * A context as a person's browser: French, Paris time. CSP is bypassed only so that axe-core can
 * be injected (RECIPES §6); our pages never need it.
 */
const contextOptions = new WeakMap(); // context -> the options it was made with
const axeCompanions = new WeakMap(); // no-JavaScript context -> its axe companion

async function newContext(browser, { js = true, phone = false, scheme = 'light' } = {}) {
  const context = await browser.newContext({
    javaScriptEnabled: js,
    viewport: phone ? PHONE : DESKTOP,
    isMobile: phone,
    hasTouch: phone,
    colorScheme: scheme,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    bypassCSP: true,
  });
  contextOptions.set(context, { js, phone, scheme, browser });
  return context;
}

/**
 * axe-core needs the page's event loop, which a context without JavaScript does not run. For such
 * a page, axe runs on the same HTML at the same URL in a companion context (same viewport and
 * theme) where every page script is blocked: the DOM is the one a person without JavaScript sees.
 */
async function axePageFor(page) {
  const options = contextOptions.get(page.context());
  if (!options || options.js) return { axePage: page, close: async () => {} };
  let companion = axeCompanions.get(page.context());
  if (!companion) {
    companion = await newContext(options.browser, { ...options, js: true });
    await companion.route('**/*', (route) =>
      route.request().resourceType() === 'script' ? route.abort() : route.continue(),
    );
    axeCompanions.set(page.context(), companion);
  }
  const html = await page.content();
  const url = page.url();
  const axePage = await companion.newPage();
  await axePage.route(url.replace(/#.*/, ''), (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await axePage.goto(url);
  return { axePage, close: () => axePage.close() };
}

/**
 * Keeps the HTML the server sent for every document the page loads (not the DOM after scripts):
 * that is what the Nu HTML Checker must see. `docs` is an array of { label, url, html }.
 */
function collectDocuments(page, docs, label) {
  page.on('response', async (response) => {
    if (response.request().resourceType() !== 'document') return;
    const type = response.headers()['content-type'] || '';
    if (!type.startsWith('text/html') || (response.status() >= 300 && response.status() < 400)) return;
    try {
      docs.push({ label: `${label()}-${docs.length}`, url: response.url(), html: await response.text() });
    } catch {
      // The page navigated on before the body could be read: a later document covers it.
    }
  });
}

function safeName(name) {
  return name.replace(/[^a-z0-9._-]+/gi, '-');
}

async function screenshot(page, name) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${safeName(name)}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const AXE_SOURCE = fs.readFileSync(AXE_PATH, 'utf8');

/**
 * Runs axe-core (wcag2a, wcag2aa, best-practice) and fails with a readable list of violations.
 * The source is evaluated rather than added as a <script>: that works with JavaScript disabled
 * in the page too (Playwright's evaluation is not the page's scripting).
 */
async function assertNoAxeViolations(original, what) {
  const { axePage: page, close } = await axePageFor(original);
  try {
    await runAxe(page, what);
  } finally {
    await close();
  }
}

async function runAxe(page, what) {
  // Colours measured mid-transition (a theme switch, a dialog fading in) are neither the old nor
  // the new ones: let running CSS transitions and animations finish first (bounded).
  await page.evaluate(() => Promise.race([
    Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => {}))),
    new Promise((resolve) => setTimeout(resolve, 3000)),
  ]));
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'best-practice'] } }),
  );
  const lines = result.violations.map(
    (v) => `[${v.impact}] ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`,
  );
  assert.deepEqual(lines, [], `axe violations on ${what} (${page.url()})`);
}

/**
 * What axe does not check: French language, one h1, "Page | CoucouCollègues" title, a skip link
 * as the first focusable element, and a visible focus ring on it.
 */
async function assertPageBasics(page, what, { titleStart } = {}) {
  const facts = await page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang'),
    h1: [...document.querySelectorAll('h1')].map((h) => h.textContent.trim()),
    title: document.title,
  }));
  assert.equal(facts.lang, 'fr', `lang on ${what}`);
  assert.equal(facts.h1.length, 1, `exactly one h1 on ${what}: ${JSON.stringify(facts.h1)}`);
  assert.match(facts.title, new RegExp(`^.+ \\| ${APP_NAME}$`), `title of ${what}`);
  if (titleStart) assert.ok(facts.title.startsWith(titleStart), `title of ${what}: ${facts.title}`);

  // Keyboard: the first Tab lands on the skip link, whose focus is visible.
  await page.evaluate(() => {
    if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
    window.scrollTo(0, 0);
  });
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
      tag: el.tagName,
      href: el.getAttribute('href'),
      text: el.textContent.trim(),
      inSkiplinks: Boolean(el.closest('.fr-skiplinks')),
      outlineStyle: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth) || 0,
      visible: el.getBoundingClientRect().height > 0,
    };
  });
  assert.equal(focused.tag, 'A', `first focusable element on ${what}`);
  assert.ok(focused.inSkiplinks, `first focusable element on ${what} is the skip link`);
  assert.equal(focused.href, '#contenu', `skip link target on ${what}`);
  assert.ok(focused.visible, `the skip link shows when focused on ${what}`);
  assert.notEqual(focused.outlineStyle, 'none', `focus outline on ${what}`);
  assert.ok(focused.outlineWidth >= 1, `focus outline width on ${what}: ${focused.outlineWidth}`);
  const target = await page.evaluate(() => Boolean(document.getElementById('contenu')));
  assert.ok(target, `#contenu exists on ${what}`);
  await page.keyboard.press('Escape');
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
}

/**
 * Every check of a page state: basics, reflow on phones, axe (unless options.axe === false:
 * phone variants of a state already checked on desktop), then a screenshot.
 */
async function checkPage(page, name, options = {}) {
  await assertPageBasics(page, name, options);
  // Reflow (WCAG 1.4.10): on a 360-px phone nothing needs horizontal scrolling.
  const widths = await page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    // Named in the failure message: the outermost elements that stick out on the right.
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > client + 1 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > client + 1))
      .slice(0, 5).map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')} (${Math.round(el.getBoundingClientRect().width)} px)`);
    return { scroll: document.documentElement.scrollWidth, client, wide };
  });
  if (widths.client <= PHONE.width) assert.ok(widths.scroll <= widths.client, `${name}: no horizontal scrolling (${widths.scroll} > ${widths.client}: ${widths.wide.join(', ')})`);
  if (options.axe !== false) await assertNoAxeViolations(page, name);
  await screenshot(page, name);
}

/**
 * Browser contexts reused for the whole file, one per situation (creating one is the slow part).
 * page(options) gives a new page in the shared context of that situation; a journey that needs an
 * empty cookie jar calls page.context().clearCookies() first.
 */
class ContextPool {
  constructor(browser) {
    this.browser = browser;
    this.contexts = new Map();
  }

  async page(options = {}) {
    const key = JSON.stringify([options.js !== false, Boolean(options.phone), options.scheme || 'light']);
    if (!this.contexts.has(key)) this.contexts.set(key, await newContext(this.browser, options));
    return this.contexts.get(key).newPage();
  }
}

/**
 * Validates every document with one JVM run of the Nu HTML Checker. Resolves with
 * { label: [error messages] } for the documents that have errors.
 */
async function vnuErrors(docs) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audioconf-vnu-'));
  const byFile = new Map();
  try {
    docs.forEach((doc, index) => {
      const file = path.join(dir, `${String(index).padStart(3, '0')}-${safeName(doc.label)}.html`);
      fs.writeFileSync(file, doc.html);
      byFile.set(`file:${file}`, doc.label);
    });
    const output = await new Promise((resolve, reject) => {
      execFile(
        'java',
        ['-jar', VNU_JAR, '--format', 'json', '--stdout', '--errors-only', ...[...byFile.keys()].map((u) => u.slice(5))],
        { maxBuffer: 64 * 1024 * 1024, timeout: 120000 },
        (error, stdout, stderr) => {
          // Exit status 1 only means "errors found": the JSON says which.
          if (error && !stdout) reject(new Error(`vnu failed: ${stderr || error.message}`));
          else resolve(stdout);
        },
      );
    });
    const errors = {};
    for (const message of JSON.parse(output).messages || []) {
      if (message.type !== 'error' && message.subType !== 'fatal') continue;
      const label = byFile.get(message.url) || message.url;
      (errors[label] ||= []).push(`line ${message.lastLine}: ${message.message} «${(message.extract || '').trim()}»`);
    }
    return errors;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = {
  APP_NAME,
  SCREENSHOT_DIR,
  DESKTOP,
  PHONE,
  launch,
  newContext,
  collectDocuments,
  screenshot,
  assertNoAxeViolations,
  assertPageBasics,
  checkPage,
  ContextPool,
  vnuErrors,
};
