-- Closing the loop (issue 14): cases with owners, stages and outcomes; the outbox of messages
-- to reporters, victims and witnesses; messages from them; MARAC referrals as items of their
-- own; the satisfaction survey; and the reporter's self-described community.

CREATE TABLE cases (
    id BLOB PRIMARY KEY,
    team_id TEXT NOT NULL,
    owner_id BLOB,
    owner_name TEXT,
    stage TEXT NOT NULL,
    enhanced_rights INTEGER NOT NULL,
    first_channel TEXT NOT NULL,
    outcome TEXT,
    outcome_programme TEXT,
    outcome_programme_name TEXT,
    outcome_reason TEXT,
    merged_into BLOB REFERENCES cases (id),
    next_update_due_us BIGINT,
    reply_due_us BIGINT,
    opened_at_us BIGINT NOT NULL,
    updated_at_us BIGINT NOT NULL,
    closed_at_us BIGINT
);
CREATE INDEX cases_by_team ON cases (team_id, stage);
CREATE INDEX cases_by_owner ON cases (owner_id, stage);

-- A submission is in at most one case.
CREATE TABLE case_submissions (
    submission_id BLOB PRIMARY KEY REFERENCES submissions (id),
    case_id BLOB NOT NULL REFERENCES cases (id),
    added_at_us BIGINT NOT NULL
);
CREATE INDEX case_submissions_by_case ON case_submissions (case_id);

-- What happened to a case, oldest first: stage changes, owner changes, merges and splits,
-- each with its reason.
CREATE TABLE case_events (
    id BLOB PRIMARY KEY,
    case_id BLOB NOT NULL REFERENCES cases (id),
    at_us BIGINT NOT NULL,
    author TEXT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX case_events_by_case ON case_events (case_id, at_us);

-- Every message to a reporter, victim or witness. Written in the transaction of the change
-- that causes it; sent after commit by the outbox worker, which decides at sending time by the
-- safe-contact rule. `message_id` is the RFC 5322 Message-ID, the same on every attempt.
CREATE TABLE outbox (
    id BLOB PRIMARY KEY,
    submission_id BLOB NOT NULL REFERENCES submissions (id),
    case_id BLOB,
    purpose TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    message_id TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    channel TEXT,
    content TEXT,
    attempts BIGINT NOT NULL,
    created_at_us BIGINT NOT NULL,
    due_at_us BIGINT NOT NULL,
    next_attempt_at_us BIGINT NOT NULL,
    claimed_until_us BIGINT,
    sent_at_us BIGINT,
    wait_reason TEXT,
    last_error TEXT,
    provider_id TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at_us);
CREATE INDEX outbox_by_submission ON outbox (submission_id, created_at_us);

-- What the reporter sent from their status page: more information, a reply to an update, or
-- a request for a call back at a safe time.
CREATE TABLE reporter_messages (
    id BLOB PRIMARY KEY,
    submission_id BLOB NOT NULL REFERENCES submissions (id),
    at_us BIGINT NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    call_back_when TEXT
);
CREATE INDEX reporter_messages_by_submission ON reporter_messages (submission_id, at_us);

CREATE TABLE marac_referrals (
    id BLOB PRIMARY KEY,
    case_id BLOB NOT NULL REFERENCES cases (id),
    referred_at_us BIGINT NOT NULL,
    referred_by TEXT NOT NULL,
    conference_on TEXT,
    reason TEXT NOT NULL
);
CREATE TABLE marac_actions (
    id BLOB PRIMARY KEY,
    referral_id BLOB NOT NULL REFERENCES marac_referrals (id),
    action TEXT NOT NULL,
    owner TEXT NOT NULL,
    due_at_us BIGINT NOT NULL,
    done_at_us BIGINT
);

-- The satisfaction survey: one per closed case, answered through a one-time link. The channel
-- of first contact and the community are copied here so that answers are counted without
-- reading the case or the reporter.
CREATE TABLE surveys (
    id BLOB PRIMARY KEY,
    case_id BLOB NOT NULL UNIQUE REFERENCES cases (id),
    token_digest TEXT NOT NULL UNIQUE,
    channel TEXT NOT NULL,
    community TEXT,
    sent_at_us BIGINT NOT NULL,
    answered_at_us BIGINT,
    ease BIGINT,
    kept_informed BIGINT,
    treatment BIGINT,
    whole_experience BIGINT,
    comment TEXT
);

ALTER TABLE submissions ADD COLUMN community TEXT;
