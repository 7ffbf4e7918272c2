-- A database as the original Node service (betagouv/audioconf v1.10) leaves it, for the adoption
-- test (tests/integration/adoption.test.js): the exact v1.10 schema of SPEC §7 "Data" (knex's
-- bookkeeping tables with the 14 migrations, uuid-ossp defaults, varchar(255) durations, the
-- leftover "phoneNumbers" table) and a little data in every table. Times are relative to now()
-- so the login tokens are in flight and the conferences in the future whenever it is loaded.
-- Load into an empty database owned by the service role: psql "$URL" -v ON_ERROR_STOP=1 -f FILE
-- The login tokens are raw, as the original stored them: standard base64 of 256 random bytes
-- (344 characters, "+", "/" and "=" percent-encoded in the links it sent).

SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";

-- knex's own tables (knex 0.21, PostgreSQL dialect).
CREATE TABLE knex_migrations (
  id serial PRIMARY KEY,
  name varchar(255),
  batch integer,
  migration_time timestamptz
);
CREATE TABLE knex_migrations_lock (
  index serial PRIMARY KEY,
  is_locked integer
);

CREATE TABLE conferences (
  id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
  email text,
  "phoneNumber" text NOT NULL,
  "durationInMinutes" varchar(255),
  "createdAt" timestamptz NOT NULL DEFAULT now(),
  "expiresAt" timestamptz NOT NULL,
  "canceledAt" timestamptz,
  domain text,
  "hashedEmail" text,
  "conferenceDay" date
);

CREATE TABLE "loginTokens" (
  token text PRIMARY KEY,
  email text NOT NULL,
  "createdAt" timestamptz NOT NULL DEFAULT now(),
  "expiresAt" timestamptz NOT NULL,
  "durationInMinutes" varchar(255),
  "conferenceDay" date,
  "userTimezoneOffset" integer DEFAULT -60
);

-- Left over from the pool of phone numbers the first versions managed themselves.
CREATE TABLE "phoneNumbers" (
  "phoneNumber" text PRIMARY KEY,
  "freeAt" timestamptz NOT NULL DEFAULT now(),
  used integer NOT NULL DEFAULT 0
);

CREATE TABLE stats (
  date timestamptz PRIMARY KEY,
  "onlineParticipantsCount" integer NOT NULL,
  "activeConfsCount" integer NOT NULL,
  "errorConfsCount" integer NOT NULL,
  "freePhoneNumbersCount" integer NOT NULL DEFAULT -1,
  "phoneNumbersCount" integer NOT NULL DEFAULT -1,
  "bookedRoomsCount" integer NOT NULL DEFAULT -1
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
  "surveySentAt" timestamptz,
  "hashedEmail" text
);

CREATE TABLE "phoneCalls" (
  id text PRIMARY KEY,
  "phoneNumber" text,
  "callId" text,
  "dateBegin" timestamptz,
  "dateEnd" timestamptz,
  "durationMinutes" integer,
  "countParticipants" integer,
  "countConnections" integer
);

INSERT INTO knex_migrations (name, batch, migration_time) VALUES
  ('20201029152804_init.js', 1, '2020-11-02 10:00:00+01'),
  ('20201030152814_add-tokens.js', 1, '2020-11-02 10:00:00+01'),
  ('20201031195358_add-duration-time-in-token.js', 1, '2020-11-02 10:00:00+01'),
  ('20201101122909_clean-conferences-table.js', 1, '2020-11-02 10:00:00+01'),
  ('20201104153854_add-stats-table.js', 2, '2020-11-05 09:12:00+01'),
  ('20201106132737_add-free-phone-numbers-in-stats.js', 3, '2020-11-06 18:40:00+01'),
  ('20201113153457_add-conference-day-in-logintokens.js', 4, '2020-11-14 08:05:00+01'),
  ('20201116111022_make-duration-nullable.js', 5, '2020-11-16 14:30:00+01'),
  ('20201120121225_add-booked-rooms-in-stats.js', 6, '2020-11-20 16:02:00+01'),
  ('20201204105212_add-domain-on-conferences.js', 7, '2020-12-04 12:00:00+01'),
  ('20201204180832_add-userTimezoneOffset-to-loginTokens.js', 8, '2020-12-05 09:00:00+01'),
  ('20201210110731_add-surveySentAt-on-conferences.js', 9, '2020-12-10 15:00:00+01'),
  ('20201224121753_add-table-callStats.js', 10, '2020-12-24 13:00:00+01'),
  ('20210122164657_add-conference-day-in-conferences.js', 11, '2021-01-22 18:00:00+01');
INSERT INTO knex_migrations_lock (is_locked) VALUES (0);

-- Conferences: past (one anonymized), future in duration mode and in day mode, one cancelled.
INSERT INTO conferences (id, email, "phoneNumber", "durationInMinutes", "createdAt", "expiresAt",
                         "canceledAt", domain, "hashedEmail", "conferenceDay") VALUES
  ('6f1c2d3e-0000-4000-8000-000000000001', NULL, '0033122334455', '60',
   now() - interval '10 days', now() - interval '10 days' + interval '1 hour', NULL,
   'beta.gouv.fr', 'c0ffee01', NULL),
  ('6f1c2d3e-0000-4000-8000-000000000002', 'camille.martin@beta.gouv.fr', '0033122334455', '120',
   now() - interval '2 days', now() - interval '2 days' + interval '2 hours', NULL,
   'beta.gouv.fr', 'c0ffee02', NULL),
  ('6f1c2d3e-0000-4000-8000-000000000003', 'agent.futur@example.gouv.fr', '0033122334455', '1440',
   now() - interval '5 minutes', now() + interval '23 hours', NULL,
   'example.gouv.fr', 'c0ffee03', NULL),
  ('6f1c2d3e-0000-4000-8000-000000000004', 'agent.jour@example.gouv.fr', '0033122334455', NULL,
   now() - interval '1 hour', (current_date + 3)::timestamptz + interval '23 hours 59 minutes',
   NULL, 'example.gouv.fr', 'c0ffee04', current_date + 3),
  ('6f1c2d3e-0000-4000-8000-000000000005', 'agent.annule@example.gouv.fr', '0033122334455', '60',
   now() - interval '30 minutes', now() + interval '30 minutes', now() - interval '10 minutes',
   'example.gouv.fr', 'c0ffee05', NULL);
INSERT INTO conferences (email, "phoneNumber", "durationInMinutes", "expiresAt", domain, "hashedEmail")
  SELECT 'agent' || n || '@example.gouv.fr', '0033122334455', '60',
         now() - n * interval '1 day', 'example.gouv.fr', 'c0ffee1' || n
  FROM generate_series(1, 20) AS n;

-- Login tokens: two links sent and not yet used (duration mode, day mode), one expired.
INSERT INTO "loginTokens" (token, email, "createdAt", "expiresAt", "durationInMinutes",
                           "conferenceDay", "userTimezoneOffset") VALUES
  ('3JOTJNlbR8g0102PjKheUj8Sycac3Dkh0pSfDHv/tpLsvdQc5YVMw+hXIWv9DkMU/y5GBErX8zSyKtvYJ2lY/XOqnLw1kX5myAmm/IEhfAENZpqa5rmEqkMJ2c51s4oZmDvSw32mzVMLH32nEkztp8bhnPlIoXnQI24fzHdQvxcBnq2lg8x1NrR4nBGClD2vL9AOVEs8T8QYvFP8sDt1t3x4W1VAhUs6FAUWz2R7/3dHU70Eaaq4aG0o/zFHmlJV4MIBZgidXGdrmE3u+7y+Kn8tVffEFyR/9z+rSnTdPNALN9zurMEGzGnlBbAmbtQ1HCRTEyGA7HF6UTR9ry2aVA==', 'lien.envoye@example.gouv.fr', now() - interval '10 minutes',
   now() + interval '110 minutes', '120', NULL, -60),
  ('CWCPrp10CWa7l5KUGiKeaK3rovA715q2tES2uFhvmykzMVCCHkJFwhBnzjI0Xz2nl1Go/4ZJxkjdFTMntafkMsLoA2CQ45omxZsSjnKAhswkozmLELX9ug/cgORJJ9L0T9TnnvfIAnPSnWQ0TvEbzjNcoP7OMRJuZAfttB0A3S/J3/ePPCRwP9qwhYBA21jVR3mUfwDTefPMacyfEngS+ADUCDr7vlGmTP9NhybprUxCTuUa5Aln3bJ/7va922iSmeHhVnA96xCacsgcXCSC1gF7+/jKlcJyaG/GC6Twv3wxcUBAX8dYuaMHz01JGkya/zq5HQKBmmljPBWOBJoU0Q==', 'lien.jour@example.gouv.fr', now() - interval '5 minutes',
   now() + interval '115 minutes', NULL, current_date + 2, -120),
  ('RWG3YoSRMX70vrm/mUkmwctj4PEAD5rblvNNWtpXxl0ePB/f8/Rv8dSEin50cAHamuArouFdpJqsAsvk9vfi2FDjFx/WS0AAzRKAqqJ+o0U5I1Iv2jOXkVDkY1huCHW1cToVmve2y+z5HlZzfhnAdWh7t754rraPtUZi8aStiHCTjMLHklUa7lagFsZYAdSsi86S42+m8XOxQ3lMN1PriurRZzL7/dwnYMpWpt8fCMNyaozmkspB3G7S2cqU2YIrgXVLMHyLn6JnprxJEyqiRdcfeKCt5MpSPu2NS4OpUGsPmsEV0XmdMaIglHrXRt7u7rx+tJWMqs9zp8ixZdfLQQ==', 'lien.perime@example.gouv.fr', now() - interval '3 hours',
   now() - interval '1 hour', '60', NULL, -60);

INSERT INTO "phoneNumbers" ("phoneNumber", "freeAt", used) VALUES
  ('0033122334455', now() - interval '30 days', 12),
  ('0033122334466', now() - interval '30 days', 0);

-- Stats: one point per minute for the last hour; old points predate the three later counts.
INSERT INTO stats (date, "onlineParticipantsCount", "activeConfsCount", "errorConfsCount",
                   "freePhoneNumbersCount", "phoneNumbersCount", "bookedRoomsCount")
  SELECT date_trunc('minute', now()) - n * interval '1 minute', n % 7, n % 3, 0, -1, -1, 40 + n
  FROM generate_series(1, 60) AS n;
INSERT INTO stats (date, "onlineParticipantsCount", "activeConfsCount", "errorConfsCount")
  VALUES ('2020-11-05 10:00:00+01', 3, 1, 0);

-- Users: the survey job of v1.10 inserted one row per survey, so a hash may repeat.
INSERT INTO users (id, "surveySentAt", "hashedEmail") VALUES
  ('7a000000-0000-4000-8000-000000000001', now() - interval '20 days', 'hash-dup'),
  ('7a000000-0000-4000-8000-000000000002', now() - interval '3 days', 'hash-dup'),
  ('7a000000-0000-4000-8000-000000000003', now() - interval '9 days', 'hash-dup'),
  ('7a000000-0000-4000-8000-000000000004', now() - interval '1 day', 'hash-single'),
  ('7a000000-0000-4000-8000-000000000005', NULL, 'hash-never'),
  ('7a000000-0000-4000-8000-000000000006', NULL, 'hash-never');

INSERT INTO "phoneCalls" (id, "phoneNumber", "callId", "dateBegin", "dateEnd", "durationMinutes",
                          "countParticipants", "countConnections") VALUES
  ('0033122334455-1001', '0033122334455', '1001', now() - interval '2 days',
   now() - interval '2 days' + interval '42 minutes', 42, 5, 6),
  ('0033122334455-1002', '0033122334455', '1002', now() - interval '1 day',
   now() - interval '1 day' + interval '15 minutes', 15, 2, 2);
