-- Geography (imported by `peel geo import`), teams, and submissions with their updates.

CREATE TABLE geo_boroughs (
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    boundary_geojson TEXT NOT NULL
);

CREATE TABLE geo_wards (
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    borough_code TEXT NOT NULL
);

CREATE TABLE geo_postcodes (
    postcode TEXT PRIMARY KEY NOT NULL,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    ward_code TEXT NOT NULL
);

CREATE TABLE teams (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    ward_code TEXT,
    borough_code TEXT
);

ALTER TABLE users ADD COLUMN team_id TEXT;

CREATE TABLE submissions (
    id BLOB PRIMARY KEY NOT NULL,
    reference TEXT NOT NULL UNIQUE,
    status_token_digest TEXT NOT NULL,
    channel TEXT NOT NULL,
    received_at_us INTEGER NOT NULL,
    category TEXT NOT NULL,
    description TEXT NOT NULL,
    occurred_at_us INTEGER NOT NULL,
    location_kind TEXT NOT NULL,
    postcode TEXT,
    latitude REAL,
    longitude REAL,
    address_line TEXT,
    reporter_role TEXT NOT NULL,
    anonymous INTEGER NOT NULL,
    contact_name TEXT,
    contact_email TEXT,
    contact_phone TEXT,
    safe_contact TEXT NOT NULL,
    language TEXT NOT NULL,
    ward_code TEXT,
    team_id TEXT NOT NULL,
    routing_reason TEXT NOT NULL,
    stage TEXT NOT NULL,
    enhanced_rights INTEGER NOT NULL,
    next_update_due_us INTEGER,
    first_contact_at_us INTEGER,
    first_contact_channel TEXT,
    first_contact_by TEXT,
    updated_at_us INTEGER NOT NULL
);
CREATE INDEX submissions_by_team ON submissions (team_id, received_at_us);

CREATE TABLE submission_notes (
    id BLOB PRIMARY KEY NOT NULL,
    submission_id BLOB NOT NULL REFERENCES submissions (id),
    at_us INTEGER NOT NULL,
    author TEXT NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX submission_notes_by_submission ON submission_notes (submission_id, at_us);

CREATE TABLE idempotency_keys (
    scope TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_digest TEXT NOT NULL,
    submission_id BLOB NOT NULL,
    response TEXT NOT NULL,
    created_at_us INTEGER NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);
