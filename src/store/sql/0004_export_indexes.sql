-- Indexes for exports and reports on large fairs: counting shown achievements per holder
-- (tallies.holders, per-exhibitor figures) reads this index instead of every row.
CREATE INDEX achievement_status_holder ON achievement (status, holder_id);

-- A one-off search (`fairdesk search`) reads titles and names from these indexes alone,
-- not from the wide rows.
CREATE INDEX achievement_search ON achievement (status, code, title);
CREATE INDEX organization_search ON organization (status, code, name);
