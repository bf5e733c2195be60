-- Crime statistics from public files (issue 19): counts by source, month, current ward and
-- category. A source is the force that recorded the crimes ("Falls within") or, for a file
-- without one, the file's name; importing a source's month again replaces it whole, so
-- imports are idempotent per file and month. An unplaced row (no coordinates, or outside the
-- force area) counts under the ward ''.
CREATE TABLE crime_counts (
    source TEXT NOT NULL,
    month TEXT NOT NULL,
    ward_code TEXT NOT NULL,
    category TEXT NOT NULL,
    crimes BIGINT NOT NULL,
    PRIMARY KEY (source, month, ward_code, category)
);
CREATE INDEX crime_counts_by_ward ON crime_counts (ward_code, month);

CREATE TABLE crime_imports (
    source TEXT NOT NULL,
    month TEXT NOT NULL,
    file TEXT NOT NULL,
    crimes BIGINT NOT NULL,
    placed BIGINT NOT NULL,
    outside BIGINT NOT NULL,
    unplaced BIGINT NOT NULL,
    imported_at_us BIGINT NOT NULL,
    PRIMARY KEY (source, month)
);
