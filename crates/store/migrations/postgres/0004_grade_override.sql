-- A person can overrule the triage grade with a reason; the original grade stays as it was.
ALTER TABLE submissions ADD COLUMN grade_override TEXT;
ALTER TABLE submissions ADD COLUMN override_reason TEXT;
ALTER TABLE submissions ADD COLUMN override_by TEXT;
ALTER TABLE submissions ADD COLUMN override_at_us BIGINT;
