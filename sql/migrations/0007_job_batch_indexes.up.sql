-- job_batch_indexes: the anonymize and purge jobs work in batches (JOB_BATCH_SIZE rows per
-- statement, each committed on its own): with two million conferences, anonymize's single UPDATE
-- ran into the 5 s statement_timeout on every run and never removed an email. Each batch must
-- find its rows without scanning the table:
-- * anonymize (and the survey's window): conferences still holding an email, by "expiresAt".
--   Partial: anonymized rows, the bulk of the table, are not in it.
-- * purge's stale pending conferences, by created_at ("loginTokens"."expiresAt", sessions'
--   expires_at and email_link_events' created_at are indexed already).
-- Plain CREATE INDEX (migrations run in a transaction): writes to conferences wait while the
-- index is built, a few seconds for millions of rows.
-- Runs inside a transaction: no BEGIN/COMMIT here.

CREATE INDEX "conferences_expiresAt_with_email_idx" ON conferences ("expiresAt") WHERE email IS NOT NULL;
CREATE INDEX pending_conferences_created_at_idx ON pending_conferences (created_at);
