-- 0021_io.sql - the identifier index (the SQLite file's comment says why), for
-- PostgreSQL: the two triggers as PL/pgSQL functions, ON CONFLICT for INSERT OR IGNORE.
CREATE TABLE person_identifier_keys (
    agency_id TEXT NOT NULL,
    kind      TEXT NOT NULL,
    value_key TEXT NOT NULL,
    person_id TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    PRIMARY KEY (agency_id, kind, value_key, person_id)
);
CREATE INDEX person_identifier_keys_person ON person_identifier_keys (person_id);

CREATE FUNCTION person_identifier_keys_add() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO person_identifier_keys (agency_id, kind, value_key, person_id)
    SELECT p.agency_id, NEW.kind, NEW.value_key, NEW.person_id FROM persons p
    WHERE p.id = NEW.person_id
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$fn$;
CREATE TRIGGER person_identifier_keys_add AFTER INSERT ON person_identifiers
    FOR EACH ROW EXECUTE FUNCTION person_identifier_keys_add();

CREATE FUNCTION person_identifier_keys_remove() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    DELETE FROM person_identifier_keys
    WHERE person_id = OLD.person_id AND kind = OLD.kind AND value_key = OLD.value_key
      AND NOT EXISTS (SELECT 1 FROM person_identifiers i WHERE i.person_id = OLD.person_id
                      AND i.kind = OLD.kind AND i.value_key = OLD.value_key);
    RETURN NULL;
END
$fn$;
CREATE TRIGGER person_identifier_keys_remove AFTER DELETE ON person_identifiers
    FOR EACH ROW EXECUTE FUNCTION person_identifier_keys_remove();

INSERT INTO person_identifier_keys (agency_id, kind, value_key, person_id)
SELECT p.agency_id, i.kind, i.value_key, i.person_id
FROM person_identifiers i JOIN persons p ON p.id = i.person_id
ON CONFLICT DO NOTHING;
