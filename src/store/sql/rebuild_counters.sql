-- Every counter the triggers keep (0005, 0007), emptied and counted again from the rows
-- themselves: `fairdesk check --repair`, in one transaction.
DELETE FROM interest_count;
DELETE FROM interest_tally;
DELETE FROM achievement_tally;
DELETE FROM holder_count;
DELETE FROM agreement_tally;
DELETE FROM organization_tally;

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
