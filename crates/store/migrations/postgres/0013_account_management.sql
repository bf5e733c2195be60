-- Accounts an administrator can manage, and one-time passwords (issue 13, findings M-9, M-2).
ALTER TABLE users ADD COLUMN disabled_at_us BIGINT;
-- Set when an administrator gave a temporary password: a new one must be chosen at sign-in.
ALTER TABLE users ADD COLUMN temporary_password_at_us BIGINT;
-- The base32 secret of the account's one-time-password app, and the last step used (a code
-- works once).
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;
CREATE TABLE recovery_codes (
    user_id UUID NOT NULL REFERENCES users (id),
    digest TEXT NOT NULL,
    used_at_us BIGINT,
    PRIMARY KEY (user_id, digest)
);
-- How far the session has got through signing in; only 'full' sessions act.
ALTER TABLE sessions ADD COLUMN stage TEXT NOT NULL DEFAULT 'full';
