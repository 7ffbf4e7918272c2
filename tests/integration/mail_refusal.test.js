// A mail relay that refuses the recipient (5xx to RCPT TO) for an address our form accepted:
// the agent reads a French message about the address (not "internal error"), the log records a
// refusal at INFO (no ERROR), and no login token stays behind. MailDev accepts every address,
// so this runs an extra instance (scripts/run --detach, the test stack's database) whose relay is
// tests/tools/smtp_sink.py, which refuses "refuse-NNN…" recipients with reply NNN.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { Browser, db, config } = require('./lib');
const { alertsIn } = require('./lib/flows');
const { Instance, mainStack } = require('../hosts/lib/instances');

const REFUSED = /Cette adresse email a été refusée par notre serveur d'envoi\. Avez-vous bien tapé votre email \?/;
const INTERNAL = /Une erreur interne s'est produite/;

let sink;
let sinkDir;
let instance;
let browserBase;

/** Starts the aiosmtpd sink on a free port; resolves with {child, port}. */
function startSink(dir) {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', [path.join(config.repoRoot, 'tests/tools/smtp_sink.py'), '--dir', dir, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve({ child, port: Number(out.trim()) });
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`smtp_sink.py exited (${code}) before listening`)));
  });
}

test.before(async () => {
  sinkDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ac-relay-'));
  sink = await startSink(sinkDir);
  instance = new Instance({
    name: 'relay',
    databaseUrl: mainStack().DATABASE_URL,
    workers: 1,
    env: { MAIL_HOST: '127.0.0.1', MAIL_PORT: String(sink.port), MAIL_IGNORE_TLS: 'true' },
  });
  await instance.start();
  // The instance's public origin (HOSTNAME_WITH_PROTOCOL): POSTs must come from it.
  browserBase = `http://localhost:${instance.port}`;
});

test.after(async () => {
  if (instance) await instance.stop();
  if (sink) {
    sink.child.removeAllListeners('exit');
    sink.child.kill('SIGTERM');
  }
  if (sinkDir) fs.rmSync(sinkDir, { recursive: true, force: true });
});

const stored = () => fs.readdirSync(sinkDir).filter((f) => f.endsWith('.json')).length;
const form = (email) => ({ email, durationInMinutes: '60', userTimezoneOffset: '-60' });
const tokensFor = async (email) => (await db.query('SELECT 1 FROM "loginTokens" WHERE email = $1', [email])).length;

async function refusal(email) {
  const browser = new Browser({ baseUrl: browserBase });
  const response = await browser.post('/valider-email', form(email));
  assert.equal(response.status, 303, response.text.slice(0, 300));
  assert.equal(response.location, '/');
  const alerts = alertsIn((await browser.get('/')).text);
  assert.equal(alerts.length, 1, JSON.stringify(alerts));
  assert.equal(alerts[0].kind, 'error');
  return alerts[0].text;
}

test('the instance delivers to its relay (the control case)', async () => {
  const browser = new Browser({ baseUrl: browserBase });
  const before = stored();
  const response = await browser.post('/valider-email', form(`relay.ok.${Date.now()}@example.gouv.fr`));
  assert.equal(response.status, 303);
  assert.match(response.location, /^\/email-de-validation-envoye\?/);
  assert.equal(stored(), before + 1);
});

test('a 5xx to RCPT TO is a refused address: French message, INFO log, no token left', async () => {
  for (const code of ['550', '501']) {
    const email = `refuse-${code}.agent${Date.now()}@example.gouv.fr`;
    const logStart = instance.readLog('book').length;
    const before = stored();
    assert.match(await refusal(email), REFUSED);
    assert.equal(stored(), before, 'nothing delivered');
    assert.equal(await tokensFor(email), 0, 'the token was removed');
    const log = instance.readLog('book').slice(logStart);
    assert.match(log, / INFO book\[\d+\].*validation email refused by the relay for \S+: .*SMTP reply \d{3}/);
    assert.match(log, new RegExp(`SMTP reply ${code}`));
    assert.doesNotMatch(log, / ERROR /, log);
    assert.doesNotMatch(log, /refuse-/, 'the log holds no raw address');
  }
});

test('a 4xx to RCPT TO stays an internal error (try again later), logged as an error', async () => {
  const email = `refuse-450.agent${Date.now()}@example.gouv.fr`;
  const logStart = instance.readLog('book').length;
  assert.match(await refusal(email), INTERNAL);
  assert.equal(await tokensFor(email), 0);
  assert.match(instance.readLog('book').slice(logStart), / ERROR book\[\d+\].*validation email not sent to .*SMTP reply 450/);
});
