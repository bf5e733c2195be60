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
);
INSERT INTO value_latest (kind, value, source, item, marking, found_in, seen_at_us)
SELECT kind, value, source, item, marking, found_in, seen_at_us FROM (
    SELECT p.kind, p.value, p.source, p.item, p.marking, p.found_in, p.seen_at_us,
        ROW_NUMBER() OVER (PARTITION BY p.kind, p.value, p.source
                           ORDER BY p.seen_at_us DESC, p.item DESC) AS r
    FROM indicator_postings p
    WHERE NOT EXISTS (SELECT 1 FROM common_values c WHERE c.kind = p.kind AND c.value = p.value)
) AS latest WHERE r = 1;

-- Postings are no longer read by value (value_latest is), only by item.
DROP INDEX postings_by_source;
DROP INDEX postings_by_item;
ALTER TABLE indicator_postings DROP CONSTRAINT indicator_postings_pkey;
ALTER TABLE indicator_postings ADD PRIMARY KEY (item, kind, value);

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
