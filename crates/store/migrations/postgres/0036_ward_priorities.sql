-- Residents' priorities (issue 19): each ward panel's priorities for a quarter ('2026-Q4', at
-- most three, the service checks), with how residents were consulted, and what has been done
-- about each; and residents' voices from the public ward page by theme. A voice waits, with
-- the address its confirmation goes to, until it is confirmed from the link emailed; the
-- address is erased once the email is handed over, and a confirmed voice is kept only under a
-- keyed hash of ward, quarter and address (one voice per address per ward per quarter: a
-- second replaces the first).
CREATE TABLE ward_priorities (
    id BIGSERIAL PRIMARY KEY,
    ward_code TEXT NOT NULL,
    quarter TEXT NOT NULL,
    theme TEXT NOT NULL,
    issue TEXT NOT NULL,
    consultation TEXT NOT NULL,
    recorded_at BIGINT NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE INDEX ward_priorities_by_quarter ON ward_priorities (quarter, ward_code);

CREATE TABLE ward_priority_actions (
    priority_id BIGINT NOT NULL REFERENCES ward_priorities (id),
    recorded_at BIGINT NOT NULL,
    text TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE INDEX ward_priority_actions_by_priority ON ward_priority_actions (priority_id, recorded_at);

CREATE TABLE priority_voices_pending (
    token_digest TEXT PRIMARY KEY,
    ward_code TEXT NOT NULL,
    quarter TEXT NOT NULL,
    voter_key TEXT NOT NULL,
    theme TEXT NOT NULL,
    words TEXT NOT NULL,
    language TEXT NOT NULL,
    email TEXT,
    message_id TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX priority_voices_pending_due ON priority_voices_pending (next_attempt_at);

CREATE TABLE priority_voices (
    ward_code TEXT NOT NULL,
    quarter TEXT NOT NULL,
    voter_key TEXT NOT NULL,
    theme TEXT NOT NULL,
    words TEXT NOT NULL,
    confirmed_at BIGINT NOT NULL,
    PRIMARY KEY (quarter, ward_code, voter_key)
);
