-- A screen holds every achievement in brief and reloads after each write to the file (its
-- own or another desk's). This counter moves with every change to the achievement table,
-- in the same transaction as the change, so a screen that finds it where it was keeps the
-- briefs it holds instead of reading 100,000 rows again after, say, a logged interest.
-- Derived data: not dumped; a restore's inserts move it like any other insert.
CREATE TABLE change_generation (
    kind TEXT PRIMARY KEY,
    n    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO change_generation (kind, n) VALUES ('achievement', 1);

CREATE TRIGGER achievement_generation_added AFTER INSERT ON achievement
BEGIN
    UPDATE change_generation SET n = n + 1 WHERE kind = 'achievement';
END;

CREATE TRIGGER achievement_generation_changed AFTER UPDATE ON achievement
BEGIN
    UPDATE change_generation SET n = n + 1 WHERE kind = 'achievement';
END;

CREATE TRIGGER achievement_generation_deleted AFTER DELETE ON achievement
BEGIN
    UPDATE change_generation SET n = n + 1 WHERE kind = 'achievement';
END;
