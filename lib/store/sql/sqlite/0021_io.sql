-- 0021_io.sql - the identifier index: person search by identifier (NI number, PNC id,
-- passport, driving licence, other) is one seek on (agency, kind, key), within the
-- caller's agency, as the name index (person_search_keys) is.  Its own table, kept by
-- triggers on person_identifiers, so every write of a person (add, import, demo, edit,
-- which deletes and re-inserts the identifiers) keeps it without a change to the write
-- path.  value_key is the identifier's compact key (upper-case letters and digits), as
-- person_identifiers stores it.
CREATE TABLE person_identifier_keys (
    agency_id TEXT NOT NULL,
    kind      TEXT NOT NULL,
    value_key TEXT NOT NULL,
    person_id TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    PRIMARY KEY (agency_id, kind, value_key, person_id)
) WITHOUT ROWID;
CREATE INDEX person_identifier_keys_person ON person_identifier_keys (person_id);

CREATE TRIGGER person_identifier_keys_add AFTER INSERT ON person_identifiers
BEGIN
    INSERT OR IGNORE INTO person_identifier_keys (agency_id, kind, value_key, person_id)
    SELECT p.agency_id, NEW.kind, NEW.value_key, NEW.person_id FROM persons p
    WHERE p.id = NEW.person_id;
END;

CREATE TRIGGER person_identifier_keys_remove AFTER DELETE ON person_identifiers
BEGIN
    DELETE FROM person_identifier_keys
    WHERE person_id = OLD.person_id AND kind = OLD.kind AND value_key = OLD.value_key
      AND NOT EXISTS (SELECT 1 FROM person_identifiers i WHERE i.person_id = OLD.person_id
                      AND i.kind = OLD.kind AND i.value_key = OLD.value_key);
END;

INSERT OR IGNORE INTO person_identifier_keys (agency_id, kind, value_key, person_id)
SELECT p.agency_id, i.kind, i.value_key, i.person_id
FROM person_identifiers i JOIN persons p ON p.id = i.person_id;
