-- The force's dashboard reads every ward's counts over a range of months: through this index
-- rather than the whole table (issue 19; with ten million crimes held, most months are outside
-- the range asked for).
CREATE INDEX crime_counts_by_month ON crime_counts (month);
