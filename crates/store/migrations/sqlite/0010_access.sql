-- Access decided on the record (issue 12).

-- The teams a supervisor supervises besides their own (a borough's ward teams, say).
CREATE TABLE supervised_teams (
    user_id BLOB NOT NULL REFERENCES users (id),
    team_id TEXT NOT NULL,
    PRIMARY KEY (user_id, team_id)
);

-- Reads of another team's submission with a stated reason ("break glass"): each is also in the
-- audit trail with the reason as its justification; this table lists them on the supervisor's
-- page of the team that holds the submission.
CREATE TABLE reads_with_reason (
    id INTEGER PRIMARY KEY,
    submission_id BLOB NOT NULL REFERENCES submissions (id),
    team_id TEXT NOT NULL,
    user_id BLOB NOT NULL REFERENCES users (id),
    username TEXT NOT NULL,
    reason TEXT NOT NULL,
    read_at_us INTEGER NOT NULL
);
CREATE INDEX reads_with_reason_by_team ON reads_with_reason (team_id, read_at_us);

-- An organisation's TLP:RED recipients as accounts, each checked to exist, rather than names a
-- later account could take. Names that match no account are dropped: they gave no one access.
CREATE TABLE organisation_red_recipients (
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    user_id BLOB NOT NULL REFERENCES users (id),
    PRIMARY KEY (organisation_id, user_id)
);
WITH RECURSIVE split (organisation_id, name, rest) AS (
    SELECT id, '', red_recipients || ',' FROM organisations
    UNION ALL
    SELECT organisation_id, substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1)
    FROM split WHERE rest <> ''
)
INSERT INTO organisation_red_recipients (organisation_id, user_id)
SELECT DISTINCT split.organisation_id, users.id FROM split JOIN users ON users.username = split.name
WHERE split.name <> '';
UPDATE organisations SET red_recipients = '';

-- The audit trail searched by event code.
CREATE INDEX audit_log_by_event ON audit_log (event, seq);
