-- The latest posting of each value from each source: all that linking needs to read, since a
-- new item links to each source's latest (peel_link::decide). Common values keep none.
CREATE TABLE value_latest (
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    source TEXT NOT NULL,
    item TEXT NOT NULL,
    marking TEXT NOT NULL,
    found_in TEXT NOT NULL,
    seen_at_us BIGINT NOT NULL,
    PRIMARY KEY (kind, value, source)
) WITHOUT ROWID;
INSERT INTO value_latest (kind, value, source, item, marking, found_in, seen_at_us)
SELECT kind, value, source, item, marking, found_in, seen_at_us FROM (
    SELECT p.kind, p.value, p.source, p.item, p.marking, p.found_in, p.seen_at_us,
        ROW_NUMBER() OVER (PARTITION BY p.kind, p.value, p.source
                           ORDER BY p.seen_at_us DESC, p.item DESC) AS r
    FROM indicator_postings p
    WHERE NOT EXISTS (SELECT 1 FROM common_values c WHERE c.kind = p.kind AND c.value = p.value)
) AS latest WHERE r = 1;

-- Postings are no longer read by value (value_latest is), only by item: keyed by item, so a
-- batch appends to the end of the tree instead of writing pages all over it. WITHOUT ROWID
-- keeps each of these tables in one tree rather than a table and an index.
CREATE TABLE postings_by_item_new (
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    item TEXT NOT NULL,
    source TEXT NOT NULL,
    marking TEXT NOT NULL,
    found_in TEXT NOT NULL,
    seen_at_us INTEGER NOT NULL,
    PRIMARY KEY (item, kind, value)
) WITHOUT ROWID;
INSERT INTO postings_by_item_new SELECT kind, value, item, source, marking, found_in, seen_at_us
FROM indicator_postings;
DROP TABLE indicator_postings;
ALTER TABLE postings_by_item_new RENAME TO indicator_postings;

CREATE TABLE item_links_new (
    earlier_item TEXT NOT NULL,
    later_item TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    marking TEXT NOT NULL,
    earlier_found_in TEXT NOT NULL,
    later_found_in TEXT NOT NULL,
    created_at_us INTEGER NOT NULL,
    PRIMARY KEY (earlier_item, later_item, kind, value)
) WITHOUT ROWID;
INSERT INTO item_links_new SELECT earlier_item, later_item, kind, value, marking,
    earlier_found_in, later_found_in, created_at_us FROM item_links;
DROP TABLE item_links;
ALTER TABLE item_links_new RENAME TO item_links;
CREATE INDEX links_by_later ON item_links (later_item);

CREATE TABLE notifications_new (
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
) WITHOUT ROWID;
INSERT INTO notifications_new SELECT id, organisation_id, own_id, kind, occurred_at_us,
    received_at_us, postcode, online, amount_minor, currency, victim_age_band, body, marking,
    indicators FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_by_received ON notifications (received_at_us);

-- Alerts on the fraud team's queue: an organisation's notifications share a value with a
-- report or concern. One per (item, organisation); later notifications add to it and reopen it.
CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    item TEXT NOT NULL,
    organisation_id TEXT NOT NULL,
    notification TEXT NOT NULL,
    notifications BIGINT NOT NULL,
    marking TEXT NOT NULL,
    marking_rank BIGINT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    status TEXT NOT NULL,
    raised_at_us BIGINT NOT NULL,
    updated_at_us BIGINT NOT NULL,
    handled_by TEXT,
    handled_at_us BIGINT,
    UNIQUE (item, organisation_id)
);
CREATE INDEX alerts_by_status ON alerts (status, updated_at_us);
