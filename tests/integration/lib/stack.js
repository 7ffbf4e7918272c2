// Control of the stack under test beyond HTTP: restart its PostgreSQL (scripts/lib/pg.sh), read its
// logs (AUDIOCONF_VAR_DIR/log).
'use strict';

const { execFile } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
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

/** True while `pid` runs (a zombie has released everything: it counts as gone). */
function processAlive(pid) {
  let stat;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT' || error.code === 'ESRCH') return false;
    throw error;
  }
  // "pid (comm) S ...": the state follows the last ')' (comm may hold one).
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
}

/**
 * Stops a process for good: SIGTERM, then SIGKILL after `graceMs` if it is still there. Resolves
 * once it is gone; rejects, naming it, when even SIGKILL did not end it within `killMs`.
 */
async function stopProcess(pid, what, { graceMs = 10000, killMs = 5000 } = {}) {
  signal(pid, 'SIGTERM');
  try {
    await waitFor(() => !processAlive(pid), { timeoutMs: graceMs, intervalMs: 50, what: `${what} to exit` });
    return;
  } catch {
    // Still there: no more grace.
  }
  signal(pid, 'SIGKILL');
  try {
    await waitFor(() => !processAlive(pid), { timeoutMs: killMs, intervalMs: 50, what: `${what} to exit` });
  } catch {
    throw new Error(`${what} (pid ${pid}) still runs ${graceMs} ms after SIGTERM and ${killMs} ms after SIGKILL`);
  }
}

/** Resolves true when something accepts TCP connections on 127.0.0.1:`port`. */
function portAccepts(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(true); // a listener that does not answer still holds the port
    });
    socket.once('error', () => resolve(false));
  });
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
  processAlive,
  stopProcess,
  portAccepts,
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
