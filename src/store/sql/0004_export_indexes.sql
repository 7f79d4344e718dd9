-- Indexes for exports and reports on large fairs: counting shown achievements per holder
-- (tallies.holders, per-exhibitor figures) reads this index instead of every row.
CREATE INDEX achievement_status_holder ON achievement (status, holder_id);
