-- Public Attitude Survey measures (issue 19; DOMAIN.md 10.1): MOPAC's published shares by
-- area (a ward's or borough's GSS code, or 'London'), quarter ('2025-Q3') and measure name,
-- with the respondents they rest on and the file they came from. A row imported again
-- replaces the one with its area, quarter and measure.
CREATE TABLE pas_measures (
    area_code TEXT NOT NULL,
    quarter TEXT NOT NULL,
    measure TEXT NOT NULL,
    respondents BIGINT NOT NULL,
    share DOUBLE PRECISION NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (area_code, measure, quarter)
);
