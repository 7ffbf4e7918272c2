// Closed-loop HTTP load for fault tests: N clients, each sending its next request as soon as the
// previous one ended, every outcome recorded with its timing (start, end, status, body, or the
// network error). A load never throws: a test reads the records and decides what was acceptable
// in each phase (before, during, after a fault).
//
// Each request uses a fresh connection (`Connection: close`, no agent). With keep-alive, a server
// that closes an idle connection (nginx's old workers do at a reload) races with the client's next
// request on it; browsers retry such a request silently, a bare client reports a reset. A fresh
// connection per request removes that client-side artefact, so any reset seen here is a
// request the server really dropped.
'use strict';

const http = require('node:http');
const config = require('./config');

/**
 * Sends one request; resolves (never rejects) with
 * { status, headers, text, location, error, started, ended } (times in ms since the epoch;
 * `error` is a short string such as 'ECONNRESET' or 'timeout', and status is 0 then).
 */
function send({ baseUrl = config.baseUrl, method = 'GET', path = '/', headers = {}, body, timeoutMs = 20000 }) {
  return new Promise((resolve) => {
    const started = Date.now();
    const url = new URL(path, baseUrl);
    const allHeaders = { connection: 'close', ...headers };
    if (body !== undefined) allHeaders['content-length'] = Buffer.byteLength(body);
    let settled = false;
    const finish = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ status: 0, headers: {}, text: '', location: null, error: null, ...outcome, started, ended: Date.now() });
    };
    const request = http.request(url, { method, headers: allHeaders, agent: false }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('error', (error) => finish({ status: response.statusCode, error: error.code || error.message }));
      response.on('aborted', () => finish({ status: response.statusCode, error: 'response aborted' }));
      response.on('end', () =>
        finish({
          status: response.statusCode,
          headers: response.headers,
          text: Buffer.concat(chunks).toString('utf8'),
          location: response.headers.location || null,
        }),
      );
    });
    const timer = setTimeout(() => {
      finish({ error: 'timeout' });
      request.destroy();
    }, timeoutMs);
    request.on('error', (error) => finish({ error: error.code || error.message }));
    request.end(body);
  });
}

/**
 * A running load. `scenarios` is a list of { name, request(n) } where request returns
 * { method, path, headers, form, meta } (form: urlencoded body; POSTs get our Origin header, as a
 * browser submitting our own forms), or null to skip its turn. An exception thrown by request()
 * is recorded as a failed request (error "scenario: ..."). Client c runs scenarios c, c+1, c+2... in turn, so every
 * scenario is running at any moment once clients >= scenarios. Records hold the scenario name,
 * `meta` and the outcome of send().
 */
class Load {
  constructor({ scenarios, clients = 6, baseUrl = config.baseUrl, timeoutMs = 20000 }) {
    if (!scenarios.length) throw new Error('a load needs at least one scenario');
    this.scenarios = scenarios;
    this.clients = clients;
    this.baseUrl = baseUrl;
    this.timeoutMs = timeoutMs;
    this.records = [];
    this.stopping = false;
    this.loops = [];
    this.sequence = 0;
  }

  start() {
    const origin = new URL(this.baseUrl).origin;
    for (let client = 0; client < this.clients; client += 1) {
      this.loops.push(
        (async () => {
          for (let i = client; !this.stopping; i += 1) {
            const scenario = this.scenarios[i % this.scenarios.length];
            this.sequence += 1;
            let spec;
            try {
              spec = scenario.request(this.sequence);
            } catch (error) {
              // Recorded as a failed request: a test's check sees it, the load goes on.
              const now = Date.now();
              this.records.push({ client, scenario: scenario.name, error: `scenario: ${error.message}`, status: 0, text: '', started: now, ended: now });
              await new Promise((resolve) => setImmediate(resolve));
              continue;
            }
            if (spec === null) {
              // The scenario skips this turn (e.g. its own rate): the client takes the next one.
              await new Promise((resolve) => setImmediate(resolve));
              continue;
            }
            const headers = { ...(spec.headers || {}) };
            let body;
            if (spec.form !== undefined) {
              body = new URLSearchParams(spec.form).toString();
              headers['content-type'] = 'application/x-www-form-urlencoded';
            }
            if ((spec.method || 'GET') === 'POST' && !headers.origin) headers.origin = origin;
            const outcome = await send({
              baseUrl: this.baseUrl,
              method: spec.method || 'GET',
              path: spec.path,
              headers,
              body,
              timeoutMs: this.timeoutMs,
            });
            this.records.push({ client, scenario: scenario.name, meta: spec.meta, ...outcome });
          }
        })(),
      );
    }
    return this;
  }

  /** Asks every client to stop after its current request; resolves with all the records. */
  async stop() {
    this.stopping = true;
    await Promise.all(this.loops);
    return this.records;
  }
}

/** Starts a load (see Load); call `await load.stop()` to end it and get the records. */
function startLoad(options) {
  return new Load(options).start();
}

/** Requests in flight at `at` (started before, ended after). */
function inFlightAt(records, at) {
  return records.filter((r) => r.started <= at && r.ended >= at);
}

/** "scenario status" → count, for failure messages. */
function tally(records) {
  const counts = {};
  for (const r of records) {
    const key = `${r.scenario} ${r.error ? `error:${r.error}` : r.status}`;
    counts[key] = (counts[key] || 0) + 1;
  }
  return counts;
}

/** A short description of one record, for failure messages (no body beyond 200 characters). */
function describe(record, origin = 0) {
  const body = (record.text || '').replace(/\s+/g, ' ').slice(0, 200);
  return `${record.scenario} [${record.started - origin}..${record.ended - origin} ms] ` +
    `${record.error ? `error ${record.error}` : `${record.status} ${record.location || ''}`} ${body}`;
}

module.exports = { send, Load, startLoad, inFlightAt, tally, describe };
