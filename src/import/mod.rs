//! Spreadsheets in: `fairdesk import achievements|organizations|needs FILE`.
//!
//! A file is read into rows of text (`sheet`, with `decode` for CSV encodings), its header
//! mapped to fields (`columns`), every row checked with the domain validation before
//! anything is written (`plan`, `parties` for the organizations rows name), then written
//! in one transaction (`write`). `report` says what happened, row by row; `template`
//! writes an empty file with the expected headers.
pub mod columns;
pub mod decode;
pub mod parties;
pub mod plan;
pub mod report;
pub mod sheet;
pub mod template;
pub mod write;

use crate::domain::lang::Lang;
use crate::store::{Store, StoreError};
pub use columns::ImportKind;
use columns::{ColumnMap, ColumnSpec};
pub use report::{ImportReport, RowProblem};
use std::path::{Path, PathBuf};

/// Page cache while writing an import, in MiB.
const BULK_CACHE_MIB: i64 = 64;

/// How to import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Check and report, write nothing.
    pub dry_run: bool,
    /// Import the good rows even when some rows are bad.
    pub skip_bad: bool,
}

/// The stage an import is in, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportStage {
    Checking,
    Writing,
}

impl ImportStage {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ImportStage::Checking => lang.pick("检查", "checking"),
            ImportStage::Writing => lang.pick("写入", "writing"),
        }
    }
}

/// Progress: (stage, rows done, rows in all).
pub type ImportProgress<'a> = &'a mut dyn FnMut(ImportStage, usize, usize);

/// Why a file could not be imported at all (bad rows are reported, not errors).
#[derive(Debug)]
pub enum ImportError {
    Io(PathBuf, std::io::Error),
    Encoding(PathBuf),
    Csv {
        path: PathBuf,
        row: usize,
        message: String,
    },
    Workbook {
        path: PathBuf,
        message: String,
    },
    NoHeader {
        kind: ImportKind,
    },
    MissingColumns {
        row: usize,
        missing: Vec<&'static ColumnSpec>,
    },
    /// A row refused while writing (nothing was written).
    Rows(Vec<RowProblem>),
    Store(StoreError),
}

impl From<StoreError> for ImportError {
    fn from(e: StoreError) -> Self {
        ImportError::Store(e)
    }
}

impl ImportError {
    pub fn is_bad_input(&self) -> bool {
        match self {
            ImportError::Io(..) => false,
            ImportError::Store(e) => e.is_bad_input(),
            _ => true,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ImportError::Io(p, e), Lang::Zh) => format!("无法读取 {}：{e}", p.display()),
            (ImportError::Io(p, e), Lang::En) => format!("cannot read {}: {e}", p.display()),
            (ImportError::Encoding(p), Lang::Zh) => format!(
                "{} 不是 UTF-8 或 GB18030（GBK）编码的文本，请另存为 CSV UTF-8 或 Excel 工作簿",
                p.display()
            ),
            (ImportError::Encoding(p), Lang::En) => format!(
                "{} is not UTF-8 or GB18030 (GBK) text; save it as CSV UTF-8 or as an Excel workbook",
                p.display()
            ),
            (ImportError::Csv { path, row, message }, Lang::Zh) => {
                format!("{} 第{row}行：CSV 格式错误：{message}", path.display())
            }
            (ImportError::Csv { path, row, message }, Lang::En) => {
                format!("{} row {row}: bad CSV: {message}", path.display())
            }
            (ImportError::Workbook { path, message }, Lang::Zh) => {
                format!("无法读取工作簿 {}：{message}", path.display())
            }
            (ImportError::Workbook { path, message }, Lang::En) => {
                format!("cannot read the workbook {}: {message}", path.display())
            }
            (ImportError::NoHeader { kind }, Lang::Zh) => format!(
                "找不到表头行：前几行中没有可识别的{}列名（可用 fairdesk import --template {} 生成模板）",
                kind.label(lang),
                kind.stem()
            ),
            (ImportError::NoHeader { kind }, Lang::En) => format!(
                "no header row: none of the first rows names a known {} column (fairdesk import --template {} writes a template)",
                kind.label(lang),
                kind.stem()
            ),
            (ImportError::MissingColumns { row, missing }, lang) => {
                let names = missing
                    .iter()
                    .map(|s| format!("{} / {}", s.zh, s.en))
                    .collect::<Vec<_>>()
                    .join(lang.pick("、", ", "));
                match lang {
                    Lang::Zh => format!("第{row}行的表头缺少必需的列：{names}"),
                    Lang::En => format!("the header in row {row} lacks required columns: {names}"),
                }
            }
            (ImportError::Rows(problems), lang) => problems
                .iter()
                .map(|p| p.message(lang))
                .collect::<Vec<_>>()
                .join(lang.pick("；", "; ")),
            (ImportError::Store(e), lang) => e.message(lang),
        }
    }
}

/// Imports `path` as `kind` into `store`: every row is checked first; then, unless it is
/// a dry run or some row is bad (without `skip_bad`), the good rows are written in one
/// transaction. The report says what happened either way.
pub fn import_file(
    store: &mut Store,
    kind: ImportKind,
    path: &Path,
    options: ImportOptions,
    progress: ImportProgress,
) -> Result<ImportReport, ImportError> {
    store.require_fair()?;
    let sheet = sheet::read_sheet_named(path, &[kind.label(Lang::Zh), kind.label(Lang::En)])?;
    let map = ColumnMap::locate(kind, &sheet)?;
    let (plan, checked_as_of) = {
        // Every row is checked against one snapshot of the file.
        let _snapshot = store.read_snapshot()?;
        let plan = plan::plan(store, &sheet, &map, &mut |done, total| {
            progress(ImportStage::Checking, done, total)
        })?;
        (plan, store.change_marker()?)
    };
    // Every row the report needs is in the plan: the memory goes back before the write.
    let encoding = sheet.encoding;
    drop(sheet);
    let mut report = ImportReport {
        kind,
        file: path.to_path_buf(),
        encoding,
        headers: map.headers.clone(),
        rows_read: plan.rows_read,
        good_rows: plan.rows.len(),
        imported: Vec::new(),
        created_orgs: write::needed_orgs(&plan)
            .into_iter()
            .map(|i| report::CreatedOrg {
                name: plan.new_orgs[i].draft.name.clone(),
                code: None,
                first_row: plan.new_orgs[i].first_row,
            })
            .collect(),
        ignored_columns: map.ignored.clone(),
        problems: plan.problems.clone(),
        rejected: plan.rejected.clone(),
        written: false,
    };
    let blocked = !report.problems.is_empty() && !options.skip_bad;
    if options.dry_run || blocked || plan.rows.is_empty() {
        return Ok(report);
    }
    let column_of = |field: &str| map.header_of(field).map(str::to_string);
    let written = store
        .with_bulk_cache(BULK_CACHE_MIB, |store| {
            write::write_plan(
                store,
                plan,
                Some(checked_as_of),
                &column_of,
                &mut |done, total| progress(ImportStage::Writing, done, total),
            )
        })
        .map_err(|failure| match failure {
            write::WriteFailure::Row(problems) => ImportError::Rows(problems),
            write::WriteFailure::Store(e) => ImportError::Store(e),
        })?;
    report.imported = written.imported;
    report.created_orgs = written.created_orgs;
    report.written = true;
    Ok(report)
}

#[cfg(test)]
pub(crate) mod tests;
