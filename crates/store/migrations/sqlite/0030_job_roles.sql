-- A partner practitioner's job role (issue 18), as sharing agreements name roles ("designated
-- safeguarding lead"): set by the agreements register's owner, matched by the disclosure rule.
CREATE TABLE job_roles (
    user_id BLOB PRIMARY KEY NOT NULL REFERENCES users (id),
    job_role TEXT NOT NULL,
    set_by TEXT NOT NULL,
    set_at_us INTEGER NOT NULL
);
