// The stack's shape as deploy/stack.conf writes it (scripts/lib/shape.sh reads the same file):
// its worker pools and its jobs, for tests that go over every pool or job.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const config = require('./config');

function records(kind) {
  return fs.readFileSync(path.join(config.repoRoot, 'deploy', 'stack.conf'), 'utf8').split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[0] === kind);
}

/** [{ name, program, kind: 'cpu'|'ovh', scale }] in start order. */
const POOLS = records('pool').map(([, name, program, kind, scale]) => ({ name, program, kind, scale: Number(scale) }));
const POOL_NAMES = POOLS.map((pool) => pool.name);
const JOB_NAMES = records('job').map(([, name]) => name);

/** A pool's worker count under scripts/run for WORKERS_PER_HANDLER=perHandler and OVH_POOL_WORKERS=ovh. */
function poolWorkers(name, { perHandler, ovh }) {
  const pool = POOLS.find((p) => p.name === name);
  return (pool.kind === 'ovh' ? ovh : perHandler) * pool.scale;
}

module.exports = { POOLS, POOL_NAMES, JOB_NAMES, poolWorkers };
