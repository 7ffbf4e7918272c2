// Zero-downtime upgrade: the handler binaries of a running instance are replaced by a new build
// (deploy/upgrade-handlers.sh: atomic install, then one worker at a time gets SIGTERM, finishes
// its request and is restarted by multiwatch from the new file) while a load loop runs; no
// request may fail. The "new build" is a copy of the current binaries with a few bytes appended
// (a different file, same behaviour): the mechanism does not depend on what the files hold, and
// each worker is checked to run the new file.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');
const { Browser } = require('./lib');
const { Instance, createDatabase, dropDatabase, migrate, mainStack, run } = require('../hosts/lib/instances');

const { POOLS, POOL_NAMES: HANDLERS, poolWorkers } = require('./lib/shape');

/** The program a pool's workers run (book-ovh: book). */
const programOf = (name) => POOLS.find((pool) => pool.name === name).program;

function workersOf(instance, name) {
  const parent = instance.pid(name);
  let out = '';
  try {
    out = execFileSync('pgrep', ['-P', String(parent)], { encoding: 'utf8' });
  } catch {
    out = '';
  }
  const children = out.split(/\s+/).filter(Boolean).map(Number);
  return children.map((pid) => ({ pid, exe: fs.readlinkSync(`/proc/${pid}/exe`), inode: fs.statSync(`/proc/${pid}/exe`).ino }));
}

test('replacing the handler binaries under load loses no request', async (t) => {
  const database = await createDatabase('upgrade');
  t.after(() => dropDatabase(database.name));
  const migrated = await migrate(database.url, ['up']);
  assert.equal(migrated.code, 0, migrated.output);

  // The instance runs from its own install directory (hard links to the tested build: renaming
  // over them never touches the build's files).
  const install = fs.mkdtempSync(path.join(os.tmpdir(), 'ac-upgrade-install-'));
  const newBuild = fs.mkdtempSync(path.join(os.tmpdir(), 'ac-upgrade-new-'));
  t.after(() => {
    fs.rmSync(install, { recursive: true, force: true });
    fs.rmSync(newBuild, { recursive: true, force: true });
  });
  const buildBin = path.join(mainStack().AUDIOCONF_BUILD_DIR, 'bin');
  fs.mkdirSync(path.join(install, 'bin'));
  for (const file of fs.readdirSync(buildBin)) {
    fs.linkSync(path.join(buildBin, file), path.join(install, 'bin', file));
    fs.copyFileSync(path.join(buildBin, file), path.join(newBuild, file));
    // A different file, as a new build is (bytes after an ELF image's end are ignored).
    fs.appendFileSync(path.join(newBuild, file), `\nnew build ${Date.now()}\n`);
  }

  // 2 workers per cpu pool, 4 per ovh pool (the load below has 4 loops: it never exceeds their
  // capacity, past which nginx answers 503): every worker is replaced one at a time.
  const instance = new Instance({ name: 'upgrade', databaseUrl: database.url, workers: 2, env: { OVH_POOL_WORKERS: '4' } });
  instance.buildDir = install;
  t.after(() => instance.stop());
  await instance.start();
  const before = Object.fromEntries(HANDLERS.map((name) => [name, workersOf(instance, name)]));
  // book gets twice WORKERS_PER_HANDLER (BOOK_WORKERS' default in scripts/run).
  const expectedWorkers = (name) => poolWorkers(name, { perHandler: 2, ovh: 4 });
  for (const name of HANDLERS) assert.equal(before[name].length, expectedWorkers(name), `${name} has its workers`);

  // Load: 4 loops over every handler (GET and POST), until the swap is over plus one second.
  const base = `http://localhost:${instance.port}`;
  const counts = { ok: 0, failed: [], duringSwap: 0 };
  let swapping = false;
  let done = false;
  const loop = async (n) => {
    const browser = new Browser({ baseUrl: base });
    const requests = [
      () => browser.get('/'),
      () => browser.get('/api/status'),
      () => browser.get(`/conferences/${crypto.randomUUID()}`),
      () => browser.post(`/conferences/${crypto.randomUUID()}/annuler`, {}),
      () => browser.get('/stats'),
      () => browser.get('/creer-conf?token=inconnu'),
    ];
    for (let i = n; !done; i += 1) {
      try {
        const response = await requests[i % requests.length]();
        if (response.status >= 500) counts.failed.push(`${i % requests.length}: ${response.status}`);
        else {
          counts.ok += 1;
          if (swapping) counts.duringSwap += 1;
        }
      } catch (error) {
        counts.failed.push(`${i % requests.length}: ${error.message}`);
      }
    }
  };
  const started = Date.now();
  const loops = [0, 1, 2, 3].map(loop);
  await new Promise((r) => setTimeout(r, 1500));
  const okBefore = counts.ok;
  const beforeMs = Date.now() - started;
  swapping = true;
  const swapStart = Date.now();
  const swap = await run(path.join(__dirname, '..', '..', 'deploy', 'upgrade-handlers.sh'), [
    '--new-bin', newBuild, '--bin', path.join(install, 'bin'),
    ...HANDLERS.flatMap((name) => ['--pidfile', path.join(instance.varDir, 'run', `${name}.pid`)]),
  ]);
  const swapMs = Date.now() - swapStart;
  swapping = false;
  await new Promise((r) => setTimeout(r, 1000));
  done = true;
  await Promise.all(loops);
  assert.equal(swap.code, 0, swap.output);
  // Every program of deploy/stack.conf's pools, plus jobs and render_static (upgrade-handlers.sh).
  const programs = new Set(POOLS.map((pool) => pool.program)).size + 2;
  assert.match(swap.output, new RegExp(`\\b${programs} binary\\(ies\\) installed`));
  const allWorkers = HANDLERS.reduce((sum, name) => sum + expectedWorkers(name), 0);
  assert.match(swap.output, new RegExp(`\\b${allWorkers} worker\\(s\\) replaced`));

  const figures = `requests ok=${counts.ok} failed=${counts.failed.length}; before the swap ${okBefore} in ${beforeMs} ms `
    + `(${Math.round((okBefore * 1000) / beforeMs)}/s); during the swap ${counts.duringSwap} in ${swapMs} ms `
    + `(${Math.round((counts.duringSwap * 1000) / Math.max(swapMs, 1))}/s)`;
  console.log(`# upgrade: ${figures}`);
  assert.deepEqual(counts.failed, [], figures);
  assert.ok(counts.duringSwap > 0, `traffic flowed during the swap: ${figures}`);

  // Every worker is new and runs the new file (the install's current inode, not a deleted one).
  for (const name of HANDLERS) {
    const after = workersOf(instance, name);
    const installed = fs.statSync(path.join(install, 'bin', programOf(name))).ino;
    assert.equal(after.length, expectedWorkers(name), name);
    for (const worker of after) {
      assert.ok(!before[name].some((old) => old.pid === worker.pid), `${name} worker ${worker.pid} was replaced`);
      assert.equal(worker.inode, installed, `${name} worker runs the new binary (${worker.exe})`);
    }
    assert.notEqual(installed, fs.statSync(path.join(buildBin, programOf(name))).ino, 'the tested build was not modified');
  }
});
