-- 0013_person_history.sql - person records that can be kept right (issue 15, point 8):
-- every edit keeps the version it replaced, with who changed it, when and why.  The
-- snapshot is the record as ac_person_to_json wrote it (the JSON Lines export form), so a
-- past version reads exactly as the record then read.  Rows are only ever added; the
-- audit entry of the edit names the person and the version, never the content.
CREATE TABLE person_versions (
    person_id  TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL CHECK (version >= 1), -- the version this row preserves
    snapshot   TEXT NOT NULL,                          -- the record as it was (JSON)
    changed_by TEXT NOT NULL REFERENCES users (id),   -- who replaced it
    changed_at TEXT NOT NULL,                          -- when (RFC 3339 UTC)
    reason     TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    PRIMARY KEY (person_id, version)
) WITHOUT ROWID;
