-- Scheduled jobs (SPEC §3, §7 "Jobs"): one row per job and period, so that a job started on
-- every host at the same minute does its work once, and the survey job's users are unique.

-- A job's period: the Europe/Paris (server zone) date for daily jobs, the 10-minute slot for
-- purge. status: running (or crashed while running), failed (a unit of work failed: the next
-- run of the same period retries), done (nothing left to do for that period).
CREATE TABLE job_runs (
  job text NOT NULL,
  period text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'failed', 'done')),
  summary text NOT NULL DEFAULT '',
  PRIMARY KEY (job, period)
);

-- Calls import: "since the last successful run" is the start of the latest done calls-stats
-- run (job_runs); this index finds it.
CREATE INDEX job_runs_job_status_idx ON job_runs (job, status, started_at);

-- The survey job upserts users by hashed email: keep one row per hash (the latest survey) from
-- an adopted database, then make the hash unique.
DELETE FROM users u USING users other
  WHERE u."hashedEmail" = other."hashedEmail"
    AND (coalesce(u."surveySentAt", '-infinity') < coalesce(other."surveySentAt", '-infinity')
         OR (coalesce(u."surveySentAt", '-infinity') = coalesce(other."surveySentAt", '-infinity')
             AND u.id < other.id));
ALTER TABLE users ADD CONSTRAINT "users_hashedEmail_key" UNIQUE ("hashedEmail");
