//! The fair's own rules, checked with plain queries over the whole file.
use crate::domain::lang::Lang;
use crate::domain::money::Money;
use crate::store::StoreResult;
use crate::store::check::Finding;
use rusqlite::Connection;

/// 技术交易额 never above 合同成交额, and neither below zero.
pub fn amounts(conn: &Connection) -> StoreResult<Vec<Finding>> {
    let mut stmt = conn.prepare(
        "SELECT code, contract_amount_fen, tech_amount_fen FROM agreement
         WHERE tech_amount_fen > contract_amount_fen OR tech_amount_fen < 0
            OR contract_amount_fen < 0
         ORDER BY code",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<Vec<(String, i64, i64)>, _>>()?;
    Ok(rows
        .into_iter()
        .map(|(code, contract, tech)| {
            let (c, t) = (Money::from_fen(contract), Money::from_fen(tech));
            Finding::new(
                format!(
                    "签约 {code}：技术交易额 {} 超过合同成交额 {}",
                    t.format_auto(Lang::Zh),
                    c.format_auto(Lang::Zh)
                ),
                format!(
                    "agreement {code}: tech. amount {} above contract amount {}",
                    t.format_auto(Lang::En),
                    c.format_auto(Lang::En)
                ),
            )
        })
        .collect())
}

/// A reference column and the table it must point into.
struct Reference {
    table: &'static str,
    /// How a row is named in a finding (a code, or the id).
    label: &'static str,
    column: &'static str,
    parent: &'static str,
    zh: &'static str,
    en: &'static str,
}

const REFERENCES: &[Reference] = &[
    Reference {
        table: "interest",
        label: "id",
        column: "enterprise_id",
        parent: "organization",
        zh: "意向",
        en: "interest",
    },
    Reference {
        table: "interest",
        label: "id",
        column: "achievement_id",
        parent: "achievement",
        zh: "意向",
        en: "interest",
    },
    Reference {
        table: "meeting",
        label: "id",
        column: "enterprise_id",
        parent: "organization",
        zh: "洽谈",
        en: "meeting",
    },
    Reference {
        table: "meeting",
        label: "id",
        column: "holder_id",
        parent: "organization",
        zh: "洽谈",
        en: "meeting",
    },
    Reference {
        table: "meeting",
        label: "id",
        column: "achievement_id",
        parent: "achievement",
        zh: "洽谈",
        en: "meeting",
    },
    Reference {
        table: "agreement",
        label: "code",
        column: "buyer_id",
        parent: "organization",
        zh: "签约",
        en: "agreement",
    },
    Reference {
        table: "agreement",
        label: "code",
        column: "seller_id",
        parent: "organization",
        zh: "签约",
        en: "agreement",
    },
    Reference {
        table: "agreement_achievement",
        label: "agreement_id",
        column: "achievement_id",
        parent: "achievement",
        zh: "签约",
        en: "agreement",
    },
    Reference {
        table: "agreement_achievement",
        label: "agreement_id",
        column: "agreement_id",
        parent: "agreement",
        zh: "签约成果关联",
        en: "agreement link",
    },
    Reference {
        table: "achievement",
        label: "code",
        column: "holder_id",
        parent: "organization",
        zh: "成果",
        en: "achievement",
    },
    Reference {
        table: "need",
        label: "code",
        column: "organization_id",
        parent: "organization",
        zh: "需求",
        en: "need",
    },
    Reference {
        table: "checkin",
        label: "organization_id",
        column: "organization_id",
        parent: "organization",
        zh: "签到",
        en: "check-in",
    },
];

/// Every interest, meeting and agreement (and every other reference) points at a record
/// that exists; every agreement names at least one achievement.
pub fn references(conn: &Connection) -> StoreResult<Vec<Finding>> {
    let mut findings = Vec::new();
    for r in REFERENCES {
        // Table and column names are the constants above, never user text.
        let sql = format!(
            "SELECT t.{label}, t.{column} FROM {table} t
             WHERE NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.id = t.{column})
             ORDER BY 1",
            label = r.label,
            column = r.column,
            table = r.table,
            parent = r.parent,
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt
            .query_map([], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        for (label, missing) in rows {
            findings.push(Finding::new(
                format!("{} {label}：{} 指向不存在的记录 {missing}", r.zh, r.column),
                format!(
                    "{} {label}: {} points at a missing record {missing}",
                    r.en, r.column
                ),
            ));
        }
    }
    let mut stmt = conn.prepare(
        "SELECT code FROM agreement g
         WHERE NOT EXISTS (SELECT 1 FROM agreement_achievement l WHERE l.agreement_id = g.id)
         ORDER BY code",
    )?;
    for code in stmt.query_map([], |r| r.get::<_, String>(0))? {
        let code = code?;
        findings.push(Finding::new(
            format!("签约 {code} 没有关联任何成果"),
            format!("agreement {code} names no achievement"),
        ));
    }
    Ok(findings)
}

/// Tables whose every change is audited, and how their rows are named.
const AUDITED: &[(&str, &str)] = &[
    ("organization", "code"),
    ("achievement", "code"),
    ("need", "code"),
    ("interest", "id"),
    ("meeting", "id"),
    ("agreement", "code"),
];

/// Every record has its `create` audit row, and its last change (its `updated_at`) has
/// an audit row written in the same transaction (same moment). A record unified by a
/// merge answers for the audit rows of the ids it absorbed too.
pub fn audit(conn: &Connection) -> StoreResult<Vec<Finding>> {
    let mut findings = Vec::new();
    for (table, label) in AUDITED {
        // An audit row about the record itself or about an id merged into it. Two
        // lookups, each on the (entity, entity_id, at) index: one `OR` of the two made
        // SQLite read every audit row of the table for each record (minutes at 100,000).
        let audited = |condition: &str| {
            format!(
                "(EXISTS (SELECT 1 FROM audit a WHERE a.entity = '{table}'
                          AND a.entity_id = t.id AND {condition})
                  OR EXISTS (SELECT 1 FROM merge_alias m JOIN audit a
                               ON a.entity = m.entity AND a.entity_id = m.alias_id
                             WHERE m.entity = '{table}' AND m.canonical_id = t.id
                               AND {condition}))"
            )
        };
        let sql = format!(
            "SELECT t.{label},
                    NOT {created},
                    t.updated_at <> t.created_at AND NOT {changed}
             FROM {table} t ORDER BY 1",
            created = audited("a.action = 'create'"),
            changed = audited("a.at = t.updated_at"),
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, bool>(1)?,
                    r.get::<_, bool>(2)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let (zh_what, en_what) = what(table);
        for (name, no_create, no_last_change) in rows {
            if no_create {
                findings.push(Finding::new(
                    format!("{zh_what} {name}：没有创建时的审计记录"),
                    format!("{en_what} {name}: no audit row for its creation"),
                ));
            }
            if no_last_change {
                findings.push(Finding::new(
                    format!("{zh_what} {name}：最近一次修改没有审计记录"),
                    format!("{en_what} {name}: its last change has no audit row"),
                ));
            }
        }
    }
    let unaudited_fair: Option<String> = conn
        .query_row(
            "SELECT f.name FROM fair f WHERE f.updated_at <> f.created_at
               AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.entity = 'fair'
                               AND a.entity_id = f.uid AND a.at = f.updated_at)",
            [],
            |r| r.get(0),
        )
        .ok();
    if let Some(name) = unaudited_fair {
        findings.push(Finding::new(
            format!("对接会“{name}”：最近一次修改没有审计记录"),
            format!("fair “{name}”: its last change has no audit row"),
        ));
    }
    Ok(findings)
}

fn what(table: &str) -> (&'static str, &'static str) {
    match table {
        "organization" => ("单位", "organization"),
        "achievement" => ("成果", "achievement"),
        "need" => ("需求", "need"),
        "interest" => ("意向", "interest"),
        "meeting" => ("洽谈", "meeting"),
        _ => ("签约", "agreement"),
    }
}
