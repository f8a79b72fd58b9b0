-- 0015_holdings_rfi.sql - discoverable holdings, requests for information and person
-- disclosures (issue 15, points 2-4).  Self-contained: it assumes only 0001-0003.
--
-- discoverability: what an agency declares, per kind of recipient agency, about whether the
-- fact that it holds a record on a person may be seen by that kind of agency.  No row: the
-- default (lib/policy/holding.c): CT policing and the Security Service only, and the
-- Security Service's own holdings by nobody.
CREATE TABLE discoverability (
    agency_id      TEXT NOT NULL REFERENCES agencies (id),
    recipient_kind TEXT NOT NULL,
    discoverable   INTEGER NOT NULL CHECK (discoverable = 0 OR discoverable = 1),
    set_by         TEXT NOT NULL REFERENCES users (id),
    set_at         TEXT NOT NULL,
    PRIMARY KEY (agency_id, recipient_kind)
) WITHOUT ROWID;

-- holding_refs: the opaque reference another agency quotes for a holding (R-...), never the
-- person's id.  Given to every person as it is written, and to those already held.
CREATE TABLE holding_refs (
    person_id TEXT PRIMARY KEY REFERENCES persons (id) ON DELETE CASCADE,
    ref       TEXT NOT NULL UNIQUE
) WITHOUT ROWID;
-- PostgreSQL: five random bytes from gen_random_uuid() (a version 4 UUID, whose first ten
-- hex digits are all random, from the server's strong random source), and the trigger as
-- a function.  The rest of this file is the SQLite one's.
INSERT INTO holding_refs (person_id, ref)
    SELECT id, 'R-' || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 10)) FROM persons;
CREATE FUNCTION persons_holding_ref() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO holding_refs (person_id, ref)
        VALUES (NEW.id, 'R-' || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 10)));
    RETURN NULL;
END
$fn$;
CREATE TRIGGER persons_holding_ref AFTER INSERT ON persons
    FOR EACH ROW EXECUTE FUNCTION persons_holding_ref();

-- rfis: a request for information from one agency to the holder of a record.
CREATE TABLE rfis (
    id               TEXT PRIMARY KEY,
    from_agency_id   TEXT NOT NULL REFERENCES agencies (id),
    asked_by         TEXT NOT NULL REFERENCES users (id),
    to_agency_id     TEXT NOT NULL REFERENCES agencies (id),
    holding_ref      TEXT,                       -- the pointer asked about, or NULL
    held_person_id   TEXT REFERENCES persons (id), -- the holder's record (never shown to the asker)
    case_id          TEXT REFERENCES cases (id), -- or the case it is asked for
    purpose          TEXT NOT NULL,
    lawful_basis     TEXT NOT NULL REFERENCES gateways (code),
    question         TEXT NOT NULL,
    urgency          TEXT NOT NULL CHECK (urgency = 'routine' OR urgency = 'urgent' OR urgency = 'immediate'),
    due_at           TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status = 'open' OR status = 'disclosed' OR status = 'refused' OR status = 'no_information'),
    answer           TEXT,                       -- the reason of a refusal, or a note
    disclosure_id    TEXT,                       -- the person disclosure that answered
    answered_by      TEXT REFERENCES users (id),
    answered_at      TEXT,
    escalated_at     TEXT,                       -- when the scheduler found it overdue
    created_at       TEXT NOT NULL,
    CHECK (holding_ref IS NOT NULL OR case_id IS NOT NULL)
);
CREATE INDEX rfis_to ON rfis (to_agency_id, status);
CREATE INDEX rfis_from ON rfis (from_agency_id, status);
CREATE INDEX rfis_due ON rfis (due_at) WHERE status = 'open' AND escalated_at IS NULL;

-- person_disclosures: the fields of a person record its holder releases, frozen as
-- released (released_json), to one agency or one case.
CREATE TABLE person_disclosures (
    id                  TEXT PRIMARY KEY,
    person_id           TEXT NOT NULL REFERENCES persons (id),
    holder_agency_id    TEXT NOT NULL REFERENCES agencies (id),
    recipient_agency_id TEXT REFERENCES agencies (id),
    recipient_case_id   TEXT REFERENCES cases (id),
    rfi_id              TEXT REFERENCES rfis (id),
    purpose             TEXT NOT NULL,
    lawful_basis        TEXT NOT NULL REFERENCES gateways (code),
    fields              TEXT NOT NULL,          -- comma-separated: names,dob,addresses,identifiers,summary
    released_json       TEXT NOT NULL,          -- the frozen copy
    classification      TEXT NOT NULL CHECK (classification = 'official' OR
                            classification = 'official_sensitive' OR classification = 'secret'
                            OR classification = 'top_secret'),
    handling_conditions TEXT,
    expires_at          TEXT NOT NULL,
    status              TEXT NOT NULL CHECK (status = 'pending_approval' OR status = 'live' OR status = 'revoked'),
    released_by         TEXT NOT NULL REFERENCES users (id),
    approved_by         TEXT REFERENCES users (id),
    revoked_by          TEXT REFERENCES users (id),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CHECK ((recipient_agency_id IS NULL) <> (recipient_case_id IS NULL))
);
CREATE INDEX person_disclosures_to ON person_disclosures (recipient_agency_id, status);
