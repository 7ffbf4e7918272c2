-- ovh_call_budget (SPEC §8): the OVH calls the whole fleet made, per second, so that every worker
-- of every host can tell how many were made in the last minute (OVH_MAX_CALLS_PER_MINUTE).
-- * second: Unix seconds of the database server's clock (one clock for all hosts).
-- * UNLOGGED: a counter of the last minute needs no crash safety (after a crash the budget starts
--   empty, as after a minute of silence) and costs no WAL on the booking path.
-- Rows older than two minutes are deleted by the writers themselves.
-- Runs inside a transaction: no BEGIN/COMMIT here.
CREATE UNLOGGED TABLE ovh_call_seconds (
  second bigint PRIMARY KEY,
  calls integer NOT NULL
);
