// The handlers close each FastCGI connection at once instead of libfcgi's lingering close
// (handlers/common/web/fcgi_server.cpp, close_without_linger): safe over nginx's Unix sockets
// only if nothing nginx sent is left unread, else Linux reports a reset to nginx, which may then
// answer 502 with the page already written. Bodies of every size up to nginx's limit, sent many
// at a time, must all get the handler's own complete answer, and nginx must log no reset.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { newBrowser, config } = require('./lib');

const errorLog = path.join(config.varDir, 'log', 'nginx-error.log');
const logSize = () => (fs.existsSync(errorLog) ? fs.statSync(errorLog).size : 0);

// Form bodies around libfcgi's 8 KB read buffer and up to nginx's 64 KB limit.
const PADDINGS = [0, 100, 8000, 8150, 8192, 16400, 40000, 65000];
const CONCURRENT = 8;

/** A form of about `bytes` bytes, in fields of at most 4000 (the handler's parser allows 8192). */
function paddedForm(bytes) {
  const form = {};
  for (let i = 0; bytes > 0; i += 1, bytes -= 4000) form[`pad${i}`] = 'x'.repeat(Math.min(bytes, 4000));
  return form;
}

test('bodies of every size get the handler’s complete answer and nginx logs no reset', async () => {
  const logStart = logSize();
  let answers = 0;
  for (const padding of PADDINGS) {
    const rounds = Array.from({ length: CONCURRENT }, async () => {
      const browser = newBrowser();
      // Cancelling an unknown conference: the book handler reads the whole form, then redirects.
      const response = await browser.post(`/conferences/${crypto.randomUUID()}/annuler`, paddedForm(padding));
      const label = `body with ${padding} bytes of padding`;
      if (padding > 64 * 1024) {
        assert.equal(response.status, 413, `${label}: nginx refuses it`);
      } else {
        assert.equal(response.status, 303, `${label}: ${response.status} ${response.text.slice(0, 200)}`);
        assert.equal(response.location, '/', label);
      }
      answers += 1;
    });
    await Promise.all(rounds);
  }
  assert.equal(answers, PADDINGS.length * CONCURRENT);
  const log = fs.readFileSync(errorLog, 'utf8').slice(logStart);
  assert.doesNotMatch(log, /reset by peer|prematurely closed|upstream sent/i, log);
});

