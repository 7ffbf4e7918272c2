// Runs a scheduled job as the schedule does (`scripts/job NAME`) with extra environment;
// resolves with its exit code and combined output.
'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');
const config = require('./config');

function runJob(name, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(config.repoRoot, 'scripts', 'job'), [name], { env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

module.exports = { runJob };
