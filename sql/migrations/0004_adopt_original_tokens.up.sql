-- adopt_original_tokens: login links sent by the original service keep working after adoption.
-- The original stored the raw token (standard base64 of 256 bytes, 344 characters); we store the
-- SHA-256 (hex) of the token string as sent in the link (SPEC §7 "Data"). Rows that already hold
-- 64 lower-case hex characters are ours and stay as they are, so on a fresh database (or when run
-- again) this changes nothing.
-- Runs inside a transaction: no BEGIN/COMMIT here.

UPDATE "loginTokens"
   SET token = encode(sha256(convert_to(token, 'UTF8')), 'hex')
 WHERE token !~ '^[0-9a-f]{64}$';
