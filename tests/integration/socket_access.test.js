// The handlers' FastCGI sockets are nginx's only: mode 0660, in the group nginx's workers run as.
// A socket any local user could open would let them talk FastCGI to a handler directly, setting
// HTTP_ORIGIN and REMOTE_ADDR themselves, past nginx's limits and origin headers. Checked on the
// running test stack (both sets of handlers): the mode and group of every socket against the
// identity of nginx's live worker processes, then, as root, a connection attempt by another user
// (refused) and one with the workers' identity (accepted: the check can tell the two apart).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { run } = require('../hosts/lib/instances');
const { config } = require('./lib');

// Every worker pool's socket (deploy/stack.conf).
const { POOL_NAMES: HANDLERS } = require('./lib/shape');
// The main stack and, when scripts/test started it, the day-mode one in its sub-folder.
const STACKS = [config.varDir, path.join(config.varDir, 'day')].filter((dir) => fs.existsSync(path.join(dir, 'run', 'nginx.pid')));

/** uid and gid (effective) of nginx's worker processes for the stack in VAR. */
function nginxWorkers(varDir) {
  const master = fs.readFileSync(path.join(varDir, 'run', 'nginx.pid'), 'utf8').trim();
  const pids = execFileSync('ps', ['-o', 'pid=', '--ppid', master], { encoding: 'utf8' }).split(/\s+/).filter(Boolean);
  const ids = [];
  for (const pid of pids) {
    let status;
    try {
      status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    } catch {
      continue; // a worker replaced meanwhile
    }
    if (!/^Name:\s*nginx/m.test(status)) continue;
    ids.push({ uid: Number(/^Uid:\s+\d+\s+(\d+)/m.exec(status)[1]), gid: Number(/^Gid:\s+\d+\s+(\d+)/m.exec(status)[1]) });
  }
  return ids;
}

/** Tries to connect to SOCKET as uid:gid (no supplementary group): 'connected' or the error code. */
async function connectAs(uid, gid, socket) {
  const script = `const s=require('net').connect(process.argv[1]);s.on('connect',()=>{console.log('connected');s.destroy()});s.on('error',(e)=>console.log(e.code))`;
  const result = await run('setpriv', [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--', process.execPath, '-e', script, socket], { timeoutMs: 20000 });
  return result.output.trim();
}

test('every handler socket is 0660 in the group of nginx’s workers', () => {
  assert.ok(STACKS.length > 0, `no running stack in ${config.varDir}`);
  for (const varDir of STACKS) {
    const workers = nginxWorkers(varDir);
    assert.ok(workers.length > 0, `no nginx worker for ${varDir}`);
    const gids = new Set(workers.map((w) => w.gid));
    assert.equal(gids.size, 1, 'every worker runs with one group');
    const [gid] = gids;
    for (const name of HANDLERS) {
      const socket = path.join(varDir, 'run', `${name}.sock`);
      const stat = fs.statSync(socket);
      assert.ok(stat.isSocket(), socket);
      assert.equal((stat.mode & 0o7777).toString(8), '660', `${socket}: mode`);
      // Not root, nginx's workers run as us: the socket's own group is then theirs as well.
      assert.equal(stat.gid, gid, `${socket}: group ${stat.gid}, nginx's workers ${gid}`);
    }
  }
});

test('another local user cannot connect to a handler; nginx’s workers’ identity can', { skip: process.getuid() !== 0 && 'needs root to act as other users' }, async () => {
  for (const varDir of STACKS) {
    const [worker] = nginxWorkers(varDir);
    // uid 1 / gid 1 (daemon): neither the sockets' owner nor their group, unless nginx's
    // workers are daemon themselves, which no stack configuration does.
    assert.notEqual(worker.gid, 1);
    for (const name of HANDLERS) {
      const socket = path.join(varDir, 'run', `${name}.sock`);
      assert.equal(await connectAs(1, 1, socket), 'EACCES', `${socket}: another user`);
    }
    // The run directory is 0755: the mode of the socket itself is what refuses the stranger.
    assert.equal(await connectAs(worker.uid, worker.gid, path.join(varDir, 'run', 'book.sock')), 'connected');
  }
});
