-- oidc_sign_ins: the OpenID Connect round trips in progress (ProConnect, SPEC §8). Each row is one
-- `state` sent to the provider, bound to the visitor's session (the SHA-256 of its id), with the
-- nonce and PKCE verifier of a sign-in or nothing more for a sign-out. A row is taken (deleted)
-- by the return, so a state works once; rows live 10 minutes and the purge job drops the rest.
-- Only the state's SHA-256 is stored, so a database reader cannot complete a round trip.
-- Runs inside a transaction: no BEGIN/COMMIT here.

CREATE TABLE oidc_sign_ins (
  state_hash text PRIMARY KEY,
  session_hash text NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('login', 'logout')),
  nonce text NOT NULL DEFAULT '',
  code_verifier text NOT NULL DEFAULT '',
  request jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX oidc_sign_ins_expires_at_idx ON oidc_sign_ins (expires_at);
