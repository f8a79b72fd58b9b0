-- 0016_subjects.sql - the subject index (issue 15, point 1): which person records, held by
-- any agency, are the same real person.  The hub's own index, not content any user reads:
-- subject_members says which subject each person is in (the id is the smallest member's
-- person id), subject_keys holds each person's blocking keys so a new record is compared
-- with its candidates only, subject_joins the evidence of each automatic join (the pair,
-- its score and the linkage engine's explanation).  Rows go with their person.
CREATE TABLE subject_members (
    person_id  TEXT PRIMARY KEY REFERENCES persons (id) ON DELETE CASCADE,
    subject_id TEXT NOT NULL
);
CREATE INDEX subject_members_subject ON subject_members (subject_id, person_id);

CREATE TABLE subject_keys (
    person_id TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    rule      INTEGER NOT NULL CHECK (rule >= 0 AND rule < 32), -- the engine's blocking rule
    key       INTEGER NOT NULL,                                 -- its 64-bit hash, as signed
    PRIMARY KEY (person_id, rule)
) WITHOUT ROWID;
CREATE INDEX subject_keys_key ON subject_keys (rule, key);

CREATE TABLE subject_joins (
    person_a    TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    person_b    TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    weight      REAL NOT NULL,
    probability REAL NOT NULL CHECK (probability >= 0 AND probability <= 1),
    explanation TEXT NOT NULL,
    joined_at   TEXT NOT NULL,
    PRIMARY KEY (person_a, person_b),
    CHECK (person_a < person_b)
) WITHOUT ROWID;
CREATE INDEX subject_joins_b ON subject_joins (person_b);
