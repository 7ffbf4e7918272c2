// Extra application instances for the multi-host, upgrade and adoption tests: each is a complete
// `scripts/run --detach` stack (its own nginx + handlers, own AUDIOCONF_VAR_DIR and PORT) that
// shares the test stack's PostgreSQL cluster, MailDev and OVH emulator, plus a front nginx that
// load-balances instances round-robin, and scratch databases in the shared cluster.
'use strict';

const { spawn, execFile } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const config = require('../../integration/lib/config');

const repoRoot = config.repoRoot;

/** The settings of the test stack (its run/stack.env, written by scripts/run). */
function mainStack() {
  const file = path.join(config.varDir, 'run', 'stack.env');
  const values = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) values[line.slice(0, at)] = line.slice(at + 1);
  }
  return values;
}

/** A free TCP port on 127.0.0.1. */
// Ports handed out by this process, never twice (a stopped instance may leave its port in
// TIME_WAIT, and two instances may ask before either has bound).
const handedOut = new Set();

/**
 * A free loopback TCP port for an instance's nginx. Chosen outside the kernel's ephemeral range
 * (32768-60999 by default): a port that the kernel itself picked (listen(0)) is free only until
 * some outgoing connection takes it as its local port, and nginx's bind() then fails with
 * "Address already in use". Also outside every fixed port of the scripts (8080.., 11025..,
 * 15499.., 18080.., 19325.., 21025.., 25432, 28080..): 22000-24999.
 */
async function freePort() {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = 22000 + Math.floor(Math.random() * 3000);
    if (handedOut.has(port)) continue;
    if (await canListen(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('no free port in 22000-24999');
}

function canListen(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Runs a program; resolves with { code, output } (stdout + stderr), never rejects on exit code. */
function run(file, args, { env = process.env, timeoutMs = 180000, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
    child.stdin.end(input || '');
  });
}

/**
 * The URL of database NAME in the test stack's cluster. Over TCP with the role's password when the
 * stack is on a private cluster: instances stand for other hosts, which cannot use its unix socket.
 */
function databaseUrlFor(name) {
  const stack = mainStack();
  const url = new URL(stack.DATABASE_TCP_URL || stack.DATABASE_URL || config.databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates an empty database owned by the service role; resolves with its URL. */
async function createDatabase(prefix) {
  const name = `${prefix}_${crypto.randomBytes(4).toString('hex')}`;
  const result = await run(path.join(repoRoot, 'scripts', 'lib', 'pg.sh'), ['createdb', name], {
    env: { ...process.env, AUDIOCONF_VAR_DIR: config.varDir },
  });
  if (result.code !== 0) throw new Error(`createdb ${name}: ${result.output}`);
  return { name, url: databaseUrlFor(name) };
}

/** Drops a database made by createDatabase (the owner may; open sessions are cut). */
async function dropDatabase(name) {
  await run('psql', [mainStack().DATABASE_URL || config.databaseUrl, '-X', '-q', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
}

/** psql on URL with SQL on standard input; rejects on error; resolves with the unaligned output. */
async function psql(url, sql, extraArgs = []) {
  const result = await run('psql', [url, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', ...extraArgs], { input: sql });
  if (result.code !== 0) throw new Error(`psql: ${result.output}`);
  return result.output.trim();
}

/** scripts/migrate ARGS on URL. */
function migrate(url, args) {
  return run(path.join(repoRoot, 'scripts', 'migrate'), args, { env: { ...baseEnv(), DATABASE_URL: url } });
}

/** A clean environment (as scripts/test gives its stacks): nothing of ours leaks in. */
function baseEnv() {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME || '/root',
    LANG: process.env.LANG || 'C.UTF-8',
  };
}

const DEV_OVH_KEYS = {
  OVH_ROOM_APP_KEY: 'dev-app-key',
  OVH_ROOM_APP_SECRET: 'dev-app-secret',
  OVH_ROOM_CONSUMER_KEY: 'dev-consumer-key',
  OVH_ROOM_ACCOUNT_NUMBER: 'aa1111111-ovh-1',
  OVH_ROOM_PHONE_NUMBER: '0033122334455',
};

/**
 * One application instance. options: name, databaseUrl, publicUrl (HOSTNAME_WITH_PROTOCOL:
 * the front's URL behind a load balancer), env (more settings), workers, dotenv (the text of its
 * .env; default: the test stack's).
 */
class Instance {
  constructor({ name, databaseUrl, publicUrl, env = {}, workers = 2, dotenv }) {
    this.name = name;
    this.databaseUrl = databaseUrl;
    this.publicUrl = publicUrl;
    this.extraEnv = env;
    this.dotenv = dotenv;
    this.workers = workers;
    this.varDir = fs.mkdtempSync(path.join(os.tmpdir(), `ac-${name}-`));
    fs.chmodSync(this.varDir, 0o755);
  }

  env() {
    const main = mainStack();
    const secret = fs.readFileSync(path.join(config.varDir, 'secret'), 'utf8').trim();
    return {
      ...baseEnv(),
      AUDIOCONF_VAR_DIR: this.varDir,
      AUDIOCONF_CONFIG_DIR: path.join(this.varDir, 'config'),
      AUDIOCONF_BUILD_DIR: this.buildDir || main.AUDIOCONF_BUILD_DIR,
      AUDIOCONF_SKIP_INSTALL: 'true',
      AUDIOCONF_SKIP_BUILD: 'true',
      AUDIOCONF_SCHEDULER: 'false',
      AUDIOCONF_WITH_MAILDEV: 'false',
      PORT: String(this.port),
      WORKERS_PER_HANDLER: String(this.workers),
      HOSTNAME_WITH_PROTOCOL: this.publicUrl || `http://localhost:${this.port}`,
      DATABASE_URL: this.databaseUrl,
      SECRET: secret,
      MAIL_HOST: '127.0.0.1',
      MAIL_PORT: main.MAIL_PORT,
      OVH_ENDPOINT: main.OVH_ENDPOINT,
      ...DEV_OVH_KEYS,
      // The test stack's local ProConnect-like provider, as its OVH emulator: one per machine.
      ...(main.OIDC_PROVIDER_URL
        ? {
            PROCONNECT_DISCOVERY_URL: `${main.OIDC_PROVIDER_URL}/api/v2/.well-known/openid-configuration`,
            PROCONNECT_CLIENT_ID: 'audioconf-dev',
            PROCONNECT_CLIENT_SECRET: 'audioconf-dev-secret-please-change',
          }
        : {}),
      ...this.extraEnv,
    };
  }

  /** Starts it with scripts/run --detach (the test stack's settings file, same binaries). */
  async start() {
    this.port = this.port || (await freePort());
    const configDir = path.join(this.varDir, 'config');
    fs.mkdirSync(configDir, { recursive: true });
    const mainConfig = path.join(process.env.AUDIOCONF_CONFIG_DIR || path.join(config.varDir, 'config'), '.env');
    const dotenv = this.dotenv ?? (fs.existsSync(mainConfig) ? fs.readFileSync(mainConfig) : '');
    fs.writeFileSync(path.join(configDir, '.env'), dotenv);
    const result = await run(path.join(repoRoot, 'scripts', 'run'), ['--detach'], { env: this.env() });
    if (result.code !== 0) throw new Error(`scripts/run for ${this.name} failed:\n${result.output.slice(-3000)}`);
    this.url = `http://127.0.0.1:${this.port}`;
    return this;
  }

  async stop({ keep = false } = {}) {
    await run(path.join(repoRoot, 'scripts', 'stop'), [], { env: this.env() });
    if (!keep) fs.rmSync(this.varDir, { recursive: true, force: true });
  }

  logPath(name) {
    return path.join(this.varDir, 'log', `${name}.log`);
  }

  readLog(name) {
    try {
      return fs.readFileSync(this.logPath(name), 'utf8');
    } catch (error) {
      if (error.code === 'ENOENT') return '';
      throw error;
    }
  }

  /** The access log's request lines ("METHOD /path") from byte offset `since`. */
  requests(since = 0) {
    return this.readLog('nginx-access')
      .slice(since)
      .split('\n')
      .map((line) => /"(\w+) ([^" ]*)[^"]*" (\d{3})/.exec(line))
      .filter(Boolean)
      .map((m) => ({ method: m[1], path: m[2], status: Number(m[3]) }));
  }

  accessLogSize() {
    try {
      return fs.statSync(this.logPath('nginx-access')).size;
    } catch {
      return 0;
    }
  }

  /** `scripts/job NAME` on this instance, as its schedule would run it. */
  job(name, env = {}) {
    return run(path.join(repoRoot, 'scripts', 'job'), [name], { env: { ...this.env(), ...env } });
  }

  pid(name) {
    return Number(fs.readFileSync(path.join(this.varDir, 'run', `${name}.pid`), 'utf8').trim());
  }
}

/**
 * A front nginx (own prefix) that load-balances `upstreams` (host:port) round-robin, as a
 * production load balancer would: no sticky sessions, and it retries on the next host only what
 * is safe to replay — nginx never passes a non-idempotent request (POST) to another server unless
 * `non_idempotent` is listed in proxy_next_upstream, which it is not here.
 */
class Front {
  constructor(upstreams) {
    this.upstreams = upstreams;
    this.prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'ac-front-'));
    fs.chmodSync(this.prefix, 0o755);
  }

  async start() {
    this.port = this.port || (await freePort());
    this.url = `http://localhost:${this.port}`;
    const p = this.prefix;
    fs.mkdirSync(path.join(p, 'logs'), { recursive: true });
    const servers = this.upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=2s;`).join('\n');
    fs.writeFileSync(
      path.join(p, 'nginx.conf'),
      `worker_processes 1;
pid ${p}/nginx.pid;
error_log ${p}/logs/error.log warn;
events { worker_connections 1024; }
http {
  log_format front '$request_method $uri $status upstream=$upstream_addr ustatus=$upstream_status';
  access_log ${p}/logs/access.log front;
  client_body_temp_path ${p}/tmp_body;
  proxy_temp_path ${p}/tmp_proxy;
  upstream audioconf {
${servers}
  }
  server {
    listen 127.0.0.1:${this.port};
    location / {
      proxy_pass http://audioconf;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # Safe requests go to the next host when one is down; POSTs never (no non_idempotent).
      proxy_next_upstream error timeout http_502;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 2s;
      proxy_read_timeout 30s;
    }
  }
}
`,
    );
    const result = await run('nginx', ['-p', `${p}/`, '-c', 'nginx.conf', '-e', `${p}/logs/error.log`]);
    if (result.code !== 0) throw new Error(`front nginx: ${result.output}`);
    return this;
  }

  /** The front's log lines: { method, path, status, upstream, upstreamStatus }. */
  log() {
    let text = '';
    try {
      text = fs.readFileSync(path.join(this.prefix, 'logs', 'access.log'), 'utf8');
    } catch {
      return [];
    }
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const m = /^(\S+) (\S+) (\d+) upstream=(.*) ustatus=(.*)$/.exec(line);
        return m && { method: m[1], path: m[2], status: Number(m[3]), upstream: m[4], upstreamStatus: m[5] };
      })
      .filter(Boolean);
  }

  errorLog() {
    try {
      return fs.readFileSync(path.join(this.prefix, 'logs', 'error.log'), 'utf8');
    } catch {
      return '';
    }
  }

  async stop() {
    try {
      const pid = Number(fs.readFileSync(path.join(this.prefix, 'nginx.pid'), 'utf8').trim());
      process.kill(pid, 'SIGTERM');
      for (let i = 0; i < 50; i += 1) {
        try {
          process.kill(pid, 0);
        } catch {
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    } catch {
      // not running
    }
    fs.rmSync(this.prefix, { recursive: true, force: true });
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = { Instance, Front, createDatabase, dropDatabase, psql, migrate, run, mainStack, freePort, sleep, execFile };
