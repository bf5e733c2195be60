-- Review and retention (issue 18; DOMAIN.md 9.5): each report's review date (an ISO date,
-- London), from its category's MoPI review group (peel_core::retention::Group), set when it is
-- stored and moved on by a review that retains it. Reports already held get theirs here from the
-- rule as it stands at this migration: ten years after the day received for violent, domestic,
-- robbery, weapons and hate categories, six years for the rest. SQLite has no time zones: the
-- day is the UTC one (a day early for a report received in the first hour of a summer day),
-- and 29 February moves to 28 February as the rule does.
ALTER TABLE submissions ADD COLUMN review_due TEXT;
UPDATE submissions SET review_due = date(received_at_us / 1000000, 'unixepoch',
    CASE WHEN strftime('%m-%d', received_at_us / 1000000, 'unixepoch') = '02-29'
        THEN '-1 day' ELSE '+0 days' END,
    CASE WHEN category IN ('violent-crime', 'domestic-abuse', 'robbery', 'possession-of-weapons',
        'hate-incident') THEN '+10 years' ELSE '+6 years' END);
CREATE INDEX submissions_by_review ON submissions (review_due);

-- Restriction of processing (DPA 2018 s.47): the reason, while a report is restricted.
ALTER TABLE submissions ADD COLUMN restricted TEXT;

-- Data subjects' requests (DPA 2018 ss.45 to 47) and their one-month clock (s.54).
CREATE TABLE subject_requests (
    id BLOB PRIMARY KEY NOT NULL,
    subject_right TEXT NOT NULL,
    subject TEXT NOT NULL,
    received TEXT NOT NULL,
    due TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at_us INTEGER NOT NULL,
    answered_at_us INTEGER,
    outcome TEXT
);
CREATE INDEX subject_requests_by_due ON subject_requests (due);
