-- The search pack: for each kind (achievement titles, organization names) the texts of
-- the shown records in code order with their pinyin syllables, in one BLOB, so a
-- one-off `fairdesk search` reads one value instead of stepping through every row.
-- `fairdesk search` writes it; it is derived data (not dumped, rebuilt when missing).
--
-- A pack is current when its generation equals its kind's counter here. The triggers
-- below move the counter on every change that can change a search's listing (a record
-- added, deleted, or its title / name, code or status changed), in the same
-- transaction as the change, so a pack built before it is never read after it.

CREATE TABLE search_generation (
    kind TEXT PRIMARY KEY CHECK (kind IN ('achievement', 'organization')),
    n    INTEGER NOT NULL
) STRICT;
INSERT INTO search_generation (kind, n) VALUES ('achievement', 1), ('organization', 1);

CREATE TABLE search_pack (
    kind       TEXT PRIMARY KEY CHECK (kind IN ('achievement', 'organization')),
    generation INTEGER NOT NULL,
    data       BLOB NOT NULL
) STRICT;

CREATE TRIGGER search_achievement_added AFTER INSERT ON achievement
BEGIN
    UPDATE search_generation SET n = n + 1 WHERE kind = 'achievement';
END;

CREATE TRIGGER search_achievement_changed AFTER UPDATE OF title, code, status ON achievement
WHEN OLD.title IS NOT NEW.title OR OLD.code IS NOT NEW.code OR OLD.status IS NOT NEW.status
BEGIN
    UPDATE search_generation SET n = n + 1 WHERE kind = 'achievement';
END;

CREATE TRIGGER search_achievement_deleted AFTER DELETE ON achievement
BEGIN
    UPDATE search_generation SET n = n + 1 WHERE kind = 'achievement';
END;

CREATE TRIGGER search_organization_added AFTER INSERT ON organization
BEGIN
    UPDATE search_generation SET n = n + 1 WHERE kind = 'organization';
END;

CREATE TRIGGER search_organization_changed AFTER UPDATE OF name, code, status ON organization
WHEN OLD.name IS NOT NEW.name OR OLD.code IS NOT NEW.code OR OLD.status IS NOT NEW.status
BEGIN
    UPDATE search_generation SET n = n + 1 WHERE kind = 'organization';
END;

CREATE TRIGGER search_organization_deleted AFTER DELETE ON organization
BEGIN
    UPDATE search_generation SET n = n + 1 WHERE kind = 'organization';
END;
