-- Evidence (issue 17): a redacted copy is a new item derived from the original, which is kept.
ALTER TABLE evidence_items ADD COLUMN derived_from BLOB;
