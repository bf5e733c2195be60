-- Indicators found in items (submissions now; notifications and cases later): one row per
-- canonical value per item, with the source (who sent it) and the item's marking.
CREATE TABLE indicator_postings (
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    item TEXT NOT NULL,
    source TEXT NOT NULL,
    marking TEXT NOT NULL,
    found_in TEXT NOT NULL,
    seen_at_us BIGINT NOT NULL,
    PRIMARY KEY (kind, value, item)
);
CREATE INDEX postings_by_item ON indicator_postings (item);
-- The latest posting of a value from one source (the chain rule).
CREATE INDEX postings_by_source ON indicator_postings (kind, value, source, seen_at_us);

-- Values seen from more distinct sources than the cap: they create no more links.
CREATE TABLE common_values (
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    sources BIGINT NOT NULL,
    marked_at_us BIGINT NOT NULL,
    PRIMARY KEY (kind, value)
);

-- Links between two items sharing a value, each able to explain itself.
CREATE TABLE item_links (
    earlier_item TEXT NOT NULL,
    later_item TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    marking TEXT NOT NULL,
    earlier_found_in TEXT NOT NULL,
    later_found_in TEXT NOT NULL,
    created_at_us BIGINT NOT NULL,
    PRIMARY KEY (earlier_item, later_item, kind, value)
);
CREATE INDEX links_by_later ON item_links (later_item);

-- Co-location: reports that happened near each other in time are found by when they happened.
CREATE INDEX submissions_by_occurred ON submissions (occurred_at_us);

-- Repeat victims and the DASH history are found by the reporter's contact details or address;
-- without these every new report read the whole table.
CREATE INDEX submissions_by_email ON submissions (contact_email);
CREATE INDEX submissions_by_phone ON submissions (contact_phone);
CREATE INDEX submissions_by_address ON submissions (lower(address_line));
