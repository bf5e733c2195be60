-- Triage on arrival: the grade, when first human contact is due, the harm weight and the
-- reasons (JSON), kept with each submission.
ALTER TABLE submissions ADD COLUMN grade TEXT;
ALTER TABLE submissions ADD COLUMN first_contact_due_us INTEGER;
ALTER TABLE submissions ADD COLUMN harm_days REAL;
ALTER TABLE submissions ADD COLUMN triage_reasons TEXT;
