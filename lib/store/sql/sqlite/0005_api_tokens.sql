-- 0005_api_tokens.sql - bearer tokens for machine clients (a retailer's till, a partner
-- hub): made by an administrator for a user, limited to scopes, expiring, revocable, and
-- stored only as a SHA-256 hash (the secret is shown once).

CREATE TABLE api_tokens (
    id         TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id    TEXT NOT NULL REFERENCES users (id),
    scopes     TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
