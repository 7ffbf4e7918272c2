DROP TABLE pending_conferences;
ALTER TABLE conferences DROP COLUMN "roomNumberSealed", DROP COLUMN "timeZone";
DROP INDEX "loginTokens_expiresAt_idx";
ALTER TABLE "loginTokens"
  DROP COLUMN "userTimeZone", DROP COLUMN "claimedUntil", DROP COLUMN "consumedAt",
  DROP COLUMN "conferenceId";
DROP TABLE sessions;
