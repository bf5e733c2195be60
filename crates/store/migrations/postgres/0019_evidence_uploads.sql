-- Resumable evidence uploads (issue 17, tus 1.0): a file growing in DATA_DIR/evidence/uploads/<id>
-- for a submission, until it is whole and becomes an evidence item. Its offset is the file's size.
CREATE TABLE evidence_uploads (
    id UUID PRIMARY KEY NOT NULL,
    submission_id UUID NOT NULL REFERENCES submissions (id),
    length BIGINT NOT NULL,
    filename TEXT NOT NULL,
    uploader TEXT NOT NULL,
    created_at_us BIGINT NOT NULL,
    expires_at_us BIGINT NOT NULL
);
CREATE INDEX evidence_uploads_by_expiry ON evidence_uploads (expires_at_us);
