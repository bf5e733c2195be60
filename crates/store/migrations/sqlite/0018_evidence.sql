-- Evidence (issue 17): files on submissions, kept by their SHA-256 in the blob store, with what
-- was checked at receipt. The chain of custody is the audit chain under evidence:<id>.
CREATE TABLE evidence_items (
    id BLOB PRIMARY KEY NOT NULL,
    submission_id BLOB NOT NULL REFERENCES submissions (id),
    sha256 TEXT NOT NULL,
    size BIGINT NOT NULL,
    mime TEXT NOT NULL,
    kind TEXT NOT NULL,
    original_name TEXT NOT NULL,
    received_at_us BIGINT NOT NULL,
    submitted_by TEXT NOT NULL,
    taken_at TEXT,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    ward_code TEXT,
    camera TEXT
);
CREATE INDEX evidence_by_submission ON evidence_items (submission_id);
CREATE INDEX evidence_by_hash ON evidence_items (sha256);
