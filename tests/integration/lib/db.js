// SQL on the stack's database through the psql CLI (no npm driver): rows come back as JSON.
// Parameters: write $1, $2... in the SQL; values are passed as psql variables and quoted by psql
// (:'p1'), null/undefined become NULL.
'use strict';

const { spawn } = require('node:child_process');
const config = require('./config');

function databaseUrl() {
  if (!config.databaseUrl) throw new Error('DATABASE_URL is not set (scripts/test sets it)');
  return config.databaseUrl;
}

function bind(sql, params) {
  const args = [];
  const text = sql.replace(/\$(\d+)(?!\d)/g, (_, n) => {
    const value = params[Number(n) - 1];
    if (Number(n) < 1 || Number(n) > params.length) throw new Error(`no value for $${n}`);
    if (value === null || value === undefined) return 'NULL';
    const stringValue = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
    args.push('-v', `p${n}=${stringValue}`);
    return `:'p${n}'`;
  });
  return { text, args };
}

function runPsql(script, args) {
  return new Promise((resolve, reject) => {
    const child = spawn('psql', [databaseUrl(), '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', ...args], {
      env: { ...process.env, PGCONNECT_TIMEOUT: '5' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`psql exited with ${code}: ${stderr.trim()}`));
    });
    child.stdin.end(script);
  });
}

/**
 * Runs one SELECT (or INSERT/UPDATE/DELETE ... RETURNING) and resolves with its rows as plain
 * objects (timestamps as ISO strings, as PostgreSQL's JSON renders them).
 */
async function query(sql, params = []) {
  const { text, args } = bind(sql.trim().replace(/;\s*$/, ''), params);
  const out = await runPsql(`WITH q AS (\n${text}\n) SELECT coalesce(json_agg(q), '[]'::json) FROM q;\n`, args);
  return JSON.parse(out.trim() || '[]');
}

/** The first row of `query`, or undefined. */
async function queryOne(sql, params = []) {
  return (await query(sql, params))[0];
}

/** Runs any SQL (several statements allowed) and resolves with psql's raw output. */
async function exec(sql, params = []) {
  const { text, args } = bind(sql, params);
  return runPsql(`${text}\n;\n`, args);
}

module.exports = { query, queryOne, exec };
