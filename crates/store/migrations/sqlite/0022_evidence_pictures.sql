-- Evidence (issue 17): a photograph's difference hash (64 bits, as a signed integer) for finding
-- near-identical pictures, and its thumbnail, drawn afresh with no metadata.
ALTER TABLE evidence_items ADD COLUMN dhash BIGINT;
ALTER TABLE evidence_items ADD COLUMN thumbnail BLOB;
