// A local OpenID provider configured like ProConnect (SPEC §8, ../../../shared/proconnect.md §3):
// panva's oidc-provider (OpenID Certified; ProConnect itself runs on it) mounted under /api/v2,
// one static client, RS256 ID tokens and userinfo (application/jwt), client_secret_post only,
// PKCE S256, 30-s codes, 60-s access tokens, end-session with its confirmation form.
//
// Its sign-in page has one form whose `email` field names the agent (anyone can sign in as
// anyone: development and tests only); consent is implicit for the one client.
//
// Settings (environment):
//   OIDC_PROVIDER_PORT            port to listen on, 127.0.0.1 only (default 8095)
//   OIDC_PROVIDER_CLIENT_ID       the client's id (default audioconf-dev)
//   OIDC_PROVIDER_CLIENT_SECRET   its secret (default audioconf-dev-secret-please-change)
//   OIDC_PROVIDER_APP_ORIGIN      the service's origin, e.g. http://localhost:8080; gives the
//                                 redirect URI <origin>/connexion/proconnect/retour and the
//                                 post-logout URI <origin>/deconnexion/retour
// Test controls (never under /api/v2):
//   GET  /_provider/health        200 "ok"
//   POST /_provider/delay?ms=N    every later /api/v2 request waits N ms first (0: none)
import crypto from 'node:crypto';
import http from 'node:http';
import Provider, { errors } from 'oidc-provider';

const port = Number(process.env.OIDC_PROVIDER_PORT || 8095);
const clientId = process.env.OIDC_PROVIDER_CLIENT_ID || 'audioconf-dev';
const clientSecret =
  process.env.OIDC_PROVIDER_CLIENT_SECRET || 'audioconf-dev-secret-please-change';
const appOrigins = (process.env.OIDC_PROVIDER_APP_ORIGIN || 'http://localhost:8080')
  .split(',')
  .map((origin) => origin.trim().replace(/\/+$/, ''))
  .filter(Boolean);
const mount = '/api/v2';
const issuer = `http://localhost:${port}${mount}`;

let delayMs = 0;

// One RSA signing key per process: a restart is a key rotation (the client refetches the JWKS).
const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = {
  ...privateKey.export({ format: 'jwk' }),
  kid: crypto.randomBytes(8).toString('hex'),
  use: 'sig',
  alg: 'RS256',
};

// The account id (and so `sub`) is derived from the address: stable, opaque, no storage.
const accountIdOf = (email) =>
  crypto.createHash('sha256').update(`local-provider:${email}`).digest('hex').slice(0, 32);
const accounts = new Map(); // accountId -> email, filled at sign-in

function namesOf(email) {
  const local = email.split('@')[0] || 'agent';
  const parts = local.split(/[._-]+/).filter(Boolean);
  const cap = (word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
  return {
    given_name: cap(parts[0] || 'Agent'),
    usual_name: parts.length > 1 ? parts.slice(1).map(cap).join(' ') : 'Public',
  };
}

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — fournisseur d'identité local</title></head>
<body><main>
<h1>${escapeHtml(title)}</h1>
<p>Fournisseur d'identité local (développement et tests), configuré comme ProConnect.</p>
${body}
</main></body></html>`;
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: appOrigins.map((origin) => `${origin}/connexion/proconnect/retour`),
      post_logout_redirect_uris: appOrigins.map((origin) => `${origin}/deconnexion/retour`),
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_post',
      id_token_signed_response_alg: 'RS256',
      userinfo_signed_response_alg: 'RS256',
    },
  ],
  clientAuthMethods: ['client_secret_post', 'private_key_jwt'],
  jwks: { keys: [signingKey] },
  enabledJWA: {
    idTokenSigningAlgValues: ['RS256'],
    userinfoSigningAlgValues: ['RS256'],
  },
  claims: {
    openid: ['sub'],
    email: ['email'],
    given_name: ['given_name'],
    usual_name: ['usual_name'],
    uid: ['uid'],
    siret: ['siret'],
    idp_id: ['idp_id'],
    acr: null,
    amr: null,
  },
  acrValues: ['eidas1'],
  extraParams: ['idp_hint'],
  pkce: { methods: ['S256'], required: () => false },
  features: {
    devInteractions: { enabled: false },
    jwtUserinfo: { enabled: true },
    claimsParameter: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.type = 'html';
        ctx.body = page(
          'Se déconnecter',
          `${form}<p>Voulez-vous vous déconnecter ?</p>
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Oui, me déconnecter</button>
<button type="submit" form="op.logoutForm">Non, rester connecté</button>`,
        );
      },
      async postLogoutSuccessSource(ctx) {
        ctx.type = 'html';
        ctx.body = page('Déconnecté', '<p>Vous êtes déconnecté.</p>');
      },
    },
  },
  ttl: {
    AccessToken: 60,
    AuthorizationCode: 30,
    IdToken: 60,
    Session: 43200,
    Grant: 43200,
    Interaction: 600,
  },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  interactions: {
    url: (ctx, interaction) => `/interaction/${interaction.uid}`,
  },
  async findAccount(ctx, id) {
    const email = accounts.get(id);
    if (!email) return undefined;
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email,
          ...namesOf(email),
          uid: id.slice(0, 8),
          siret: '13002526500013',
          idp_id: 'local',
        };
      },
    };
  },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page(
      'Erreur',
      `<p>${escapeHtml(out.error)} : ${escapeHtml(out.error_description || '')}</p>`,
    );
  },
});
provider.proxy = false;

// ProConnect advertises client_secret_post only: refuse HTTP Basic at the token endpoint, which
// oidc-provider would otherwise accept for a secret client.
provider.use(async (ctx, next) => {
  if (ctx.path === '/token' && ctx.get('authorization')) {
    ctx.status = 400;
    ctx.body = { error: 'invalid_client', error_description: 'client_secret_post only' };
    return;
  }
  await next();
});

function readForm(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
      if (body.length > 10000) reject(new Error('body too large'));
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

async function consentImplicitly(req, res, details) {
  const { prompt, params, session } = details;
  if (params.client_id !== clientId) throw new errors.AccessDenied('unknown client');
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { consent: details.grantId ? {} : { grantId } },
    { mergeWithLastSubmission: true },
  );
}

async function interaction(req, res, url) {
  const [, , uid, action] = url.pathname.split('/');
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) {
    res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page('Erreur', '<p>Demande inconnue.</p>'));
    return;
  }
  if (action === 'abort') {
    await provider.interactionFinished(req, res, {
      error: 'access_denied',
      error_description: "L'agent a refusé la connexion",
    });
    return;
  }
  if (details.prompt.name === 'consent') {
    await consentImplicitly(req, res, details);
    return;
  }
  if (action === 'login' && req.method === 'POST') {
    const form = await readForm(req);
    const email = (form.get('email') || '').trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page('Adresse invalide', `<p><a href="/interaction/${uid}">Recommencer</a></p>`));
      return;
    }
    const accountId = accountIdOf(email);
    accounts.set(accountId, email);
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId, acr: 'eidas1', amr: ['pwd'] } },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  const hint = details.params.login_hint || '';
  res.end(
    page(
      "S'identifier",
      `<form method="post" action="/interaction/${uid}/login">
<label for="email">Adresse électronique professionnelle</label>
<input id="email" name="email" type="email" required autocomplete="email" value="${escapeHtml(hint)}">
<button type="submit">Se connecter</button>
</form>
<p><a href="/interaction/${uid}/abort">Refuser et revenir au service</a></p>`,
    ),
  );
}

const callback = provider.callback();

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, issuer);
  try {
    if (url.pathname === '/_provider/health') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      return;
    }
    if (url.pathname === '/_provider/delay' && req.method === 'POST') {
      delayMs = Math.max(0, Number(url.searchParams.get('ms')) || 0);
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`delay ${delayMs}`);
      return;
    }
    if (url.pathname.startsWith('/interaction/')) {
      await interaction(req, res, url);
      return;
    }
    if (url.pathname === mount || url.pathname.startsWith(`${mount}/`)) {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      req.originalUrl = req.url;
      req.url = req.url.slice(mount.length) || '/';
      callback(req, res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  } catch (error) {
    if (!res.headersSent) {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page('Erreur', `<p>${escapeHtml(error.message)}</p>`));
    } else {
      res.end();
    }
  }
});

server.listen(port, '127.0.0.1', () => {
  console.log(`oidc provider: ${issuer} (client ${clientId}, origins ${appOrigins.join(' ')})`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
