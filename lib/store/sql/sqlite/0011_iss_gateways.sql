-- 0011_iss_gateways.sql - intelligence-service material (CTSA 2015 s.38(5)): which lawful
-- gateways may carry it, and whether a disclosure records the originator's explicit
-- release of it.
--
-- CTSA 2015 s.38(4)-(5) (https://www.legislation.gov.uk/ukpga/2015/6/section/38): the
-- Channel co-operation duty neither requires nor authorises a disclosure of "sensitive
-- information", that is information held by, obtained from, derived from or relating to
-- an intelligence service.  Such material leaves the Service only under the Service's own
-- disclosure gateways: Security Service Act 1989 s.2(2)(a)
-- (https://www.legislation.gov.uk/ukpga/1989/5/section/2: disclosure "so far as necessary"
-- for its functions, the prevention or detection of serious crime, or criminal
-- proceedings) and Counter-Terrorism Act 2008 s.19
-- (https://www.legislation.gov.uk/ukpga/2008/28/section/19: disclosure by an
-- intelligence service for the same purposes).  The other gateways in the table
-- (CTSA 2015 s.38, CDA 1998 s.115, DPA 2018 Part 3) are partners' gateways and never
-- carry it.  A partnership that adds a gateway leaves carries_iss at 0 unless the statute
-- it names is one of the Service's own.

ALTER TABLE gateways ADD COLUMN carries_iss INTEGER NOT NULL DEFAULT 0
    CHECK (carries_iss = 0 OR carries_iss = 1);
UPDATE gateways SET carries_iss = 1 WHERE code = 'ssa1989-s2' OR code = 'cta2008-s19';

-- 1 when the releasing user stated, on this disclosure, that it releases
-- intelligence-service material (the originator's explicit release).  Disclosures made
-- before this migration never did: an ISS item released under them is no longer read.
ALTER TABLE disclosures ADD COLUMN iss_released INTEGER NOT NULL DEFAULT 0
    CHECK (iss_released = 0 OR iss_released = 1);
