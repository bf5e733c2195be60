-- Linking reads each value's latest posting per source from an in-memory mirror of the value
-- index (crate::correlation::Mirror), kept up to date from these tables by their `seq`: rows
-- are only ever added with a larger seq (AUTOINCREMENT never reuses one), and anything that
-- removes postings bumps correlation_epoch so every mirror is rebuilt.
--
-- Postings of submissions (and later cases), now with their seq, keyed by item for erasure.
-- A notification's postings are its own row's indicators, not copied here.
CREATE TABLE postings_new (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    item TEXT NOT NULL,
    source TEXT NOT NULL,
    marking TEXT NOT NULL,
    found_in TEXT NOT NULL,
    seen_at_us INTEGER NOT NULL,
    UNIQUE (item, kind, value)
);
INSERT INTO postings_new (kind, value, item, source, marking, found_in, seen_at_us)
SELECT kind, value, item, source, marking, found_in, seen_at_us FROM indicator_postings
WHERE item NOT LIKE 'notification:%'
ORDER BY seen_at_us, item;
DROP TABLE indicator_postings;
ALTER TABLE postings_new RENAME TO indicator_postings;

CREATE TABLE common_new (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    sources INTEGER NOT NULL,
    marked_at_us INTEGER NOT NULL,
    UNIQUE (kind, value)
);
INSERT INTO common_new (kind, value, sources, marked_at_us)
SELECT kind, value, sources, marked_at_us FROM common_values ORDER BY marked_at_us;
DROP TABLE common_values;
ALTER TABLE common_new RENAME TO common_values;

CREATE TABLE correlation_epoch (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    epoch INTEGER NOT NULL
);
INSERT INTO correlation_epoch (id, epoch) VALUES (1, 0);

-- Links, appended in the order they are made (the rowid and the unique index both lead with
-- the new item, so a batch writes the end of each tree); only the small index by the earlier
-- item takes writes all over. Keyed by the earlier item first, as before, every link wrote a
-- random page of the largest tree, and a million notifications slowed to a third.
CREATE TABLE item_links_new (
    id INTEGER PRIMARY KEY,
    later_item TEXT NOT NULL,
    earlier_item TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    marking TEXT NOT NULL,
    earlier_found_in TEXT NOT NULL,
    later_found_in TEXT NOT NULL,
    created_at_us INTEGER NOT NULL,
    UNIQUE (later_item, earlier_item, kind, value)
);
INSERT INTO item_links_new (later_item, earlier_item, kind, value, marking, earlier_found_in,
    later_found_in, created_at_us)
SELECT later_item, earlier_item, kind, value, marking, earlier_found_in, later_found_in,
    created_at_us FROM item_links ORDER BY created_at_us;
DROP TABLE item_links;
ALTER TABLE item_links_new RENAME TO item_links;
CREATE INDEX links_by_earlier ON item_links (earlier_item);

-- Notifications with their seq, and where their indicators were found (for explanations).
CREATE TABLE notifications_new (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id BLOB NOT NULL UNIQUE,
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
    found_in TEXT NOT NULL,
    pseudonymised_at_us INTEGER,
    UNIQUE (organisation_id, own_id)
);
INSERT INTO notifications_new (id, organisation_id, own_id, kind, occurred_at_us,
    received_at_us, postcode, online, amount_minor, currency, victim_age_band, body, marking,
    indicators, found_in)
SELECT id, organisation_id, own_id, kind, occurred_at_us, received_at_us, postcode, online,
    amount_minor, currency, victim_age_band, body, marking, indicators, 'the notification'
FROM notifications ORDER BY received_at_us;
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

-- How long each organisation's notifications are kept, by type ('*' for every type): erased
-- after keep_days, and pseudonymised after pseudonymise_days when they link to nothing.
CREATE TABLE notification_retention (
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    kind TEXT NOT NULL,
    keep_days INTEGER NOT NULL,
    pseudonymise_days INTEGER NOT NULL,
    PRIMARY KEY (organisation_id, kind)
);
