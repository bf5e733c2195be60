-- A partner practitioner's write-back on a disclosure made to them (issue 18): an update on
-- the referral or a concern of their own. Each also arrives on the case as a case event, in the
-- same transaction.
CREATE TABLE write_backs (
    id UUID PRIMARY KEY NOT NULL,
    disclosure_id UUID NOT NULL REFERENCES disclosures (id),
    case_id UUID NOT NULL REFERENCES cases (id),
    author_id UUID NOT NULL REFERENCES users (id),
    author_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    at_us BIGINT NOT NULL
);
CREATE INDEX write_backs_by_disclosure ON write_backs (disclosure_id, at_us);
