-- 0012_notify.sql - e-mail notification (issue 14, point 8): each user's address and
-- whether they supervise their agency's alert desk (the tier an unacknowledged alert
-- reaches first when it escalates), and the outbox of notifications the scheduler sends.
-- A notification carries no personal data: only the alert's id (the reference) and why.
ALTER TABLE users ADD COLUMN email TEXT CHECK (email IS NULL OR (length(email) BETWEEN 3 AND 254 AND instr(email, '@') > 1));
ALTER TABLE users ADD COLUMN supervisor INTEGER NOT NULL DEFAULT 0 CHECK (supervisor = 0 OR supervisor = 1);

CREATE TABLE notifications (
    id         TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id),
    alert_id   TEXT NOT NULL REFERENCES alerts (id),
    tier       INTEGER NOT NULL CHECK (tier >= 0 AND tier <= 2), -- 0 the queue, 1 supervisors, 2 the duty desk
    sent_at    TEXT,                                              -- NULL until sent
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    UNIQUE (user_id, alert_id, tier)
);
CREATE INDEX notifications_unsent ON notifications (created_at) WHERE sent_at IS NULL;
