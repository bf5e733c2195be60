-- What the statistics weigh and divide by (issue 19): the harm table (CCHI days per crime, by
-- category, from the file a force loads), residents of the current wards by year (apportioned
-- from the GLA's figures), and the current wards' outlines for maps (dissolved from the 2021
-- LSOAs), as SVG path data in units of 10 metres with their bounds. Each is replaced whole
-- when loaded again.
CREATE TABLE harm_weights (
    category TEXT PRIMARY KEY,
    days REAL NOT NULL,
    source TEXT NOT NULL
);

CREATE TABLE ward_residents (
    ward_code TEXT NOT NULL,
    year BIGINT NOT NULL,
    residents REAL NOT NULL,
    PRIMARY KEY (ward_code, year)
);

CREATE TABLE ward_outlines (
    ward_code TEXT PRIMARY KEY,
    borough_code TEXT NOT NULL,
    path TEXT NOT NULL,
    min_x REAL NOT NULL,
    min_y REAL NOT NULL,
    max_x REAL NOT NULL,
    max_y REAL NOT NULL
);
CREATE INDEX ward_outlines_by_borough ON ward_outlines (borough_code);

-- A ward's own reports over a range of months (contact times, repeat victims), found without
-- reading every report.
CREATE INDEX submissions_by_ward ON submissions (ward_code, received_at_us);
