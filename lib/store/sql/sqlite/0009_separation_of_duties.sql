-- 0009_separation_of_duties.sql - nobody acts as someone else, and no administrator grants
-- power alone (shared/ARCHITECTURE.md safeguard 6).
--
-- agencies.hosts_hub: the agency that runs the hub (made at bootstrap); its administrators
--   are the hub's administrators, who add agencies.
-- users.kind: a person, or a service account (a till, a partner hub's client) that only
--   acts through API tokens an administrator of its agency makes for it.
-- user_grants: a content role, SC or DV vetting, or a move to another agency, waiting for
--   a second administrator's approval.
-- enrolment_codes: a one-time code an administrator issues so that a user sets their own
--   password (stored as SHA-256; the code is shown once).
-- audit_log.via: how the actor acted (the API token, the local OS account of a CLI).

ALTER TABLE agencies ADD COLUMN hosts_hub INTEGER NOT NULL DEFAULT 0;
UPDATE agencies SET hosts_hub = 1
 WHERE id = (SELECT agency_id FROM audit_log WHERE action = 'bootstrap' ORDER BY seq LIMIT 1);

ALTER TABLE users ADD COLUMN kind TEXT NOT NULL DEFAULT 'person'
    CHECK (kind = 'person' OR kind = 'service');

CREATE TABLE user_grants (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    roles        INTEGER NOT NULL CHECK (roles > 0 AND roles < 128),
    vetting      TEXT NOT NULL,
    agency_id    TEXT NOT NULL REFERENCES agencies (id),
    requested_by TEXT NOT NULL REFERENCES users (id),
    requested_at TEXT NOT NULL,
    decided_by   TEXT REFERENCES users (id),
    decided_at   TEXT,
    status       TEXT NOT NULL DEFAULT 'pending'
        CHECK (status = 'pending' OR status = 'approved' OR status = 'refused')
);
CREATE INDEX user_grants_pending ON user_grants (status, user_id);

CREATE TABLE enrolment_codes (
    user_id    TEXT PRIMARY KEY REFERENCES users (id),
    code_hash  TEXT NOT NULL,
    issued_by  TEXT NOT NULL REFERENCES users (id),
    issued_at  TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

ALTER TABLE audit_log ADD COLUMN via TEXT;
