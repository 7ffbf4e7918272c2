ALTER TABLE conferences DROP COLUMN "timezoneOffset";
