//! Many achievements written at once, as an import writes them: multi-row statements
//! for the rows and their audit rows, the counting triggers set aside for the batch.
use crate::domain::achievement::{AchievementDraft, AchievementInput};
use crate::domain::clock::new_id;
use crate::store::audit::record_many_tx;
use crate::store::bulk::{put_triggers_back, set_triggers_aside};
use crate::store::codes::claim_code;
use crate::store::rows::list_to_json;
use crate::store::{StoreResult, WriteContext};
use rusqlite::{OptionalExtension, Transaction, params};

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
///
/// [`insert_tx`]: crate::store::achievements::insert_tx
pub struct AchievementBatch<'a> {
    pending: Vec<PendingAchievement<'a>>,
    /// Codes given to rows of this batch, written or not yet.
    claimed: std::collections::HashSet<String>,
    /// Every code pushed was found free in the table as it still is, so only the
    /// batch's own codes need checking.
    codes_checked: bool,
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
    /// `codes_checked`: the caller found every code it will push free in the table and
    /// nothing was written to the file since (an import whose checks ran against the
    /// file as it still is), so a code is not looked up in the table again.
    pub fn start(tx: &Transaction, codes_checked: bool) -> StoreResult<AchievementBatch<'a>> {
        let set_aside = set_triggers_aside(tx, &COUNTING_TRIGGERS)?;
        Ok(AchievementBatch {
            pending: Vec::with_capacity(ROWS_PER_INSERT),
            claimed: std::collections::HashSet::new(),
            codes_checked,
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
        put_triggers_back(tx, &self.set_aside)
    }

    /// Whether `code` went to a row of this batch (a fresh code must skip it).
    pub fn is_claimed(&self, code: &str) -> bool {
        self.claimed.contains(code)
    }

    /// Claims the row's code (given, free in the table and in the batch, or refused as
    /// [`insert_tx`] refuses it) and queues the row; returns the code. A row whose given
    /// id is already stored is skipped, as [`insert_tx`] skips it.
    ///
    /// [`insert_tx`]: crate::store::achievements::insert_tx
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
        let code = if self.codes_checked && !wanted_code.is_empty() {
            wanted_code
        } else {
            claim_code(tx, "achievement", "A", 3, &wanted_code)?
        };
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::organization::OrganizationInput;
    use crate::store::achievements::insert_tx;
    use crate::store::audit::created;
    use crate::store::test_support::store;
    use crate::store::{Store, StoreError};

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
                let mut batch = AchievementBatch::start(tx, false)?;
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
                let mut batch = AchievementBatch::start(tx, false)?;
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
