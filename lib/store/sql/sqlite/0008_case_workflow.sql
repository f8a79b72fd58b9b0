-- 0008_case_workflow.sql - case workflows: each case's timeline of steps and notes, and
-- the deadline that runs in its current state (data/workflows/states.csv), when a reminder
-- went out before it, and when its passing was alerted.

CREATE TABLE case_events (
    case_id    TEXT NOT NULL REFERENCES cases (id),
    seq        INTEGER NOT NULL,
    at         TEXT NOT NULL,
    actor_id   TEXT NOT NULL REFERENCES users (id),
    agency_id  TEXT NOT NULL REFERENCES agencies (id),
    kind       TEXT NOT NULL CHECK (kind = 'step' OR kind = 'note'),
    step       TEXT,
    from_state TEXT,
    to_state   TEXT,
    rationale  TEXT NOT NULL,
    fields     TEXT NOT NULL DEFAULT '{}',
    late_days  INTEGER,
    PRIMARY KEY (case_id, seq)
) WITHOUT ROWID;

CREATE TABLE case_deadlines (
    case_id   TEXT PRIMARY KEY REFERENCES cases (id),
    state     TEXT NOT NULL,
    due_at    TEXT NOT NULL,
    basis       TEXT,
    reminded_at TEXT,
    lapsed_at   TEXT
);
CREATE INDEX case_deadlines_due ON case_deadlines (due_at);
