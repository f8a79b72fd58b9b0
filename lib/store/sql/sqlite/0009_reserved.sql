-- 0009: reserved for another branch of issue 13 (placeholder so the numbering has no
-- gap on this branch); drop this file when that branch's migration 0009 is merged.
SELECT 1;
