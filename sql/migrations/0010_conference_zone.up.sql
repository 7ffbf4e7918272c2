-- conference_zone (SPEC §8, "The organizer's zone"): every conference keeps the agent's zone,
-- duration mode included, so its times (page, participants' arrivals, emails, invitation) are
-- shown in it.
-- * conferences."timeZone" (0002) held the IANA zone of day-mode bookings only; it is now written
--   for duration-mode bookings too. Nothing to change in the column itself.
-- * conferences."timezoneOffset": the browser's offset from UTC in minutes, as JavaScript's
--   getTimezoneOffset() gives it (-60 in Paris in winter), next to the zone. Nullable: adopted
--   and older rows, and bookings made without JavaScript, have none (the server zone is used).
-- Runs inside a transaction: no BEGIN/COMMIT here.
ALTER TABLE conferences ADD COLUMN "timezoneOffset" integer;
