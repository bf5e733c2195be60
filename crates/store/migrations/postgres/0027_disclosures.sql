-- Disclosures to partners (issue 18): what was disclosed from a case to a partner
-- practitioner, under which version of which agreement, as they were given it. Each row's
-- audit entry is the s.62 disclosure log naming the recipient.
CREATE TABLE disclosures (
    id UUID PRIMARY KEY NOT NULL,
    case_id UUID NOT NULL REFERENCES cases (id),
    agreement_id TEXT NOT NULL,
    agreement_version BIGINT NOT NULL,
    recipient_id UUID NOT NULL REFERENCES users (id),
    recipient_name TEXT NOT NULL,
    fields TEXT NOT NULL,
    pseudonymised BOOLEAN NOT NULL,
    onward TEXT NOT NULL,
    marking TEXT NOT NULL,
    justification TEXT NOT NULL,
    content TEXT NOT NULL,
    disclosed_at_us BIGINT NOT NULL,
    disclosed_by TEXT NOT NULL
);
CREATE INDEX disclosures_by_recipient ON disclosures (recipient_id);
CREATE INDEX disclosures_by_case ON disclosures (case_id);
