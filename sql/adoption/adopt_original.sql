-- Adoption of a database created by the original Node service (v1.10), run by `scripts/migrate up`
-- when the database has knex's knex_migrations table and no schema_migrations yet: inside the
-- migration transaction and under the migration lock. It checks that the database is exactly the
-- one our 0001_original_schema describes (the 14 knex migrations, every table and column with its
-- type) and records 0001 as applied without running it; any difference aborts with the list of
-- problems and changes nothing. psql variable: name (0001's name, e.g. original_schema).
-- The raw login tokens are rewritten later by 0004_adopt_original_tokens, the duplicate users
-- removed by 0003_job_runs: those are ordinary migrations, so they also run on a fresh database.

DO $adopt$
DECLARE
  problems text[] := '{}';
  expected_migrations text[] := ARRAY[
    '20201029152804_init.js', '20201030152814_add-tokens.js',
    '20201031195358_add-duration-time-in-token.js', '20201101122909_clean-conferences-table.js',
    '20201104153854_add-stats-table.js', '20201106132737_add-free-phone-numbers-in-stats.js',
    '20201113153457_add-conference-day-in-logintokens.js',
    '20201116111022_make-duration-nullable.js', '20201120121225_add-booked-rooms-in-stats.js',
    '20201204105212_add-domain-on-conferences.js',
    '20201204180832_add-userTimezoneOffset-to-loginTokens.js',
    '20201210110731_add-surveySentAt-on-conferences.js', '20201224121753_add-table-callStats.js',
    '20210122164657_add-conference-day-in-conferences.js'];
  found_migrations text[];
  item record;
BEGIN
  SELECT coalesce(array_agg(name::text ORDER BY name), '{}') INTO found_migrations FROM knex_migrations;
  IF (SELECT array_agg(m ORDER BY m) FROM unnest(expected_migrations) AS m) <> found_migrations THEN
    problems := problems || format('knex_migrations holds %s migration(s), not the 14 of v1.10 '
      '(missing: %s; unknown: %s)', cardinality(found_migrations),
      coalesce((SELECT string_agg(m, ', ') FROM unnest(expected_migrations) AS m
                WHERE m <> ALL (found_migrations)), 'none'),
      coalesce((SELECT string_agg(m, ', ') FROM unnest(found_migrations) AS m
                WHERE m <> ALL (expected_migrations)), 'none'));
  END IF;
  IF EXISTS (SELECT 1 FROM knex_migrations_lock WHERE is_locked <> 0) THEN
    problems := problems || 'knex_migrations_lock is locked: is the original service still migrating?'::text;
  END IF;

  FOR item IN
    SELECT e.table_name, e.column_name, e.data_type, e.not_null, c.data_type AS found_type,
           c.is_nullable AS found_nullable
    FROM (VALUES
      ('conferences', 'id', 'uuid', true),
      ('conferences', 'email', 'text', false),
      ('conferences', 'phoneNumber', 'text', true),
      ('conferences', 'durationInMinutes', 'character varying', false),
      ('conferences', 'createdAt', 'timestamp with time zone', true),
      ('conferences', 'expiresAt', 'timestamp with time zone', true),
      ('conferences', 'canceledAt', 'timestamp with time zone', false),
      ('conferences', 'domain', 'text', false),
      ('conferences', 'hashedEmail', 'text', false),
      ('conferences', 'conferenceDay', 'date', false),
      ('loginTokens', 'token', 'text', true),
      ('loginTokens', 'email', 'text', true),
      ('loginTokens', 'createdAt', 'timestamp with time zone', true),
      ('loginTokens', 'expiresAt', 'timestamp with time zone', true),
      ('loginTokens', 'durationInMinutes', 'character varying', false),
      ('loginTokens', 'conferenceDay', 'date', false),
      ('loginTokens', 'userTimezoneOffset', 'integer', false),
      ('stats', 'date', 'timestamp with time zone', true),
      ('stats', 'onlineParticipantsCount', 'integer', true),
      ('stats', 'activeConfsCount', 'integer', true),
      ('stats', 'errorConfsCount', 'integer', true),
      ('stats', 'freePhoneNumbersCount', 'integer', true),
      ('stats', 'phoneNumbersCount', 'integer', true),
      ('stats', 'bookedRoomsCount', 'integer', true),
      ('users', 'id', 'uuid', true),
      ('users', 'surveySentAt', 'timestamp with time zone', false),
      ('users', 'hashedEmail', 'text', false),
      ('phoneCalls', 'id', 'text', true),
      ('phoneCalls', 'phoneNumber', 'text', false),
      ('phoneCalls', 'callId', 'text', false),
      ('phoneCalls', 'dateBegin', 'timestamp with time zone', false),
      ('phoneCalls', 'dateEnd', 'timestamp with time zone', false),
      ('phoneCalls', 'durationMinutes', 'integer', false),
      ('phoneCalls', 'countParticipants', 'integer', false),
      ('phoneCalls', 'countConnections', 'integer', false)
    ) AS e(table_name, column_name, data_type, not_null)
    LEFT JOIN information_schema.columns c
      ON c.table_schema = current_schema() AND c.table_name = e.table_name
     AND c.column_name = e.column_name
  LOOP
    IF item.found_type IS NULL THEN
      problems := problems || format('missing column %I.%I', item.table_name, item.column_name);
    ELSIF item.found_type <> item.data_type THEN
      problems := problems || format('%I.%I is %s, expected %s', item.table_name,
                                     item.column_name, item.found_type, item.data_type);
    ELSIF item.not_null AND item.found_nullable = 'YES' THEN
      problems := problems || format('%I.%I is nullable, expected NOT NULL', item.table_name,
                                     item.column_name);
    END IF;
  END LOOP;

  -- Our later migrations add these: their presence means a half-adopted or foreign database.
  FOR item IN
    SELECT t FROM unnest(ARRAY['sessions', 'pending_conferences', 'job_runs']) AS t
    WHERE to_regclass(quote_ident(t)) IS NOT NULL
  LOOP
    problems := problems || format('unexpected table %I (not created by the original service)', item.t);
  END LOOP;

  IF cardinality(problems) > 0 THEN
    RAISE EXCEPTION 'not the database of the original service v1.10; nothing changed:%',
      E'\n  - ' || array_to_string(problems, E'\n  - ');
  END IF;
END
$adopt$;

INSERT INTO schema_migrations (version, name) VALUES ('0001', :'name');
