-- Evidence requests (issue 17): an officer asks a report's reporter for their photos or video
-- through the outbox with a one-time upload link, which closes once used and expires.
CREATE TABLE evidence_requests (
    id BLOB PRIMARY KEY NOT NULL,
    submission_id BLOB NOT NULL REFERENCES submissions (id),
    token_digest TEXT NOT NULL UNIQUE,
    note TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    created_at_us BIGINT NOT NULL,
    expires_at_us BIGINT NOT NULL,
    answered_at_us BIGINT
);
CREATE INDEX evidence_requests_by_submission ON evidence_requests (submission_id);
