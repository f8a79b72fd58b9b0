-- 0003_disclosures.sql - controlled sharing: releasability on items, the lawful gateways
-- a disclosure may name (data the partnership can extend), and disclosures themselves.

ALTER TABLE items ADD COLUMN releasable_to TEXT;

CREATE TABLE gateways (
    code   TEXT PRIMARY KEY,
    title  TEXT NOT NULL,
    source TEXT NOT NULL
);
INSERT INTO gateways (code, title, source) VALUES
    ('ssa1989-s2', 'Security Service Act 1989 s.2(2)(a): disclosure for the Service''s functions, serious crime or criminal proceedings', 'https://www.legislation.gov.uk/ukpga/1989/5/section/2'),
    ('cta2008-s19', 'Counter-Terrorism Act 2008 s.19: disclosure to and by the intelligence services', 'https://www.legislation.gov.uk/ukpga/2008/28/section/19'),
    ('ctsa2015-s38', 'Counter-Terrorism and Security Act 2015 s.38: co-operation of Channel partners (not for intelligence-service sensitive information)', 'https://www.legislation.gov.uk/ukpga/2015/6/section/38'),
    ('cda1998-s115', 'Crime and Disorder Act 1998 s.115: disclosure for the purposes of the Act', 'https://www.legislation.gov.uk/ukpga/1998/37/section/115'),
    ('dpa2018-part3', 'Data Protection Act 2018 Part 3: processing for law enforcement purposes', 'https://www.legislation.gov.uk/ukpga/2018/12/part/3');

CREATE TABLE disclosures (
    id                  TEXT PRIMARY KEY,
    item_id             TEXT NOT NULL REFERENCES items (id),
    recipient_agency_id TEXT REFERENCES agencies (id),
    recipient_case_id   TEXT REFERENCES cases (id),
    purpose             TEXT NOT NULL,
    lawful_basis        TEXT NOT NULL REFERENCES gateways (code),
    body                TEXT,
    classification      TEXT NOT NULL CHECK (classification = 'official' OR
                            classification = 'official_sensitive' OR classification = 'secret'
                            OR classification = 'top_secret'),
    caveats             TEXT NOT NULL DEFAULT '',
    handling_conditions TEXT,
    expires_at          TEXT NOT NULL,
    status              TEXT NOT NULL CHECK (status = 'pending_approval' OR status = 'live' OR
                            status = 'revoked'),
    released_by         TEXT NOT NULL REFERENCES users (id),
    approved_by         TEXT REFERENCES users (id),
    revoked_by          TEXT REFERENCES users (id),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CHECK ((recipient_agency_id IS NULL) <> (recipient_case_id IS NULL))
);
CREATE INDEX disclosures_item ON disclosures (item_id);
CREATE INDEX disclosures_agency ON disclosures (recipient_agency_id);
CREATE INDEX disclosures_case ON disclosures (recipient_case_id);
CREATE INDEX case_members_agency ON case_members (agency_id);
CREATE INDEX case_members_user ON case_members (user_id);
