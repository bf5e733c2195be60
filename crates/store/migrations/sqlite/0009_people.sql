-- People who can be given tasks: officers, PCSOs, staff, special constables and volunteers.
-- The home point is for distance only and is never shown. Languages are ISO codes separated
-- by commas; the weekly pattern is "day from-until" slots separated by semicolons, minutes
-- after midnight ("wed 540-1020").
CREATE TABLE people (
    id TEXT PRIMARY KEY NOT NULL,
    username TEXT UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    team_id TEXT,
    home_lat REAL,
    home_lon REAL,
    languages TEXT NOT NULL,
    weekly TEXT NOT NULL,
    created_at_us BIGINT NOT NULL
);

CREATE TABLE person_skills (
    person_id TEXT NOT NULL REFERENCES people (id),
    skill TEXT NOT NULL,
    level BIGINT NOT NULL,
    body TEXT,
    number TEXT,
    verified_by TEXT,
    verified_on TEXT,
    PRIMARY KEY (person_id, skill)
);

CREATE TABLE person_training (
    person_id TEXT NOT NULL REFERENCES people (id),
    module TEXT NOT NULL,
    completed_on TEXT NOT NULL,
    expires_on TEXT,
    PRIMARY KEY (person_id, module, completed_on)
);

-- Declared associations (and ones the linking engine finds), normalised, for conflicts.
CREATE TABLE person_associations (
    person_id TEXT NOT NULL REFERENCES people (id),
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (person_id, kind, value)
);

-- Vetting clearances. Dates are ISO days (YYYY-MM-DD); scopes are slugs separated by commas.
CREATE TABLE clearances (
    id INTEGER PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (id),
    level TEXT NOT NULL,
    scopes TEXT NOT NULL,
    granted_on TEXT NOT NULL,
    expires_on TEXT NOT NULL,
    aftercare_due_on TEXT NOT NULL,
    status TEXT NOT NULL
);
CREATE INDEX clearances_by_person ON clearances (person_id);

-- A scope suspended by a trigger, with the reason, until a vetting officer reviews it.
CREATE TABLE clearance_suspensions (
    clearance_id BIGINT NOT NULL REFERENCES clearances (id),
    scope TEXT NOT NULL,
    reason TEXT NOT NULL,
    since_on TEXT NOT NULL,
    PRIMARY KEY (clearance_id, scope)
);

-- Tasks for people: on a submission (its item, 'submission:<id>') or on their own. Touches are
-- the normalised schools, estates, addresses and names of the case, one per line, for
-- conflicts. Status: open, assigned, accepted, declined, done.
CREATE TABLE tasks (
    id TEXT PRIMARY KEY NOT NULL,
    item TEXT,
    kind TEXT NOT NULL,
    scope TEXT,
    language TEXT,
    day_on TEXT NOT NULL,
    from_minute BIGINT NOT NULL,
    until_minute BIGINT NOT NULL,
    place_lat REAL,
    place_lon REAL,
    touches TEXT NOT NULL,
    status TEXT NOT NULL,
    assigned_to TEXT REFERENCES people (id),
    created_by TEXT NOT NULL,
    created_at_us BIGINT NOT NULL,
    updated_at_us BIGINT NOT NULL,
    hours REAL,
    visit_note TEXT
);
CREATE INDEX tasks_by_item ON tasks (item);
CREATE INDEX tasks_by_person ON tasks (assigned_to);

-- The abstraction log: hours a neighbourhood officer spent on duties outside their ward.
CREATE TABLE abstractions (
    id INTEGER PRIMARY KEY,
    officer TEXT NOT NULL,
    ward TEXT NOT NULL,
    day_on TEXT NOT NULL,
    hours REAL NOT NULL,
    cause TEXT NOT NULL,
    reason TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at_us BIGINT NOT NULL
);
CREATE INDEX abstractions_by_ward ON abstractions (ward, day_on);

-- Hours rostered to each ward's team each month (the rate's denominator).
CREATE TABLE ward_rosters (
    ward TEXT NOT NULL,
    month_on TEXT NOT NULL,
    hours REAL NOT NULL,
    PRIMARY KEY (ward, month_on)
);

-- Days a person cannot help (holidays, illness), inclusive.
CREATE TABLE person_away (
    person_id TEXT NOT NULL REFERENCES people (id),
    from_on TEXT NOT NULL,
    until_on TEXT NOT NULL,
    PRIMARY KEY (person_id, from_on)
);
