// A second nginx rendered from the production template (nginx/audioconf.conf.template, the way
// scripts/run renders it) in front of the test stack's handler sockets and pages, with its own
// settings: lets a test try a setting (microcache, rate limits) whatever the shared stack uses.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const config = require('./config');
const { Browser } = require('./http');
const { freePort } = require('../../hosts/lib/instances');

const NGINX_SCRIPT = `
set -euo pipefail
source "$ROOT/scripts/lib/common.sh"
source "$ROOT/scripts/lib/nginx.sh"
ac_init_paths
prefix=$WORK/nginx
mkdir -p "$prefix/conf" "$prefix/tmp"
extra=
if [[ $FRONT_IPV6 == true ]]; then
  printf 'listen [::1]:%s;\\n' "$FRONT_PORT" >"$prefix/conf/ipv6.conf"
  extra=$prefix/conf/ipv6.conf
fi
NGINX_LISTEN=127.0.0.1:$FRONT_PORT AUDIOCONF_RUN_DIR=$AC_RUN AUDIOCONF_SITE_DIR=$AC_SITE \\
  NGINX_ACCESS_LOG=off NGINX_CACHE_DIR=$prefix/cache NGINX_EXTRA_SITE_CONF=$extra \\
  ac_nginx_site "$ROOT" >"$prefix/conf/audioconf.conf"
ac_nginx_substitute "$ROOT/nginx/nginx.conf.template" \\
  "USER=$(ac_nginx_worker_user "$ROOT/static" "$ROOT/node_modules/@gouvfr/dsfr/dist" "$AC_SITE" "$AC_RUN" "$WORK")" \\
  "PID_FILE=$prefix/nginx.pid" "ERROR_LOG=$prefix/error.log" "ERROR_LOG_LEVEL=error" \\
  "SITE_CONF=$prefix/conf/audioconf.conf" >"$prefix/conf/nginx.conf"
exec nginx -p "$prefix/" -c conf/nginx.conf -e "$prefix/error.log"
`;

/**
 * Starts the nginx with `settings` (NGINX_* variables of scripts/run, e.g. { NGINX_MICROCACHE:
 * 'on' }) and resolves once it answers GET /. Returns { baseUrl, ipv6BaseUrl, visitor(base), stop() }.
 * `ipv6`: it also listens on [::1] (same port), for clients connecting over IPv6.
 */
async function startFrontNginx(settings, { ipv6 = false } = {}) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ac-front-nginx-'));
  fs.chmodSync(work, 0o755);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let stderr = '';
  const nginx = spawn('bash', ['-c', NGINX_SCRIPT], {
    env: { ...process.env, ...settings, ROOT: config.repoRoot, WORK: work, FRONT_PORT: String(port), FRONT_IPV6: String(ipv6), AUDIOCONF_VAR_DIR: config.varDir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  nginx.stderr.on('data', (chunk) => (stderr += chunk));

  async function stop() {
    if (nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx.once('exit', resolve));
      nginx.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(work, { recursive: true, force: true });
  }

  const deadline = Date.now() + 10000;
  for (;;) {
    if (nginx.exitCode !== null) {
      await stop();
      throw new Error(`nginx exited: ${stderr}`);
    }
    try {
      const response = await fetch(`${baseUrl}/`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not answer: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  /** A browser on this nginx whose POSTs carry the test stack's own origin (what handlers check). */
  function visitor(base = baseUrl) {
    const browser = new Browser({ baseUrl: base });
    const stackOrigin = new URL(config.baseUrl).origin;
    const post = browser.post.bind(browser);
    browser.post = (url, form, options = {}) => post(url, form, { origin: stackOrigin, ...options });
    return browser;
  }

  return { baseUrl, ipv6BaseUrl: ipv6 ? `http://[::1]:${port}` : null, visitor, stop };
}

module.exports = { startFrontNginx };
