-- The counts of each source's month by placed ward, their categories packed as
-- 'slug:n,slug:n' (issue 19): written with crime_counts when a month is imported, so the
-- dashboards read one row a ward and month rather than grouping and packing some ten
-- thousand counts a month on every request (BENCHMARKS.md, every measure against DuckDB).
CREATE TABLE crime_month_wards (
    source TEXT NOT NULL,
    month TEXT NOT NULL,
    ward_code TEXT NOT NULL,
    packed TEXT NOT NULL,
    PRIMARY KEY (month, ward_code, source)
);
-- A borough's or a ward's pages ask for their own wards over two years: by ward, not a scan of
-- every ward's months in the range.
CREATE INDEX crime_month_wards_by_ward ON crime_month_wards (ward_code, month);
INSERT INTO crime_month_wards (source, month, ward_code, packed)
SELECT source, month, ward_code, string_agg(category || ':' || CAST(crimes AS TEXT), ',')
FROM crime_counts WHERE ward_code <> '' GROUP BY source, month, ward_code;
