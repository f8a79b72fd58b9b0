-- 0007_reports.sql - suspicious-purchase reports from retailers, the watchlists they are
-- screened against, the alerts raised for duty officers, and the partnership's corrected
-- copies of the substances regime (Poisons Act 1972 Schedule 1A; DOMAIN.md §4).

-- An imported list (OFAC, UN, a partnership CSV): re-importing a name replaces it.
CREATE TABLE watchlists (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    format      TEXT NOT NULL CHECK (format = 'csv' OR format = 'ofac' OR format = 'un-xml'),
    agency_id   TEXT NOT NULL REFERENCES agencies (id),
    imported_by TEXT NOT NULL REFERENCES users (id),
    imported_at TEXT NOT NULL,
    names       INTEGER NOT NULL
);

-- One row per name (aliases repeat entry_id).
CREATE TABLE watchlist_names (
    watchlist_id TEXT NOT NULL REFERENCES watchlists (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    entry_id     TEXT NOT NULL,
    name         TEXT NOT NULL,
    dob          TEXT,
    PRIMARY KEY (watchlist_id, seq)
) WITHOUT ROWID;

CREATE TABLE reports (
    id               TEXT PRIMARY KEY,
    reference        TEXT NOT NULL UNIQUE,
    agency_id        TEXT NOT NULL REFERENCES agencies (id),
    reported_by      TEXT NOT NULL REFERENCES users (id),
    created_at       TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind = 'transaction' OR kind = 'attempt' OR kind = 'loss' OR kind = 'theft'),
    occurred_at      TEXT NOT NULL,
    product          TEXT,
    substance        TEXT NOT NULL,
    concentration    TEXT,
    quantity         TEXT NOT NULL,
    payment          TEXT NOT NULL CHECK (payment = 'unknown' OR payment = 'cash' OR payment = 'card' OR payment = 'online' OR payment = 'other'),
    sale_completed   INTEGER NOT NULL CHECK (sale_completed = 0 OR sale_completed = 1),
    licence_shown    INTEGER NOT NULL CHECK (licence_shown = 0 OR licence_shown = 1),
    buyer_name       TEXT,
    buyer_dob        TEXT,
    buyer_address    TEXT,
    buyer_document   TEXT,
    indicators       INTEGER NOT NULL,
    indicator_other  TEXT,
    narrative        TEXT,
    regime_class     TEXT NOT NULL,
    regime_reason    TEXT NOT NULL
);
CREATE INDEX reports_agency ON reports (agency_id, id);

-- An alert comes from a report, or from a case whose deadline passed.
CREATE TABLE alerts (
    id               TEXT PRIMARY KEY,
    report_id        TEXT REFERENCES reports (id),
    case_id          TEXT REFERENCES cases (id),
    created_at       TEXT NOT NULL,
    reason           TEXT NOT NULL,
    priority         TEXT NOT NULL CHECK (priority = 'low' OR priority = 'medium' OR priority = 'high'),
    routed_agency_id TEXT REFERENCES agencies (id),
    escalation       INTEGER NOT NULL DEFAULT 0,
    deadline         TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status = 'open' OR status = 'acknowledged'),
    acked_by         TEXT REFERENCES users (id),
    acked_at         TEXT,
    ack_note         TEXT,
    CHECK ((report_id IS NULL) <> (case_id IS NULL))
);
CREATE INDEX alerts_open ON alerts (status, deadline);

-- What the buyer matched: a watchlist entry or a person a partner holds.
CREATE TABLE alert_matches (
    alert_id      TEXT NOT NULL REFERENCES alerts (id),
    seq           INTEGER NOT NULL,
    source        TEXT NOT NULL CHECK (source = 'watchlist' OR source = 'person'),
    source_id     TEXT NOT NULL,
    entry_id      TEXT NOT NULL,
    holder_agency TEXT NOT NULL REFERENCES agencies (id),
    listed_name   TEXT NOT NULL,
    score         TEXT NOT NULL,
    explanation   TEXT NOT NULL,
    PRIMARY KEY (alert_id, seq)
) WITHOUT ROWID;

-- The partnership's own copy of data/regime/substances.csv; the newest row is in force.
CREATE TABLE regime_tables (
    id        TEXT PRIMARY KEY,
    csv       TEXT NOT NULL,
    loaded_by TEXT NOT NULL REFERENCES users (id),
    loaded_at TEXT NOT NULL
);
