-- fairdesk schema, version 2: merging desk files (fairdesk merge).

-- A version of a record set aside by a merge because the same record was edited
-- differently at two desks; the later edit is the record, this one waits for review.
CREATE TABLE merge_conflict (
    -- Derived from the set-aside version itself, so merging the same files again, in
    -- any order, finds the same row.
    id            TEXT PRIMARY KEY,
    entity        TEXT NOT NULL,
    -- The record that now holds the kept version.
    entity_id     TEXT NOT NULL,
    -- The whole row that was set aside (JSON object, column → value).
    version       TEXT NOT NULL CHECK (json_valid(version)),
    version_desk  TEXT NOT NULL,
    version_at    TEXT NOT NULL,
    -- open: waits for review; kept: an organizer kept the later edit; reversed: an
    -- organizer made this version the record again; superseded: a later merge made the
    -- record hold this very content.
    status        TEXT NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open', 'kept', 'reversed', 'superseded')),
    detected_at   TEXT NOT NULL,
    detected_desk TEXT NOT NULL,
    resolved_at   TEXT,
    resolved_desk TEXT
) STRICT;
CREATE INDEX merge_conflict_by_status ON merge_conflict (status, entity, entity_id);

-- A record that was found to be another one (the same credit code registered at two
-- desks, the same enterprise × achievement logged at two desks): its id now stands
-- for the canonical record, in this file and in every later merge.
CREATE TABLE merge_alias (
    entity       TEXT NOT NULL,
    alias_id     TEXT NOT NULL,
    canonical_id TEXT NOT NULL,
    PRIMARY KEY (entity, alias_id)
) STRICT;

CREATE TRIGGER merge_conflict_never_deleted BEFORE DELETE ON merge_conflict
BEGIN
    SELECT RAISE(ABORT, 'merge conflicts are resolved, never deleted');
END;
