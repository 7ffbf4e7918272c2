// Helpers of the hostile-input suites: raw HTTP (bytes fetch() would refuse or normalise: "..",
// CR/LF, invalid UTF-8), row counts, and the checks every hostile case must pass.
'use strict';

const assert = require('node:assert/strict');
const net = require('node:net');
const config = require('./config');
const { alertsIn } = require('./flows');

/** Per-request bound: a hang fails the case instead of the whole run. */
const BOUND_MS = 15000;

/** The script payload used in every field: it must never come back unescaped. */
const XSS = '<script>alert("xss")</script>';
const XSS_MARKERS = ['<script>alert', '<img src=x onerror', '<svg/onload', '"><b>'];
const STACK_TRACE = /terminate called|std::|what\(\):|Traceback|\bat [\w.]+ \(|pqxx|SQLSTATE|syntax error at/;

/**
 * Sends `head` (request line + headers, "\r\n"-separated, no final blank line) and `body` as raw
 * bytes over HTTP/1.0 (no chunking, connection closed by the server). Resolves with
 * { status, headers (lower-case names), text, elapsedMs }.
 */
function rawRequest(head, body = Buffer.alloc(0), { baseUrl = config.baseUrl } = {}) {
  const url = new URL(baseUrl);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port || 80) });
    const chunks = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${BOUND_MS} ms: ${JSON.stringify(head.slice(0, 120))}`));
    }, BOUND_MS);
    socket.on('data', (chunk) => chunks.push(chunk));
    // nginx may answer (413) and reset the connection before reading a huge body: keep the answer.
    socket.on('error', (error) => {
      if (chunks.length > 0) return;
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const raw = Buffer.concat(chunks);
      const split = raw.indexOf('\r\n\r\n');
      const headText = raw.subarray(0, split < 0 ? raw.length : split).toString('latin1');
      const lines = headText.split('\r\n');
      const match = /^HTTP\/1\.\d (\d{3})/.exec(lines[0] || '');
      const headers = {};
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({
        status: match ? Number(match[1]) : 0,
        headers,
        text: split < 0 ? '' : raw.subarray(split + 4).toString('utf8'),
        elapsedMs: Date.now() - started,
      });
    });
    const bodyBuffer = Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1');
    let fullHead = `${head}\r\nHost: ${url.host}\r\nConnection: close\r\n`;
    if (bodyBuffer.length > 0 || /^POST /.test(head)) fullHead += `Content-Length: ${bodyBuffer.length}\r\n`;
    // write, not end: nginx takes a half-closed connection for a client that left (499).
    socket.write(Buffer.concat([Buffer.from(`${fullHead}\r\n`, 'latin1'), bodyBuffer]));
  });
}

// One long-lived psql for the row counts: a psql per query costs ~100 ms, times 2 per case.
let counter = null;
function counterProcess() {
  if (counter) return counter;
  const { spawn } = require('node:child_process');
  const child = spawn('psql', [config.databaseUrl, '-X', '-q', '-A', '-t', '-F', ' ', '-v', 'ON_ERROR_STOP=1'], {
    env: { ...process.env, PGCONNECT_TIMEOUT: '5' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.unref();
  child.stdout.unref?.();
  child.stdin.unref?.();
  let buffer = '';
  const waiting = [];
  child.stdout.on('data', (chunk) => {
    buffer += chunk;
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      const next = waiting.shift();
      if (next) next(line);
    }
  });
  counter = { child, waiting };
  return counter;
}

/** Rows that refused input must never create: { loginTokens, conferences, sessions }. */
async function counts() {
  const { child, waiting } = counterProcess();
  const line = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('psql did not answer')), 10000);
    waiting.push((text) => {
      clearTimeout(timer);
      resolve(text);
    });
    child.stdin.write('SELECT (SELECT count(*) FROM "loginTokens"), (SELECT count(*) FROM conferences), (SELECT count(*) FROM sessions);\n');
  });
  const [loginTokens, conferences, sessions] = line.trim().split(' ').map(Number);
  return { loginTokens, conferences, sessions };
}

/** Ends the counting psql (call once the suite is done). */
function closeCounts() {
  if (counter) counter.child.stdin.end();
  counter = null;
}

/**
 * Asserts what every hostile answer must be: not a server error, within the bound, no stack
 * trace, no raw payload reflected.
 */
function assertSafeAnswer(response, what) {
  assert.ok(response.status > 0, `${what}: no HTTP answer`);
  assert.ok(![500, 502, 503, 504].includes(response.status), `${what}: answered ${response.status}`);
  assert.ok(response.elapsedMs === undefined || response.elapsedMs < BOUND_MS, `${what}: took ${response.elapsedMs} ms`);
  assert.doesNotMatch(response.text, STACK_TRACE, `${what}: the body shows internals`);
  for (const marker of XSS_MARKERS) {
    assert.ok(!response.text.includes(marker), `${what}: reflected ${marker} unescaped`);
  }
}

/** The page is one of ours and in French (nginx's error pages included). */
function assertFrenchPage(response, what) {
  assert.match(response.text, /<html lang="fr"/, `${what}: not a French page: ${response.text.slice(0, 200)}`);
}

/** The error alerts of a landing page. */
function errorAlerts(html) {
  return alertsIn(html).filter((alert) => alert.kind === 'error');
}

module.exports = { BOUND_MS, XSS, rawRequest, counts, closeCounts, assertSafeAnswer, assertFrenchPage, errorAlerts };
