-- 0014_search_keys.sql - the person search index (issue 15, point 6): one row per
-- (agency, key, person) for every key a person's names and postcodes give, written with
-- the person (lib/hub/person_keys.c computes the keys: name words and their prefixes,
-- Soundex codes, one-deletion forms of words for typos, postcode sectors).  A search is
-- a lookup of the query's keys here and a scoring of the candidates, not a scan.
-- Persons recorded before this migration wait in person_search_pending until the hub,
-- on opening the store, indexes them (a fresh store has none: the check costs nothing).
CREATE TABLE person_search_keys (
    agency_id TEXT NOT NULL,
    key       TEXT NOT NULL,
    person_id TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    PRIMARY KEY (agency_id, key, person_id)
) WITHOUT ROWID;
CREATE INDEX person_search_keys_person ON person_search_keys (person_id);

CREATE TABLE person_search_pending (
    person_id TEXT PRIMARY KEY REFERENCES persons (id) ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO person_search_pending (person_id) SELECT id FROM persons;
