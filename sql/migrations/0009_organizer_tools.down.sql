DROP TABLE participant_snapshots;
ALTER TABLE conferences DROP COLUMN "roomLocked", DROP COLUMN "icsSequence";
