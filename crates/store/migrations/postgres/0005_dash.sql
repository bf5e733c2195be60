-- DASH risk checklists filled in by officers, kept with the checklist's version.
CREATE TABLE dash_assessments (
    id UUID PRIMARY KEY,
    submission_id UUID NOT NULL REFERENCES submissions (id),
    checklist_version TEXT NOT NULL,
    answers TEXT NOT NULL,
    judgement_level TEXT,
    judgement_reason TEXT,
    yes_count BIGINT NOT NULL,
    level TEXT NOT NULL,
    marac_referral BOOLEAN NOT NULL,
    reasons TEXT NOT NULL,
    assessed_by TEXT NOT NULL,
    assessed_at_us BIGINT NOT NULL
);
CREATE INDEX dash_by_submission ON dash_assessments (submission_id, assessed_at_us);
