-- Vetting that keeps watching (issue 16): a vetted person's own phone, email or address found
-- in a new report, concern or notification raises a review item for the vetting unit. Never a
-- suspension by itself, never shown to the person or their team.
CREATE TABLE vetting_reviews (
    id BLOB PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL REFERENCES people (id),
    reason TEXT NOT NULL,
    source TEXT NOT NULL,
    raised_at_us BIGINT NOT NULL,
    closed_by TEXT,
    closed_at_us BIGINT,
    outcome TEXT
);
CREATE INDEX vetting_reviews_open ON vetting_reviews (raised_at_us) WHERE closed_at_us IS NULL;
CREATE INDEX person_associations_by_value ON person_associations (value);

-- A task taken back from the person it was with (their clearance was suspended, a supervisor
-- took it back), with the reason the supervisor sees.
ALTER TABLE tasks ADD COLUMN return_reason TEXT;

-- Training with versions and blended learning (issue 16): the version of a module completed and
-- how (online, in a session, by supervised work experience); a module's revisions say what
-- changed, and an older completion is a need again.
ALTER TABLE person_training ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE person_training ADD COLUMN how TEXT NOT NULL DEFAULT 'online';
CREATE TABLE training_revisions (
    module TEXT NOT NULL,
    version BIGINT NOT NULL,
    revised_on TEXT NOT NULL,
    what_changed TEXT NOT NULL,
    PRIMARY KEY (module, version)
);

-- Applications to volunteer, from the public page: kept as the applicant gave them, with a
-- reference and a status code (its digest only) to see where theirs stands.
CREATE TABLE volunteer_applications (
    id BLOB PRIMARY KEY NOT NULL,
    reference TEXT NOT NULL UNIQUE,
    status_token_digest TEXT NOT NULL,
    answers TEXT NOT NULL,
    status TEXT NOT NULL,
    received_at_us BIGINT NOT NULL,
    decided_by TEXT,
    decided_at_us BIGINT,
    decision_note TEXT,
    person_id TEXT REFERENCES people (id)
);

-- A task's briefing for the person who accepts it, and the supervisor's duty number.
ALTER TABLE tasks ADD COLUMN briefing TEXT;
ALTER TABLE tasks ADD COLUMN duty_phone TEXT;
