DROP INDEX pending_conferences_created_at_idx;
DROP INDEX "conferences_expiresAt_with_email_idx";
