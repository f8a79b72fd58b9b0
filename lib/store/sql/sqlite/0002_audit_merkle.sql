-- 0002_audit_merkle.sql - make the audit trail tamper-evident: each entry is a leaf of a
-- Merkle tree (RFC 9162 hashing); the tree's right frontier is kept with the log, and
-- signed checkpoints (Ed25519) of its root are taken as it grows.  Hashes are lower-case
-- hex text so that every backend stores them alike.

ALTER TABLE audit_log ADD COLUMN recipients TEXT;
ALTER TABLE audit_log ADD COLUMN leaf_hash TEXT;

-- One row: the number of leaves and the frontier (perfect-subtree roots, largest first,
-- concatenated hex), updated in the transaction of every append.
CREATE TABLE audit_state (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    size     INTEGER NOT NULL,
    frontier TEXT NOT NULL
);
INSERT INTO audit_state (id, size, frontier) VALUES (1, 0, '');

CREATE TABLE audit_keys (
    key_id     TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE audit_checkpoints (
    tree_size INTEGER PRIMARY KEY,
    root      TEXT NOT NULL,
    at        TEXT NOT NULL,
    key_id    TEXT NOT NULL REFERENCES audit_keys (key_id),
    signature TEXT NOT NULL
);
