-- Interest counts kept up to date by triggers, so the dashboard's tallies read a few
-- rows instead of every interest (a large fair has hundreds of thousands). `fairdesk
-- check` recounts them from the interests themselves.

-- Interests per achievement (the "most interest" list).
CREATE TABLE interest_count (
    achievement_id TEXT PRIMARY KEY,
    n              INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX interest_count_top ON interest_count (n DESC, achievement_id);

-- Interests per level, per technology field of a shown achievement, and per region of
-- the interested enterprise.
CREATE TABLE interest_tally (
    dimension TEXT NOT NULL CHECK (dimension IN ('level', 'field', 'region')),
    key       TEXT NOT NULL,
    n         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (dimension, key)
) STRICT;

INSERT INTO interest_count (achievement_id, n)
    SELECT achievement_id, count(*) FROM interest GROUP BY achievement_id;
INSERT INTO interest_tally (dimension, key, n)
    SELECT 'level', level, count(*) FROM interest GROUP BY level;
INSERT INTO interest_tally (dimension, key, n)
    SELECT 'field', a.field, count(*) FROM interest i JOIN achievement a ON a.id = i.achievement_id
    WHERE a.status = 'active' GROUP BY a.field;
INSERT INTO interest_tally (dimension, key, n)
    SELECT 'region', coalesce(o.region, ''), count(*) FROM interest i
    JOIN organization o ON o.id = i.enterprise_id GROUP BY coalesce(o.region, '');

CREATE TRIGGER interest_counted AFTER INSERT ON interest
BEGIN
    INSERT OR IGNORE INTO interest_count (achievement_id, n) VALUES (NEW.achievement_id, 0);
    UPDATE interest_count SET n = n + 1 WHERE achievement_id = NEW.achievement_id;
    INSERT OR IGNORE INTO interest_tally (dimension, key, n) VALUES ('level', NEW.level, 0);
    UPDATE interest_tally SET n = n + 1 WHERE dimension = 'level' AND key = NEW.level;
    INSERT OR IGNORE INTO interest_tally (dimension, key, n)
        SELECT 'field', field, 0 FROM achievement WHERE id = NEW.achievement_id AND status = 'active';
    UPDATE interest_tally SET n = n + 1 WHERE dimension = 'field'
        AND key = (SELECT field FROM achievement WHERE id = NEW.achievement_id AND status = 'active');
    INSERT OR IGNORE INTO interest_tally (dimension, key, n)
        SELECT 'region', coalesce(region, ''), 0 FROM organization WHERE id = NEW.enterprise_id;
    UPDATE interest_tally SET n = n + 1 WHERE dimension = 'region'
        AND key = (SELECT coalesce(region, '') FROM organization WHERE id = NEW.enterprise_id);
END;

CREATE TRIGGER interest_uncounted AFTER DELETE ON interest
BEGIN
    UPDATE interest_count SET n = n - 1 WHERE achievement_id = OLD.achievement_id;
    UPDATE interest_tally SET n = n - 1 WHERE dimension = 'level' AND key = OLD.level;
    UPDATE interest_tally SET n = n - 1 WHERE dimension = 'field'
        AND key = (SELECT field FROM achievement WHERE id = OLD.achievement_id AND status = 'active');
    UPDATE interest_tally SET n = n - 1 WHERE dimension = 'region'
        AND key = (SELECT coalesce(region, '') FROM organization WHERE id = OLD.enterprise_id);
END;

-- A change of level, achievement or enterprise (a raise, or a merge re-pointing a
-- record) moves its counts.
CREATE TRIGGER interest_recounted AFTER UPDATE OF level, achievement_id, enterprise_id ON interest
BEGIN
    UPDATE interest_count SET n = n - 1 WHERE achievement_id = OLD.achievement_id;
    INSERT OR IGNORE INTO interest_count (achievement_id, n) VALUES (NEW.achievement_id, 0);
    UPDATE interest_count SET n = n + 1 WHERE achievement_id = NEW.achievement_id;
    UPDATE interest_tally SET n = n - 1 WHERE dimension = 'level' AND key = OLD.level;
    INSERT OR IGNORE INTO interest_tally (dimension, key, n) VALUES ('level', NEW.level, 0);
    UPDATE interest_tally SET n = n + 1 WHERE dimension = 'level' AND key = NEW.level;
    UPDATE interest_tally SET n = n - 1 WHERE dimension = 'field'
        AND key = (SELECT field FROM achievement WHERE id = OLD.achievement_id AND status = 'active');
    INSERT OR IGNORE INTO interest_tally (dimension, key, n)
        SELECT 'field', field, 0 FROM achievement WHERE id = NEW.achievement_id AND status = 'active';
    UPDATE interest_tally SET n = n + 1 WHERE dimension = 'field'
        AND key = (SELECT field FROM achievement WHERE id = NEW.achievement_id AND status = 'active');
    UPDATE interest_tally SET n = n - 1 WHERE dimension = 'region'
        AND key = (SELECT coalesce(region, '') FROM organization WHERE id = OLD.enterprise_id);
    INSERT OR IGNORE INTO interest_tally (dimension, key, n)
        SELECT 'region', coalesce(region, ''), 0 FROM organization WHERE id = NEW.enterprise_id;
    UPDATE interest_tally SET n = n + 1 WHERE dimension = 'region'
        AND key = (SELECT coalesce(region, '') FROM organization WHERE id = NEW.enterprise_id);
END;

-- An achievement changing field, or withdrawn / shown again, moves its interests.
CREATE TRIGGER achievement_interest_moved AFTER UPDATE OF field, status ON achievement
BEGIN
    UPDATE interest_tally SET n = n - coalesce((SELECT n FROM interest_count WHERE achievement_id = OLD.id), 0)
        WHERE dimension = 'field' AND key = OLD.field AND OLD.status = 'active';
    INSERT OR IGNORE INTO interest_tally (dimension, key, n)
        SELECT 'field', NEW.field, 0 WHERE NEW.status = 'active';
    UPDATE interest_tally SET n = n + coalesce((SELECT n FROM interest_count WHERE achievement_id = NEW.id), 0)
        WHERE dimension = 'field' AND key = NEW.field AND NEW.status = 'active';
END;

-- An enterprise changing region moves its interests.
CREATE TRIGGER organization_interest_moved AFTER UPDATE OF region ON organization
BEGIN
    UPDATE interest_tally SET n = n - (SELECT count(*) FROM interest WHERE enterprise_id = OLD.id)
        WHERE dimension = 'region' AND key = coalesce(OLD.region, '');
    INSERT OR IGNORE INTO interest_tally (dimension, key, n)
        VALUES ('region', coalesce(NEW.region, ''), 0);
    UPDATE interest_tally SET n = n + (SELECT count(*) FROM interest WHERE enterprise_id = NEW.id)
        WHERE dimension = 'region' AND key = coalesce(NEW.region, '');
END;
