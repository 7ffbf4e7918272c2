DROP INDEX "conferences_hashedEmail_createdAt_idx";
DROP INDEX "loginTokens_lower_email_createdAt_idx";
