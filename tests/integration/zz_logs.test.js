// Runs last (node runs the files in name order, one at a time): after the whole suite, no log of
// the stack (nginx access/error, every handler, jobs, PostgreSQL, the OVH emulator; the day-mode
// stack's too) holds a raw email address, a login token, a session id, a conference id, a room
// number or access code, the SECRET, the OVH application secret or a password.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { config, db, emulator } = require('./lib');

// MailDev is a development mail catcher that prints every address it receives, by design: its
// log is not part of the service (production has a real relay), so it is left out.
const EXCLUDED = new Set(['maildev.log']);
// Nothing is allowed anywhere (the OVH emulator masks the room numbers of its API paths too).
const ALLOWED_IN = {};

/** Every log file of the stack under test and of the day-mode stack beside it. */
function logFiles() {
  const files = [];
  for (const dir of [path.join(config.varDir, 'log'), path.join(config.varDir, 'day', 'log')]) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) {
      if (EXCLUDED.has(name)) continue;
      const file = path.join(dir, name);
      if (fs.statSync(file).isFile()) files.push(file); // follows symlinks (postgresql.log)
    }
  }
  return files;
}

/** Addresses the service is configured with are public: they may appear. */
function publicAddresses() {
  const found = new Set(['ne-pas-repondre@audioconf.localhost', 'contact@audioconf.localhost']);
  for (const dir of [process.env.AUDIOCONF_CONFIG_DIR, path.join(config.varDir, 'config')]) {
    if (!dir) continue;
    const file = path.join(dir, '.env');
    if (!fs.existsSync(file)) continue;
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/^(?:MAIL_SENDER_EMAIL|SUPPORT_EMAIL)=(.+)$/gm)) {
      found.add(match[1].trim().replace(/^["']|["']$/g, '').toLowerCase());
    }
  }
  return found;
}

function readSecret() {
  const file = path.join(config.varDir, 'secret');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : '';
}

/** [what, RegExp or string] pairs; each must have no match in any log. */
async function forbidden() {
  const rules = [
    ['an email address', /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g],
    ['a login token in a URL', /token=[A-Za-z0-9_-]{20,}/g],
    ['a session cookie', /audioconf_session=[A-Za-z0-9_-]{10,}/g],
    // Tokens and session ids are 43 base64url characters; hashes (hex) and request ids (32 hex)
    // are not mistaken for them: a run of exactly 43 with a non-hex character.
    ['a 43-character base64url secret', /(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]{0,42}[g-zG-Z_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g],
    ['a conference URL', /\/conferences\/[0-9a-fA-F-]{36}/g],
    ['an access code after #', /#\d{9}\b/g],
    ['credentials in a URL', /:\/\/[^\s:/@]+:[^\s/@]+@/g],
    ['the OVH application secret', 'dev-app-secret'],
    ['a mail password', 'apppass'],
  ];
  const secret = readSecret();
  if (secret) rules.push(['the SECRET', secret]);
  for (const row of await db.query('SELECT id::text AS id FROM conferences')) rules.push(['a conference id', row.id]);
  const state = await emulator.state().catch(() => null);
  const numbers = new Set();
  const collect = (value) => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'roomNumber' && /^\d{9}$/.test(String(inner))) numbers.add(String(inner));
        collect(inner);
      }
    }
  };
  collect(state);
  for (const number of numbers) rules.push(['a room number', new RegExp(`(?<!\\d)${number}(?!\\d)`, 'g')]);
  return { rules, roomNumbers: numbers.size };
}

/** "what" for each rule matching `line` (public addresses excepted). */
function leaksIn(line, rules, allowed) {
  const found = [];
  for (const [what, pattern] of rules) {
    const matches = typeof pattern === 'string' ? (line.includes(pattern) ? [pattern] : []) : [...line.matchAll(pattern)].map((m) => m[0]);
    if (matches.some((m) => !(what === 'an email address' && allowed.has(m.toLowerCase())))) found.push(what);
  }
  return found;
}

test('no log holds an address, a token, a session id, a conference id, a room number or a secret', async (t) => {
  const files = logFiles();
  assert.ok(files.length >= 5, `logs found: ${files.join(', ')}`);
  const allowed = publicAddresses();
  const { rules, roomNumbers } = await forbidden();
  const leaks = [];
  for (const file of files) {
    fs.readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
      // Report where and what, never the value itself (this output may be kept as a CI artifact).
      const ignored = ALLOWED_IN[path.basename(file)] || new Set();
      for (const what of leaksIn(line, rules, allowed).filter((w) => !ignored.has(w))) {
        leaks.push(`${path.relative(config.varDir, file)}:${index + 1}: ${what}`);
      }
    });
  }
  t.diagnostic(`${files.length} logs, ${rules.length} patterns (${roomNumbers} room numbers)`);
  assert.deepEqual(leaks.slice(0, 50), [], `${leaks.length} leaks`);
});

test('the log check can fail: each kind of secret is caught, hashes and request ids are not', async () => {
  const { rules } = await forbidden();
  const allowed = publicAddresses();
  const token = 'q3Zx_9-kLmNoPqRsTuVwXyZaBcDeFgHiJkLmNoPqRsT';
  assert.equal(token.length, 43);
  const samples = {
    'an email address': 'validation email sent to agent.1@example.gouv.fr',
    'a login token in a URL': 'GET /creer-conf?token=abcdefghijklmnopqrstuvwxyz HTTP/1.1',
    'a session cookie': 'cookie: audioconf_session=abcdefghijklmnop',
    'a 43-character base64url secret': `claimed ${token}`,
    'a conference URL': 'GET /conferences/0f8fad5b-d9cb-469f-a165-70867728950e',
    'an access code after #': 'Location: /conferences/x#123456789',
    'credentials in a URL': 'postgresql://audioconf:hunter2@127.0.0.1/db',
    'the OVH application secret': 'key dev-app-secret',
  };
  for (const [what, line] of Object.entries(samples)) {
    assert.ok(leaksIn(line, rules, allowed).includes(what), `${what} not caught`);
  }
  const clean = `req=${'a1'.repeat(16)} sent to ${'0123456789abcdef'.repeat(4)} from ne-pas-repondre@audioconf.localhost`;
  assert.deepEqual(leaksIn(clean, rules, allowed), []);
});
