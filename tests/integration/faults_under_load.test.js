// Faults of issue #6 items 4 and 5 that need the processes themselves: a book worker killed with
// SIGKILL in the middle of a booking, nginx reloaded under load, PostgreSQL stopped and started
// again under load, PostgreSQL lost while a booking waits on OVH. After each, "an active conference
// row exists if and only if its room is live at OVH" is checked against the emulator. Each test
// leaves the stack as it found it (faults cleared, PostgreSQL running, every handler with its
// workers) and bounds every answer (15 s: detects a hang, not a speed target).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
const { newBrowser, db, emulator, stack, maildev, config } = require('./lib');
const { uniqueEmail, requestLink, confirm, book, alertsIn, decoded } = require('./lib/flows');
const { runJob } = require('./lib/jobs');
const { startLoad, inFlightAt, tally, describe } = require('./lib/load');

const BOUND_MS = 15000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// --- Processes of the stack --------------------------------------------------------------------

/** Direct children of `pid` (empty when it has none or is gone). */
function childrenOf(pid) {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return !fs.readFileSync(`/proc/${pid}/stat`, 'utf8').match(/\) Z /);
  } catch {
    return false;
  }
}

/** The workers of a handler: the children of its multiwatch (run/<name>.pid). */
function workersOf(name) {
  return childrenOf(stack.daemonPid(name)).filter(alive).sort((a, b) => a - b);
}

/** The system call a process sleeps in (x86-64 numbers), or 'running'. */
function syscallOf(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/syscall`, 'utf8').split(' ')[0].trim();
  } catch (error) {
    return error.code === 'ENOENT' || error.code === 'ESRCH' ? 'gone' : 'unreadable';
  }
}
// An idle FastCGI worker waits in accept() on the handler's socket (43 accept, 288 accept4).
const IDLE_SYSCALLS = new Set(['43', '288']);

/** nginx's worker processes (not the master, not the cache manager or loader). */
function nginxWorkers() {
  return childrenOf(stack.daemonPid('nginx')).filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('worker process');
    } catch {
      return false;
    }
  });
}

const { POOL_NAMES: HANDLERS } = require('./lib/shape');

/** Every handler has its full set of live workers again (multiwatch replaced any dead one). */
async function assertWorkersComplete(expected) {
  await stack.waitFor(() => HANDLERS.every((name) => workersOf(name).length === expected[name].length), {
    timeoutMs: 15000,
    what: 'every handler to have its workers',
  });
}

// --- Pages ----------------------------------------------------------------------------------

/** Signs of an internal leak in a body: a C++ exception text, a stack trace, a library name. */
const LEAK = /terminate called|what\(\):|std::|pqxx|libpq|Traceback|segfault|\.[ch]pp:\d+/i;

function assertFrenchErrorPage(response, status, title) {
  assert.equal(response.status, status, `status ${response.status}: ${response.text.slice(0, 300)}`);
  const type = response.headers instanceof Headers ? response.headers.get('content-type') : response.headers['content-type'];
  assert.match(type || '', /^text\/html/);
  assert.match(response.text, /<html lang="fr"/);
  assert.match(decoded(response.text), new RegExp(`<h1>${title}</h1>`));
  assert.doesNotMatch(response.text, LEAK);
}

// --- Invariant "active row ⇔ live room" -----------------------------------------------------------

async function invariantMark() {
  const [state, now] = await Promise.all([emulator.state(), db.queryOne('SELECT now() AS now')]);
  return { rooms: state.rooms.length, since: now.now };
}

function liveRooms(rooms) {
  return rooms.filter((room) => !room.expirationDate || Date.parse(room.expirationDate) > Date.now() + 30000);
}

/** Rooms created since `mark` that are live, and active conference rows created since then. */
async function invariantCounts(mark) {
  const active = await db.query(
    `SELECT id FROM conferences WHERE "canceledAt" IS NULL AND "expiresAt" > now() + interval '30 seconds' AND "createdAt" >= $1::timestamptz`,
    [mark.since],
  );
  const state = await emulator.state();
  return { active: active.length, live: liveRooms(state.rooms.slice(mark.rooms)).length, rooms: state.rooms.slice(mark.rooms) };
}

// --- 1. A book worker killed in the middle of a booking ---------------------------------------

test('a book worker killed (SIGKILL) mid-booking: nginx answers 502, a new worker takes over, nothing lost or doubled', async (t) => {
  const expected = Object.fromEntries(HANDLERS.map((name) => [name, workersOf(name)]));
  t.after(async () => {
    await emulator.clearFaults();
    await assertWorkersComplete(expected);
  });
  // POST /creer-conf runs in book's OVH-bound pool (deploy/stack.conf).
  const bookWorkers = expected['book-ovh'];
  assert.ok(bookWorkers.length >= 1, 'the book-ovh pool has workers');
  const mark = await invariantMark();

  const browser = newBrowser();
  const email = uniqueEmail('sigkill');
  const { token } = await requestLink(browser, email);
  const tokenHash = sha256(token);

  // The room creation hangs (the emulator answers normally after 8 s, longer than the worker
  // lives): the worker is inside the OVH call, the pending row written, the token claimed.
  const callsBefore = (await emulator.state()).calls['POST rooms'] || 0;
  await emulator.addFault({ route: 'POST rooms', count: 1, delayMs: 8000 });
  const started = Date.now();
  const pending = confirm(browser, token);
  await stack.waitFor(async () => ((await emulator.state()).calls['POST rooms'] || 0) > callsBefore, {
    timeoutMs: 5000,
    intervalMs: 50,
    what: 'the booking to reach OVH',
  });
  // The busy worker is the one not waiting in accept(). Where /proc/<pid>/syscall cannot be read
  // (a container without ptrace rights), every book worker is killed: same fault, bigger.
  const current = workersOf('book-ovh');
  const calls = current.map((pid) => syscallOf(pid));
  let victims;
  if (calls.includes('unreadable')) {
    victims = current;
  } else {
    victims = current.filter((pid, i) => !IDLE_SYSCALLS.has(calls[i]));
    assert.equal(victims.length, 1, `exactly one book worker is busy (syscalls: ${current.map((pid, i) => `${pid}:${calls[i]}`)})`);
  }
  for (const pid of victims) process.kill(pid, 'SIGKILL');

  // nginx answers the cut request with its French 502 page, at once (no wait for a timeout).
  const response = await pending;
  const elapsed = Date.now() - started;
  assert.ok(elapsed < BOUND_MS, `answered in ${elapsed} ms`);
  assertFrenchErrorPage(response, 502, 'Service indisponible');

  // multiwatch replaces the worker.
  await stack.waitFor(() => {
    const now = workersOf('book-ovh');
    return now.length === bookWorkers.length && now.every((pid) => !victims.includes(pid));
  }, { timeoutMs: 10000, what: 'multiwatch to start a new book worker' });

  // The next bookings work (the fault is gone).
  await emulator.clearFaults();
  const other = await book(newBrowser());
  assert.ok(await emulator.room(other.code), 'a new booking after the crash has its room');
  const second = await book(newBrowser());
  assert.ok(await emulator.room(second.code), 'and the next one too');

  // The killed attempt still holds its lease (60 s): the link says "en cours" and does nothing.
  const during = await confirm(browser, token);
  assert.equal(during.status, 303);
  assert.equal(during.location, '/');
  assert.match(alertsIn((await browser.get('/')).text)[0].text, /déjà en cours/);
  assert.equal((await db.query('SELECT id FROM conferences WHERE email = $1', [email])).length, 0, 'no conference for the killed attempt');
  const pendingRow = await db.queryOne('SELECT id FROM pending_conferences WHERE token_hash = $1', [tokenHash]);
  assert.ok(pendingRow, 'the killed attempt left its pending row (its room number) for the purge job');

  // The emulator finishes the create the worker no longer waits for: a live room without a row,
  // exactly the case the pending row exists for.
  const orphanRooms = await stack.waitFor(async () => {
    const rooms = (await emulator.state()).rooms.slice(mark.rooms);
    const orphans = rooms.filter((room) => ![other.code, second.code].includes(String(room.roomNumber)));
    return orphans.length >= 1 ? orphans : null;
  }, { timeoutMs: 15000, what: 'the late room creation at the emulator' });
  assert.equal(orphanRooms.length, 1, 'one room for the killed attempt');

  // The purge job (grace period elapsed) expires that room and removes the pending row.
  await db.exec(`UPDATE pending_conferences SET created_at = now() - interval '5 minutes' WHERE token_hash = $1`, [tokenHash]);
  await db.exec('DELETE FROM job_runs WHERE job = $1', ['purge']);
  const run = await runJob('purge');
  assert.equal(run.code, 0, run.output);
  assert.equal((await db.query('SELECT id FROM pending_conferences WHERE token_hash = $1', [tokenHash])).length, 0);
  const orphan = await emulator.room(orphanRooms[0].roomNumber);
  assert.ok(Date.parse(orphan.expirationDate) < Date.now() + 60000, `the orphan room expires at ${orphan.expirationDate}`);

  // Once the lease is over (simulated: it is 60 s), the same link books exactly one conference.
  await db.exec(`UPDATE "loginTokens" SET "claimedUntil" = now() - interval '1 second' WHERE token = $1`, [tokenHash]);
  const retry = await confirm(browser, token);
  const match = /^\/conferences\/([0-9a-f-]{36})#(\d{9})$/.exec(retry.location || '');
  assert.ok(match, `the link works again after the lease: ${retry.status} ${retry.location}`);
  assert.ok(await emulator.room(match[2]), 'with its room');
  const again = await confirm(browser, token);
  assert.equal(again.location, '/');
  assert.match(alertsIn((await browser.get('/')).text)[0].text, /déjà été créée/);
  assert.equal((await db.query('SELECT id FROM conferences WHERE email = $1', [email])).length, 1, 'one conference for the link');

  const counts = await invariantCounts(mark);
  assert.equal(counts.active, 3, 'three conferences booked since the mark');
  assert.equal(counts.live, counts.active, `live rooms ${counts.live} vs active rows ${counts.active}`);
  assert.equal(counts.rooms.length, 4, 'four rooms created: three bookings and the orphan');
});

// --- 2. nginx reload under load ------------------------------------------------------------------

test('nginx reloaded 3 times under load: no request fails', async (t) => {
  const mailPrefix = `reload.${process.pid}.${Date.now()}`;
  t.after(() => deleteMailsTo(mailPrefix));
  const master = stack.daemonPid('nginx');
  let posts = 0;
  const scenarios = [
    { name: 'GET /', request: () => ({ path: '/' }), ok: (r) => r.status === 200 && /name="email"/.test(r.text) },
    { name: 'GET /mentions-legales', request: () => ({ path: '/mentions-legales' }), ok: (r) => r.status === 200 && /<html lang="fr"/.test(r.text) },
    {
      name: 'GET /api/status',
      request: () => ({ path: '/api/status' }),
      ok: (r) => r.status === 200 && jsonOf(r).status === true,
    },
    {
      name: 'POST /valider-email',
      request: () => {
        posts += 1;
        const email = `${mailPrefix}.${posts}@example.gouv.fr`;
        return { method: 'POST', path: '/valider-email', form: { email, durationInMinutes: '60', userTimezoneOffset: '-60' }, meta: { email } };
      },
      ok: (r) => r.status === 303 && /^\/email-de-validation-envoye\?email=/.test(r.location || ''),
    },
  ];
  const expected = Object.fromEntries(scenarios.map((s) => [s.name, s.ok]));
  const workersBefore = nginxWorkers();
  assert.ok(workersBefore.length >= 1, 'nginx has workers');

  const load = startLoad({ scenarios, clients: 8, timeoutMs: BOUND_MS + 5000 });
  const t0 = Date.now();
  const reloads = [];
  let records;
  try {
    await sleep(1000);
    let generation = workersBefore;
    for (let i = 0; i < 3; i += 1) {
      const at = Date.now();
      process.kill(master, 'SIGHUP');
      // The reload happened: a whole new set of workers, the old ones gone once done.
      const previous = generation;
      generation = await stack.waitFor(() => {
        const now = nginxWorkers();
        return now.length === workersBefore.length && now.every((pid) => !previous.includes(pid)) ? now : null;
      }, { timeoutMs: 10000, intervalMs: 50, what: `nginx reload ${i + 1}` });
      reloads.push({ at, done: Date.now() });
      await sleep(700);
    }
    await sleep(1000);
  } finally {
    records = await load.stop();
  }
  t.diagnostic(`${records.length} requests, ${reloads.length} reloads: ${JSON.stringify(tally(records))}`);
  assert.equal(stack.daemonPid('nginx'), master, 'the same nginx master (reload, not restart)');
  assert.ok(alive(master));

  const failures = records.filter((r) => r.error || !expected[r.scenario](r) || r.ended - r.started > BOUND_MS);
  assert.equal(failures.length, 0, `${failures.length} failed of ${records.length}: ${failures.slice(0, 5).map((r) => describe(r, t0)).join(' | ')}`);
  for (const scenario of scenarios) {
    assert.ok(records.some((r) => r.scenario === scenario.name), `${scenario.name} was exercised: ${JSON.stringify(tally(records))}`);
  }
  // Traffic really crossed every reload: requests in flight at the signal, others served while
  // the old workers were shutting down and the new ones starting.
  for (const [i, reload] of reloads.entries()) {
    assert.ok(inFlightAt(records, reload.at).length >= 1, `requests in flight at reload ${i + 1}`);
    const servedDuring = records.filter((r) => r.started >= reload.at && r.ended <= reload.done + 700);
    assert.ok(servedDuring.length >= 1, `requests served during reload ${i + 1}`);
  }
});

/** Deletes the mails sent to addresses starting with `prefix` (keeps MailDev small for later tests). */
async function deleteMailsTo(prefix) {
  const mails = await maildev.listEmails();
  for (const mail of mails) {
    if ((mail.to || []).some((to) => (to.address || '').startsWith(prefix))) {
      await fetch(`${config.maildevUrl}/api/email/${encodeURIComponent(mail.id)}`, { method: 'DELETE', signal: AbortSignal.timeout(10000) });
    }
  }
}

// --- 3. PostgreSQL stopped, then started again, under load --------------------------------------

test('PostgreSQL stopped for 3 s under load (bookings included): clean bounded failures, then success without restarting the handlers, nothing half-done', async (t) => {
  const expectedWorkers = Object.fromEntries(HANDLERS.map((name) => [name, workersOf(name)]));
  const mailPrefix = `pgdown.${process.pid}.${Date.now()}`;
  t.after(async () => {
    if (!(await stack.postgresRunning())) await stack.startPostgres();
    await db.exec(`DELETE FROM "loginTokens" WHERE email LIKE $1 AND "consumedAt" IS NULL`, [`${mailPrefix}.book.%`]);
    await deleteMailsTo(mailPrefix);
  });

  // A visitor with a session (a refused address is kept in it to refill the form): each GET /
  // of that visitor reads the session from PostgreSQL, the page shows the address back.
  const visitor = newBrowser();
  const remembered = `${mailPrefix}@gmail.com`;
  await visitor.post('/valider-email', { email: remembered, durationInMinutes: '60' });
  assert.ok(visitor.cookie('audioconf_session'), 'the visitor has a session');
  await visitor.get('/');  // consumes the flash
  const cookie = `audioconf_session=${visitor.cookie('audioconf_session')}`;
  const landing = await visitor.get('/');
  assert.equal(landing.status, 200);
  assert.ok(landing.text.includes(`value="${remembered}"`), 'the session is read from the database');

  // Booking links made beforehand (rows as the handler writes them, only the token's hash
  // stored): the load confirms one per request, so bookings run across the outage too.
  const mark = await invariantMark();
  const links = Array.from({ length: 600 }, (_, i) => ({
    token: crypto.randomBytes(32).toString('base64url'),
    email: `${mailPrefix}.book.${i}@example.gouv.fr`,
  }));
  await db.exec(`INSERT INTO "loginTokens" (token, email, "expiresAt", "durationInMinutes") VALUES ${links
    .map((link) => `('${sha256(link.token)}', '${link.email}', now() + interval '1 hour', '60')`).join(', ')}`);
  let nextLink = 0;
  let lastBooking = 0;

  let posts = 0;
  const scenarios = [
    {
      name: 'POST /creer-conf',
      request: () => {
        // At most one booking every 40 ms: failures during the outage are quick, and each
        // success costs OVH calls and a mail.
        if (Date.now() - lastBooking < 40) return null;
        lastBooking = Date.now();
        const link = links[nextLink];
        nextLink += 1;
        if (!link) throw new Error('the pool of booking links is too small for this load');
        return { method: 'POST', path: '/creer-conf', form: { token: link.token }, meta: link };
      },
    },
    { name: 'GET / (session)', request: () => ({ path: '/', headers: { cookie } }) },
    { name: 'GET / (anonymous)', request: () => ({ path: '/' }) },
    {
      name: 'POST /valider-email',
      request: () => {
        posts += 1;
        const email = `${mailPrefix}.${posts}@example.gouv.fr`;
        return { method: 'POST', path: '/valider-email', form: { email, durationInMinutes: '60', userTimezoneOffset: '-60' }, meta: { email } };
      },
    },
    { name: 'GET /api/status', request: () => ({ path: '/api/status' }) },
  ];
  const load = startLoad({ scenarios, clients: 6, timeoutMs: BOUND_MS + 5000 });
  const t0 = Date.now();
  const phases = {};
  let records;
  try {
    await sleep(1500);
    phases.stopAsked = Date.now();
    await stack.stopPostgres();
    phases.stopped = Date.now();
    await sleep(3000);
    phases.startAsked = Date.now();
    await stack.startPostgres();
    phases.started = Date.now();
    await sleep(3000);
  } finally {
    records = await load.stop();
  }
  const at = (ms) => ms - t0;
  const context = `phases ${JSON.stringify(Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, at(v)])))} ${JSON.stringify(tally(records))}`;

  const landingForm = (r) => r.status === 200 && /name="email"/.test(r.text);
  const booked = (r) => r.status === 303 && /^\/conferences\/[0-9a-f-]{36}#\d{9}$/.test(r.location || '');
  const success = {
    'POST /creer-conf': booked,
    'GET / (session)': (r) => r.status === 200 && r.text.includes(`value="${remembered}"`),
    // SPEC §2: a database error only hides the stats line of the landing page (most of these are
    // served by nginx's 1 s microcache; each second one reaches the handler).
    'GET / (anonymous)': landingForm,
    'POST /valider-email': (r) => r.status === 303 && /^\/email-de-validation-envoye\?email=/.test(r.location || ''),
    'GET /api/status': (r) => r.status === 200 && jsonOf(r).DBStatus === true && jsonOf(r).status === true,
  };
  const cleanFailure = {
    // 503, or the "could not be created" flash when only the last write failed.
    'POST /creer-conf': (r) => isHandler503(r) || (r.status === 303 && r.location === '/'),
    'GET / (session)': (r) => isHandler503(r),
    'GET / (anonymous)': () => false,
    'POST /valider-email': (r) => isHandler503(r),
    'GET /api/status': (r) => r.status === 500 && /json/.test(r.headers['content-type'] || '') &&
      jsonOf(r).DBStatus === false && jsonOf(r).OVHStatus === true,
  };

  t.diagnostic(`${records.length} requests: ${context}`);

  // Every request: bounded, answered, no leak; before and after the outage, a success.
  const problems = [];
  for (const r of records) {
    const before = r.ended < phases.stopAsked;
    const after = r.started >= phases.started;
    let ok;
    if (r.error || r.ended - r.started > BOUND_MS || LEAK.test(r.text)) ok = false;
    else if (before || after) ok = success[r.scenario](r);
    else ok = success[r.scenario](r) || cleanFailure[r.scenario](r);
    if (!ok) problems.push(r);
  }
  assert.equal(problems.length, 0, `${problems.length} bad answers of ${records.length}: ${problems.slice(0, 5).map((r) => describe(r, t0)).join(' | ')} — ${context}`);

  // The outage was seen by every route, and each recovered.
  const outage = records.filter((r) => r.started >= phases.stopped && r.ended <= phases.startAsked);
  for (const scenario of scenarios) {
    const expectedDuring = scenario.name === 'GET / (anonymous)' ? success : cleanFailure;
    assert.ok(outage.some((r) => r.scenario === scenario.name && expectedDuring[scenario.name](r)),
      `${scenario.name} ${expectedDuring === success ? 'still served' : 'failed cleanly'} during the outage — ${context}`);
    assert.ok(records.some((r) => r.scenario === scenario.name && r.started >= phases.started && success[scenario.name](r)),
      `${scenario.name} succeeded after the restart — ${context}`);
  }

  // Same workers: nothing crashed, nothing was restarted.
  for (const name of HANDLERS) {
    assert.deepEqual(workersOf(name), expectedWorkers[name], `${name}'s workers are the same processes`);
  }

  // Nothing half-done: a link was stored if and only if its email was sent, and exactly for the
  // requests answered "email sent".
  const posted = records.filter((r) => r.scenario === 'POST /valider-email');
  const rows = await db.query(`SELECT email FROM "loginTokens" WHERE email LIKE $1`, [`${mailPrefix}.%`]);
  const stored = new Set(rows.map((row) => row.email));
  // MailDev lists a mail a moment after accepting it: wait for the ones answered "sent", then a
  // little more for any that should not exist.
  const mailed = new Set();
  const sentCount = posted.filter((r) => success['POST /valider-email'](r)).length;
  const readMailed = async () => {
    mailed.clear();
    for (const mail of await maildev.listEmails()) {
      for (const to of mail.to || []) if ((to.address || '').startsWith(`${mailPrefix}.`)) mailed.add(to.address);
    }
    return mailed.size >= sentCount;
  };
  await stack.waitFor(readMailed, { timeoutMs: 10000, intervalMs: 200, what: `${sentCount} validation emails` }).catch(() => {});
  await sleep(500);
  await readMailed();
  const halfDone = [];
  for (const r of posted) {
    const { email } = r.meta;
    const sent = success['POST /valider-email'](r);
    if (stored.has(email) !== sent || mailed.has(email) !== sent) {
      halfDone.push(`${describe(r, t0)} row=${stored.has(email)} mail=${mailed.has(email)}`);
    }
  }
  assert.equal(halfDone.length, 0, halfDone.slice(0, 5).join(' | '));
  assert.ok(posted.filter((r) => success['POST /valider-email'](r)).length >= 2, 'links were sent before and after');

  // Bookings: one conference per "booked" answer, none for a failed one; after the purge job
  // (pending rows of the failed attempts, grace period elapsed), every active row has its live
  // room and every live room its row.
  const bookings = records.filter((r) => r.scenario === 'POST /creer-conf');
  const conferences = await db.query(`SELECT id, email FROM conferences WHERE email LIKE $1`, [`${mailPrefix}.book.%`]);
  const byEmail = new Map();
  for (const row of conferences) byEmail.set(row.email, [...(byEmail.get(row.email) || []), row.id]);
  const wrong = [];
  for (const r of bookings) {
    const ids = byEmail.get(r.meta.email) || [];
    const expectedIds = booked(r) ? [/^\/conferences\/([0-9a-f-]{36})#/.exec(r.location)[1]] : [];
    if (JSON.stringify(ids) !== JSON.stringify(expectedIds)) wrong.push(`${describe(r, t0)} rows=${ids.length}`);
  }
  assert.equal(wrong.length, 0, `bookings without exactly their conference: ${wrong.slice(0, 5).join(' | ')}`);
  const hashes = links.slice(0, nextLink).map((link) => sha256(link.token));
  await db.exec(`UPDATE pending_conferences SET created_at = now() - interval '5 minutes' WHERE token_hash IN (${hashes.map((h) => `'${h}'`).join(', ')})`);
  await db.exec('DELETE FROM job_runs WHERE job = $1', ['purge']);
  const purge = await runJob('purge');
  assert.equal(purge.code, 0, purge.output);
  const left = await db.query(`SELECT id FROM pending_conferences WHERE token_hash IN (${hashes.map((h) => `'${h}'`).join(', ')})`);
  assert.equal(left.length, 0, 'no pending booking left after the purge');
  const counts = await invariantCounts(mark);
  t.diagnostic(`bookings: ${bookings.filter(booked).length} booked, ${bookings.length - bookings.filter(booked).length} failed; rooms ${counts.rooms.length}, live ${counts.live}, active rows ${counts.active}`);
  assert.equal(counts.active, bookings.filter(booked).length);
  assert.equal(counts.live, counts.active, `live rooms ${counts.live} vs active rows ${counts.active}`);
});

/** The JSON body of a record, or {} when it is not JSON (the check then fails, with context). */
function jsonOf(record) {
  try {
    return JSON.parse(record.text);
  } catch {
    return {};
  }
}

function sha256(text) {
  return crypto.createHash('sha256').update(text).digest('hex');
}

/** The handlers' "dependency down" answer: 503, French page, Retry-After. */
function isHandler503(r) {
  return r.status === 503 && /^text\/html/.test(r.headers['content-type'] || '') &&
    /<html lang="fr"/.test(r.text) && /momentanément indisponible/.test(r.text) && r.headers['retry-after'] !== undefined;
}

// --- 4. PostgreSQL lost while a booking waits on OVH -------------------------------------------------

test('PostgreSQL lost while a booking waits on OVH: a clean answer, the room expired again, the link usable later', async (t) => {
  t.after(async () => {
    await emulator.clearFaults();
    if (!(await stack.postgresRunning())) await stack.startPostgres();
  });
  const mark = await invariantMark();
  const browser = newBrowser();
  const email = uniqueEmail('pglost');
  const { token } = await requestLink(browser, email);
  const tokenHash = sha256(token);

  // The create answers after 4 s (within the client's OVH timeout): by then PostgreSQL is gone,
  // so the room exists at OVH but its conference cannot be stored.
  const callsBefore = (await emulator.state()).calls['POST rooms'] || 0;
  await emulator.addFault({ route: 'POST rooms', count: 1, delayMs: 4000 });
  const started = Date.now();
  const pending = browser.post('/creer-conf', { token }, { timeoutMs: BOUND_MS + 5000 });
  await stack.waitFor(async () => ((await emulator.state()).calls['POST rooms'] || 0) > callsBefore, {
    timeoutMs: 5000,
    intervalMs: 50,
    what: 'the booking to reach OVH',
  });
  let response;
  try {
    await stack.stopPostgres();
    response = await pending;
  } finally {
    await stack.startPostgres();
  }
  const elapsed = Date.now() - started;
  assert.ok(elapsed < BOUND_MS, `answered in ${elapsed} ms`);
  assert.ok(response.status === 503 || (response.status === 303 && response.location === '/'),
    `a clean failure: ${response.status} ${response.location} ${response.text.slice(0, 200)}`);
  if (response.status === 503) assertFrenchErrorPage(response, 503, 'Service momentanément indisponible');

  // No conference, and the room created at OVH was expired again at once.
  assert.equal((await db.query('SELECT id FROM conferences WHERE email = $1', [email])).length, 0);
  const rooms = (await emulator.state()).rooms.slice(mark.rooms);
  assert.equal(rooms.length, 1, 'the room was created at OVH');
  assert.ok(rooms[0].expirationDate && Date.parse(rooms[0].expirationDate) < Date.now() + 60000,
    `and expired again (expirationDate ${rooms[0].expirationDate})`);

  // The pending row (its removal needed the database) goes with the purge job; once the lease
  // is over (its release needed the database too) the link books exactly one conference.
  await db.exec(`UPDATE pending_conferences SET created_at = now() - interval '5 minutes' WHERE token_hash = $1`, [tokenHash]);
  await db.exec('DELETE FROM job_runs WHERE job = $1', ['purge']);
  const run = await runJob('purge');
  assert.equal(run.code, 0, run.output);
  assert.equal((await db.query('SELECT id FROM pending_conferences WHERE token_hash = $1', [tokenHash])).length, 0);
  await db.exec(`UPDATE "loginTokens" SET "claimedUntil" = now() - interval '1 second' WHERE token = $1 AND "claimedUntil" IS NOT NULL`, [tokenHash]);
  const retry = await confirm(browser, token);
  assert.match(retry.location || '', /^\/conferences\/[0-9a-f-]{36}#\d{9}$/, `retry: ${retry.status} ${retry.location}`);
  assert.equal((await db.query('SELECT id FROM conferences WHERE email = $1', [email])).length, 1);
  const counts = await invariantCounts(mark);
  assert.equal(counts.active, 1);
  assert.equal(counts.live, counts.active, `live rooms ${counts.live} vs active rows ${counts.active}`);
});
