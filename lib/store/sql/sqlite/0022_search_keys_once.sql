-- 0021_imp.sql - the person search index without its per-person index (issue 15, import
-- speed): person_search_keys_person held every key a second time, only so that a rewrite
-- of a person's keys could find them by person.  The hub now deletes a person's old keys
-- by the primary key (agency, key, person), computing them from the person's previous
-- version (lib/hub/person_keys.c, aci_person_keys_reindex), so each key costs one B-tree
-- entry, not two, on every write: about a quarter of the database of a bulk import.
-- No person row is ever deleted (the ON DELETE CASCADE of 0014 would then scan); a later
-- migration that changes how keys are computed must empty the table and list every
-- person in person_search_pending, which the hub indexes on open (as 0014 did).
DROP INDEX person_search_keys_person;
