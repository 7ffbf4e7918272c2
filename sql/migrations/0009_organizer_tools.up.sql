-- organizer_tools (SPEC §8): the lock state of a conference's room, which OVH does not let us
-- read back, and the shared snapshot of who is on each room's line.
-- * conferences."roomLocked": set by POST /conferences/{id}/verrouiller, cleared by
--   deverrouiller. Older and adopted rows get false.
-- * participant_snapshots: one row per conference whose participants page was opened. Holds the
--   last list read from OVH, with caller numbers already masked (never a full number), and when
--   it was taken; "refreshingUntil" is the lease of the one refresh in flight. Deleted with its
--   conference, and by the organizer routes once the conference is over.
-- Runs inside a transaction: no BEGIN/COMMIT here.

-- * conferences."icsSequence": the SEQUENCE of the conference's calendar invitation, raised by
--   every change (extension, end) so calendars that imported it take the new version.
ALTER TABLE conferences
  ADD COLUMN "roomLocked" boolean NOT NULL DEFAULT false,
  ADD COLUMN "icsSequence" integer NOT NULL DEFAULT 0;

CREATE TABLE participant_snapshots (
  "conferenceId" uuid PRIMARY KEY REFERENCES conferences (id) ON DELETE CASCADE,
  participants jsonb NOT NULL DEFAULT '[]',
  "takenAt" timestamptz,
  "refreshingUntil" timestamptz
);
