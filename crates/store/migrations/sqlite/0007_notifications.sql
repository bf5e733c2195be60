-- Organisations that send incident notifications under a sharing agreement.
CREATE TABLE organisations (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    sector TEXT NOT NULL,
    contact TEXT NOT NULL,
    agreement TEXT NOT NULL,
    allowed_types TEXT NOT NULL,
    default_marking TEXT NOT NULL,
    rate_per_minute INTEGER NOT NULL,
    red_recipients TEXT NOT NULL,
    created_at_us INTEGER NOT NULL
);

-- Notifications as received: one per (organisation, the organisation's own id), so a re-sent
-- file creates nothing twice. Indicators are kept in canonical form as JSON.
CREATE TABLE notifications (
    id BLOB PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    own_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    occurred_at_us INTEGER NOT NULL,
    received_at_us INTEGER NOT NULL,
    postcode TEXT,
    online INTEGER NOT NULL,
    amount_minor INTEGER,
    currency TEXT,
    victim_age_band TEXT,
    body TEXT NOT NULL,
    marking TEXT NOT NULL,
    indicators TEXT NOT NULL,
    UNIQUE (organisation_id, own_id)
);
CREATE INDEX notifications_by_received ON notifications (received_at_us);
