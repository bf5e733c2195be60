-- The force's dashboard reads every ward's counts over a range of months: through this
-- covering index, in the order it groups them, rather than the whole table sorted (issue 19;
-- with ten million crimes held, most months are outside the range asked for).
CREATE INDEX crime_counts_by_month ON crime_counts (month, ward_code, category, crimes);
