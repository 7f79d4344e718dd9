//! JSON: a complete, versioned dump of the fair, every table (audit included) row by row
//! exactly as stored, so restoring it into an empty file reproduces the fair: ids, codes,
//! desks, timestamps, statuses and audit rows alike. `fairdesk import json` reads it.
use crate::domain::lang::Lang;
use crate::export::json_rows::{DumpRows, RowPlan};
use crate::export::masking::Masking;
use crate::export::writeback::WritebackFile;
use crate::export::{ExportError, ExportProgress};
use crate::store::dump::RestoreError;
use crate::store::scope::ExhibitorScope;
use crate::store::{Store, StoreError};
use serde_json::{Map, Value};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

pub const FORMAT_NAME: &str = "fairdesk-dump";
pub const FORMAT_VERSION: i64 = 1;

/// Writes the dump of `store` to `path`.
pub fn write_dump(
    store: &Store,
    path: &Path,
    scope: Option<&ExhibitorScope>,
    masking: &Masking,
    progress: ExportProgress,
) -> Result<(), ExportError> {
    let io = |e: std::io::Error| ExportError::Io(path.to_path_buf(), e);
    let json = |e: serde_json::Error| ExportError::Json(e.to_string());
    crate::export::atomic::write_with(
        path,
        |temp| {
            let file = std::fs::File::create(temp).map_err(io)?;
            let mut out = BufWriter::with_capacity(1 << 16, WritebackFile::new(file));
            let header = serde_json::json!({
                "format": FORMAT_NAME,
                "format_version": FORMAT_VERSION,
                "schema_version": store.schema_version()?,
                "generator": format!("fairdesk {}", env!("CARGO_PKG_VERSION")),
                "exported_at": crate::store::time_text(store.now()),
                "masked": masking.all,
                "exhibitor": scope.map(|s| s.organization_id.clone()),
            });
            let header = serde_json::to_string_pretty(&header).map_err(json)?;
            // The header object, reopened to append the tables.
            out.write_all(header.trim_end_matches('}').trim_end().as_bytes())
                .map_err(io)?;
            out.write_all(b",\n  \"tables\": [").map_err(io)?;
            let mut rows = DumpRows::new(scope, masking);
            for (t, table) in store.dump_tables()?.iter().enumerate() {
                let separator = if t == 0 { "\n" } else { ",\n" };
                write!(out, "{separator}    {{\"name\": ").map_err(io)?;
                serde_json::to_writer(&mut out, table).map_err(json)?;
                out.write_all(b", \"rows\": [").map_err(io)?;
                let columns = store.table_columns(table)?;
                let plan = RowPlan::new(table, &columns)?;
                // The bar's length: every row of the table (one exhibitor's dump writes
                // fewer, and its bar ends early).
                let total = store.table_row_count(table)?;
                let mut written = 0usize;
                store.each_stored_row(table, &columns, |row| {
                    let separator: &[u8] = if written == 0 {
                        b"\n      "
                    } else {
                        b",\n      "
                    };
                    if rows.write(&plan, row, separator, &mut out)? {
                        written += 1;
                        if written.is_multiple_of(5000) {
                            progress(table, written, total.max(written));
                        }
                    }
                    Ok::<(), ExportError>(())
                })?;
                progress(table, written, total.max(written));
                out.write_all(if written == 0 { b"]}" } else { b"\n    ]}" })
                    .map_err(io)?;
            }
            out.write_all(b"\n  ]\n}\n").map_err(io)?;
            out.into_inner()
                .map_err(|e| io(e.into_error()))?
                .finish()
                .map_err(io)
        },
        io,
    )
}

/// A dump as read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Dump {
    pub schema_version: i64,
    pub masked: bool,
    pub exhibitor: Option<String>,
    pub tables: Vec<(String, Vec<Map<String, Value>>)>,
}

#[derive(Debug)]
pub enum DumpError {
    Io(PathBuf, std::io::Error),
    Parse(PathBuf, String),
    NotADump(PathBuf),
    NewerSchema { found: i64, supported: i64 },
    PartialDump,
    Exists(PathBuf),
    Restore(RestoreError),
}

impl From<RestoreError> for DumpError {
    fn from(e: RestoreError) -> Self {
        DumpError::Restore(e)
    }
}

impl From<StoreError> for DumpError {
    fn from(e: StoreError) -> Self {
        DumpError::Restore(RestoreError::Store(e))
    }
}

impl DumpError {
    pub fn is_bad_input(&self) -> bool {
        match self {
            DumpError::Io(..) => false,
            DumpError::Restore(RestoreError::Store(e)) => e.is_bad_input(),
            _ => true,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (DumpError::Io(p, e), Lang::Zh) => format!("无法读取 {}：{e}", p.display()),
            (DumpError::Io(p, e), Lang::En) => format!("cannot read {}: {e}", p.display()),
            (DumpError::Parse(p, e), Lang::Zh) => format!("{} 不是有效的 JSON：{e}", p.display()),
            (DumpError::Parse(p, e), Lang::En) => format!("{} is not valid JSON: {e}", p.display()),
            (DumpError::NotADump(p), Lang::Zh) => format!(
                "{} 不是 fairdesk 导出的 JSON（fairdesk export --format json）",
                p.display()
            ),
            (DumpError::NotADump(p), Lang::En) => format!(
                "{} is not a fairdesk JSON dump (fairdesk export --format json)",
                p.display()
            ),
            (DumpError::NewerSchema { found, supported }, Lang::Zh) => format!(
                "该导出由更新版本的 fairdesk 生成（结构版本 {found}，本程序支持到 {supported}），请升级 fairdesk"
            ),
            (DumpError::NewerSchema { found, supported }, Lang::En) => format!(
                "the dump was made by a newer fairdesk (schema {found}; this one knows up to {supported}); upgrade fairdesk"
            ),
            (DumpError::PartialDump, lang) => lang
                .pick(
                    "这是只含一个展方（--org）的导出，不能还原为完整的对接会",
                    "this dump holds one exhibitor only (--org) and cannot be restored as a fair",
                )
                .to_string(),
            (DumpError::Exists(p), Lang::Zh) => {
                format!(
                    "{} 中已有对接会；请还原到一个新文件（--db 新文件名）",
                    p.display()
                )
            }
            (DumpError::Exists(p), Lang::En) => format!(
                "{} already holds a fair; restore into a new file (--db NEW_FILE)",
                p.display()
            ),
            (DumpError::Restore(RestoreError::NotEmpty), lang) => lang
                .pick(
                    "目标文件中已有对接会",
                    "the target file already holds a fair",
                )
                .to_string(),
            (DumpError::Restore(RestoreError::UnknownTable(t)), Lang::Zh) => {
                format!("导出中有本程序不认识的表：{t}")
            }
            (DumpError::Restore(RestoreError::UnknownTable(t)), Lang::En) => {
                format!("the dump has a table this fairdesk does not know: {t}")
            }
            (DumpError::Restore(RestoreError::UnknownColumn { table, column }), Lang::Zh) => {
                format!("导出中的表 {table} 有本程序不认识的列：{column}")
            }
            (DumpError::Restore(RestoreError::UnknownColumn { table, column }), Lang::En) => {
                format!(
                    "the dump's table {table} has a column this fairdesk does not know: {column}"
                )
            }
            (DumpError::Restore(RestoreError::Store(e)), lang) => e.message(lang),
        }
    }
}

/// Reads a dump file.
pub fn read_dump(path: &Path) -> Result<Dump, DumpError> {
    let bytes = std::fs::read(path).map_err(|e| DumpError::Io(path.to_path_buf(), e))?;
    let value: Value = serde_json::from_slice(&bytes)
        .map_err(|e| DumpError::Parse(path.to_path_buf(), e.to_string()))?;
    let not_a_dump = || DumpError::NotADump(path.to_path_buf());
    if value.get("format").and_then(Value::as_str) != Some(FORMAT_NAME)
        || value.get("format_version").and_then(Value::as_i64) != Some(FORMAT_VERSION)
    {
        return Err(not_a_dump());
    }
    let schema_version = value
        .get("schema_version")
        .and_then(Value::as_i64)
        .ok_or_else(not_a_dump)?;
    let mut tables = Vec::new();
    for table in value
        .get("tables")
        .and_then(Value::as_array)
        .ok_or_else(not_a_dump)?
    {
        let name = table
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(not_a_dump)?;
        let rows = table
            .get("rows")
            .and_then(Value::as_array)
            .ok_or_else(not_a_dump)?
            .iter()
            .map(|r| r.as_object().cloned().ok_or_else(not_a_dump))
            .collect::<Result<Vec<_>, _>>()?;
        tables.push((name.to_string(), rows));
    }
    Ok(Dump {
        schema_version,
        masked: value
            .get("masked")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        exhibitor: value
            .get("exhibitor")
            .and_then(Value::as_str)
            .map(str::to_string),
        tables,
    })
}

/// Restores the dump at `dump_path` into `db`, which must not exist yet or hold no fair.
/// A new file is built under a temporary name and renamed when complete.
pub fn restore_file(
    dump_path: &Path,
    db: &Path,
    desk: &str,
) -> Result<Vec<(String, usize)>, DumpError> {
    let dump = read_dump(dump_path)?;
    if dump.exhibitor.is_some() {
        return Err(DumpError::PartialDump);
    }
    let supported = crate::store::migrations::latest_version();
    if dump.schema_version > supported {
        return Err(DumpError::NewerSchema {
            found: dump.schema_version,
            supported,
        });
    }
    if db.exists() {
        let mut store = Store::open(db, desk)?;
        if store.fair()?.is_some() {
            return Err(DumpError::Exists(db.to_path_buf()));
        }
        return Ok(store.restore_rows(&dump.tables)?);
    }
    let temp = crate::export::atomic::temp_path(db);
    let result = (|| {
        let mut store = Store::open(&temp, desk)?;
        let counts = store.restore_rows(&dump.tables)?;
        drop(store);
        Ok::<_, DumpError>(counts)
    })();
    let cleanup = || {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", temp.display()));
        }
    };
    match result {
        Ok(counts) => {
            std::fs::rename(&temp, db).map_err(|e| {
                cleanup();
                DumpError::Io(db.to_path_buf(), e)
            })?;
            Ok(counts)
        }
        Err(e) => {
            cleanup();
            Err(e)
        }
    }
}
