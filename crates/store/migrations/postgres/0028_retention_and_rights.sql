-- Review and retention (issue 18; DOMAIN.md 9.5): each report's review date (an ISO date,
-- London), from its category's MoPI review group (peel_core::retention::Group), set when it is
-- stored and moved on by a review that retains it. Reports already held get theirs here from the
-- rule as it stands at this migration: ten years after the day received for violent, domestic,
-- robbery, weapons and hate categories, six years for the rest.
ALTER TABLE submissions ADD COLUMN review_due TEXT;
UPDATE submissions SET review_due = to_char(
    (to_timestamp(received_at_us / 1000000.0) AT TIME ZONE 'Europe/London')
    + CASE WHEN category IN ('violent-crime', 'domestic-abuse', 'robbery',
        'possession-of-weapons', 'hate-incident') THEN interval '10 years'
        ELSE interval '6 years' END,
    'YYYY-MM-DD');
CREATE INDEX submissions_by_review ON submissions (review_due);

-- Restriction of processing (DPA 2018 s.47): the reason, while a report is restricted.
ALTER TABLE submissions ADD COLUMN restricted TEXT;

-- Data subjects' requests (DPA 2018 ss.45 to 47) and their one-month clock (s.54).
CREATE TABLE subject_requests (
    id UUID PRIMARY KEY NOT NULL,
    subject_right TEXT NOT NULL,
    subject TEXT NOT NULL,
    received TEXT NOT NULL,
    due TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at_us BIGINT NOT NULL,
    answered_at_us BIGINT,
    outcome TEXT
);
CREATE INDEX subject_requests_by_due ON subject_requests (due);
