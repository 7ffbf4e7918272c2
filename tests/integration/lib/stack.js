// Control of the stack under test beyond HTTP: restart its PostgreSQL (scripts/lib/pg.sh), read its
// logs (AUDIOCONF_VAR_DIR/log).
'use strict';

const { execFile } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const config = require('./config');

function pgScript(action) {
  return new Promise((resolve, reject) => {
    execFile(
      path.join(config.repoRoot, 'scripts', 'lib', 'pg.sh'),
      [action],
      { env: { ...process.env, AUDIOCONF_VAR_DIR: config.varDir }, timeout: 60000 },
      (error, stdout, stderr) => {
        if (error && action !== 'status') reject(new Error(`pg.sh ${action}: ${stderr || error.message}`));
        else resolve(!error);
      },
    );
  });
}

/** Stops the stack's private PostgreSQL (fast shutdown: open connections are cut). */
function stopPostgres() {
  return pgScript('stop');
}

/** Starts it again (same data). */
function startPostgres() {
  return pgScript('start');
}

async function restartPostgres() {
  await stopPostgres();
  await startPostgres();
}

/** True when the private PostgreSQL runs. */
function postgresRunning() {
  return pgScript('status');
}

/** Path of a log of the stack: 'nginx-access', 'nginx-error', 'book', 'maildev', 'ovh-emulator'... */
function logPath(name) {
  return path.join(config.varDir, 'log', `${name}.log`);
}

/** The log's content ('' when missing). */
function readLog(name) {
  try {
    return fs.readFileSync(logPath(name), 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') return '';
    throw error;
  }
}

/** Size of a log now: pass it to readLogSince to get only what a test caused. */
function logSize(name) {
  try {
    return fs.statSync(logPath(name)).size;
  } catch (error) {
    if (error.code === 'ENOENT') return 0;
    throw error;
  }
}

function readLogSince(name, offset) {
  return readLog(name).slice(offset);
}

/** Polls `check` (sync or async) until it returns a truthy value; rejects after timeoutMs. */
async function waitFor(check, { timeoutMs = 10000, intervalMs = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The pid of a daemon of the stack from its pid file ('maildev', 'ovh-emulator', 'nginx'...). */
function daemonPid(name) {
  return Number(fs.readFileSync(path.join(config.varDir, 'run', `${name}.pid`), 'utf8').trim());
}

/**
 * Freezes MailDev (SIGSTOP): the kernel still accepts SMTP connections but nothing answers,
 * the worst kind of mail outage (a hang, not a refusal). resumeMaildev() thaws it.
 */
function pauseMaildev() {
  process.kill(daemonPid('maildev'), 'SIGSTOP');
}

function resumeMaildev() {
  process.kill(daemonPid('maildev'), 'SIGCONT');
}

module.exports = {
  daemonPid,
  pauseMaildev,
  resumeMaildev,
  stopPostgres,
  startPostgres,
  restartPostgres,
  postgresRunning,
  logPath,
  readLog,
  logSize,
  readLogSince,
  waitFor,
};
