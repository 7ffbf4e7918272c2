-- The tables of the original service, with its names and types (SPEC §4), so the operators'
-- SQL queries run unchanged and an original database can be adopted later.
-- gen_random_uuid() is core PostgreSQL (13+): no extension needed for a fresh database.

CREATE TABLE conferences (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
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
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
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
