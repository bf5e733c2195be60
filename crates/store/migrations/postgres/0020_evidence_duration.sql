-- Evidence (issue 17): a video's length, as its own metadata gives it.
ALTER TABLE evidence_items ADD COLUMN duration_ms BIGINT;
