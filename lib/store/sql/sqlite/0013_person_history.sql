-- 0013_person_history.sql - person records that can be kept right (issue 15, point 8),
-- and the subjects of cases (point 7).  Every edit keeps the version it replaced, with who,
-- when and why; the snapshot is the record as ac_person_to_json wrote it (the JSON Lines
-- export form), so a past version reads exactly as the record then read.  Rows are only
-- ever added; the audit entry of the edit names the person and the versions, never the
-- content.
CREATE TABLE person_versions (
    person_id  TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL CHECK (version >= 1), -- the version this row preserves
    snapshot   TEXT NOT NULL,                          -- the record as it was (JSON)
    changed_by TEXT NOT NULL REFERENCES users (id),   -- who replaced it
    changed_at TEXT NOT NULL,                          -- when (RFC 3339 UTC)
    reason     TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    PRIMARY KEY (person_id, version)
) WITHOUT ROWID;

-- The subjects of a case (issue 15, point 7): the person records a case is about.  A
-- subject is case content: whoever may read the case sees it, nobody else.  Adding one
-- needs read access to that person record (lib/hub/case_subject.c).
CREATE TABLE case_subjects (
    case_id   TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES persons (id),
    added_by  TEXT NOT NULL REFERENCES users (id),
    added_at  TEXT NOT NULL,
    PRIMARY KEY (case_id, person_id)
) WITHOUT ROWID;
CREATE INDEX case_subjects_person ON case_subjects (person_id);

-- Merging two records of one agency that are the same person (point 8): the merged
-- record points at the survivor, which answers for both; the links and case subjects that
-- moved to the survivor are listed, so that an unmerge puts back exactly those.
ALTER TABLE persons ADD COLUMN merged_into TEXT REFERENCES persons (id);
CREATE TABLE person_merges (
    id          TEXT PRIMARY KEY,
    survivor_id TEXT NOT NULL REFERENCES persons (id),
    merged_id   TEXT NOT NULL REFERENCES persons (id),
    merged_by   TEXT NOT NULL REFERENCES users (id),
    merged_at   TEXT NOT NULL,
    reason      TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    unmerged_by TEXT REFERENCES users (id),
    unmerged_at TEXT,
    CHECK (survivor_id <> merged_id)
);
CREATE UNIQUE INDEX person_merges_open ON person_merges (merged_id) WHERE unmerged_at IS NULL;
CREATE TABLE person_merge_moves (
    merge_id TEXT NOT NULL REFERENCES person_merges (id),
    kind     TEXT NOT NULL CHECK (kind = 'link_from' OR kind = 'link_to' OR kind = 'case_subject'),
    row_id   TEXT NOT NULL, -- the link's id, or the case's
    PRIMARY KEY (merge_id, kind, row_id)
) WITHOUT ROWID;
