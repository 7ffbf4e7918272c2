// The scheduled jobs run as the schedule runs them (`scripts/job NAME`): anonymize, survey,
// calls-stats, purge, and their once-per-period / once-at-a-time rules.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const config = require('./lib/config');
const db = require('./lib/db');
const emulator = require('./lib/emulator');
const maildev = require('./lib/maildev');
const { portAccepts, stopProcess, waitFor } = require('./lib/stack');

const { runJob } = require('./lib/jobs');

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const ago = (ms) => new Date(Date.now() - ms).toISOString();
const tag = crypto.randomBytes(4).toString('hex');
const secret = () => fs.readFileSync(path.join(config.varDir, 'secret'), 'utf8').trim();
const hashOf = (email) => crypto.createHmac('sha256', secret()).update(email.toLowerCase()).digest('hex');

async function addConference(email, expiresAt, { canceledAt = null } = {}) {
  const row = await db.queryOne(
    `INSERT INTO conferences (email, "phoneNumber", "expiresAt", "canceledAt", domain, "hashedEmail")
     VALUES ($1, '0033122334455', $2, $3, 'example.gouv.fr', 'h') RETURNING id`,
    [email, expiresAt, canceledAt],
  );
  return row.id;
}

async function forgetRuns(job) {
  await db.exec('DELETE FROM job_runs WHERE job = $1', [job]);
}

test('anonymize touches exactly the conferences expired more than two days ago', async () => {
  await forgetRuns('anonymize');
  const old = await addConference(`old-${tag}@example.gouv.fr`, ago(2 * DAY + HOUR));
  const recent = await addConference(`recent-${tag}@example.gouv.fr`, ago(2 * DAY - HOUR));
  const future = await addConference(`future-${tag}@example.gouv.fr`, ago(-HOUR));
  const run = await runJob('anonymize', { FEATURE_JOB_ANONYMIZE_EMAILS: 'true' });
  assert.equal(run.code, 0, run.output);
  assert.match(run.output, /conferences_anonymized=\d+ batches=\d+ duration_ms=\d+/);
  const rows = await db.query('SELECT id, email, domain FROM conferences WHERE id IN ($1, $2, $3)', [old, recent, future]);
  const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
  assert.equal(byId[old].email, null);
  assert.equal(byId[old].domain, 'example.gouv.fr');
  assert.equal(byId[recent].email, `recent-${tag}@example.gouv.fr`);
  assert.equal(byId[future].email, `future-${tag}@example.gouv.fr`);
  // Done for today: a second run does nothing.
  const again = await runJob('anonymize', { FEATURE_JOB_ANONYMIZE_EMAILS: 'true' });
  assert.equal(again.code, 0);
  assert.match(again.output, /already done/);
});

// Two million conferences made the single UPDATE hit statement_timeout on every run: the job
// now works in batches of JOB_BATCH_SIZE rows, each committed on its own.
test('anonymize works through a backlog larger than a batch, in batches', async () => {
  await forgetRuns('anonymize');
  const due = [];
  for (let i = 0; i < 10; i += 1) due.push(await addConference(`backlog${i}-${tag}@example.gouv.fr`, ago(10 * DAY + i * HOUR)));
  const run = await runJob('anonymize', { FEATURE_JOB_ANONYMIZE_EMAILS: 'true', JOB_BATCH_SIZE: '3' });
  assert.equal(run.code, 0, run.output);
  const [, anonymized, batches] = /conferences_anonymized=(\d+) batches=(\d+)/.exec(run.output).map(Number);
  assert.ok(anonymized >= 10, run.output);
  assert.equal(batches, Math.floor(anonymized / 3) + 1, 'batches of 3, the last one short');
  const left = await db.query('SELECT id FROM conferences WHERE id = ANY($1::uuid[]) AND email IS NOT NULL', [`{${due.join(',')}}`]);
  assert.deepEqual(left, []);
  assert.equal((await db.queryOne(`SELECT count(*)::int AS n FROM conferences WHERE email IS NOT NULL AND "expiresAt" < now() - interval '2 days'`)).n, 0);
});

test('a failed anonymize run keeps its committed batches and the next run resumes', async () => {
  await forgetRuns('anonymize');
  const poison = `poison-${tag}@example.gouv.fr`;
  const before = [];
  for (let i = 0; i < 6; i += 1) before.push(await addConference(`before${i}-${tag}@example.gouv.fr`, ago(20 * DAY - i * HOUR)));
  const poisoned = await addConference(poison, ago(5 * DAY));
  const after = [];
  for (let i = 0; i < 3; i += 1) after.push(await addConference(`after${i}-${tag}@example.gouv.fr`, ago(2 * DAY + HOUR - i * 60000)));
  // A batch touching the poisoned row fails, as one hitting statement_timeout would.
  const fn = `audioconf_test_poison_${tag}`;
  await db.exec(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'poisoned batch'; END $$`);
  await db.exec(`CREATE TRIGGER ${fn} BEFORE UPDATE ON conferences FOR EACH ROW
    WHEN (OLD.email = '${poison}') EXECUTE FUNCTION ${fn}()`);
  const emailOf = async (id) => (await db.queryOne('SELECT email FROM conferences WHERE id = $1', [id])).email;
  try {
    const failed = await runJob('anonymize', { FEATURE_JOB_ANONYMIZE_EMAILS: 'true', JOB_BATCH_SIZE: '2' });
    assert.notEqual(failed.code, 0, failed.output);
    // Oldest first: the batches before the poisoned one were committed...
    for (const id of before.slice(0, 4)) assert.equal(await emailOf(id), null, 'committed before the failure');
    assert.equal(await emailOf(poisoned), poison);
    // ...and nothing after it was reached.
    for (const id of after) assert.notEqual(await emailOf(id), null, 'not reached by the failed run');
  } finally {
    await db.exec(`DROP TRIGGER IF EXISTS ${fn} ON conferences`);
    await db.exec(`DROP FUNCTION IF EXISTS ${fn}()`);
  }
  // The failed run left its period open: the next run resumes and finishes.
  const resumed = await runJob('anonymize', { FEATURE_JOB_ANONYMIZE_EMAILS: 'true', JOB_BATCH_SIZE: '2' });
  assert.equal(resumed.code, 0, resumed.output);
  for (const id of [...before, poisoned, ...after]) assert.equal(await emailOf(id), null);
});

test('anonymize is disabled without its feature flag', async () => {
  await forgetRuns('anonymize');
  const old = await addConference(`off-${tag}@example.gouv.fr`, ago(3 * DAY));
  const run = await runJob('anonymize', { FEATURE_JOB_ANONYMIZE_EMAILS: 'false' });
  assert.equal(run.code, 0);
  assert.match(run.output, /disabled/);
  assert.ok((await db.queryOne('SELECT email FROM conferences WHERE id = $1', [old])).email);
});

const SURVEY = { AFTER_MEETING_SURVEY_URL: 'https://sondage.example.gouv.fr/avis' };

test('survey rules: window, cancellation, recent surveys, one email per address', async () => {
  await forgetRuns('survey');
  await maildev.deleteAllEmails();
  const a = (name) => `${name}-${tag}@example.gouv.fr`;
  await addConference(a('yesterday'), ago(3 * HOUR));
  await addConference(a('twodays'), ago(2 * DAY));
  await addConference(a('cancelled'), ago(2 * HOUR), { canceledAt: ago(5 * HOUR) });
  await addConference(a('five'), ago(4 * HOUR));
  await addConference(a('ten'), ago(5 * HOUR));
  await addConference(a('twice'), ago(6 * HOUR));
  await addConference(a('TWICE').replace('TWICE', 'Twice'), ago(7 * HOUR));
  await db.exec(`INSERT INTO users ("hashedEmail", "surveySentAt") VALUES ($1, $2), ($3, $4)`,
    [hashOf(a('five')), ago(5 * DAY), hashOf(a('ten')), ago(10 * DAY)]);
  // Two copies at once (two hosts): the work happens once.
  const runs = await Promise.all([runJob('survey', SURVEY), runJob('survey', SURVEY)]);
  for (const run of runs) assert.equal(run.code, 0, run.output);
  const to = async (address) => (await maildev.emailsTo(address)).length;
  await maildev.waitForEmail(a('yesterday'));
  assert.equal(await to(a('yesterday')), 1);
  assert.equal(await to(a('ten')), 1);
  assert.equal(await to(a('twice')), 1, 'one email for two conferences of one address');
  assert.equal(await to(a('twodays')), 0);
  assert.equal(await to(a('cancelled')), 0);
  assert.equal(await to(a('five')), 0);
  const sent = await db.queryOne('SELECT "surveySentAt" FROM users WHERE "hashedEmail" = $1', [hashOf(a('ten'))]);
  assert.ok(Date.now() - Date.parse(sent.surveySentAt) < HOUR, 'surveySentAt updated');
  const source = await maildev.emailSource((await maildev.emailsTo(a('yesterday')))[0].id);
  assert.match(source, /sondage\.example\.gouv\.fr\/avis/);
});

test('survey is not sent without AFTER_MEETING_SURVEY_URL', async () => {
  await forgetRuns('survey');
  await maildev.deleteAllEmails();
  await addConference(`nourl-${tag}@example.gouv.fr`, ago(HOUR));
  const run = await runJob('survey', { AFTER_MEETING_SURVEY_URL: '' });
  assert.equal(run.code, 0);
  assert.match(run.output, /disabled/);
  assert.equal((await maildev.emailsTo(`nourl-${tag}@example.gouv.fr`)).length, 0);
});

test('a failed survey send is retried by a re-run the same day', async () => {
  await forgetRuns('survey');
  const address = `retry-${tag}@example.gouv.fr`;
  await addConference(address, ago(2 * HOUR));
  // Stop MailDev (the stack's own), run, then start it again with the same command line.
  const pidFile = path.join(config.varDir, 'run', 'maildev.pid');
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const smtpPort = Number(argv[argv.indexOf('-s') + 1]);
  assert.ok(argv.includes('-s') && smtpPort > 0, `MailDev's SMTP port (-s) in its command line: ${argv.join(' ')}`);
  // The run must meet a mail server that is really gone: a MailDev still closing would take the
  // mail and the run would not fail.
  await stopProcess(pid, 'MailDev');
  assert.equal(await portAccepts(smtpPort), false, `nothing may accept SMTP on port ${smtpPort} once MailDev is stopped`);
  let failed;
  try {
    failed = await runJob('survey', SURVEY);
  } finally {
    const log = fs.openSync(path.join(config.varDir, 'log', 'maildev.log'), 'a');
    const child = spawn(argv[0], argv.slice(1), { detached: true, stdio: ['ignore', log, log] });
    child.unref();
    fs.writeFileSync(pidFile, `${child.pid}\n`);
    await waitFor(async () => {
      try {
        return (await fetch(config.maildevUrl + '/api/email')).ok;
      } catch {
        return false;
      }
    }, { timeoutMs: 20000, intervalMs: 200, what: 'the restarted MailDev to answer' });
  }
  assert.notEqual(failed.code, 0, failed.output);
  assert.match(failed.output, /failed=[1-9]/);
  assert.equal(await db.queryOne('SELECT 1 AS x FROM users WHERE "hashedEmail" = $1', [hashOf(address)]), undefined);
  assert.equal((await db.queryOne(`SELECT status FROM job_runs WHERE job = 'survey' ORDER BY started_at DESC LIMIT 1`)).status, 'failed');
  const retry = await runJob('survey', SURVEY);
  assert.equal(retry.code, 0, retry.output);
  await maildev.waitForEmail(address);
  assert.ok(await db.queryOne('SELECT 1 AS x FROM users WHERE "hashedEmail" = $1', [hashOf(address)]));
  const again = await runJob('survey', SURVEY);
  assert.match(again.output, /already done/);
  assert.equal((await maildev.emailsTo(address)).length, 1);
});

test('calls import: inserts, skips present rows, dry-run, small-run, 13-character numbers only', async () => {
  await emulator.reset();
  await db.exec('DELETE FROM "phoneCalls"');
  await forgetRuns('calls-stats');
  const begin = new Date(Date.now() - HOUR).toISOString();
  await emulator.seed({
    histories: [
      { serviceName: '0033122334455', id: 1001, dateBegin: begin, duration: 61, countParticipants: 3, countConnections: 4 },
      { serviceName: '0033122334455', id: 1002, dateBegin: begin, duration: 600 },
      { serviceName: '0033177777777', id: 2001, dateBegin: begin, duration: 120 },
      { serviceName: '0033188888888', id: 3001, dateBegin: begin, duration: 30 },
      { serviceName: '0033111111112-21', id: 4001, dateBegin: begin, duration: 30 },
    ],
  });
  const env = { FEATURE_JOB_CALLS_STATS: 'true' };
  const count = async () => Number((await db.queryOne('SELECT count(*) AS n FROM "phoneCalls"')).n);

  const dry = await runJob('calls-stats', { ...env, JOB_DRY_RUN: 'true' });
  assert.equal(dry.code, 0, dry.output);
  assert.match(dry.output, /fetched=4 .*dry_run=1/);
  assert.equal(await count(), 0);

  const small = await runJob('calls-stats', { ...env, JOB_CALLS_STATS_SMALL_RUN: 'true' });
  assert.equal(small.code, 0, small.output);
  assert.match(small.output, /numbers=2 /);
  const numbers = await db.query('SELECT DISTINCT "phoneNumber" FROM "phoneCalls"');
  assert.equal(numbers.length, 2);

  await forgetRuns('calls-stats');
  const full = await runJob('calls-stats', env);
  assert.equal(full.code, 0, full.output);
  assert.equal(await count(), 4);
  const call = await db.queryOne(`SELECT * FROM "phoneCalls" WHERE id = '0033122334455_1001'`);
  assert.equal(call.callId, '1001');
  assert.equal(call.phoneNumber, '0033122334455');
  assert.equal(call.durationMinutes, 2, '61 s rounds up to 2 minutes');
  assert.equal(call.countParticipants, 3);
  assert.equal(call.countConnections, 4);
  assert.equal(await db.queryOne(`SELECT 1 AS x FROM "phoneCalls" WHERE "phoneNumber" LIKE '%-21'`), undefined);

  const sameDay = await runJob('calls-stats', env);
  assert.match(sameDay.output, /already done/);
  await forgetRuns('calls-stats');
  const second = await runJob('calls-stats', env);
  assert.equal(second.code, 0, second.output);
  assert.match(second.output, /inserted=0 already_present=4/);
  assert.equal(await count(), 4);
});

test('purge removes exactly the expired tokens and sessions', async () => {
  await forgetRuns('purge');
  await db.exec(`INSERT INTO "loginTokens" (token, email, "expiresAt") VALUES
    ('old-${tag}', 'a@example.gouv.fr', now() - interval '1 minute'),
    ('new-${tag}', 'a@example.gouv.fr', now() + interval '1 hour')`);
  await db.exec(`INSERT INTO sessions (id_hash, expires_at) VALUES
    ('old-${tag}', now() - interval '1 minute'), ('new-${tag}', now() + interval '1 hour')`);
  const run = await runJob('purge');
  assert.equal(run.code, 0, run.output);
  const tokens = await db.query(`SELECT token FROM "loginTokens" WHERE token LIKE '%-${tag}' ORDER BY token`);
  assert.deepEqual(tokens.map((t) => t.token), [`new-${tag}`]);
  const sessions = await db.query(`SELECT id_hash FROM sessions WHERE id_hash LIKE '%-${tag}'`);
  assert.deepEqual(sessions.map((s) => s.id_hash), [`new-${tag}`]);
});

test('purge works through backlogs larger than a batch, in batches', async () => {
  await forgetRuns('purge');
  const n = 8;
  const values = (f) => Array.from({ length: n }, (_, i) => f(i)).join(', ');
  await db.exec(`INSERT INTO "loginTokens" (token, email, "expiresAt") VALUES
    ${values((i) => `('bt${i}-${tag}', 'a@example.gouv.fr', now() - interval '1 minute')`)}`);
  await db.exec(`INSERT INTO sessions (id_hash, expires_at) VALUES ${values((i) => `('bs${i}-${tag}', now() - interval '1 minute')`)}`);
  await db.exec(`INSERT INTO email_link_events (token_hash, email_hash, created_at) VALUES
    ${values((i) => `('be${i}-${tag}', 'h-${tag}', now() - interval '61 minutes')`)},
    ('keep-${tag}', 'h-${tag}', now() - interval '59 minutes')`);
  const run = await runJob('purge', { JOB_BATCH_SIZE: '3' });
  assert.equal(run.code, 0, run.output);
  const [, tokens, sessions, events, batches] =
    /tokens_deleted=(\d+) sessions_deleted=(\d+) link_events_deleted=(\d+) batches=(\d+)/.exec(run.output).map(Number);
  assert.ok(tokens >= n && sessions >= n && events >= n, run.output);
  // Batches of 3 for each table, each table ending with a short one.
  assert.equal(batches, [tokens, sessions, events].reduce((sum, rows) => sum + Math.floor(rows / 3) + 1, 0), run.output);
  assert.deepEqual(await db.query(`SELECT token FROM "loginTokens" WHERE token LIKE 'bt%-${tag}'`), []);
  assert.deepEqual(await db.query(`SELECT id_hash FROM sessions WHERE id_hash LIKE 'bs%-${tag}'`), []);
  const kept = await db.query(`SELECT token_hash FROM email_link_events WHERE email_hash = 'h-${tag}'`);
  assert.deepEqual(kept.map((r) => r.token_hash), [`keep-${tag}`], 'events of the last hour stay');
  await db.exec(`DELETE FROM email_link_events WHERE email_hash = 'h-${tag}'`);
});

test('scripts/job lists the job names', async () => {
  const run = await runJob('');
  assert.notEqual(run.code, 0);
  const list = await new Promise((resolve) => {
    const child = spawn(path.join(config.repoRoot, 'scripts', 'job'), [], { env: process.env });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('close', () => resolve(out));
  });
  assert.deepEqual(list.trim().split('\n'), ['compute-stats', 'anonymize', 'survey', 'calls-stats', 'purge']);
});
