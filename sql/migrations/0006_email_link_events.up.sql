-- email_link_events: the per-address hourly limit on booking links (RATE_LIMIT_EMAIL_LINKS_PER_HOUR,
-- SPEC §7 "Abuse limits") used to count "loginTokens" rows, which the purge job deletes once they
-- expire: with TOKEN_DURATION_IN_MINUTES under 60, links sent within the hour were no longer
-- counted. One row per link sent, kept for the limit's hour whatever the token's lifetime (purge
-- deletes them after that hour). No raw address: the keyed hash of the lower-cased address, as
-- in conferences."hashedEmail". token_hash ties a row to its link, so that a link whose email
-- could not be sent is removed together with its token and does not count.
-- Runs inside a transaction: no BEGIN/COMMIT here.

CREATE TABLE email_link_events (
  token_hash text PRIMARY KEY,
  email_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- The count on every POST /valider-email (one address, the last hour) and purge's deletion.
CREATE INDEX email_link_events_email_hash_created_at_idx ON email_link_events (email_hash, created_at);
CREATE INDEX email_link_events_created_at_idx ON email_link_events (created_at);
