-- 0001_init.sql - the partnership, POLE records, intelligence items, links, cases and the
-- audit trail.  Dates are canonical ISO 8601 text (partial dates allowed: 'YYYY',
-- 'YYYY-MM', 'YYYY-MM-DD'); times are RFC 3339 UTC text; ids are 26-character ULIDs.
-- Every record has a review_date (MoPI).  There is deliberately no column for religion,
-- ethnicity, race, sexuality, political opinion, health or nationality.

CREATE TABLE agencies (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('security_service', 'ct_policing',
                    'police_force', 'local_authority', 'probation', 'prison', 'health',
                    'education', 'charity_regulator', 'private_sector',
                    'international_partner')),
    country     TEXT NOT NULL CHECK (length(country) = 2),
    created_at  TEXT NOT NULL
);

CREATE TABLE users (
    id           TEXT PRIMARY KEY,
    agency_id    TEXT NOT NULL REFERENCES agencies (id),
    username     TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    vetting      TEXT NOT NULL CHECK (vetting IN ('none', 'bpss', 'ctc', 'sc', 'dv')),
    roles        INTEGER NOT NULL CHECK (roles > 0 AND roles < 128),
    status       TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'disabled')),
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
);

CREATE TABLE person_names (
    person_id  TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('primary', 'alias', 'former', 'transliteration')),
    given      TEXT,
    middle     TEXT,
    family     TEXT,
    full_name  TEXT NOT NULL,
    name_key   TEXT NOT NULL,
    PRIMARY KEY (person_id, seq)
);

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
);
CREATE INDEX person_addresses_postcode ON person_addresses (postcode_key);

CREATE TABLE person_identifiers (
    person_id TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('passport', 'ni_number', 'pnc_id',
                  'driving_licence', 'other')),
    value     TEXT NOT NULL,
    value_key TEXT NOT NULL,
    issuer    TEXT,
    PRIMARY KEY (person_id, seq)
);
CREATE INDEX person_identifiers_value ON person_identifiers (value_key);

CREATE TABLE objects (
    id          TEXT PRIMARY KEY,
    agency_id   TEXT NOT NULL REFERENCES agencies (id),
    kind        TEXT NOT NULL CHECK (kind IN ('vehicle', 'phone', 'email', 'online_account',
                    'document')),
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
    case_type      TEXT NOT NULL CHECK (case_type IN ('soi', 'maa_review', 'prevent_referral',
                       'channel', 'offender_notification', 'general')),
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
    role      TEXT NOT NULL CHECK (role IN ('lead', 'member', 'chair', 'observer')),
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
    classification      TEXT NOT NULL CHECK (classification IN ('official',
                            'official_sensitive', 'secret', 'top_secret')),
    caveats             TEXT NOT NULL DEFAULT '',
    source_eval         TEXT NOT NULL CHECK (source_eval IN ('1', '2', '3')),
    intel_eval          TEXT NOT NULL CHECK (intel_eval IN ('A', 'B', 'C', 'D', 'E')),
    handling            TEXT NOT NULL CHECK (handling IN ('P', 'C')),
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
    from_type   TEXT NOT NULL CHECK (from_type IN ('person', 'object', 'location', 'event',
                    'item', 'case')),
    from_id     TEXT NOT NULL,
    to_type     TEXT NOT NULL CHECK (to_type IN ('person', 'object', 'location', 'event',
                    'item', 'case')),
    to_id       TEXT NOT NULL,
    link_type   TEXT NOT NULL,
    provenance  TEXT NOT NULL,
    confidence  REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    status      TEXT NOT NULL CHECK (status IN ('proposed', 'confirmed', 'rejected',
                    'retracted')),
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
