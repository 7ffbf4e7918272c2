-- Rolls back 0004_adopt_original_tokens.up.sql: nothing to undo. A hash cannot give the raw token
-- back, and our handlers only ever look tokens up by hash; the original service could not use
-- the rewritten rows (they expire within TOKEN_DURATION_IN_MINUTES anyway).
SELECT 1;
