-- Foundation: accounts, roles, sessions, sign-in throttling, API keys and the audit trail.
-- Times are microseconds since the Unix epoch (UTC) in every backend, so that both compare and
-- hash identically.

CREATE TABLE users (
    id UUID PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    organisation TEXT NOT NULL,
    created_at_us BIGINT NOT NULL,
    password_changed_at_us BIGINT NOT NULL
);

CREATE TABLE user_roles (
    user_id UUID NOT NULL REFERENCES users (id),
    role TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE setup_tokens (
    digest TEXT PRIMARY KEY,
    created_at_us BIGINT NOT NULL,
    expires_at_us BIGINT NOT NULL,
    used_at_us BIGINT
);

CREATE TABLE sessions (
    id UUID PRIMARY KEY,
    token_digest TEXT NOT NULL UNIQUE,
    user_id UUID NOT NULL REFERENCES users (id),
    csrf_token TEXT NOT NULL,
    created_at_us BIGINT NOT NULL,
    last_seen_at_us BIGINT NOT NULL,
    ip TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    revoked_at_us BIGINT
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE login_throttle (
    throttle_key TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    window_started_us BIGINT NOT NULL,
    locked_until_us BIGINT
);

CREATE TABLE api_keys (
    id UUID PRIMARY KEY,
    key_ref TEXT NOT NULL UNIQUE,
    digest TEXT NOT NULL,
    label TEXT NOT NULL,
    organisation TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at_us BIGINT NOT NULL,
    expires_at_us BIGINT,
    revoked_at_us BIGINT,
    last_used_at_us BIGINT
);

CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    at_us BIGINT NOT NULL,
    actor TEXT NOT NULL,
    actor_label TEXT NOT NULL,
    operation TEXT NOT NULL,
    event TEXT NOT NULL,
    subject TEXT NOT NULL,
    justification TEXT NOT NULL,
    recipient TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_by_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_by_subject ON audit_log (subject, seq);
CREATE INDEX audit_log_by_time ON audit_log (at_us);

-- The newest entry's position and hash, written in the same transaction as the entry, so that
-- cutting entries off the end of the log is detected.
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);

-- The log is append-only for the application; changing it needs someone to drop these first,
-- which `peel audit verify` then catches.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
