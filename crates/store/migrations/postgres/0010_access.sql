-- Access decided on the record (issue 12).

-- The teams a supervisor supervises besides their own (a borough's ward teams, say).
CREATE TABLE supervised_teams (
    user_id UUID NOT NULL REFERENCES users (id),
    team_id TEXT NOT NULL,
    PRIMARY KEY (user_id, team_id)
);

-- Reads of another team's submission with a stated reason ("break glass"): each is also in the
-- audit trail with the reason as its justification; this table lists them on the supervisor's
-- page of the team that holds the submission.
CREATE TABLE reads_with_reason (
    id BIGSERIAL PRIMARY KEY,
    submission_id UUID NOT NULL REFERENCES submissions (id),
    team_id TEXT NOT NULL,
    user_id UUID NOT NULL REFERENCES users (id),
    username TEXT NOT NULL,
    reason TEXT NOT NULL,
    read_at_us BIGINT NOT NULL
);
CREATE INDEX reads_with_reason_by_team ON reads_with_reason (team_id, read_at_us);

-- An organisation's TLP:RED recipients as accounts, each checked to exist, rather than names a
-- later account could take. Names that match no account are dropped: they gave no one access.
CREATE TABLE organisation_red_recipients (
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    user_id UUID NOT NULL REFERENCES users (id),
    PRIMARY KEY (organisation_id, user_id)
);
INSERT INTO organisation_red_recipients (organisation_id, user_id)
SELECT DISTINCT o.id, u.id
FROM organisations o
CROSS JOIN LATERAL unnest(string_to_array(o.red_recipients, ',')) AS r (name)
JOIN users u ON u.username = r.name
WHERE r.name <> '';
UPDATE organisations SET red_recipients = '';

-- The audit trail searched by event code.
CREATE INDEX audit_log_by_event ON audit_log (event, seq);
