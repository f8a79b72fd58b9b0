-- 0019_picture.sql - a person disclosure records the holder's explicit release of
-- intelligence-service material, as an item disclosure does (0011_iss_gateways.sql).
--
-- A person record held by the Security Service is "sensitive information" by CTSA 2015
-- s.38(5)(a) ("information held by an intelligence service",
-- https://www.legislation.gov.uk/ukpga/2015/6/section/38), which s.38(4)(b) neither
-- requires nor authorises to be disclosed under the Channel co-operation duty.  Released,
-- it goes only under a gateway that carries it (gateways.carries_iss: SSA 1989 s.2(2)(a),
-- CTA 2008 s.19), with the releasing user's explicit statement that it is such material,
-- checked again on every read.  Releases made before this migration never stated it: a
-- Security Service record released under them is no longer read.

ALTER TABLE person_disclosures ADD COLUMN iss_released INTEGER NOT NULL DEFAULT 0
    CHECK (iss_released = 0 OR iss_released = 1);
