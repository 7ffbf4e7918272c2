// No dead link anywhere, with FEATURE_STATS_PAGE on and off: on the test stack (on, stack.env), its
// day-mode stack, and an extra instance with the feature off (`scripts/run --detach`, sharing the
// stack's database, MailDev and emulator, tests/hosts/lib/instances.js), every page reachable
// from / plus the static pages, the mailbox page, the confirmation page, a conference page, its
// cancel page and error pages (nginx's and a handler's) link only to same-site URLs that answer
// 200, and so do their assets (stylesheets and what they load, scripts, icons, SVG sprites).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { Browser, config, maildev } = require('./lib');
const { uniqueEmail, confirm } = require('./lib/flows');
const { Instance } = require('../hosts/lib/instances');

/** YYYY-MM-DD of today in Europe/Paris (the stacks' zone): a day the day mode accepts. */
const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

const duration = () => ({ durationInMinutes: '120' });
const STACKS = [
  { name: 'test stack', baseUrl: config.baseUrl, booking: duration },
  { name: 'day-mode stack', baseUrl: config.dayBaseUrl, booking: () => ({ day: parisToday() }) },
  { name: 'instance with FEATURE_STATS_PAGE=false', baseUrl: null, booking: duration },
];

let statsOff;
test.before(async () => {
  statsOff = new Instance({ name: 'links', databaseUrl: config.databaseUrl, env: { FEATURE_STATS_PAGE: 'false' } });
  await statsOff.start();
  // Its public origin (HOSTNAME_WITH_PROTOCOL): what the POSTs' Origin check and its mails use.
  STACKS[2].baseUrl = `http://localhost:${statsOff.port}`;
});
test.after(async () => {
  if (statsOff) await statsOff.stop();
});

// A runaway crawl (a link that makes new links) must end in a failure, not a timeout.
const MAX_URLS = 2000;

async function statsPageSetting(baseUrl) {
  const response = await new Browser({ baseUrl }).get('/api/status');
  assert.equal(response.status, 200, `${baseUrl}/api/status`);
  const flag = response.json().FEATURE_STATS_PAGE;
  assert.equal(typeof flag, 'boolean', `FEATURE_STATS_PAGE in ${baseUrl}/api/status: ${response.text}`);
  return flag;
}

const decodeAttribute = (value) =>
  value
    .replace(/&amp;/g, '&')
    .replace(/&quot;|&#34;/g, '"')
    .replace(/&#39;|&#x27;/g, "'");

/** Every URL an HTML page refers to: links (a, link) and assets (script, img, use, source). */
function htmlReferences(html) {
  const found = [];
  for (const match of html.matchAll(/<(a|link|script|img|use|source|iframe)\b([^>]*)>/gi)) {
    const tag = match[1].toLowerCase();
    for (const attribute of match[2].matchAll(/\s(href|src|xlink:href)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
      found.push({ kind: tag === 'a' ? 'link' : 'asset', url: decodeAttribute(attribute[2] ?? attribute[3]) });
    }
  }
  return found;
}

/** The url(...) of a stylesheet (fonts, icons, images), data: URLs aside. */
function cssReferences(css) {
  const found = [];
  for (const match of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)/g)) {
    const url = match[1] ?? match[2] ?? match[3];
    if (url && !url.startsWith('data:')) found.push({ kind: 'asset', url });
  }
  return found;
}

/**
 * Crawls `baseUrl` from `seeds` (paths and the status each must answer): follows every same-site
 * link of every HTML page, fetches every same-site asset and what stylesheets load. Returns the
 * answers by URL and the references (from → to) met on the way.
 */
async function crawl(baseUrl, seeds) {
  const origin = new URL(baseUrl).origin;
  const answers = new Map(); // url -> { status, type }
  const references = []; // { from, url, kind }
  const queue = seeds.map(({ path }) => new URL(path, baseUrl).href);
  const enqueue = (from, { url, kind }) => {
    if (url.startsWith('#')) return; // a place in the page itself (skip links), not a request
    let target;
    try {
      target = new URL(url, from);
    } catch {
      references.push({ from, url, kind, invalid: true });
      return;
    }
    if (target.origin !== origin) return; // mailto:, tel:, other sites
    target.hash = '';
    references.push({ from, url: target.href, kind });
    queue.push(target.href);
  };
  while (queue.length > 0) {
    const url = queue.shift();
    if (answers.has(url)) continue;
    assert.ok(answers.size < MAX_URLS, `more than ${MAX_URLS} URLs from ${seeds.map((s) => s.path).join(', ')}`);
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(15000) });
    const type = response.headers.get('content-type') || '';
    const body = await response.text();
    answers.set(url, { status: response.status, type });
    // Follow what a page (even an error page) and a stylesheet refer to, nothing else.
    if (/^text\/html/.test(type)) for (const ref of htmlReferences(body)) enqueue(url, ref);
    if (/^text\/css/.test(type) && response.status === 200) for (const ref of cssReferences(body)) enqueue(url, ref);
  }
  return { answers, references };
}

test('the crawled stacks cover FEATURE_STATS_PAGE on and off', async () => {
  const settings = await Promise.all(STACKS.map((stack) => statsPageSetting(stack.baseUrl)));
  assert.equal(settings[0], true, 'the test stack has the statistics page (stack.env)');
  assert.equal(settings[2], false, 'the extra instance has no statistics page');
});

for (const stack of STACKS) {
  test(`every same-site link and asset of every page answers 200 (${stack.name})`, { timeout: 180000 }, async () => {
    const statsPage = await statsPageSetting(stack.baseUrl);
    const browser = new Browser({ baseUrl: stack.baseUrl });

    // The pages a visitor meets while booking: the mailbox page, the confirmation page (before
    // the link is used), the conference page and its cancel page.
    const email = uniqueEmail('links');
    const asked = await browser.post('/valider-email', { email, userTimezoneOffset: '-60', ...stack.booking() });
    assert.equal(asked.status, 303, asked.text.slice(0, 300));
    assert.match(asked.location, /^\/email-de-validation-envoye\?email=/);
    const mail = await maildev.waitForEmail(email, { subject: 'Confirmez la réservation' });
    const link = new URL(maildev.linksIn(mail).find((url) => url.includes('/creer-conf?token=')));
    const confirmation = await crawl(stack.baseUrl, [{ path: link.pathname + link.search, status: 200 }]);
    const created = await confirm(browser, link.searchParams.get('token'));
    assert.equal(created.status, 303, created.text.slice(0, 300));
    const [, id] = /^\/conferences\/([0-9a-f-]{36})#\d{9}$/.exec(created.location) || [];
    assert.ok(id, `conference redirect: ${created.location}`);

    const seeds = [
      { path: '/', status: 200 },
      { path: '/mentions-legales', status: 200 },
      { path: '/contact', status: 200 },
      { path: '/questions-frequentes', status: 200 },
      { path: asked.location, status: 200 },
      { path: `/conferences/${id}`, status: 200 },
      { path: `/conferences/${id}/annuler`, status: 200 },
      // nginx's own error page, and a handler's (a GET of a POST-only route).
      { path: '/cette-page-n-existe-pas', status: 404 },
      { path: '/valider-email', status: 405 },
      // The page itself exists exactly when the feature is on.
      { path: '/stats', status: statsPage ? 200 : 404 },
    ];
    const site = await crawl(stack.baseUrl, seeds);
    for (const [url, answer] of confirmation.answers) site.answers.set(url, answer);
    site.references.push(...confirmation.references);

    const wrongSeeds = [...seeds, { path: link.pathname + link.search, status: 200 }]
      .map(({ path, status }) => ({ path, status, got: site.answers.get(new URL(path, stack.baseUrl).href).status }))
      .filter(({ status, got }) => status !== got)
      .map(({ path, status, got }) => `${path}: ${got}, expected ${status}`);
    assert.deepEqual(wrongSeeds, [], 'the starting pages answer as expected');

    const broken = new Set();
    for (const ref of site.references) {
      const answer = site.answers.get(ref.url);
      if (ref.invalid || !answer || answer.status !== 200) {
        broken.add(`${ref.kind} ${ref.url} (${ref.invalid ? 'invalid URL' : answer ? answer.status : 'not fetched'}) on ${ref.from}`);
      }
    }
    assert.deepEqual([...broken], [], `dead same-site links or assets (FEATURE_STATS_PAGE=${statsPage})`);

    // The crawl saw the whole site: pages reached by links, not only the starting ones.
    const pages = [...site.answers].filter(([, answer]) => /^text\/html/.test(answer.type));
    assert.ok(pages.length >= seeds.length + 1, `HTML pages crawled: ${pages.map(([url]) => url).join(', ')}`);
    const assets = [...site.answers].filter(([, answer]) => !/^text\/html/.test(answer.type));
    assert.ok(assets.length >= 10, `assets fetched: ${assets.length}`);
    const statsLinks = site.references.filter((ref) => ref.kind === 'link' && new URL(ref.url).pathname === '/stats');
    if (statsPage) {
      // Every page's footer links to the statistics: the landing page and nginx's error page too.
      for (const path of ['/', '/cette-page-n-existe-pas', '/valider-email', '/contact']) {
        const from = new URL(path, stack.baseUrl).href;
        assert.ok(statsLinks.some((ref) => ref.from === from), `${path} links to /stats`);
      }
    } else {
      assert.deepEqual(statsLinks.map((ref) => ref.from), [], 'no page links to /stats while it answers 404');
    }
  });
}
