-- rate_limit_indexes: the per-address limits (SPEC §7 "Abuse limits") count an address's recent
-- login links and conferences on every POST /valider-email and /creer-conf. Without these the
-- counts scan the whole tables, and their cost grows with every link ever sent.
-- Runs inside a transaction: no BEGIN/COMMIT here.

CREATE INDEX "loginTokens_lower_email_createdAt_idx" ON "loginTokens" (lower(email), "createdAt");
CREATE INDEX "conferences_hashedEmail_createdAt_idx" ON conferences ("hashedEmail", "createdAt");
