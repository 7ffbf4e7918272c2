// Bench case (scripts/bench --viewers, issue #14): what the organizer's participants page costs in
// OVH calls. Books one conference with a prepared login token, starts a 30-person simulated call
// on its room (OVH emulator), then for each viewer count polls participants.json the way the
// page's script does (every 5 s per viewer, starts spread over the interval) for a minute, and
// counts the OVH calls the emulator received in that minute, by route, and those the fleet's
// budget table counted. Prints a table; writes the figures as JSON (argument 2).
//
//   node tests/bench/organizer_viewers.js BASE_URL OUT_JSON
//   env: BENCH_ORIGIN, BENCH_OVH_EMULATOR, BENCH_TOKEN (an unused raw login token),
//        BENCH_VIEWERS ("1 10 50"), BENCH_VIEWERS_SECONDS (60), BENCH_DATABASE_URL (psql)
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');

const [base, outJson] = process.argv.slice(2);
const origin = process.env.BENCH_ORIGIN;
const emulatorUrl = process.env.BENCH_OVH_EMULATOR;
const viewerCounts = (process.env.BENCH_VIEWERS || '1 10 50').split(/\s+/).filter(Boolean).map(Number);
const windowMs = Number(process.env.BENCH_VIEWERS_SECONDS || 60) * 1000;
const pollMs = 5000; // static/js/participants.js
const people = 30;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function emulator(method, path, body) {
  const response = await fetch(`${emulatorUrl}${path}`, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`emulator ${method} ${path}: ${response.status}`);
  return response.json().catch(() => ({}));
}

function budgetLastMinute() {
  const sql = 'SELECT coalesce(sum(calls), 0) FROM ovh_call_seconds WHERE second > extract(epoch FROM now()) - 60';
  return Number(execFileSync('psql', [process.env.BENCH_DATABASE_URL, '-X', '-q', '-At', '-c', sql]).toString().trim());
}

function callsByRoute(state) {
  return { ...(state.calls || {}) };
}

function difference(after, before) {
  const out = {};
  for (const [route, count] of Object.entries(after)) {
    const added = count - (before[route] || 0);
    if (added > 0) out[route] = added;
  }
  return out;
}

async function book() {
  const response = await fetch(`${base}/creer-conf`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
    body: `token=${encodeURIComponent(process.env.BENCH_TOKEN)}`,
  });
  const match = /^\/conferences\/([0-9a-f-]{36})#(\d{9})$/.exec(response.headers.get('location') || '');
  if (response.status !== 303 || !match) throw new Error(`booking answered ${response.status}`);
  return { id: match[1], code: Number(match[2]) };
}

/** Waits (at most 75 s) until the budget's minute holds fewer than `calls` calls. */
async function quietBudget(calls) {
  const deadline = Date.now() + 75000;
  while (budgetLastMinute() >= calls && Date.now() < deadline) await sleep(1000);
}

async function measure(id, viewers) {
  const before = callsByRoute(await emulator('GET', '/_emulator/state'));
  const started = Date.now();
  let answers = 0;
  let slowed = 0;
  let failures = 0;
  await Promise.all(
    Array.from({ length: viewers }, async (_, index) => {
      await sleep((index * pollMs) / viewers);
      while (Date.now() - started < windowMs) {
        const response = await fetch(`${base}/conferences/${id}/participants.json`);
        if (response.status === 200) {
          answers += 1;
          if ((await response.json()).slowed) slowed += 1;
        } else {
          failures += 1;
        }
        await sleep(pollMs);
      }
    }),
  );
  const routes = difference(callsByRoute(await emulator('GET', '/_emulator/state')), before);
  const total = Object.values(routes).reduce((sum, n) => sum + n, 0);
  return { viewers, seconds: windowMs / 1000, ovh_calls: total, routes, answers, slowed_answers: slowed, failures, budget_last_minute: budgetLastMinute() };
}

async function main() {
  const { id, code } = await book();
  await emulator('POST', '/_emulator/simulate', { roomNumber: code, participants: people, talkEverySeconds: 5 });
  await sleep(5000);
  const results = [];
  for (const viewers of viewerCounts) {
    await quietBudget(10); // earlier cases' bookings leave the minute first
    results.push(await measure(id, viewers));
  }
  console.log(`  Organizer page: a ${people}-person simulated call, each viewer polling participants.json every ${pollMs / 1000} s`);
  console.log('  viewers  window  OVH calls  lists  details  answers  slowed  failures  budget (last 60 s)');
  for (const r of results) {
    const lists = r.routes['GET participants'] || 0;
    const details = Object.entries(r.routes).filter(([route]) => route !== 'GET participants' && route.includes('participant')).reduce((s, [, n]) => s + n, 0);
    console.log(`  ${String(r.viewers).padStart(7)}  ${String(r.seconds).padStart(5)}s  ${String(r.ovh_calls).padStart(9)}  ${String(lists).padStart(5)}  ${String(details).padStart(7)}  ${String(r.answers).padStart(7)}  ${String(r.slowed_answers).padStart(6)}  ${String(r.failures).padStart(8)}  ${r.budget_last_minute}`);
  }
  fs.writeFileSync(outJson, `${JSON.stringify({ people, poll_seconds: pollMs / 1000, results })}\n`);
}

main().catch((error) => {
  console.error(`organizer viewers: ${error.message}`);
  process.exit(1);
});
