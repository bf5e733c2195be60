-- The audit chain is sealed with a key held outside the database from this migration on
-- (issue 13, finding H-4). Entries already written keep their unkeyed version 1 hashes; this
-- row records, once, the first entry sealed with the key, and the first signed checkpoint
-- seals the ones before it. Like the log itself it cannot be changed or removed.
CREATE TABLE audit_keying (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    keyed_from BIGINT NOT NULL
);
INSERT INTO audit_keying (id, keyed_from) SELECT 1, COALESCE(MAX(seq), 0) + 1 FROM audit_log;
CREATE FUNCTION audit_keying_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_keying is fixed';
END;
$$;
CREATE TRIGGER audit_keying_no_change BEFORE UPDATE OR DELETE ON audit_keying
    FOR EACH ROW EXECUTE FUNCTION audit_keying_fixed();
