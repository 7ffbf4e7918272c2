-- Our own additions for sessions, hashed login tokens with a claim lease, and encrypted room
-- numbers (SPEC §7 "Data").

-- Sessions: the cookie holds a random id; only its SHA-256 is stored.
CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

-- Login tokens: "token" now holds the SHA-256 (hex) of the token sent by email.
-- The IANA zone sent by the browser, the claim lease that makes a second concurrent POST wait,
-- and the conference the token produced once consumed.
ALTER TABLE "loginTokens"
  ADD COLUMN "userTimeZone" text,
  ADD COLUMN "claimedUntil" timestamptz,
  ADD COLUMN "consumedAt" timestamptz,
  ADD COLUMN "conferenceId" uuid;
CREATE INDEX "loginTokens_expiresAt_idx" ON "loginTokens" ("expiresAt");

-- The room number (the access code) is stored only encrypted with a key derived from SECRET.
-- NULL for conferences adopted from the original service, which never stored it.
ALTER TABLE conferences
  ADD COLUMN "roomNumberSealed" text,
  ADD COLUMN "timeZone" text;

-- A conference whose room is being created at OVH, recorded before the call so that a create
-- that timed out can still be cleaned up (the purge job expires its room, then deletes the row).
CREATE TABLE pending_conferences (
  id uuid PRIMARY KEY,
  room_number_sealed text NOT NULL,
  token_hash text,
  created_at timestamptz NOT NULL DEFAULT now()
);
