-- 0018_rfi_notify.sql - e-mail notification of requests for information (issue 14,
-- point 8, for requests): the outbox of messages telling the holder agency's users who
-- may answer that a request has arrived, or that it is past its deadline unanswered.
-- One row per user, request and kind: the UNIQUE key makes each message once, whatever
-- the number of ticks or restarts.  A message carries only the request's id (the
-- reference) and a link: never its question, purpose or the person asked about.
CREATE TABLE rfi_notifications (
    id         TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id),
    rfi_id     TEXT NOT NULL REFERENCES rfis (id),
    kind       TEXT NOT NULL CHECK (kind = 'received' OR kind = 'overdue'),
    sent_at    TEXT,                    -- NULL until sent
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    UNIQUE (user_id, rfi_id, kind)
);
CREATE INDEX rfi_notifications_unsent ON rfi_notifications (created_at) WHERE sent_at IS NULL;
