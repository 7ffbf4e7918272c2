// The operators' SQL queries from the original README run unchanged on our schema.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { newBrowser, db } = require('./lib');
const { book } = require('./lib/flows');

test('the operator queries of the original README run on our schema and count our rows', async () => {
  const { email } = await book(newBrowser());
  // The first query, as the original README wrote it, cannot run on any schema with a
  // "domain" column (the original's too, since its migration 20201204105212_add-domain-on-conferences): PostgreSQL reads GROUP BY domain as the
  // column, not the alias. Our README gives it with GROUP BY 1; the test shows both facts.
  await assert.rejects(
    db.query(`select substring(email from '@[^@]*$') as domain, count(*) from conferences group by domain order by count DESC`),
    /must appear in the GROUP BY clause/);
  const domains = await db.query(`select substring(email from '@[^@]*$') as domain, count(*) from conferences group by 1 order by count DESC`);
  assert.ok(domains.some((row) => row.domain === '@example.gouv.fr' && row.count >= 1), JSON.stringify(domains));
  const durations = await db.query(`SELECT "durationInMinutes" , count(*) as count from conferences GROUP BY "durationInMinutes" ORDER BY count DESC`);
  assert.ok(durations.some((row) => row.durationInMinutes === '120' && row.count >= 1), JSON.stringify(durations));
  const canceled = await db.query(`SELECT "canceledAt" IS NOT NULL as canceled, count(*) from conferences GROUP BY canceled`);
  assert.ok(canceled.some((row) => row.canceled === false && row.count >= 1), JSON.stringify(canceled));
  assert.ok(email.endsWith('@example.gouv.fr'));
});
