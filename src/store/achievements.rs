//! Achievements: create, edit, withdraw, read.
use crate::domain::achievement::{
    Achievement, AchievementBrief, AchievementDraft, AchievementInput,
};
use crate::domain::clock::new_id;
use crate::store::audit::{created, diff, record_many_tx, record_tx};
use crate::store::codes::claim_code;
use crate::store::organizations::require_reason;
use crate::store::rows::{json_to_list, list_to_json, money_opt};
use crate::store::{Store, StoreError, StoreResult, WriteContext, parse_time};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde_json::json;

pub(crate) const COLUMNS: &str = "id, code, title, holder_id, field, maturity, trl, patents, transfer_modes,
    asking_price_fen, summary, keywords, booth, status, status_reason, desk, created_at, updated_at";

pub(crate) fn from_row(r: &Row) -> rusqlite::Result<Achievement> {
    Ok(Achievement {
        id: r.get(0)?,
        code: r.get(1)?,
        data: AchievementDraft {
            title: r.get(2)?,
            holder_id: r.get(3)?,
            field: r.get(4)?,
            maturity: r.get(5)?,
            trl: r.get::<_, Option<i64>>(6)?.map(|t| t as u8),
            patents: json_to_list(&r.get::<_, String>(7)?),
            transfer_modes: json_to_list(&r.get::<_, String>(8)?),
            asking_price: money_opt(r.get(9)?),
            summary: r.get(10)?,
            keywords: json_to_list(&r.get::<_, String>(11)?),
            booth: r.get(12)?,
        },
        status: r.get(13)?,
        status_reason: r.get(14)?,
        desk: r.get(15)?,
        created_at: parse_time(&r.get::<_, String>(16)?),
        updated_at: parse_time(&r.get::<_, String>(17)?),
    })
}

/// Inserts a checked achievement inside the caller's transaction; returns its id.
pub fn insert_tx(
    tx: &Transaction,
    ctx: &WriteContext,
    input: &AchievementInput,
    draft: &AchievementDraft,
) -> StoreResult<String> {
    let wanted_id = crate::domain::text::clean_text(&input.id);
    if !wanted_id.is_empty()
        && tx
            .prepare_cached("SELECT 1 FROM achievement WHERE id = ?1")?
            .query_row([&wanted_id], |_| Ok(()))
            .optional()?
            .is_some()
    {
        return Ok(wanted_id);
    }
    let id = if wanted_id.is_empty() {
        new_id()
    } else {
        wanted_id
    };
    let code = claim_code(tx, "achievement", "A", 3, &input.code)?;
    tx.prepare_cached(
        "INSERT INTO achievement (id, code, title, holder_id, field, maturity, trl, patents,
            transfer_modes, asking_price_fen, summary, keywords, booth, desk, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
    )?
    .execute(params![
            id,
            code,
            draft.title,
            draft.holder_id,
            draft.field,
            draft.maturity,
            draft.trl,
            list_to_json(&draft.patents),
            list_to_json(&draft.transfer_modes),
            draft.asking_price.map(|m| m.fen()),
            draft.summary,
            list_to_json(&draft.keywords),
            draft.booth,
            ctx.desk,
            ctx.now_text()
        ],
    )?;
    record_tx(tx, ctx, "achievement", &id, "create", &created(draft))?;
    Ok(id)
}

/// Rows per multi-row `INSERT` in [`AchievementBatch`]. A statement that may fail
/// half-way keeps a copy of every page it changes for its own rollback; one statement
/// per row copied the same dozen pages (the table, its indexes, the counters) again for
/// every row, which was an eighth of an import's instructions. 500 rows a statement
/// (6,502 parameters) copied a third as much as 100 did: rows land on random pages of
/// the title and holder indexes, and fewer statements copy each such page fewer times.
const ROWS_PER_INSERT: usize = 500;

/// Parameters of one row in the batch `INSERT`; the desk and the time are shared.
const PARAMS_PER_ROW: usize = 13;

struct PendingAchievement<'a> {
    id: String,
    code: String,
    draft: &'a AchievementDraft,
}

/// The triggers that only count a new achievement (migrations 0007, 0008 and 0011): a
/// batch sets them aside while its rows go in and counts its rows once at the end, as
/// `fairdesk gen` does with the interests' counting trigger (`store::bulk`).
const COUNTING_TRIGGERS: [&str; 3] = [
    "achievement_counted",
    "search_achievement_added",
    "achievement_generation_added",
];

/// Many checked achievements written in the caller's transaction, as an import writes
/// them: each pushed row's code is claimed at once (so a refused code names its row),
/// the rows go in with multi-row statements, their audit rows likewise, and the
/// counters the per-row triggers would move are moved once, for all rows, by
/// [`AchievementBatch::finish`]. The stored rows, counters and audit rows are those
/// [`insert_tx`] writes one by one. Other desks cannot write meanwhile (the caller's
/// transaction holds the write lock) nor see the triggers missing (they read the file
/// as of their own transaction); a transaction that fails before `finish` rolls the
/// triggers back with the rest.
pub struct AchievementBatch<'a> {
    pending: Vec<PendingAchievement<'a>>,
    /// Codes given to rows of this batch, written or not yet.
    claimed: std::collections::HashSet<String>,
    /// The definitions of the counting triggers set aside, put back by `finish`.
    set_aside: Vec<String>,
    /// Rows written per field and per holder (every new row is active), for the
    /// counters, and in all.
    per_field: std::collections::HashMap<String, i64>,
    per_holder: std::collections::HashMap<String, i64>,
    written: i64,
}

impl<'a> AchievementBatch<'a> {
    /// Starts a batch in `tx`, setting the counting triggers aside. The batch must be
    /// finished in the same transaction, or the transaction rolled back.
    pub fn start(tx: &Transaction) -> StoreResult<AchievementBatch<'a>> {
        let mut set_aside = Vec::with_capacity(COUNTING_TRIGGERS.len());
        let mut stmt = tx.prepare_cached(
            "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1 AND tbl_name = 'achievement'",
        )?;
        for name in COUNTING_TRIGGERS {
            if let Some(sql) = stmt
                .query_row([name], |r| r.get::<_, String>(0))
                .optional()?
            {
                set_aside.push(sql);
            }
        }
        drop(stmt);
        // All or none: a file without one of them is left to its own triggers.
        if set_aside.len() == COUNTING_TRIGGERS.len() {
            for name in COUNTING_TRIGGERS {
                // Our own constant names, never user text.
                tx.execute_batch(&format!("DROP TRIGGER {name}"))?;
            }
        } else {
            set_aside.clear();
        }
        Ok(AchievementBatch {
            pending: Vec::with_capacity(ROWS_PER_INSERT),
            claimed: std::collections::HashSet::new(),
            set_aside,
            per_field: std::collections::HashMap::new(),
            per_holder: std::collections::HashMap::new(),
            written: 0,
        })
    }

    /// Writes the rows still queued, moves the counters for every row of the batch and
    /// puts the counting triggers back as they were.
    pub fn finish(mut self, tx: &Transaction, ctx: &WriteContext) -> StoreResult<()> {
        self.flush(tx, ctx)?;
        if self.set_aside.is_empty() {
            return Ok(());
        }
        // What `achievement_counted`, `search_achievement_added` and
        // `achievement_generation_added` do per row, for all rows at once.
        let mut field = tx.prepare_cached(
            "INSERT INTO achievement_tally (dimension, key, n) VALUES ('field', ?1, ?2)
             ON CONFLICT (dimension, key) DO UPDATE SET n = n + excluded.n",
        )?;
        for (key, n) in &self.per_field {
            field.execute(params![key, n])?;
        }
        let mut holder = tx.prepare_cached(
            "INSERT INTO holder_count (holder_id, n) VALUES (?1, ?2)
             ON CONFLICT (holder_id) DO UPDATE SET n = n + excluded.n",
        )?;
        for (key, n) in &self.per_holder {
            holder.execute(params![key, n])?;
        }
        if self.written > 0 {
            tx.prepare_cached(
                "UPDATE search_generation SET n = n + ?1 WHERE kind = 'achievement'",
            )?
            .execute([self.written])?;
            tx.prepare_cached(
                "UPDATE change_generation SET n = n + ?1 WHERE kind = 'achievement'",
            )?
            .execute([self.written])?;
        }
        for sql in &self.set_aside {
            tx.execute_batch(sql)?;
        }
        Ok(())
    }

    /// Whether `code` went to a row of this batch (a fresh code must skip it).
    pub fn is_claimed(&self, code: &str) -> bool {
        self.claimed.contains(code)
    }

    /// Claims the row's code (given, free in the table and in the batch, or refused as
    /// [`insert_tx`] refuses it) and queues the row; returns the code. A row whose given
    /// id is already stored is skipped, as [`insert_tx`] skips it.
    pub fn push(
        &mut self,
        tx: &Transaction,
        ctx: &WriteContext,
        input: &AchievementInput,
        draft: &'a AchievementDraft,
    ) -> StoreResult<String> {
        let wanted_id = crate::domain::text::clean_text(&input.id);
        if !wanted_id.is_empty() {
            // Rare (a retried write); rows before it are written first so it is found.
            self.flush(tx, ctx)?;
            if tx
                .prepare_cached("SELECT 1 FROM achievement WHERE id = ?1")?
                .query_row([&wanted_id], |_| Ok(()))
                .optional()?
                .is_some()
            {
                return Ok(crate::domain::text::clean_text(&input.code));
            }
        }
        let wanted_code = crate::domain::text::clean_text(&input.code);
        if !wanted_code.is_empty() && self.claimed.contains(&wanted_code) {
            return Err(crate::domain::error::FieldErrors::from(
                crate::domain::error::FieldError::new(
                    "code",
                    crate::domain::error::Problem::Duplicate {
                        existing: wanted_code,
                    },
                ),
            )
            .into());
        }
        let code = claim_code(tx, "achievement", "A", 3, &wanted_code)?;
        self.claimed.insert(code.clone());
        let id = if wanted_id.is_empty() {
            new_id()
        } else {
            wanted_id
        };
        self.pending.push(PendingAchievement {
            id,
            code: code.clone(),
            draft,
        });
        if self.pending.len() == ROWS_PER_INSERT {
            self.flush(tx, ctx)?;
        }
        Ok(code)
    }

    /// Writes the queued rows and their audit rows.
    fn flush(&mut self, tx: &Transaction, ctx: &WriteContext) -> StoreResult<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        if !self.set_aside.is_empty() {
            for row in &self.pending {
                *self.per_field.entry(row.draft.field.clone()).or_default() += 1;
                *self
                    .per_holder
                    .entry(row.draft.holder_id.clone())
                    .or_default() += 1;
            }
            self.written += self.pending.len() as i64;
        }
        let now = ctx.now_text();
        let sql = if self.pending.len() == ROWS_PER_INSERT {
            static FULL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
            std::borrow::Cow::Borrowed(FULL.get_or_init(|| batch_insert_sql(ROWS_PER_INSERT)))
        } else {
            std::borrow::Cow::Owned(batch_insert_sql(self.pending.len()))
        };
        let mut stmt = tx.prepare_cached(&sql)?;
        stmt.raw_bind_parameter(1, ctx.desk)?;
        stmt.raw_bind_parameter(2, &now)?;
        for (i, row) in self.pending.iter().enumerate() {
            let first = 3 + i * PARAMS_PER_ROW;
            let draft = row.draft;
            stmt.raw_bind_parameter(first, &row.id)?;
            stmt.raw_bind_parameter(first + 1, &row.code)?;
            stmt.raw_bind_parameter(first + 2, &draft.title)?;
            stmt.raw_bind_parameter(first + 3, &draft.holder_id)?;
            stmt.raw_bind_parameter(first + 4, &draft.field)?;
            stmt.raw_bind_parameter(first + 5, &draft.maturity)?;
            stmt.raw_bind_parameter(first + 6, draft.trl)?;
            stmt.raw_bind_parameter(first + 7, list_to_json(&draft.patents))?;
            stmt.raw_bind_parameter(first + 8, list_to_json(&draft.transfer_modes))?;
            stmt.raw_bind_parameter(first + 9, draft.asking_price.map(|m| m.fen()))?;
            stmt.raw_bind_parameter(first + 10, &draft.summary)?;
            stmt.raw_bind_parameter(first + 11, list_to_json(&draft.keywords))?;
            stmt.raw_bind_parameter(first + 12, &draft.booth)?;
        }
        stmt.raw_execute()?;
        drop(stmt);
        let audit: Vec<(&str, String)> = self
            .pending
            .iter()
            .map(|row| (row.id.as_str(), created_json(row.draft)))
            .collect();
        record_many_tx(tx, ctx, "achievement", "create", &audit)?;
        self.pending.clear();
        Ok(())
    }
}

/// `INSERT … VALUES (…), (…)` for `rows` achievements: `?1` the desk, `?2` the time,
/// then [`PARAMS_PER_ROW`] parameters a row.
fn batch_insert_sql(rows: usize) -> String {
    let mut sql = String::from(
        "INSERT INTO achievement (id, code, title, holder_id, field, maturity, trl, patents,
            transfer_modes, asking_price_fen, summary, keywords, booth, desk, created_at,
            updated_at) VALUES ",
    );
    for i in 0..rows {
        let first = 3 + i * PARAMS_PER_ROW;
        if i > 0 {
            sql.push(',');
        }
        sql.push('(');
        for p in first..first + PARAMS_PER_ROW {
            use std::fmt::Write;
            let _ = write!(sql, "?{p},");
        }
        sql.push_str("?1,?2,?2)");
    }
    sql
}

/// The audit text of a created achievement, written directly: what
/// `created(draft).to_string()` gives (fields by name, `[null, value]`, absent ones left
/// out), without building a `serde_json` map twice per row.
pub(crate) fn created_json(draft: &AchievementDraft) -> String {
    let mut out = String::with_capacity(256 + draft.summary.as_ref().map_or(0, String::len));
    out.push('{');
    let mut entry = |name: &str, value: JsonValue| {
        if out.len() > 1 {
            out.push(',');
        }
        out.push('"');
        out.push_str(name);
        out.push_str("\":[null,");
        match value {
            JsonValue::Text(text) => push_json_string(&mut out, text),
            JsonValue::Number(n) => out.push_str(&n.to_string()),
            JsonValue::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    push_json_string(&mut out, item);
                }
                out.push(']');
            }
        }
        out.push(']');
    };
    // In name order, as a `serde_json` map (a sorted map) writes them.
    if let Some(price) = draft.asking_price {
        entry("asking_price", JsonValue::Number(price.fen()));
    }
    if let Some(booth) = &draft.booth {
        entry("booth", JsonValue::Text(booth));
    }
    entry("field", JsonValue::Text(&draft.field));
    entry("holder_id", JsonValue::Text(&draft.holder_id));
    entry("keywords", JsonValue::List(&draft.keywords));
    if let Some(maturity) = &draft.maturity {
        entry("maturity", JsonValue::Text(maturity));
    }
    entry("patents", JsonValue::List(&draft.patents));
    if let Some(summary) = &draft.summary {
        entry("summary", JsonValue::Text(summary));
    }
    entry("title", JsonValue::Text(&draft.title));
    entry("transfer_modes", JsonValue::List(&draft.transfer_modes));
    if let Some(trl) = draft.trl {
        entry("trl", JsonValue::Number(i64::from(trl)));
    }
    out.push('}');
    out
}

/// A field's value in [`created_json`].
enum JsonValue<'a> {
    Text(&'a str),
    Number(i64),
    List(&'a [String]),
}

/// Appends `text` as a JSON string, escaped as `serde_json` escapes it: `"` and `\`,
/// the short forms `\b \f \n \r \t`, other controls below U+0020 as `\u00XX`.
fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    // Most texts need no escape: checked without stopping early, so it runs wide.
    let needs_escape = text.bytes().fold(false, |any, b| {
        any | (b < 0x20) | (b == b'"') | (b == b'\\')
    });
    if !needs_escape {
        out.push_str(text);
        out.push('"');
        return;
    }
    let mut plain = 0;
    for (i, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[plain..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[usize::from(byte >> 4)] as char);
            out.push(HEX[usize::from(byte & 0xf)] as char);
        } else {
            out.push_str(escape);
        }
        plain = i + 1;
    }
    out.push_str(&text[plain..]);
    out.push('"');
}

impl Store {
    pub fn create_achievement(&mut self, input: &AchievementInput) -> StoreResult<Achievement> {
        let draft = input.validate(self)?;
        let id = self.write(|tx, ctx| insert_tx(tx, ctx, input, &draft))?;
        self.achievement(&id)
    }

    pub fn update_achievement(
        &mut self,
        id: &str,
        input: &AchievementInput,
    ) -> StoreResult<Achievement> {
        let draft = input.validate(self)?;
        let old = self.achievement(id)?;
        self.write(|tx, ctx| {
            let changes = diff(&old.data, &draft);
            if changes.as_object().is_some_and(|c| c.is_empty()) {
                return Ok(());
            }
            tx.execute(
                "UPDATE achievement SET title = ?2, holder_id = ?3, field = ?4, maturity = ?5,
                    trl = ?6, patents = ?7, transfer_modes = ?8, asking_price_fen = ?9,
                    summary = ?10, keywords = ?11, booth = ?12, updated_at = ?13
                 WHERE id = ?1",
                params![
                    id,
                    draft.title,
                    draft.holder_id,
                    draft.field,
                    draft.maturity,
                    draft.trl,
                    list_to_json(&draft.patents),
                    list_to_json(&draft.transfer_modes),
                    draft.asking_price.map(|m| m.fen()),
                    draft.summary,
                    list_to_json(&draft.keywords),
                    draft.booth,
                    ctx.now_text()
                ],
            )?;
            record_tx(tx, ctx, "achievement", id, "update", &changes)
        })?;
        self.achievement(id)
    }

    /// Withdraws an achievement from the fair; it is never deleted.
    pub fn withdraw_achievement(&mut self, id: &str, reason: &str) -> StoreResult<()> {
        let reason = require_reason(reason)?;
        let old = self.achievement(id)?;
        self.write(|tx, ctx| {
            tx.execute(
                "UPDATE achievement SET status = 'withdrawn', status_reason = ?2, updated_at = ?3
                 WHERE id = ?1",
                params![id, reason, ctx.now_text()],
            )?;
            record_tx(
                tx,
                ctx,
                "achievement",
                id,
                "withdraw",
                &json!({"status": [old.status, "withdrawn"], "reason": [null, reason]}),
            )
        })
    }

    pub fn achievement(&self, id: &str) -> StoreResult<Achievement> {
        self.conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM achievement WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "achievement",
                reference: id.to_string(),
            })
    }

    /// Every achievement, by code; withdrawn ones only when asked.
    pub fn achievements(&self, include_withdrawn: bool) -> StoreResult<Vec<Achievement>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM achievement WHERE ?1 OR status = 'active' ORDER BY code"
        ))?;
        let rows = stmt.query_map([include_withdrawn], from_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

/// One shared copy of each repeated text.
#[derive(Default)]
struct Interner(std::collections::HashSet<std::sync::Arc<str>>);

impl Interner {
    fn get(&mut self, text: &str) -> std::sync::Arc<str> {
        if let Some(shared) = self.0.get(text) {
            return shared.clone();
        }
        let shared: std::sync::Arc<str> = text.into();
        self.0.insert(shared.clone());
        shared
    }
}

impl Store {
    /// Every achievement in brief, by code, with its number of interests.
    pub fn achievement_briefs(&self) -> StoreResult<Vec<AchievementBrief>> {
        // The table is read in its own order and sorted here, and the interest counts
        // are read apart and matched by id: both are cheaper than an index lookup per
        // row (100,000 rows on a large fair).
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, code, title, holder_id, field, maturity, asking_price_fen, keywords,
                    booth, status
             FROM achievement",
        )?;
        let mut shared = Interner::default();
        let mut rows = stmt.query([])?;
        let mut briefs = Vec::new();
        while let Some(r) = rows.next()? {
            let text = |i: usize| -> rusqlite::Result<&str> { Ok(r.get_ref(i)?.as_str()?) };
            briefs.push(AchievementBrief {
                id: r.get(0)?,
                code: r.get(1)?,
                title: r.get(2)?,
                holder_id: shared.get(text(3)?),
                field: shared.get(text(4)?),
                maturity: r.get::<_, Option<String>>(5)?.map(|m| shared.get(&m)),
                asking_price: money_opt(r.get(6)?),
                keywords: json_to_list(text(7)?).join(" "),
                booth: r.get(8)?,
                status: shared.get(text(9)?),
                interests: 0,
            });
        }
        briefs.sort_unstable_by(|a, b| a.code.cmp(&b.code));
        self.count_interests(&mut briefs)?;
        Ok(briefs)
    }

    /// Sets each brief's number of interests from the counters.
    pub fn count_interests(&self, briefs: &mut [AchievementBrief]) -> StoreResult<()> {
        // By hash, not by a binary search over the ids: 100,000 searches of 17 steps,
        // each reading another brief's id, cost more than the map (with a fast hash: the
        // ids are our own, not an attacker's).
        let position: foldhash::HashMap<&str, usize> = briefs
            .iter()
            .enumerate()
            .map(|(i, b)| (b.id.as_str(), i))
            .collect();
        let mut found = Vec::with_capacity(briefs.len());
        let mut counts = self
            .conn()
            .prepare_cached("SELECT achievement_id, n FROM interest_count WHERE n > 0")?;
        let mut rows = counts.query([])?;
        while let Some(r) = rows.next()? {
            let Ok(id) = r.get_ref(0)?.as_str() else {
                continue;
            };
            if let Some(&i) = position.get(id) {
                found.push((i, r.get::<_, i64>(1)?.clamp(0, u32::MAX as i64) as u32));
            }
        }
        drop(position);
        for brief in briefs.iter_mut() {
            brief.interests = 0;
        }
        for (i, n) in found {
            briefs[i].interests = n;
        }
        Ok(())
    }

    /// The achievement table's change counter: it moves with every insert, update or
    /// delete (migration 0011), so briefs read at the same value are still current.
    pub fn achievement_generation(&self) -> StoreResult<i64> {
        Ok(self
            .conn()
            .prepare_cached("SELECT n FROM change_generation WHERE kind = 'achievement'")?
            .query_row([], |r| r.get(0))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::achievement::AchievementInput;
    use crate::domain::organization::OrganizationInput;
    use crate::store::test_support::store;

    #[test]
    fn achievements_are_withdrawn_never_deleted() {
        let mut s = store();
        s.create_organization(&OrganizationInput {
            name: "内蒙古大学".into(),
            kind: "university".into(),
            ..Default::default()
        })
        .unwrap();
        let a = s
            .create_achievement(&AchievementInput {
                title: "胡芪降脂胶囊".into(),
                holder: "内蒙古大学".into(),
                field: "蒙医药".into(),
                asking_price: "300万".into(),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(a.code, "A001");
        let deleted = s
            .conn()
            .execute("DELETE FROM achievement WHERE id = ?1", [&a.id]);
        assert!(deleted.is_err(), "the trigger refuses deletes");
        s.withdraw_achievement(&a.id, "持有单位撤展").unwrap();
        assert!(s.achievements(false).unwrap().is_empty());
        assert_eq!(s.achievements(true).unwrap()[0].status, "withdrawn");
    }

    #[test]
    fn an_edit_of_the_price_is_audited() {
        let mut s = store();
        s.create_organization(&OrganizationInput {
            name: "内蒙古大学".into(),
            kind: "university".into(),
            ..Default::default()
        })
        .unwrap();
        let a = s
            .create_achievement(&AchievementInput {
                title: "胡芪降脂胶囊".into(),
                holder: "内蒙古大学".into(),
                field: "蒙医药".into(),
                ..Default::default()
            })
            .unwrap();
        let mut input = a.data.to_input("内蒙古大学");
        input.asking_price = "12.5万".into();
        let b = s.update_achievement(&a.id, &input).unwrap();
        assert_eq!(b.data.asking_price.map(|m| m.fen()), Some(12_500_000));
        let h = crate::store::audit::history(s.conn(), "achievement", &a.id).unwrap();
        assert_eq!(h.last().unwrap().changes["asking_price"][1], 12_500_000);
    }

    #[test]
    fn the_change_counter_moves_with_achievements_and_not_with_interests() {
        let mut s = store();
        let before = s.achievement_generation().unwrap();
        let holder = s
            .create_organization(&OrganizationInput {
                name: "内蒙古大学".into(),
                kind: "university".into(),
                ..Default::default()
            })
            .unwrap();
        let buyer = s
            .create_organization(&OrganizationInput {
                name: "包头稀土企业".into(),
                kind: "enterprise".into(),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(s.achievement_generation().unwrap(), before);
        let a = s
            .create_achievement(&AchievementInput {
                title: "稀土永磁材料".into(),
                holder: holder.id.clone(),
                field: "新材料".into(),
                ..Default::default()
            })
            .unwrap();
        let added = s.achievement_generation().unwrap();
        assert!(added > before);
        s.log_interest(&crate::domain::interest::InterestInput {
            enterprise: buyer.id,
            achievement: a.id.clone(),
            level: "咨询".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(s.achievement_generation().unwrap(), added);
        let mut input = a.data.to_input("内蒙古大学");
        input.booth = "B-07".into();
        s.update_achievement(&a.id, &input).unwrap();
        assert!(s.achievement_generation().unwrap() > added);
    }

    fn draft(title: &str, summary: Option<&str>) -> AchievementDraft {
        AchievementDraft {
            title: title.into(),
            holder_id: "01a22515-17e9-755f-88ed-b2bb7dd64dd7".into(),
            field: "稀土".into(),
            maturity: None,
            trl: None,
            patents: Vec::new(),
            transfer_modes: Vec::new(),
            asking_price: None,
            summary: summary.map(str::to_string),
            keywords: Vec::new(),
            booth: None,
        }
    }

    #[test]
    fn the_direct_audit_text_is_what_the_serde_map_writes() {
        let bare = draft("稀土永磁", None);
        let mut full = draft(
            "带\"引号\"和\\反斜杠\t制表\u{1}\u{1f}\u{7f}\u{8}\u{c}",
            Some("第一行\r\n第二行\n\u{2028}“中文”</script>"),
        );
        full.maturity = Some("中试".into());
        full.trl = Some(9);
        full.patents = vec!["ZL201421716548.6".into(), "\"".into()];
        full.transfer_modes = vec!["转让".into(), "许可".into()];
        full.asking_price = Some(crate::domain::money::Money::parse("1.5亿").unwrap());
        full.keywords = vec!["稀土".into(), String::new()];
        full.booth = Some("A-10".into());
        let mut zero = draft("", Some(""));
        zero.asking_price = Some(crate::domain::money::Money::parse("0").unwrap());
        zero.trl = Some(1);
        for d in [bare, full, zero] {
            assert_eq!(created_json(&d), created(&d).to_string());
        }
    }

    fn holder(s: &mut Store) -> String {
        s.create_organization(&OrganizationInput {
            name: "内蒙古大学".into(),
            kind: "university".into(),
            ..Default::default()
        })
        .unwrap()
        .id
    }

    #[test]
    fn a_batch_writes_what_one_insert_at_a_time_writes() {
        let mut one = store();
        let mut many = store();
        let drafts: Vec<AchievementDraft> = (0..2 * ROWS_PER_INSERT + 17)
            .map(|i| {
                let mut d = draft(&format!("成果{i}"), (i % 3 == 0).then_some("简介"));
                d.asking_price =
                    (i % 2 == 0).then(|| crate::domain::money::Money::parse("12万").unwrap());
                d.field = ["稀土", "新材料", "蒙医药"][i % 3].into();
                d
            })
            .collect();
        for (batched, s) in [(false, &mut one), (true, &mut many)] {
            let id = holder(s);
            let drafts: Vec<AchievementDraft> = drafts
                .iter()
                .map(|d| AchievementDraft {
                    holder_id: id.clone(),
                    ..d.clone()
                })
                .collect();
            s.write(|tx, ctx| {
                let input = |i: usize| AchievementInput {
                    code: format!("A{:03}", i + 1),
                    ..Default::default()
                };
                if !batched {
                    for (i, d) in drafts.iter().enumerate() {
                        insert_tx(tx, ctx, &input(i), d)?;
                    }
                    return Ok(());
                }
                let mut batch = AchievementBatch::start(tx)?;
                for (i, d) in drafts.iter().enumerate() {
                    batch.push(tx, ctx, &input(i), d)?;
                }
                batch.finish(tx, ctx)
            })
            .unwrap();
        }
        let rows = |s: &Store, sql: &str| -> Vec<String> {
            let mut stmt = s.conn().prepare(sql).unwrap();
            stmt.query_map([], |r| r.get::<_, String>(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        for sql in [
            "SELECT json_array(code, title, field, maturity, trl, patents, transfer_modes,
                asking_price_fen, summary, keywords, booth, status, desk) FROM achievement
             ORDER BY rowid",
            "SELECT json_array(entity, action, desk, (SELECT code FROM achievement a
                WHERE a.id = entity_id), replace(changes, (SELECT id FROM organization), 'H'))
             FROM audit WHERE entity <> 'fair' ORDER BY rowid",
            "SELECT json_array(dimension, key, n) FROM achievement_tally ORDER BY key",
            "SELECT json_array(n) FROM holder_count",
            "SELECT json_array(kind, n) FROM change_generation ORDER BY kind",
            "SELECT json_array(kind, n) FROM search_generation ORDER BY kind",
            "SELECT json_array(name, tbl_name, sql) FROM sqlite_schema WHERE type = 'trigger'
             ORDER BY name",
        ] {
            let (a, b) = (rows(&one, sql), rows(&many, sql));
            let first_difference = a.iter().zip(&b).position(|(x, y)| x != y);
            assert_eq!(first_difference, None, "{sql}");
            assert_eq!(a.len(), b.len(), "{sql}");
        }
        assert_eq!(
            rows(&many, "SELECT code FROM achievement").len(),
            2 * ROWS_PER_INSERT + 17
        );
    }

    #[test]
    fn a_batch_refuses_a_code_taken_in_the_table_or_by_an_earlier_row() {
        let mut s = store();
        let id = holder(&mut s);
        let d = AchievementDraft {
            holder_id: id,
            ..draft("成果", None)
        };
        s.create_achievement(&AchievementInput {
            code: "A007".into(),
            title: "已有".into(),
            holder: "内蒙古大学".into(),
            field: "稀土".into(),
            ..Default::default()
        })
        .unwrap();
        for (taken, earlier) in [("A007", None), ("B1", Some("B1"))] {
            let result = s.write(|tx, ctx| {
                let mut batch = AchievementBatch::start(tx)?;
                if let Some(code) = earlier {
                    let input = AchievementInput {
                        code: code.into(),
                        ..Default::default()
                    };
                    batch.push(tx, ctx, &input, &d)?;
                    assert!(batch.is_claimed(code));
                }
                let input = AchievementInput {
                    code: format!(" {taken} "),
                    ..Default::default()
                };
                batch.push(tx, ctx, &input, &d)?;
                batch.finish(tx, ctx)
            });
            match result {
                Err(StoreError::Invalid(errors)) => {
                    assert_eq!(errors.0[0].field, "code");
                }
                other => panic!("{taken}: {other:?}"),
            }
        }
        assert_eq!(
            s.achievements(true).unwrap().len(),
            1,
            "nothing of a refused batch is written"
        );
        let triggers: i64 = s
            .conn()
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'
                 AND name IN ('achievement_counted', 'search_achievement_added',
                              'achievement_generation_added')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            triggers, 3,
            "the counting triggers are back after a refused batch"
        );
    }
}
