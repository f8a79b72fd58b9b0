-- 0001_init.sql - the partnership, POLE records, intelligence items, links, cases and the
-- audit trail.  Dates are canonical ISO 8601 text (partial dates allowed: 'YYYY',
-- 'YYYY-MM', 'YYYY-MM-DD'); times are RFC 3339 UTC text; ids are 26-character ULIDs.
-- Every record has a review_date (MoPI).  CHECK constraints on enumerations are written as
-- OR chains, not IN lists: SQLite builds an ephemeral index for IN on every insert.  There is deliberately no column for religion,
-- ethnicity, race, sexuality, political opinion, health or nationality.

CREATE TABLE agencies (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind = 'security_service' OR kind = 'ct_policing' OR kind = 'police_force' OR kind = 'local_authority' OR kind = 'probation' OR kind = 'prison' OR kind = 'health' OR kind = 'education' OR kind = 'charity_regulator' OR kind = 'private_sector' OR kind = 'international_partner'),
    country     TEXT NOT NULL CHECK (length(country) = 2),
    created_at  TEXT NOT NULL
);

CREATE TABLE users (
    id           TEXT PRIMARY KEY,
    agency_id    TEXT NOT NULL REFERENCES agencies (id),
    username     TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    vetting      TEXT NOT NULL CHECK (vetting = 'none' OR vetting = 'bpss' OR vetting = 'ctc' OR vetting = 'sc' OR vetting = 'dv'),
    roles        INTEGER NOT NULL CHECK (roles > 0 AND roles < 128),
    status       TEXT NOT NULL CHECK (status = 'active' OR status = 'suspended' OR status = 'disabled'),
    created_at   TEXT NOT NULL
);
CREATE INDEX users_agency ON users (agency_id);

CREATE TABLE persons (
    id          TEXT PRIMARY KEY,
    agency_id   TEXT NOT NULL REFERENCES agencies (id),
    source_ref  TEXT,
    dob         TEXT,
    review_date TEXT NOT NULL,
    created_by  TEXT NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    UNIQUE (agency_id, source_ref)
) WITHOUT ROWID;

CREATE TABLE person_names (
    person_id  TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind = 'primary' OR kind = 'alias' OR kind = 'former' OR kind = 'transliteration'),
    given      TEXT,
    middle     TEXT,
    family     TEXT,
    full_name  TEXT NOT NULL,
    name_key   TEXT NOT NULL,
    PRIMARY KEY (person_id, seq)
) WITHOUT ROWID;

-- One row per distinct word of a person's name keys: the index behind name search.
CREATE TABLE person_name_tokens (
    token     TEXT NOT NULL,
    person_id TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    PRIMARY KEY (token, person_id)
) WITHOUT ROWID;

CREATE TABLE person_addresses (
    person_id    TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    line         TEXT,
    town         TEXT,
    postcode     TEXT,
    postcode_key TEXT,
    from_date    TEXT,
    to_date      TEXT,
    PRIMARY KEY (person_id, seq)
) WITHOUT ROWID;
CREATE INDEX person_addresses_postcode ON person_addresses (postcode_key);

CREATE TABLE person_identifiers (
    person_id TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    kind      TEXT NOT NULL CHECK (kind = 'passport' OR kind = 'ni_number' OR kind = 'pnc_id' OR kind = 'driving_licence' OR kind = 'other'),
    value     TEXT NOT NULL,
    value_key TEXT NOT NULL,
    issuer    TEXT,
    PRIMARY KEY (person_id, seq)
) WITHOUT ROWID;
CREATE INDEX person_identifiers_value ON person_identifiers (value_key);

CREATE TABLE objects (
    id          TEXT PRIMARY KEY,
    agency_id   TEXT NOT NULL REFERENCES agencies (id),
    kind        TEXT NOT NULL CHECK (kind = 'vehicle' OR kind = 'phone' OR kind = 'email' OR kind = 'online_account' OR kind = 'document'),
    value       TEXT NOT NULL,
    value_key   TEXT NOT NULL,
    description TEXT,
    review_date TEXT NOT NULL,
    created_by  TEXT NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX objects_value ON objects (kind, value_key);

CREATE TABLE locations (
    id           TEXT PRIMARY KEY,
    agency_id    TEXT NOT NULL REFERENCES agencies (id),
    name         TEXT,
    line         TEXT,
    town         TEXT,
    postcode     TEXT,
    postcode_key TEXT,
    latitude     REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
    longitude    REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
    review_date  TEXT NOT NULL,
    created_by   TEXT NOT NULL REFERENCES users (id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX locations_postcode ON locations (postcode_key);

CREATE TABLE events (
    id          TEXT PRIMARY KEY,
    agency_id   TEXT NOT NULL REFERENCES agencies (id),
    kind        TEXT NOT NULL,
    occurred_on TEXT,
    description TEXT,
    location_id TEXT REFERENCES locations (id),
    review_date TEXT NOT NULL,
    created_by  TEXT NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE cases (
    id             TEXT PRIMARY KEY,
    lead_agency_id TEXT NOT NULL REFERENCES agencies (id),
    case_type      TEXT NOT NULL CHECK (case_type = 'soi' OR case_type = 'maa_review' OR case_type = 'prevent_referral' OR case_type = 'channel' OR case_type = 'offender_notification' OR case_type = 'general'),
    state          TEXT NOT NULL,
    title          TEXT NOT NULL,
    review_date    TEXT NOT NULL,
    created_by     TEXT NOT NULL REFERENCES users (id),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE case_members (
    case_id   TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    user_id   TEXT REFERENCES users (id),
    role      TEXT NOT NULL CHECK (role = 'lead' OR role = 'member' OR role = 'chair' OR role = 'observer'),
    added_at  TEXT NOT NULL,
    UNIQUE (case_id, agency_id, user_id)
);

-- Intelligence items, graded 3x5x2: source 1-3, intelligence A-E, handling P or C (C
-- needs its conditions, which travel with every copy).
CREATE TABLE items (
    id                  TEXT PRIMARY KEY,
    agency_id           TEXT NOT NULL REFERENCES agencies (id),
    author_id           TEXT NOT NULL REFERENCES users (id),
    case_id             TEXT REFERENCES cases (id),
    body                TEXT NOT NULL,
    classification      TEXT NOT NULL CHECK (classification = 'official' OR classification = 'official_sensitive' OR classification = 'secret' OR classification = 'top_secret'),
    caveats             TEXT NOT NULL DEFAULT '',
    source_eval         TEXT NOT NULL CHECK (source_eval = '1' OR source_eval = '2' OR source_eval = '3'),
    intel_eval          TEXT NOT NULL CHECK (intel_eval = 'A' OR intel_eval = 'B' OR intel_eval = 'C' OR intel_eval = 'D' OR intel_eval = 'E'),
    handling            TEXT NOT NULL CHECK (handling = 'P' OR handling = 'C'),
    handling_conditions TEXT,
    review_date         TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    version             INTEGER NOT NULL DEFAULT 1,
    CHECK (handling = 'P' OR (handling_conditions IS NOT NULL AND handling_conditions <> ''))
);
CREATE INDEX items_case ON items (case_id);

CREATE TABLE links (
    id          TEXT PRIMARY KEY,
    agency_id   TEXT NOT NULL REFERENCES agencies (id),
    from_type   TEXT NOT NULL CHECK (from_type = 'person' OR from_type = 'object' OR from_type = 'location' OR from_type = 'event' OR from_type = 'item' OR from_type = 'case'),
    from_id     TEXT NOT NULL,
    to_type     TEXT NOT NULL CHECK (to_type = 'person' OR to_type = 'object' OR to_type = 'location' OR to_type = 'event' OR to_type = 'item' OR to_type = 'case'),
    to_id       TEXT NOT NULL,
    link_type   TEXT NOT NULL,
    provenance  TEXT NOT NULL,
    confidence  REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    status      TEXT NOT NULL CHECK (status = 'proposed' OR status = 'confirmed' OR status = 'rejected' OR status = 'retracted'),
    review_date TEXT NOT NULL,
    created_by  TEXT NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    CHECK (from_id <> to_id)
);
CREATE INDEX links_from ON links (from_id);
CREATE INDEX links_to ON links (to_id);

-- Every hub operation, allowed or refused, written in the transaction it records.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor_id    TEXT,
    agency_id   TEXT,
    action      TEXT NOT NULL,
    object_type TEXT,
    object_id   TEXT,
    purpose     TEXT,
    outcome     TEXT NOT NULL,
    detail      TEXT
);
