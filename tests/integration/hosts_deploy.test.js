// The deployment files agree with scripts/run: docker-compose.yml validated by Debian's
// docker-compose (v1) `config`, the container's supervisor programs and the systemd units name
// the same handlers, and the units pass `systemd-analyze verify`. Docker itself does not run here.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');
const { run } = require('../hosts/lib/instances');

const root = path.join(__dirname, '..', '..');
const read = (file) => fs.readFileSync(path.join(root, file), 'utf8');
// The tools these checks need are part of the test machine (scripts/test installs them): a
// missing one is a failure that says what to install, never a silent skip.
const requireTool = (program, debianPackage) => {
  try {
    execFileSync('sh', ['-c', 'command -v "$1"', 'sh', program], { stdio: 'ignore' });
  } catch {
    assert.fail(`${program} is not installed (Debian package ${debianPackage}; scripts/test installs it)`);
  }
};
// The worker pools scripts/run starts (deploy/stack.conf).
const { POOL_NAMES: HANDLERS } = require('./lib/shape');

async function compose(args) {
  // An empty env file: nothing from a developer's .env or shell leaks into the check.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ac-compose-'));
  const empty = path.join(dir, 'empty.env');
  fs.writeFileSync(empty, '');
  try {
    return await run('docker-compose', ['--env-file', empty, '--project-directory', root, '-f', path.join(root, 'docker-compose.yml'), ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME || '/root' },
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('docker-compose.yml is valid and its profiles hold the expected services', async () => {
  requireTool('docker-compose', 'docker-compose');
  const quiet = await compose(['config', '-q']);
  assert.equal(quiet.code, 0, quiet.output);
  const dev = await compose(['--profile', 'dev', 'config', '--services']);
  assert.deepEqual(dev.output.trim().split('\n').sort(), ['app', 'maildev', 'ovh-emulator', 'postgres']);
  const full = await compose(['--profile', 'dev', 'config']);
  assert.equal(full.code, 0, full.output);
  // v1 lists every service; the profile is what keeps MailDev and the emulator out of production.
  const services = {};
  for (const name of ['app', 'postgres', 'maildev', 'ovh-emulator']) {
    services[name] = new RegExp(`\\n  ${name}:\\n((?:    .*\\n)*)`).exec(full.output)[1];
  }
  for (const name of ['maildev', 'ovh-emulator']) assert.match(services[name], /profiles:\n\s+- dev/, name);
  for (const name of ['app', 'postgres']) assert.doesNotMatch(services[name], /profiles:/, name);
  assert.match(full.output, /http:\/\/127\.0\.0\.1:8080\/api\/status/, 'the app health check is /api/status');
  assert.match(full.output, /condition: service_healthy/);
  // Every application setting of .env.sample reaches the container (local-stack knobs aside).
  const localOnly = new Set(['AUDIOCONF_BUILD_DIR', 'AUDIOCONF_CONFIG_DIR', 'AUDIOCONF_SKIP_BUILD', 'AUDIOCONF_SKIP_INSTALL',
    'AUDIOCONF_TEMPLATES_DIR', 'AUDIOCONF_VAR_DIR', 'MAILDEV_WEB_PORT', 'OVH_EMULATOR_PORT', 'OVH_EMULATOR_SEED_PARTICIPANTS', 'OVH_EMULATOR_SIMULATE_NEW_ROOMS', 'OIDC_PROVIDER_PORT', 'PG_PORT', 'RUN_READY_TIMEOUT',
    'NGINX_ERROR_LOG_LEVEL', 'STATS_TRIGGER_SECRET', 'STATUS_OVH_CACHE_SECONDS', 'STATS_CACHE_SECONDS']);
  const sample = [...read('.env.sample').matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]).filter((k) => !localOnly.has(k));
  const app = services.app;
  const missing = [...new Set(sample)].filter((key) => !new RegExp(`\\n\\s+${key}:`).test(app));
  assert.deepEqual(missing, [], 'settings of .env.sample missing from the app service');
  // Development defaults: the emulator's keys and URL, as scripts/run supplies them.
  assert.match(app, /OVH_ENDPOINT: http:\/\/ovh-emulator:8090\/1\.0/);
  assert.match(app, /OVH_ROOM_APP_KEY: dev-app-key/);
});

test('the container and the systemd units run the handlers scripts/run runs, the same way', async () => {
  const supervisor = read('deploy/docker/supervisord.conf');
  assert.match(supervisor, new RegExp(`numprocs=${HANDLERS.length}\\b`));
  const entrypoint = read('deploy/docker/entrypoint.sh');
  assert.match(entrypoint, /name=\$\{AC_POOLS\[\$\{2:\?pool number\}\]/);
  const runScript = read('scripts/run');
  for (const text of [entrypoint, read('deploy/web/audioconf-handler@.service')]) {
    assert.match(text, /spawn-fcgi -n -s \S+\.sock"? -M 0660 --/);
    assert.match(text, /multiwatch -f \S+ -s TERM --/);
  }
  assert.match(runScript, /spawn-fcgi -n -s "\$AC_RUN\/\$name\.sock" "\$\{SOCKET_OPTIONS\[@\]\}" --/);
  // The target's Wants= and the Dockerfile's targets: tests/scripts/stack_shape.test.sh.
  assert.match(read('deploy/web/audioconf-web.target'), /^Wants=@POOL_UNITS@$/m);
});

test('the handler units pass systemd-analyze verify', async () => {
  requireTool('systemd-analyze', 'systemd');
  // A fake install prefix: the tested build's programs and this checkout's deploy/.
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'ac-units-'));
  const units = path.join(prefix, 'units');
  fs.mkdirSync(units);
  const stack = fs.readFileSync(path.join(process.env.AUDIOCONF_VAR_DIR || path.join(root, 'var'), 'run', 'stack.env'), 'utf8');
  const buildDir = /^AUDIOCONF_BUILD_DIR=(.*)$/m.exec(stack)[1];
  fs.symlinkSync(path.join(buildDir, 'bin'), path.join(prefix, 'bin'));
  fs.symlinkSync(path.join(root, 'deploy'), path.join(prefix, 'deploy'));
  const substitute = (text) => text.replaceAll('@PREFIX@', prefix).replaceAll('@ENV_FILE@', '/dev/null')
    .replaceAll('@CONFIG_DIR@', '/etc/audioconf').replaceAll('@USER@', 'root');
  const unit = substitute(read('deploy/web/audioconf-handler@.service'));
  for (const name of HANDLERS) fs.writeFileSync(path.join(units, `audioconf-handler@${name}.service`), unit);
  // As install-web.sh writes them: the target's Wants= and each pool's program and workers.
  fs.writeFileSync(path.join(units, 'audioconf-web.target'), read('deploy/web/audioconf-web.target')
    .replaceAll('@POOL_UNITS@', HANDLERS.map((name) => `audioconf-handler@${name}.service`).join(' ')));
  const files = fs.readdirSync(units).map((f) => path.join(units, f));
  const result = await run('systemd-analyze', ['verify', ...files], { timeoutMs: 60000 });
  fs.rmSync(prefix, { recursive: true, force: true });
  const problems = result.output.split('\n').filter((l) => /audioconf/.test(l));
  assert.deepEqual(problems, [], result.output);
});

// The handler sockets are nginx's only (tests/integration/socket_access.test.js checks the local
// stack). In the container and under systemd the handlers run as the service user, so spawn-fcgi
// cannot chown their sockets: the group comes from the setgid socket directory, in nginx's group.
test('deployed handler sockets are 0660 in nginx’s group, from a setgid directory', async () => {
  const files = ['scripts/run', 'scripts/bench', 'deploy/docker/entrypoint.sh', 'deploy/web/audioconf-handler@.service'];
  for (const file of files) assert.doesNotMatch(read(file), /-M 0?666/, `${file} opens a socket to everyone`);
  for (const file of files.slice(2)) {
    for (const [line] of read(file).matchAll(/spawn-fcgi -n .*/g)) assert.match(line, / -M 0660 /, `${file}: ${line}`);
  }
  // systemd: tmpfiles creates /run/audioconf setgid, group = install-web.sh's --nginx-group.
  assert.match(read('deploy/web/audioconf.tmpfiles'), /^d \/run\/audioconf 2750 @USER@ @NGINX_GROUP@ -$/m);
  const install = read('deploy/install-web.sh');
  assert.match(install, /^NGINX_GROUP=www-data$/m, 'Debian runs nginx’s workers as www-data');
  assert.match(install, /-e "s\|@NGINX_GROUP@\|\$NGINX_GROUP\|g"/);
  // The container: Debian's nginx (workers: www-data) and the same directory, in the image and
  // again at start.
  assert.match(read('Dockerfile'), /chown audioconf:www-data \/run\/audioconf && chmod 2750 \/run\/audioconf/);
  assert.match(read('deploy/docker/entrypoint.sh'), /chown audioconf:www-data "\$RUN_DIR"\n\s+chmod 2750 "\$RUN_DIR"/);
});

test('the unit’s spawn-fcgi in the tmpfiles directory makes a 0660 socket of nginx’s group', { skip: process.getuid() !== 0 && 'needs root to act as the service user' }, () => {
  // The unit's command line and the tmpfiles line as installed, run for real: the service user
  // is nobody, nginx's group www-data, the directory a scratch one instead of /run/audioconf.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ac-sockets-'));
  fs.chmodSync(dir, 0o755);
  const runDir = path.join(dir, 'run');
  try {
    const tmpfiles = /^d \/run\/audioconf (\d+) @USER@ @NGINX_GROUP@ -$/m.exec(read('deploy/web/audioconf.tmpfiles'));
    fs.mkdirSync(runDir);
    execFileSync('chown', ['nobody:www-data', runDir]);
    fs.chmodSync(runDir, parseInt(tmpfiles[1], 8));
    const exec = /^ExecStart=(\/usr\/bin\/spawn-fcgi .*?) -- /m.exec(read('deploy/web/audioconf-handler@.service'))[1]
      .replaceAll('/run/audioconf/%i.sock', path.join(runDir, 'book.sock'));
    // spawn-fcgi binds the socket, then execs the program with it as standard input.
    const started = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', '--',
      ...exec.split(' '), '--', '/bin/true'], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 20000, encoding: 'utf8' });
    assert.equal(started.status, 0, started.stderr);
    const stat = fs.statSync(path.join(runDir, 'book.sock'));
    assert.equal((stat.mode & 0o7777).toString(8), '660');
    assert.equal(stat.gid, Number(execFileSync('getent', ['group', 'www-data'], { encoding: 'utf8' }).split(':')[2]));
    assert.equal(stat.uid, Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' })));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
