-- Linking reads each value's latest posting per source from an in-memory mirror of the value
-- index (crate::correlation::Mirror), kept up to date from these tables by their `seq`, taken
-- under the correlation lock so seq order is commit order; anything that removes postings
-- bumps correlation_epoch so every mirror is rebuilt.
--
-- A notification's postings are its own row's indicators, not copied into the postings.
DELETE FROM indicator_postings WHERE item LIKE 'notification:%';
DROP INDEX postings_by_source;
DROP INDEX postings_by_item;
ALTER TABLE indicator_postings DROP CONSTRAINT indicator_postings_pkey;
ALTER TABLE indicator_postings ADD COLUMN seq BIGSERIAL PRIMARY KEY;
ALTER TABLE indicator_postings ADD CONSTRAINT postings_by_item UNIQUE (item, kind, value);

ALTER TABLE common_values ADD COLUMN seq BIGSERIAL UNIQUE;

-- Links, appended in the order they are made, unique by the new item first; only the index by
-- the earlier item takes writes all over.
ALTER TABLE item_links DROP CONSTRAINT item_links_pkey;
ALTER TABLE item_links ADD COLUMN id BIGSERIAL PRIMARY KEY;
DROP INDEX links_by_later;
ALTER TABLE item_links ADD CONSTRAINT links_by_later UNIQUE (later_item, earlier_item, kind, value);
CREATE INDEX links_by_earlier ON item_links (earlier_item);

CREATE TABLE correlation_epoch (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    epoch BIGINT NOT NULL
);
INSERT INTO correlation_epoch (id, epoch) VALUES (1, 0);

ALTER TABLE notifications ADD COLUMN seq BIGSERIAL UNIQUE;
ALTER TABLE notifications ADD COLUMN found_in TEXT NOT NULL DEFAULT 'the notification';
ALTER TABLE notifications ADD COLUMN pseudonymised_at_us BIGINT;

-- Alerts on the fraud team's queue: an organisation's notifications share a value with a
-- report or concern. One per (item, organisation); later notifications add to it and reopen it.
CREATE TABLE alerts (
    id BIGSERIAL PRIMARY KEY,
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
    keep_days BIGINT NOT NULL,
    pseudonymise_days BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, kind)
);
