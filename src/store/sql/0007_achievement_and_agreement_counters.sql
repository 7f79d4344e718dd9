-- Organization, achievement and agreement figures kept by triggers, as 0005 does for
-- interests: the dashboard reads a few dozen counter rows instead of every organization,
-- achievement and agreement.
-- Each counter holds, at every moment, the sum over the rows it counts of what they
-- contribute given the other tables as they are then; every trigger below keeps that
-- true when one row changes. `fairdesk check` recounts them; `fairdesk check --repair`
-- rebuilds them (src/store/sql/rebuild_counters.sql).

-- Shown achievements per technology field (their sum is the number shown; withdrawn
-- ones, few, are counted from the (status, field) index). The CHECKs compare with =
-- rather than IN: an IN list costs a temporary table on every row the triggers write.
CREATE TABLE achievement_tally (
    dimension TEXT NOT NULL CHECK (dimension = 'field'),
    key       TEXT NOT NULL,
    n         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (dimension, key)
) STRICT;

-- Shown achievements per holder: the holders are the rows above 0.
CREATE TABLE holder_count (
    holder_id TEXT PRIMARY KEY,
    n         INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Organizations per status and kind.
CREATE TABLE organization_tally (
    status TEXT NOT NULL,
    kind   TEXT NOT NULL,
    n      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (status, kind)
) STRICT;

-- Agreements per status ('signed', 'voided'); signed ones per contract type, per field
-- of their first achievement, per region of the buyer, and per hour of signing (UTC,
-- 'YYYY-MM-DDTHH': the dashboard turns these into hours of the fair's time zone): count,
-- both amounts and how many were signed at the ceremony.
CREATE TABLE agreement_tally (
    dimension    TEXT NOT NULL CHECK (dimension = 'status' OR dimension = 'type'
                     OR dimension = 'field' OR dimension = 'region' OR dimension = 'hour'),
    key          TEXT NOT NULL,
    n            INTEGER NOT NULL DEFAULT 0,
    contract_fen INTEGER NOT NULL DEFAULT 0,
    tech_fen     INTEGER NOT NULL DEFAULT 0,
    ceremony     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (dimension, key)
) STRICT;

-- The counts as they are now (before the triggers below exist).
INSERT INTO organization_tally (status, kind, n)
    SELECT status, kind, count(*) FROM organization GROUP BY status, kind;
INSERT INTO holder_count (holder_id, n)
    SELECT holder_id, count(*) FROM achievement WHERE status = 'active' GROUP BY holder_id;
INSERT INTO achievement_tally (dimension, key, n)
    SELECT 'field', field, count(*) FROM achievement WHERE status = 'active' GROUP BY field;
INSERT INTO agreement_tally (dimension, key, n, contract_fen, tech_fen, ceremony)
    SELECT 'status', status, count(*), sum(contract_amount_fen), sum(tech_amount_fen), sum(ceremony)
    FROM agreement GROUP BY status;
INSERT INTO agreement_tally (dimension, key, n, contract_fen, tech_fen, ceremony)
    SELECT 'type', contract_type, count(*), sum(contract_amount_fen), sum(tech_amount_fen), sum(ceremony)
    FROM agreement WHERE status = 'signed' GROUP BY contract_type;
INSERT INTO agreement_tally (dimension, key, n, contract_fen, tech_fen, ceremony)
    SELECT 'region', coalesce(o.region, ''), count(*), sum(g.contract_amount_fen),
           sum(g.tech_amount_fen), sum(g.ceremony)
    FROM agreement g JOIN organization o ON o.id = g.buyer_id
    WHERE g.status = 'signed' GROUP BY coalesce(o.region, '');
INSERT INTO agreement_tally (dimension, key, n, contract_fen, tech_fen, ceremony)
    SELECT 'field', a.field, count(*), sum(g.contract_amount_fen), sum(g.tech_amount_fen), sum(g.ceremony)
    FROM agreement g
    JOIN achievement a ON a.id = (SELECT l.achievement_id FROM agreement_achievement l
                                  WHERE l.agreement_id = g.id ORDER BY l.rowid LIMIT 1)
    WHERE g.status = 'signed' GROUP BY a.field;
INSERT INTO agreement_tally (dimension, key, n, contract_fen, tech_fen, ceremony)
    SELECT 'hour', coalesce(strftime('%Y-%m-%dT%H', signed_at), '1970-01-01T00'), count(*),
           sum(contract_amount_fen), sum(tech_amount_fen), sum(ceremony)
    FROM agreement WHERE status = 'signed'
    GROUP BY coalesce(strftime('%Y-%m-%dT%H', signed_at), '1970-01-01T00');

-- An organization's region moving, arriving or leaving moves the agreements it bought.
CREATE INDEX agreement_buyer ON agreement (buyer_id, status);

-- Agreement links are history like the agreements themselves (deletes are refused by
-- 0001): an agreement's first achievement, which gives its field, never changes.
CREATE TRIGGER agreement_links_never_changed BEFORE UPDATE ON agreement_achievement
BEGIN
    SELECT RAISE(ABORT, 'agreements are voided, never changed');
END;

-- Organizations: status and kind (a merge deletes one another took over).

CREATE TRIGGER organization_counted AFTER INSERT ON organization
BEGIN
    INSERT INTO organization_tally (status, kind, n) VALUES (NEW.status, NEW.kind, 1)
        ON CONFLICT (status, kind) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER organization_recounted AFTER UPDATE OF status, kind ON organization
BEGIN
    UPDATE organization_tally SET n = n - 1 WHERE status = OLD.status AND kind = OLD.kind;
    INSERT INTO organization_tally (status, kind, n) VALUES (NEW.status, NEW.kind, 1)
        ON CONFLICT (status, kind) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER organization_uncounted AFTER DELETE ON organization
BEGIN
    UPDATE organization_tally SET n = n - 1 WHERE status = OLD.status AND kind = OLD.kind;
END;

-- Achievements shown: field, holder.

-- Every imported row runs this one: kept to two statements.
CREATE TRIGGER achievement_counted AFTER INSERT ON achievement
WHEN NEW.status = 'active'
BEGIN
    INSERT INTO achievement_tally (dimension, key, n) VALUES ('field', NEW.field, 1)
        ON CONFLICT (dimension, key) DO UPDATE SET n = n + 1;
    INSERT INTO holder_count (holder_id, n) VALUES (NEW.holder_id, 1)
        ON CONFLICT (holder_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER achievement_recounted AFTER UPDATE OF id, status, field, holder_id ON achievement
BEGIN
    UPDATE achievement_tally SET n = n - 1
        WHERE dimension = 'field' AND key = OLD.field AND OLD.status = 'active';
    UPDATE holder_count SET n = n - 1 WHERE holder_id = OLD.holder_id AND OLD.status = 'active';
    INSERT INTO achievement_tally (dimension, key, n)
        SELECT 'field', NEW.field, 1 WHERE NEW.status = 'active'
        ON CONFLICT (dimension, key) DO UPDATE SET n = n + 1;
    INSERT INTO holder_count (holder_id, n)
        SELECT NEW.holder_id, 1 WHERE NEW.status = 'active'
        ON CONFLICT (holder_id) DO UPDATE SET n = n + 1;
END;

-- Refused by 0001; kept so the counters stay right should that ever change.
CREATE TRIGGER achievement_uncounted AFTER DELETE ON achievement
BEGIN
    UPDATE achievement_tally SET n = n - 1
        WHERE dimension = 'field' AND key = OLD.field AND OLD.status = 'active';
    UPDATE holder_count SET n = n - 1 WHERE holder_id = OLD.holder_id AND OLD.status = 'active';
END;

-- Agreements: a signed one counts under its status, contract type, region of its buyer
-- and field of its first achievement (the link with the lowest rowid); a voided one
-- only under its status. OLD leaves, NEW arrives.

CREATE TRIGGER agreement_counted AFTER INSERT ON agreement
BEGIN
    INSERT INTO agreement_tally (dimension, key, n, contract_fen, tech_fen, ceremony)
        VALUES ('status', NEW.status, 1, NEW.contract_amount_fen, NEW.tech_amount_fen, NEW.ceremony)
        ON CONFLICT (dimension, key) DO UPDATE SET n = n + 1,
            contract_fen = contract_fen + excluded.contract_fen,
            tech_fen = tech_fen + excluded.tech_fen, ceremony = ceremony + excluded.ceremony;
    INSERT INTO agreement_tally (dimension, key, n, contract_fen, tech_fen, ceremony)
        SELECT 'type', NEW.contract_type, 1, NEW.contract_amount_fen, NEW.tech_amount_fen, NEW.ceremony
        WHERE NEW.status = 'signed'
        ON CONFLICT (dimension, key) DO UPDATE SET n = n + 1,
            contract_fen = contract_fen + excluded.contract_fen,
            tech_fen = tech_fen + excluded.tech_fen, ceremony = ceremony + excluded.ceremony;
    INSERT INTO agreement_tally (dimension, key, n, contract_fen, tech_fen, ceremony)
        SELECT 'region', coalesce(o.region, ''), 1, NEW.contract_amount_fen, NEW.tech_amount_fen, NEW.ceremony
        FROM organization o WHERE o.id = NEW.buyer_id AND NEW.status = 'signed'
        ON CONFLICT (dimension, key) DO UPDATE SET n = n + 1,
            contract_fen = contract_fen + excluded.contract_fen,
            tech_fen = tech_fen + excluded.tech_fen, ceremony = ceremony + excluded.ceremony;
    INSERT INTO agreement_tally (dimension, key, n, contract_fen, tech_fen, ceremony)
        SELECT 'field', a.field, 1, NEW.contract_amount_fen, NEW.tech_amount_fen, NEW.ceremony
        FROM achievement a
        WHERE a.id = (SELECT l.achievement_id FROM agreement_achievement l
                      WHERE l.agreement_id = NEW.id ORDER BY l.rowid LIMIT 1)
          AND NEW.status = 'signed'
        ON CONFLICT (dimension, key) DO UPDATE SET n = n + 1,
            contract_fen = contract_fen + excluded.contract_fen,
            tech_fen = tech_fen + excluded.tech_fen, ceremony = ceremony + excluded.ceremony;
    INSERT INTO agreement_tally (dimension, key, n, contract_fen, tech_fen, ceremony)
        SELECT 'hour', coalesce(strftime('%Y-%m-%dT%H', NEW.signed_at), '1970-01-01T00'), 1,
               NEW.contract_amount_fen, NEW.tech_amount_fen, NEW.ceremony
        WHERE NEW.status = 'signed'
        ON CONFLICT (dimension, key) DO UPDATE SET n = n + 1,
            contract_fen = contract_fen + excluded.contract_fen,
            tech_fen = tech_fen + excluded.tech_fen, ceremony = ceremony + excluded.ceremony;
END;

-- A void, a correction of the amounts, a merge re-pointing the buyer or bringing a
-- later version of the record.
CREATE TRIGGER agreement_recounted AFTER UPDATE OF id, status, buyer_id, contract_type,
    contract_amount_fen, tech_amount_fen, ceremony, signed_at ON agreement
BEGIN
    UPDATE agreement_tally SET n = n - 1, contract_fen = contract_fen - OLD.contract_amount_fen,
            tech_fen = tech_fen - OLD.tech_amount_fen, ceremony = ceremony - OLD.ceremony
        WHERE dimension = 'status' AND key = OLD.status;
    UPDATE agreement_tally SET n = n - 1, contract_fen = contract_fen - OLD.contract_amount_fen,
            tech_fen = tech_fen - OLD.tech_amount_fen, ceremony = ceremony - OLD.ceremony
        WHERE dimension = 'type' AND key = OLD.contract_type AND OLD.status = 'signed';
    UPDATE agreement_tally SET n = n - 1, contract_fen = contract_fen - OLD.contract_amount_fen,
            tech_fen = tech_fen - OLD.tech_amount_fen, ceremony = ceremony - OLD.ceremony
        WHERE dimension = 'region' AND OLD.status = 'signed'
          AND key = (SELECT coalesce(region, '') FROM organization WHERE id = OLD.buyer_id);
    UPDATE agreement_tally SET n = n - 1, contract_fen = contract_fen - OLD.contract_amount_fen,
            tech_fen = tech_fen - OLD.tech_amount_fen, ceremony = ceremony - OLD.ceremony
        WHERE dimension = 'field' AND OLD.status = 'signed'
          AND key = (SELECT a.field FROM achievement a
                     WHERE a.id = (SELECT l.achievement_id FROM agreement_achievement l
                                   WHERE l.agreement_id = OLD.id ORDER BY l.rowid LIMIT 1));
    UPDATE agreement_tally SET n = n - 1, contract_fen = contract_fen - OLD.contract_amount_fen,
            tech_fen = tech_fen - OLD.tech_amount_fen, ceremony = ceremony - OLD.ceremony
        WHERE dimension = 'hour' AND OLD.status = 'signed'
          AND key = coalesce(strftime('%Y-%m-%dT%H', OLD.signed_at), '1970-01-01T00');
    INSERT INTO agreement_tally (dimension, key, n, contract_fen, tech_fen, ceremony)
        VALUES ('status', NEW.status, 1, NEW.contract_amount_fen, NEW.tech_amount_fen, NEW.ceremony)
        ON CONFLICT (dimension, key) DO UPDATE SET n = n + 1,
            contract_fen = contract_fen + excluded.contract_fen,
            tech_fen = tech_fen + excluded.tech_fen, ceremony = ceremony + excluded.ceremony;
    INSERT INTO agreement_tally (dimension, key, n, contract_fen, tech_fen, ceremony)
        SELECT 'type', NEW.contract_type, 1, NEW.contract_amount_fen, NEW.tech_amount_fen, NEW.ceremony
        WHERE NEW.status = 'signed'
        ON CONFLICT (dimension, key) DO UPDATE SET n = n + 1,
            contract_fen = contract_fen + excluded.contract_fen,
            tech_fen = tech_fen + excluded.tech_fen, ceremony = ceremony + excluded.ceremony;
    INSERT INTO agreement_tally (dimension, key, n, contract_fen, tech_fen, ceremony)
        SELECT 'region', coalesce(o.region, ''), 1, NEW.contract_amount_fen, NEW.tech_amount_fen, NEW.ceremony
        FROM organization o WHERE o.id = NEW.buyer_id AND NEW.status = 'signed'
        ON CONFLICT (dimension, key) DO UPDATE SET n = n + 1,
            contract_fen = contract_fen + excluded.contract_fen,
            tech_fen = tech_fen + excluded.tech_fen, ceremony = ceremony + excluded.ceremony;
    INSERT INTO agreement_tally (dimension, key, n, contract_fen, tech_fen, ceremony)
        SELECT 'field', a.field, 1, NEW.contract_amount_fen, NEW.tech_amount_fen, NEW.ceremony
        FROM achievement a
        WHERE a.id = (SELECT l.achievement_id FROM agreement_achievement l
                      WHERE l.agreement_id = NEW.id ORDER BY l.rowid LIMIT 1)
          AND NEW.status = 'signed'
        ON CONFLICT (dimension, key) DO UPDATE SET n = n + 1,
            contract_fen = contract_fen + excluded.contract_fen,
            tech_fen = tech_fen + excluded.tech_fen, ceremony = ceremony + excluded.ceremony;
    INSERT INTO agreement_tally (dimension, key, n, contract_fen, tech_fen, ceremony)
        SELECT 'hour', coalesce(strftime('%Y-%m-%dT%H', NEW.signed_at), '1970-01-01T00'), 1,
               NEW.contract_amount_fen, NEW.tech_amount_fen, NEW.ceremony
        WHERE NEW.status = 'signed'
        ON CONFLICT (dimension, key) DO UPDATE SET n = n + 1,
            contract_fen = contract_fen + excluded.contract_fen,
            tech_fen = tech_fen + excluded.tech_fen, ceremony = ceremony + excluded.ceremony;
END;

-- Refused by 0001; kept so the counters stay right should that ever change.
CREATE TRIGGER agreement_uncounted AFTER DELETE ON agreement
BEGIN
    UPDATE agreement_tally SET n = n - 1, contract_fen = contract_fen - OLD.contract_amount_fen,
            tech_fen = tech_fen - OLD.tech_amount_fen, ceremony = ceremony - OLD.ceremony
        WHERE dimension = 'status' AND key = OLD.status;
    UPDATE agreement_tally SET n = n - 1, contract_fen = contract_fen - OLD.contract_amount_fen,
            tech_fen = tech_fen - OLD.tech_amount_fen, ceremony = ceremony - OLD.ceremony
        WHERE dimension = 'type' AND key = OLD.contract_type AND OLD.status = 'signed';
    UPDATE agreement_tally SET n = n - 1, contract_fen = contract_fen - OLD.contract_amount_fen,
            tech_fen = tech_fen - OLD.tech_amount_fen, ceremony = ceremony - OLD.ceremony
        WHERE dimension = 'region' AND OLD.status = 'signed'
          AND key = (SELECT coalesce(region, '') FROM organization WHERE id = OLD.buyer_id);
    UPDATE agreement_tally SET n = n - 1, contract_fen = contract_fen - OLD.contract_amount_fen,
            tech_fen = tech_fen - OLD.tech_amount_fen, ceremony = ceremony - OLD.ceremony
        WHERE dimension = 'field' AND OLD.status = 'signed'
          AND key = (SELECT a.field FROM achievement a
                     WHERE a.id = (SELECT l.achievement_id FROM agreement_achievement l
                                   WHERE l.agreement_id = OLD.id ORDER BY l.rowid LIMIT 1));
    UPDATE agreement_tally SET n = n - 1, contract_fen = contract_fen - OLD.contract_amount_fen,
            tech_fen = tech_fen - OLD.tech_amount_fen, ceremony = ceremony - OLD.ceremony
        WHERE dimension = 'hour' AND OLD.status = 'signed'
          AND key = coalesce(strftime('%Y-%m-%dT%H', OLD.signed_at), '1970-01-01T00');
END;

-- A link that becomes its agreement's first (the first one written, or one a restore or
-- merge writes before its agreement) gives the agreement its field: the achievement
-- that was first before, if any, gives it up.
CREATE TRIGGER agreement_link_counted AFTER INSERT ON agreement_achievement
WHEN NEW.rowid = (SELECT min(rowid) FROM agreement_achievement WHERE agreement_id = NEW.agreement_id)
BEGIN
    UPDATE agreement_tally SET n = n - 1, contract_fen = contract_fen - g.c,
            tech_fen = tech_fen - g.t, ceremony = ceremony - g.e
        FROM (SELECT contract_amount_fen AS c, tech_amount_fen AS t, ceremony AS e FROM agreement
              WHERE id = NEW.agreement_id AND status = 'signed') AS g
        WHERE dimension = 'field'
          AND key = (SELECT a.field FROM achievement a
                     WHERE a.id = (SELECT l.achievement_id FROM agreement_achievement l
                                   WHERE l.agreement_id = NEW.agreement_id AND l.rowid <> NEW.rowid
                                   ORDER BY l.rowid LIMIT 1));
    INSERT INTO agreement_tally (dimension, key, n, contract_fen, tech_fen, ceremony)
        SELECT 'field', a.field, 1, g.contract_amount_fen, g.tech_amount_fen, g.ceremony
        FROM agreement g, achievement a
        WHERE g.id = NEW.agreement_id AND g.status = 'signed' AND a.id = NEW.achievement_id
        ON CONFLICT (dimension, key) DO UPDATE SET n = n + 1,
            contract_fen = contract_fen + excluded.contract_fen,
            tech_fen = tech_fen + excluded.tech_fen, ceremony = ceremony + excluded.ceremony;
END;

-- An achievement changing field moves the signed agreements it is the first of; one a
-- merge deletes or inserts takes them out or brings them in.
CREATE TRIGGER achievement_agreements_moved AFTER UPDATE OF id, field ON achievement
WHEN OLD.field IS NOT NEW.field OR OLD.id IS NOT NEW.id
BEGIN
    UPDATE agreement_tally SET n = n - g.moved, contract_fen = contract_fen - g.c,
            tech_fen = tech_fen - g.t, ceremony = ceremony - g.e
        FROM (SELECT count(*) AS moved, coalesce(sum(contract_amount_fen), 0) AS c,
                     coalesce(sum(tech_amount_fen), 0) AS t, coalesce(sum(ceremony), 0) AS e
              FROM agreement WHERE status = 'signed' AND id IN (
                  SELECT l.agreement_id FROM agreement_achievement l WHERE l.achievement_id = OLD.id
                     AND l.rowid = (SELECT min(rowid) FROM agreement_achievement
                                    WHERE agreement_id = l.agreement_id))) AS g
        WHERE dimension = 'field' AND key = OLD.field;
    INSERT INTO agreement_tally (dimension, key, n, contract_fen, tech_fen, ceremony)
        SELECT 'field', NEW.field, count(*), coalesce(sum(contract_amount_fen), 0),
               coalesce(sum(tech_amount_fen), 0), coalesce(sum(ceremony), 0)
        FROM agreement WHERE status = 'signed' AND id IN (
            SELECT l.agreement_id FROM agreement_achievement l WHERE l.achievement_id = NEW.id
               AND l.rowid = (SELECT min(rowid) FROM agreement_achievement
                              WHERE agreement_id = l.agreement_id))
        HAVING count(*) > 0
        ON CONFLICT (dimension, key) DO UPDATE SET n = n + excluded.n,
            contract_fen = contract_fen + excluded.contract_fen,
            tech_fen = tech_fen + excluded.tech_fen, ceremony = ceremony + excluded.ceremony;
END;

-- Signed agreements whose first link was written before the achievement (a merge or
-- restore may do that) come in with it.
CREATE TRIGGER achievement_agreements_arrived AFTER INSERT ON achievement
WHEN EXISTS (SELECT 1 FROM agreement_achievement WHERE achievement_id = NEW.id)
BEGIN
    INSERT INTO agreement_tally (dimension, key, n, contract_fen, tech_fen, ceremony)
        SELECT 'field', NEW.field, count(*), coalesce(sum(g.contract_amount_fen), 0),
               coalesce(sum(g.tech_amount_fen), 0), coalesce(sum(g.ceremony), 0)
        FROM agreement_achievement l JOIN agreement g ON g.id = l.agreement_id
        WHERE l.achievement_id = NEW.id AND g.status = 'signed'
          AND l.rowid = (SELECT min(rowid) FROM agreement_achievement
                         WHERE agreement_id = l.agreement_id)
        HAVING count(*) > 0
        ON CONFLICT (dimension, key) DO UPDATE SET n = n + excluded.n,
            contract_fen = contract_fen + excluded.contract_fen,
            tech_fen = tech_fen + excluded.tech_fen, ceremony = ceremony + excluded.ceremony;
END;

CREATE TRIGGER achievement_agreements_left AFTER DELETE ON achievement
BEGIN
    UPDATE agreement_tally SET n = n - g.moved, contract_fen = contract_fen - g.c,
            tech_fen = tech_fen - g.t, ceremony = ceremony - g.e
        FROM (SELECT count(*) AS moved, coalesce(sum(contract_amount_fen), 0) AS c,
                     coalesce(sum(tech_amount_fen), 0) AS t, coalesce(sum(ceremony), 0) AS e
              FROM agreement WHERE status = 'signed' AND id IN (
                  SELECT l.agreement_id FROM agreement_achievement l WHERE l.achievement_id = OLD.id
                     AND l.rowid = (SELECT min(rowid) FROM agreement_achievement
                                    WHERE agreement_id = l.agreement_id))) AS g
        WHERE dimension = 'field' AND key = OLD.field;
END;

-- A buyer changing region moves the signed agreements it bought; one a merge deletes
-- (taken over by another) or inserts takes them out or brings them in.
CREATE TRIGGER organization_agreements_moved AFTER UPDATE OF id, region ON organization
WHEN OLD.region IS NOT NEW.region OR OLD.id IS NOT NEW.id
BEGIN
    UPDATE agreement_tally SET n = n - g.moved, contract_fen = contract_fen - g.c,
            tech_fen = tech_fen - g.t, ceremony = ceremony - g.e
        FROM (SELECT count(*) AS moved, coalesce(sum(contract_amount_fen), 0) AS c,
                     coalesce(sum(tech_amount_fen), 0) AS t, coalesce(sum(ceremony), 0) AS e
              FROM agreement WHERE buyer_id = OLD.id AND status = 'signed') AS g
        WHERE dimension = 'region' AND key = coalesce(OLD.region, '');
    INSERT INTO agreement_tally (dimension, key, n, contract_fen, tech_fen, ceremony)
        SELECT 'region', coalesce(NEW.region, ''), count(*), coalesce(sum(contract_amount_fen), 0),
               coalesce(sum(tech_amount_fen), 0), coalesce(sum(ceremony), 0)
        FROM agreement WHERE buyer_id = NEW.id AND status = 'signed'
        HAVING count(*) > 0
        ON CONFLICT (dimension, key) DO UPDATE SET n = n + excluded.n,
            contract_fen = contract_fen + excluded.contract_fen,
            tech_fen = tech_fen + excluded.tech_fen, ceremony = ceremony + excluded.ceremony;
END;

CREATE TRIGGER organization_agreements_arrived AFTER INSERT ON organization
WHEN EXISTS (SELECT 1 FROM agreement WHERE buyer_id = NEW.id)
BEGIN
    INSERT INTO agreement_tally (dimension, key, n, contract_fen, tech_fen, ceremony)
        SELECT 'region', coalesce(NEW.region, ''), count(*), coalesce(sum(contract_amount_fen), 0),
               coalesce(sum(tech_amount_fen), 0), coalesce(sum(ceremony), 0)
        FROM agreement WHERE buyer_id = NEW.id AND status = 'signed'
        HAVING count(*) > 0
        ON CONFLICT (dimension, key) DO UPDATE SET n = n + excluded.n,
            contract_fen = contract_fen + excluded.contract_fen,
            tech_fen = tech_fen + excluded.tech_fen, ceremony = ceremony + excluded.ceremony;
END;

CREATE TRIGGER organization_agreements_left AFTER DELETE ON organization
BEGIN
    UPDATE agreement_tally SET n = n - g.moved, contract_fen = contract_fen - g.c,
            tech_fen = tech_fen - g.t, ceremony = ceremony - g.e
        FROM (SELECT count(*) AS moved, coalesce(sum(contract_amount_fen), 0) AS c,
                     coalesce(sum(tech_amount_fen), 0) AS t, coalesce(sum(ceremony), 0) AS e
              FROM agreement WHERE buyer_id = OLD.id AND status = 'signed') AS g
        WHERE dimension = 'region' AND key = coalesce(OLD.region, '');
END;
