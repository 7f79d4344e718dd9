//! Short human codes (A001, O012, S21 …) for display; ids stay the real keys.
use crate::domain::error::{FieldErrors, Problem};
use crate::store::StoreResult;
use rusqlite::{OptionalExtension, Transaction, params};

/// The next free code `PREFIX + number` in `table`, at least `width` digits. The
/// highest code is found through the `(length(code), code)` index, not by a scan.
pub fn next_code(tx: &Transaction, table: &str, prefix: &str, width: usize) -> StoreResult<String> {
    // `table` is always one of our own table names, never user text.
    let sql = format!(
        "SELECT code FROM {table} WHERE code GLOB ?1 ORDER BY length(code) DESC, code DESC LIMIT 1"
    );
    let pattern = format!("{prefix}[0-9]*");
    let last: Option<String> = tx
        .query_row(&sql, params![pattern], |r| r.get(0))
        .optional()?;
    let max = last
        .and_then(|code| code[prefix.len()..].parse::<i64>().ok())
        .unwrap_or(0);
    let next = max + 1;
    Ok(format!("{prefix}{next:0width$}"))
}

/// Uses the given code when free, or makes the next one.
pub fn claim_code(
    tx: &Transaction,
    table: &str,
    prefix: &str,
    width: usize,
    wanted: &str,
) -> StoreResult<String> {
    let wanted = crate::domain::text::clean_text(wanted);
    if wanted.is_empty() {
        return next_code(tx, table, prefix, width);
    }
    let sql = format!("SELECT 1 FROM {table} WHERE code = ?1");
    let taken = tx
        .prepare_cached(&sql)?
        .query_row(params![wanted], |_| Ok(()))
        .optional()?
        .is_some();
    if taken {
        let mut errors = FieldErrors::default();
        errors.push(
            "code",
            Problem::Duplicate {
                existing: wanted.clone(),
            },
        );
        return Err(errors.into());
    }
    Ok(wanted)
}
