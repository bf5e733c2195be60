-- The sender's version of a notification (issue 20): MISP's event timestamp, the newest STIX
-- `modified`, in seconds since 1970. A copy sent again with a newer version replaces the one
-- held (its marking, values and links made again); the same or an older one is a duplicate.
-- NULL for the Peel format and CSV, which have no versions, and for rows stored before.
ALTER TABLE notifications ADD COLUMN source_version BIGINT;
