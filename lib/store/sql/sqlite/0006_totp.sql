-- 0006_totp.sql - an optional second factor per user: a TOTP secret (RFC 6238), pending
-- until the user proves their authenticator with one code, and the last time step used,
-- so that no code is accepted twice.

ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_pending TEXT;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
