-- 0020_write_path.sql - a merge is a join in the subject index (lib/hub/subject.c): every
-- resolve of a record looks up the merges it is in, as the record merged (the open-merge
-- index of 0013 answers that) or as the survivor (this index), so the look-up is a seek,
-- not a scan of every merge, on each person write.
CREATE INDEX person_merges_survivor ON person_merges (survivor_id) WHERE unmerged_at IS NULL;
