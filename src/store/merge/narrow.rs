//! The merge on the rows that matter only. A desk file is normally a copy of the fair
//! plus a day of work, so the two files share almost every row. With the desk file
//! attached (read-only) to this file's connection, SQL picks the desk's rows that are
//! not identical here; this file's rows are then fetched by index: the ones those rows
//! touch (same id or alias group, same natural key, same display code; the names a
//! finding's report label shows, once the finding is there) and the ones aliases move.
//! The rules of `resolve` run unchanged on these narrowed models. What they looked at is
//! then checked against what was fetched (under the aliases the merge ended with):
//! anything missing is fetched and the rules run again, until nothing is missing. The
//! result is then the one the whole files give (`tests/merge_narrowed.rs` compares both
//! on random desk files).
//!
//! Audit rows are a union: the desk's rows this file lacks are inserted straight in SQL.
use crate::store::StoreResult;
use crate::store::merge::findings::Findings;
use crate::store::merge::model::{AuditRow, FileModel, Row, query_rows};
use crate::store::merge::new_interests;
use crate::store::merge::resolve::{self, MergeContext};
use crate::store::merge::spec::Entity;
use rusqlite::Connection;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Desk files are attached for the merge as `merge_desk_0`, `merge_desk_1`, … (one per
/// file merged in the same transaction).
pub const DESK_PREFIX: &str = "merge_desk_";

/// The name the `n`th desk file of a merge is attached under.
pub fn desk_schema(n: usize) -> String {
    format!("{DESK_PREFIX}{n}")
}

/// A lookup of rows: kind, column (a constant of ours, or `KEY` for an interest's
/// enterprise × achievement, the two ids joined by `SEP`) and value.
type Ask = (Entity, &'static str, String);

const KEY: &str = "key";
const SEP: char = '\u{1f}';
/// The column of an audit lookup (by entity and entity id).
const AUDIT: &str = "audit";

/// Lookups already made, per kind and column.
#[derive(Default)]
struct Seen(HashMap<(Entity, &'static str), HashSet<String>>);

impl Seen {
    fn has(&self, e: Entity, column: &'static str, value: &str) -> bool {
        self.0.get(&(e, column)).is_some_and(|s| s.contains(value))
    }

    /// Marks a lookup made; false when it was already.
    fn add(&mut self, e: Entity, column: &'static str, value: String) -> bool {
        self.0.entry((e, column)).or_default().insert(value)
    }
}

/// What a narrowed merge gives: the target rows it read, the merged rows, what was done.
pub struct Outcome {
    pub target: FileModel,
    pub merged: FileModel,
    pub findings: Findings,
    /// Rounds of the rules (1 when the first fetch held everything they looked at).
    pub rounds: usize,
}

/// Runs the merge of the desk file attached as `desk` into `main`; writes nothing to
/// `main` (the new interests wait in `new_interests::TABLE`, made here, for `apply`).
pub fn merge_attached<'c>(
    conn: &'c Connection,
    ctx: &MergeContext,
    desk: &'c str,
) -> StoreResult<Outcome> {
    new_interests::prepare(conn)?;
    let mut n = Narrowing::new(conn, desk)?;
    n.stage()?;
    let result = n.run(ctx);
    n.unstage()?;
    result
}

/// Inserts the desk's audit rows this file lacks; returns how many. Which ones is found
/// on the two id indexes alone (ids and rowids, a ninth of the audit table's pages); only
/// the rows missing here are read whole. Rows keep the desk's order.
pub fn union_audit(conn: &Connection, desk: &str) -> StoreResult<usize> {
    let cols = columns(conn, "audit")?;
    let list = column_list(&cols, None);
    Ok(conn.execute(
        &format!(
            "INSERT INTO main.audit ({list}) SELECT {list} FROM {desk}.audit
             WHERE rowid IN (SELECT d.rowid FROM {desk}.audit d
                             WHERE NOT EXISTS (SELECT 1 FROM main.audit m WHERE m.id = d.id))
             ORDER BY rowid"
        ),
        [],
    )?)
}

struct Narrowing<'c> {
    conn: &'c Connection,
    /// The schema the desk file is attached as.
    desk: &'c str,
    /// This file's columns per table (the desk file has the same schema version).
    columns: HashMap<&'static str, Vec<String>>,
    target: FileModel,
    incoming: FileModel,
    asked_target: Seen,
    asked_incoming: Seen,
    asked_audit: Seen,
    /// Per kind with codes: every (id, code) of this file, read when the desk brings rows
    /// of that kind.
    all_codes: BTreeMap<Entity, Vec<(String, String)>>,
    /// Interests set aside for writing without the rules (`set_plain_interests_aside`).
    plain_interests: usize,
}

impl<'c> Narrowing<'c> {
    fn new(conn: &'c Connection, desk: &'c str) -> StoreResult<Narrowing<'c>> {
        let mut columns = HashMap::new();
        for table in Entity::ALL.iter().map(|e| e.table()).chain([
            "checkin",
            "merge_conflict",
            "merge_alias",
            "audit",
        ]) {
            columns.insert(table, self::columns(conn, table)?);
        }
        Ok(Narrowing {
            conn,
            desk,
            columns,
            target: FileModel::default(),
            incoming: FileModel::default(),
            asked_target: Seen::default(),
            asked_incoming: Seen::default(),
            asked_audit: Seen::default(),
            all_codes: BTreeMap::new(),
            plain_interests: 0,
        })
    }

    fn list(&self, table: &str, alias: Option<&str>) -> String {
        column_list(&self.columns[table], alias)
    }

    /// The desk's rows not identical here (or touched by an alias of either file) go
    /// into temporary tables, one per kind. A desk file is a copy of this one, so a row
    /// both hold is looked for at the same rowid (one step into the table instead of two
    /// through the id index); a row that sits elsewhere here counts as different, which
    /// costs time but changes no result (an identical row brought in changes nothing).
    fn stage(&mut self) -> StoreResult<()> {
        let desk = self.desk;
        let conn = self.conn;
        conn.execute_batch(&format!(
            "DROP TABLE IF EXISTS temp.merge_alias_ids;
             CREATE TEMP TABLE merge_alias_ids AS
                SELECT entity, alias_id AS id FROM main.merge_alias
                UNION SELECT entity, canonical_id FROM main.merge_alias
                UNION SELECT entity, alias_id FROM {desk}.merge_alias
                UNION SELECT entity, canonical_id FROM {desk}.merge_alias;"
        ))?;
        for e in Entity::ALL {
            let t = e.table();
            let cols = &self.columns[t];
            let same = cols
                .iter()
                .map(|c| format!("m.\"{c}\" IS d.\"{c}\""))
                .collect::<Vec<_>>()
                .join(" AND ");
            let mut touched = vec![format!(
                "d.id IN (SELECT id FROM temp.merge_alias_ids WHERE entity = '{t}')"
            )];
            for r in e.references() {
                touched.push(format!(
                    "d.{} IN (SELECT id FROM temp.merge_alias_ids WHERE entity = '{}')",
                    r.column,
                    r.target.table()
                ));
            }
            conn.execute_batch(&format!(
                "DROP TABLE IF EXISTS temp.merge_in_{t};
                 CREATE TEMP TABLE merge_in_{t} AS SELECT {list} FROM {desk}.{t} d
                 WHERE NOT EXISTS (SELECT 1 FROM main.{t} m WHERE m.rowid = d.rowid AND {same})
                    OR {touched};",
                list = self.list(t, Some("d")),
                touched = touched.join(" OR "),
            ))?;
        }
        // Organizations this merge can make one (the only records it joins besides
        // aliases): a staged one and a different one here with its credit code.
        conn.execute_batch(
            "DROP TABLE IF EXISTS temp.merge_credit_pairs;
             CREATE TEMP TABLE merge_credit_pairs AS
                SELECT o.id AS id FROM temp.merge_in_organization o
                JOIN main.organization m ON m.credit_code = o.credit_code AND m.id <> o.id
                UNION SELECT m.id FROM temp.merge_in_organization o
                JOIN main.organization m ON m.credit_code = o.credit_code AND m.id <> o.id;",
        )?;
        for e in Entity::ALL {
            self.unstage_known(e)?;
        }
        self.plain_interests = self.set_plain_interests_aside()?;
        Ok(())
    }

    /// Leaves out the staged rows whose whole history this file already has: older
    /// versions of records changed here since the desk copied the file (after a merge of
    /// another desk, most of what differs is such). The rules would find the desk's
    /// history a part of this file's and keep this file's row, changing nothing; here
    /// that is found in SQL, by the audit rows' ids, for records no alias or credit code
    /// can join with another (their history is their own rows').
    fn unstage_known(&self, e: Entity) -> StoreResult<()> {
        let desk = self.desk;
        let t = e.table();
        let joinable = if e == Entity::Organization {
            "OR d.id IN (SELECT id FROM temp.merge_credit_pairs)"
        } else {
            ""
        };
        self.conn.execute(
            &format!(
                "DELETE FROM temp.merge_in_{t} WHERE id IN (
                    SELECT d.id FROM temp.merge_in_{t} d
                    WHERE EXISTS (SELECT 1 FROM main.{t} m WHERE m.id = d.id)
                      AND NOT (d.id IN (SELECT id FROM temp.merge_alias_ids WHERE entity = '{t}') {joinable})
                      AND EXISTS (SELECT 1 FROM {desk}.audit a
                                  WHERE a.entity = '{t}' AND a.entity_id = d.id AND a.action <> 'check_in')
                      AND NOT EXISTS (SELECT 1 FROM {desk}.audit a
                                      WHERE a.entity = '{t}' AND a.entity_id = d.id AND a.action <> 'check_in'
                                        AND NOT EXISTS (SELECT 1 FROM main.audit m WHERE m.id = a.id)))"
            ),
            [],
        )?;
        Ok(())
    }

    /// The staged interests that meet no record: new here by id and by enterprise ×
    /// achievement, pointing at records that neither file's aliases nor this merge can
    /// join with another (achievements are joined only through aliases; organizations
    /// also by credit code), and in no conflict. The rules would bring each in unchanged and count it as added, so
    /// they go straight to the new interests (`new_interests`), leaving the rules, the
    /// models and the audit lookups to the records that meet. A desk's day is mostly
    /// such interests. Returns how many.
    fn set_plain_interests_aside(&self) -> StoreResult<usize> {
        let desk = self.desk;
        let list = self.list("interest", None);
        let plain = format!(
            "SELECT {list} FROM temp.merge_in_interest d
             WHERE NOT EXISTS (SELECT 1 FROM main.interest m WHERE m.id = d.id)
               AND NOT EXISTS (SELECT 1 FROM main.interest m
                               WHERE m.enterprise_id = d.enterprise_id
                                 AND m.achievement_id = d.achievement_id)
               AND d.id NOT IN (SELECT id FROM temp.merge_alias_ids WHERE entity = 'interest')
               AND d.id NOT IN (SELECT entity_id FROM main.merge_conflict WHERE entity = 'interest')
               AND d.id NOT IN (SELECT entity_id FROM {desk}.merge_conflict WHERE entity = 'interest')
               AND d.enterprise_id NOT IN (SELECT id FROM temp.merge_alias_ids WHERE entity = 'organization')
               AND d.enterprise_id NOT IN (SELECT id FROM temp.merge_credit_pairs)
               AND d.achievement_id NOT IN (SELECT id FROM temp.merge_alias_ids WHERE entity = 'achievement')"
        );
        let moved = self.conn.execute(
            &format!("INSERT INTO {} ({list}) {plain}", new_interests::TABLE),
            [],
        )?;
        if moved > 0 {
            self.conn.execute(
                &format!(
                    "DELETE FROM temp.merge_in_interest
                     WHERE id IN (SELECT id FROM {})",
                    new_interests::TABLE
                ),
                [],
            )?;
        }
        Ok(moved)
    }

    fn unstage(&self) -> StoreResult<()> {
        let mut sql = String::from(
            "DROP TABLE IF EXISTS temp.merge_alias_ids; DROP TABLE IF EXISTS temp.merge_credit_pairs;",
        );
        for e in Entity::ALL {
            sql.push_str(&format!(
                "DROP TABLE IF EXISTS temp.merge_in_{};",
                e.table()
            ));
        }
        self.conn.execute_batch(&sql)?;
        Ok(())
    }

    fn run(&mut self, ctx: &MergeContext) -> StoreResult<Outcome> {
        self.read_small()?;
        self.read_staged()?;
        self.unstage()?;
        // First guess, under the aliases both files hold.
        let mut aliases = self.target.aliases.clone();
        aliases.extend(self.incoming.aliases.clone());
        let first = required(self, &aliases, None);
        self.fetch(first)?;
        let mut rounds = 0;
        loop {
            rounds += 1;
            let reserved = self.reserved_codes()?;
            let (merged, findings) =
                resolve::merge_reserving(&self.target, &self.incoming, ctx, &reserved);
            let need = required(self, &merged.aliases, Some((&merged, &findings)));
            let grew = self.fetch(need)?;
            if !grew {
                let mut findings = findings;
                if self.plain_interests > 0 {
                    *findings.added.entry(Entity::Interest).or_default() += self.plain_interests;
                }
                return Ok(Outcome {
                    target: std::mem::take(&mut self.target),
                    merged,
                    findings,
                    rounds,
                });
            }
        }
    }

    /// Fair, aliases, conflicts, check-ins and links: small, read whole (the desk's links
    /// only where this file lacks them).
    fn read_small(&mut self) -> StoreResult<()> {
        let desk = self.desk;
        let conn = self.conn;
        for (schema, model) in [("main", &mut self.target), (self.desk, &mut self.incoming)] {
            let (uid, name) = conn.query_row(
                &format!("SELECT uid, name FROM {schema}.fair WHERE id = 1"),
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            model.fair_uid = uid;
            model.fair_name = name;
            let mut stmt = conn.prepare(&format!(
                "SELECT entity, alias_id, canonical_id FROM {schema}.merge_alias"
            ))?;
            let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
            for row in rows {
                let (key, canonical) = row?;
                model.aliases.insert(key, canonical);
            }
            for (table, into) in [
                ("merge_conflict", &mut model.conflicts),
                ("checkin", &mut model.checkins),
            ] {
                let mut stmt =
                    conn.prepare(&format!("SELECT * FROM {schema}.{table} ORDER BY rowid"))?;
                for row in query_rows(&mut stmt, [])? {
                    into.insert(row.id().to_string(), row);
                }
            }
        }
        let links = |sql: &str| -> StoreResult<BTreeSet<(String, String)>> {
            let mut stmt = conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        self.target.links =
            links("SELECT agreement_id, achievement_id FROM main.agreement_achievement")?;
        self.incoming.links = links(&format!(
            "SELECT agreement_id, achievement_id FROM {desk}.agreement_achievement
             EXCEPT SELECT agreement_id, achievement_id FROM main.agreement_achievement"
        ))?;
        Ok(())
    }

    /// The staged desk rows, and this file's rows they touch, fetched in bulk by index.
    fn read_staged(&mut self) -> StoreResult<()> {
        let desk = self.desk;
        let conn = self.conn;
        for e in Entity::ALL {
            let t = e.table();
            let mut stmt = conn.prepare(&format!("SELECT * FROM temp.merge_in_{t}"))?;
            for row in query_rows(&mut stmt, [])? {
                self.asked_incoming.add(e, "id", row.id().to_string());
                self.incoming.table_mut(e).insert(row.id().to_string(), row);
            }
            let list = self.list(t, Some("m"));
            let mut queries = vec![
                format!("SELECT {list} FROM main.{t} m WHERE m.id IN (SELECT id FROM temp.merge_in_{t})"),
                format!(
                    "SELECT {list} FROM main.{t} m WHERE m.id IN
                        (SELECT id FROM temp.merge_alias_ids WHERE entity = '{t}')"
                ),
                format!(
                    "SELECT {list} FROM main.{t} m WHERE m.id IN
                        (SELECT entity_id FROM main.merge_conflict WHERE status = 'open' AND entity = '{t}'
                         UNION SELECT entity_id FROM {desk}.merge_conflict WHERE status = 'open' AND entity = '{t}')"
                ),
            ];
            for r in e.references() {
                queries.push(format!(
                    "SELECT {list} FROM main.{t} m WHERE m.{} IN
                        (SELECT id FROM temp.merge_alias_ids WHERE entity = '{}')",
                    r.column,
                    r.target.table()
                ));
            }
            if e.code().is_some() {
                queries.push(format!(
                    "SELECT {list} FROM main.{t} m WHERE m.code IN (SELECT code FROM temp.merge_in_{t})"
                ));
            }
            match e {
                Entity::Organization => queries.push(format!(
                    "SELECT {list} FROM main.{t} m WHERE m.credit_code IN
                        (SELECT credit_code FROM temp.merge_in_{t} WHERE credit_code IS NOT NULL)"
                )),
                Entity::Interest => queries.push(format!(
                    "SELECT {list} FROM temp.merge_in_{t} d CROSS JOIN main.{t} m
                     ON m.enterprise_id = d.enterprise_id AND m.achievement_id = d.achievement_id"
                )),
                _ => {}
            }
            for sql in queries {
                let mut stmt = conn.prepare(&sql)?;
                for row in query_rows(&mut stmt, [])? {
                    self.target
                        .table_mut(e)
                        .entry(row.id().to_string())
                        .or_insert(row);
                }
            }
            // What those queries asked, so that it is not asked again one by one.
            let incoming: Vec<&Row> = self.incoming.table(e).values().collect();
            for row in incoming {
                self.asked_target.add(e, "id", row.id().to_string());
                if let Some(code) = row.text("code") {
                    self.asked_target.add(e, "code", code.to_string());
                }
                if let Some(k) = raw_key(e, row) {
                    self.asked_target.add(e, key_column(e), k);
                }
            }
        }
        for ((table, alias), canonical) in self
            .target
            .aliases
            .iter()
            .chain(self.incoming.aliases.iter())
        {
            let Some(e) = Entity::from_table(table) else {
                continue;
            };
            for id in [alias, canonical] {
                self.asked_target.add(e, "id", id.clone());
                self.asked_incoming.add(e, "id", id.clone());
                for kind in Entity::ALL {
                    for r in kind.references().iter().filter(|r| r.target == e) {
                        self.asked_target.add(kind, r.column, id.clone());
                        self.asked_incoming.add(kind, r.column, id.clone());
                    }
                }
            }
        }
        Ok(())
    }

    /// Fetches what `need` asks and was not asked before; returns whether any row was
    /// new.
    fn fetch(&mut self, need: Need) -> StoreResult<bool> {
        let mut grew = false;
        for ask in need.target {
            if self.asked_target.add(ask.0, ask.1, ask.2.clone()) {
                for row in self.lookup("main", &ask)? {
                    let table = self.target.table_mut(ask.0);
                    if !table.contains_key(row.id()) {
                        table.insert(row.id().to_string(), row);
                        grew = true;
                    }
                }
            }
        }
        for ask in need.incoming {
            if self.asked_incoming.add(ask.0, ask.1, ask.2.clone()) {
                for row in self.lookup(self.desk, &ask)? {
                    let table = self.incoming.table_mut(ask.0);
                    if !table.contains_key(row.id()) {
                        table.insert(row.id().to_string(), row);
                        grew = true;
                    }
                }
            }
        }
        let list = self.list("audit", None);
        for (e, id) in need.audit {
            if !self.asked_audit.add(e, AUDIT, id.clone()) {
                continue;
            }
            for (schema, model) in [("main", &mut self.target), (self.desk, &mut self.incoming)] {
                let mut stmt = self.conn.prepare_cached(&format!(
                    "SELECT {list} FROM {schema}.audit WHERE entity = ?1 AND entity_id = ?2"
                ))?;
                for row in query_rows(&mut stmt, [e.table(), id.as_str()])? {
                    if !model.audit.contains_key(row.id()) {
                        model.audit.insert(row.id().to_string(), AuditRow { row });
                        grew = true;
                    }
                }
            }
        }
        Ok(grew)
    }

    fn lookup(&self, schema: &str, (e, column, value): &Ask) -> StoreResult<Vec<Row>> {
        let t = e.table();
        let list = self.list(t, None);
        if *column == KEY {
            let Some((enterprise, achievement)) = value.split_once(SEP) else {
                return Ok(Vec::new());
            };
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {list} FROM {schema}.{t} WHERE enterprise_id = ?1 AND achievement_id = ?2"
            ))?;
            return query_rows(&mut stmt, [enterprise, achievement]);
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {list} FROM {schema}.{t} WHERE {column} = ?1"
        ))?;
        query_rows(&mut stmt, [value.as_str()])
    }

    /// Per kind the desk brings rows of: the codes held by this file's rows that are not
    /// in the target model.
    fn reserved_codes(&mut self) -> StoreResult<BTreeMap<Entity, HashSet<String>>> {
        let mut reserved = BTreeMap::new();
        for e in Entity::ALL {
            if e.code().is_none() || self.incoming.table(e).is_empty() {
                continue;
            }
            if !self.all_codes.contains_key(&e) {
                let mut stmt = self
                    .conn
                    .prepare(&format!("SELECT id, code FROM main.{}", e.table()))?;
                let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
                self.all_codes
                    .insert(e, rows.collect::<Result<Vec<_>, _>>()?);
            }
            let held = self.target.table(e);
            let codes: HashSet<String> = self.all_codes[&e]
                .iter()
                .filter(|(id, _)| !held.contains_key(id))
                .map(|(_, code)| code.clone())
                .collect();
            reserved.insert(e, codes);
        }
        Ok(reserved)
    }
}

/// Lookups still to make.
#[derive(Default)]
struct Need {
    target: Vec<Ask>,
    incoming: Vec<Ask>,
    audit: Vec<(Entity, String)>,
}

/// Collects the lookups the rules need, leaving out the ones already made.
struct Wants<'a> {
    asked_target: &'a Seen,
    asked_incoming: &'a Seen,
    asked_audit: &'a Seen,
    need: Need,
}

impl Wants<'_> {
    fn target(&mut self, e: Entity, column: &'static str, value: &str) {
        if !self.asked_target.has(e, column, value) {
            self.need.target.push((e, column, value.to_string()));
        }
    }

    fn incoming(&mut self, e: Entity, column: &'static str, value: &str) {
        if !self.asked_incoming.has(e, column, value) {
            self.need.incoming.push((e, column, value.to_string()));
        }
    }

    fn audit(&mut self, e: Entity, id: &str) {
        if !self.asked_audit.has(e, AUDIT, id) {
            self.need.audit.push((e, id.to_string()));
        }
    }
}

/// What the rules look at, given the aliases they end with (or the files' aliases, for
/// the first fetch), less what was already looked up.
fn required(
    n: &Narrowing<'_>,
    aliases: &BTreeMap<(String, String), String>,
    merged: Option<(&FileModel, &Findings)>,
) -> Need {
    let (target, incoming) = (&n.target, &n.incoming);
    let mut need = Wants {
        asked_target: &n.asked_target,
        asked_incoming: &n.asked_incoming,
        asked_audit: &n.asked_audit,
        need: Need::default(),
    };
    let canon = |e: Entity, id: &str| -> String {
        aliases
            .get(&(e.table().to_string(), id.to_string()))
            .cloned()
            .unwrap_or_else(|| id.to_string())
    };
    let mut members: HashMap<(Entity, String), Vec<String>> = HashMap::new();
    let mut alias_ids: HashMap<Entity, BTreeSet<String>> = HashMap::new();
    for ((table, alias), canonical) in aliases {
        if let Some(e) = Entity::from_table(table) {
            members
                .entry((e, canonical.clone()))
                .or_default()
                .push(alias.clone());
            let ids = alias_ids.entry(e).or_default();
            ids.insert(alias.clone());
            ids.insert(canonical.clone());
        }
    }
    // Every id standing for the same record as `id`, and `id` itself.
    let group = |e: Entity, id: &str| -> Vec<String> {
        let c = canon(e, id);
        let mut ids = vec![id.to_string(), c.clone()];
        if let Some(more) = members.get(&(e, c)) {
            ids.extend(more.iter().cloned());
        }
        ids
    };
    let remapped = |e: Entity, row: &Row| -> Option<String> {
        match e {
            Entity::Interest => Some(format!(
                "{}{SEP}{}",
                canon(Entity::Organization, row.str("enterprise_id")),
                canon(Entity::Achievement, row.str("achievement_id"))
            )),
            _ => raw_key(e, row),
        }
    };
    let mut labels: Vec<(Entity, &Row)> = Vec::new();
    let mut involved: Vec<(Entity, String)> = Vec::new();
    for e in Entity::ALL {
        let empty = BTreeSet::new();
        for id in alias_ids.get(&e).unwrap_or(&empty) {
            need.target(e, "id", id);
            need.incoming(e, "id", id);
        }
        for r in e.references() {
            for id in alias_ids.get(&r.target).unwrap_or(&empty) {
                need.target(e, r.column, id);
                need.incoming(e, r.column, id);
            }
        }
        let conflicts = target
            .conflicts
            .values()
            .chain(incoming.conflicts.values())
            .chain(merged.iter().flat_map(|(m, _)| m.conflicts.values()));
        for c in conflicts {
            if c.str("status") == "open" && c.str("entity") == e.table() {
                for id in group(e, c.str("entity_id")) {
                    need.target(e, "id", &id);
                }
            }
        }
        let key_asks = |row: &Row, need: &mut Wants| {
            if let Some(k) = raw_key(e, row) {
                need.target(e, key_column(e), &k);
            }
            if let Some(k) = remapped(e, row) {
                need.target(e, key_column(e), &k);
            }
        };
        if let Some((m, _)) = merged {
            for row in m.table(e).values() {
                key_asks(row, &mut need);
            }
        }
        // Which incoming rows meet a record: same id group, same key, or each other.
        let target_ids: HashSet<String> = target.table(e).keys().map(|id| canon(e, id)).collect();
        let mut target_keys: HashMap<String, Vec<&str>> = HashMap::new();
        for r in target.table(e).values() {
            if let Some(k) = remapped(e, r) {
                target_keys.entry(k).or_default().push(r.id());
            }
        }
        let mut seen_ids: HashMap<String, usize> = HashMap::new();
        let mut seen_keys: HashMap<String, usize> = HashMap::new();
        for row in incoming.table(e).values() {
            *seen_ids.entry(canon(e, row.id())).or_default() += 1;
            if let Some(k) = remapped(e, row) {
                *seen_keys.entry(k).or_default() += 1;
            }
        }
        for row in incoming.table(e).values() {
            for id in group(e, row.id()) {
                need.target(e, "id", &id);
            }
            key_asks(row, &mut need);
            if e.code().is_some()
                && let Some(code) = row.text("code")
            {
                need.target(e, "code", code);
            }
            let c = canon(e, row.id());
            let key = remapped(e, row);
            let holders = key.as_ref().and_then(|k| target_keys.get(k));
            let meets = target_ids.contains(&c)
                || seen_ids.get(&c).is_some_and(|n| *n > 1)
                || holders.is_some()
                || key
                    .as_ref()
                    .is_some_and(|k| seen_keys.get(k).is_some_and(|n| *n > 1));
            // The record here with the same key becomes one with it: its history is read
            // too (else only the aliases the rules end with would ask for it).
            for id in holders.into_iter().flatten() {
                involved.push((e, id.to_string()));
            }
            if meets {
                involved.push((e, row.id().to_string()));
                // A record that meets another may become a finding, which the report
                // names: its references' rows are fetched now rather than in a second
                // round of the rules.
                labels.push((e, row));
            }
        }
    }
    if let Some((m, f)) = merged {
        let mut found: Vec<(Entity, String)> = Vec::new();
        for u in &f.unified {
            found.push((u.entity, u.kept_id.clone()));
            found.push((u.entity, u.merged_id.clone()));
        }
        for c in &f.conflicts {
            found.push((c.entity, c.entity_id.clone()));
        }
        // A record given a new code is new here: the rules read no history for it,
        // only its references' names.
        for r in &f.recoded {
            for g in group(r.entity, &r.id) {
                for model in [m, target, incoming] {
                    if let Some(row) = model.table(r.entity).get(&g) {
                        labels.push((r.entity, row));
                    }
                }
            }
        }
        for (e, id) in found {
            for g in group(e, &id) {
                for model in [m, target, incoming] {
                    if let Some(row) = model.table(e).get(&g) {
                        labels.push((e, row));
                    }
                }
            }
            involved.push((e, id));
        }
    }
    for (e, id) in involved {
        for g in group(e, &id) {
            need.audit(e, &g);
        }
    }
    for (e, row) in labels {
        let refs: &[(&str, Entity)] = match e {
            Entity::Interest | Entity::Meeting => &[
                ("enterprise_id", Entity::Organization),
                ("achievement_id", Entity::Achievement),
            ],
            Entity::Agreement => &[("buyer_id", Entity::Organization)],
            _ => &[],
        };
        for (column, kind) in refs {
            if let Some(id) = row.text(column) {
                need.target(*kind, "id", id);
                need.target(*kind, "id", &canon(*kind, id));
            }
        }
    }
    need.need
}

/// The natural key of a row as stored (an interest's ids as they are in the row).
fn raw_key(e: Entity, row: &Row) -> Option<String> {
    match e {
        Entity::Interest => Some(format!(
            "{}{SEP}{}",
            row.str("enterprise_id"),
            row.str("achievement_id")
        )),
        _ => e
            .natural_key()
            .and_then(|column| row.text(column))
            .map(str::to_string),
    }
}

fn key_column(e: Entity) -> &'static str {
    match e {
        Entity::Interest => KEY,
        _ => e.natural_key().unwrap_or("id"),
    }
}

/// A table's columns (the name is a constant of ours).
fn columns(conn: &Connection, table: &str) -> StoreResult<Vec<String>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT name FROM pragma_table_info('{table}', 'main')"
    ))?;
    let names = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(names)
}

fn column_list(columns: &[String], alias: Option<&str>) -> String {
    columns
        .iter()
        .map(|c| match alias {
            Some(a) => format!("{a}.\"{c}\" AS \"{c}\""),
            None => format!("\"{c}\""),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
