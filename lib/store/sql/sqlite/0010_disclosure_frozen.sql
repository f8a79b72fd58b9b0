-- 0010_disclosure_frozen.sql - a disclosure keeps the version it released.  Until now a
-- disclosure without redacted text showed its recipient the live original, so the
-- originator's later edits reached the recipient (and the item's version number showed that
-- the original changed).  Releasing now copies the released text and its marking into the
-- disclosure; the recipient reads that copy, as version 1 of the disclosure, and a change to
-- the original is shared only by a new release.

ALTER TABLE disclosures ADD COLUMN released_body TEXT;
ALTER TABLE disclosures ADD COLUMN released_source_eval TEXT;
ALTER TABLE disclosures ADD COLUMN released_intel_eval TEXT;
ALTER TABLE disclosures ADD COLUMN released_handling TEXT;
ALTER TABLE disclosures ADD COLUMN released_handling_conditions TEXT;
ALTER TABLE disclosures ADD COLUMN released_item_version INTEGER;

-- existing disclosures: frozen from the item as it is now (the best record there is)
UPDATE disclosures SET
    released_body = coalesce(body, (SELECT i.body FROM items i WHERE i.id = item_id)),
    released_source_eval = (SELECT i.source_eval FROM items i WHERE i.id = item_id),
    released_intel_eval = (SELECT i.intel_eval FROM items i WHERE i.id = item_id),
    released_handling = CASE WHEN handling_conditions IS NOT NULL THEN 'C'
        ELSE (SELECT i.handling FROM items i WHERE i.id = item_id) END,
    released_handling_conditions = CASE
        WHEN handling_conditions IS NULL
            THEN (SELECT i.handling_conditions FROM items i WHERE i.id = item_id)
        WHEN (SELECT i.handling_conditions FROM items i WHERE i.id = item_id) IS NULL
            THEN handling_conditions
        ELSE (SELECT i.handling_conditions FROM items i WHERE i.id = item_id) || '; ' ||
            handling_conditions END,
    released_item_version = (SELECT i.version FROM items i WHERE i.id = item_id);
