ALTER TABLE users DROP CONSTRAINT "users_hashedEmail_key";
DROP TABLE job_runs;
