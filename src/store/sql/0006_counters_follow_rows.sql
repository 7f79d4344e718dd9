-- A merge deletes an organization or achievement that others took over and inserts
-- rows in an order that may put an interest before the record it points at (foreign
-- keys are checked at commit). The counters follow: a record leaving takes its
-- interests out of its region / field, a record arriving brings in the interests
-- already pointing at it, so re-pointing those interests afterwards counts right.

CREATE TRIGGER organization_interest_left AFTER DELETE ON organization
BEGIN
    UPDATE interest_tally SET n = n - (SELECT count(*) FROM interest WHERE enterprise_id = OLD.id)
        WHERE dimension = 'region' AND key = coalesce(OLD.region, '');
END;

CREATE TRIGGER organization_interest_arrived AFTER INSERT ON organization
WHEN EXISTS (SELECT 1 FROM interest WHERE enterprise_id = NEW.id)
BEGIN
    INSERT OR IGNORE INTO interest_tally (dimension, key, n)
        VALUES ('region', coalesce(NEW.region, ''), 0);
    UPDATE interest_tally SET n = n + (SELECT count(*) FROM interest WHERE enterprise_id = NEW.id)
        WHERE dimension = 'region' AND key = coalesce(NEW.region, '');
END;

CREATE TRIGGER achievement_interest_left AFTER DELETE ON achievement
WHEN OLD.status = 'active'
BEGIN
    UPDATE interest_tally SET n = n - (SELECT count(*) FROM interest WHERE achievement_id = OLD.id)
        WHERE dimension = 'field' AND key = OLD.field;
END;

CREATE TRIGGER achievement_interest_arrived AFTER INSERT ON achievement
WHEN NEW.status = 'active' AND EXISTS (SELECT 1 FROM interest WHERE achievement_id = NEW.id)
BEGIN
    INSERT OR IGNORE INTO interest_tally (dimension, key, n) VALUES ('field', NEW.field, 0);
    UPDATE interest_tally SET n = n + (SELECT count(*) FROM interest WHERE achievement_id = NEW.id)
        WHERE dimension = 'field' AND key = NEW.field;
END;
