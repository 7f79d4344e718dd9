//! Exports: `fairdesk export --format csv|xlsx|json|md|html --out PATH`.
//!
//! `tables` is the shared model of the fair's tables (names resolved, contacts masked,
//! rows limited to one exhibitor when asked), streamed from the store cell by cell into
//! a `RowSink`; `csv_out` and `xlsx_out` are the sinks that write it (`names`, `id_map`:
//! the names rows show, by id; `local_time`: stored times in the fair's zone).
//! `json_dump` writes every table exactly as stored, row by row through `json_rows` (and
//! reads it back), `report` builds the written report that `markdown` and `html` render.
//! Every file is written under a temporary name and renamed when complete; `writeback`
//! has the disk store a long file's written parts while the rest is made.
pub mod atomic;
pub mod cells;
pub mod csv_out;
pub mod html;
pub mod id_map;
pub mod json_dump;
pub mod json_rows;
pub mod local_time;
pub mod markdown;
pub mod masking;
pub mod names;
pub mod report;
pub mod summary_rows;
pub mod tables;
pub mod writeback;
pub mod xlsx_out;

use crate::domain::error::Problem;
use crate::domain::lang::Lang;
use crate::domain::lookup::Lookup;
use crate::store::{Store, StoreError};
use masking::Masking;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Json,
    Md,
    Html,
}

impl ExportFormat {
    /// Markdown and HTML reports are meant to be handed out: they mask contacts unless
    /// `--full-contacts` is given.
    pub fn is_public(self) -> bool {
        matches!(self, ExportFormat::Md | ExportFormat::Html)
    }

    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Json => "json",
            ExportFormat::Md => "md",
            ExportFormat::Html => "html",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum CsvEncoding {
    /// UTF-8 with a BOM (Excel shows Chinese)
    #[default]
    Utf8,
    /// GB18030 (GBK-compatible), for older Excel and WPS
    Gb18030,
}

#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub format: ExportFormat,
    pub out: PathBuf,
    pub mask_contacts: bool,
    pub full_contacts: bool,
    /// Limit to one exhibitor: its id, code, credit code or exact name.
    pub org: Option<String>,
    pub encoding: CsvEncoding,
    pub lang: Lang,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOutcome {
    pub files: Vec<PathBuf>,
    pub masked: bool,
}

/// Progress: (what is being written, rows done, rows in all).
pub type ExportProgress<'a> = &'a mut dyn FnMut(&str, usize, usize);

#[derive(Debug)]
pub enum ExportError {
    Io(PathBuf, std::io::Error),
    Xlsx(String),
    Json(String),
    Org(Problem),
    MaskConflict,
    Store(StoreError),
}

impl From<StoreError> for ExportError {
    fn from(e: StoreError) -> Self {
        ExportError::Store(e)
    }
}

impl ExportError {
    pub fn is_bad_input(&self) -> bool {
        match self {
            ExportError::Org(_) | ExportError::MaskConflict => true,
            ExportError::Store(e) => e.is_bad_input(),
            _ => false,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ExportError::Io(p, e), Lang::Zh) => format!("无法写入 {}：{e}", p.display()),
            (ExportError::Io(p, e), Lang::En) => format!("cannot write {}: {e}", p.display()),
            (ExportError::Xlsx(e), Lang::Zh) => format!("无法生成 XLSX：{e}"),
            (ExportError::Xlsx(e), Lang::En) => format!("cannot write the XLSX file: {e}"),
            (ExportError::Json(e), Lang::Zh) => format!("无法生成 JSON：{e}"),
            (ExportError::Json(e), Lang::En) => format!("cannot write the JSON file: {e}"),
            (ExportError::Org(p), lang) => {
                format!("--org{}{}", lang.pick("：", ": "), p.message(lang))
            }
            (ExportError::MaskConflict, lang) => lang
                .pick(
                    "--mask-contacts 与 --full-contacts 不能同时使用",
                    "--mask-contacts and --full-contacts cannot be used together",
                )
                .to_string(),
            (ExportError::Store(e), lang) => e.message(lang),
        }
    }
}

/// Runs one export. Public formats record `--full-contacts` in the audit log first.
pub fn export(
    store: &mut Store,
    options: &ExportOptions,
    progress: ExportProgress,
) -> Result<ExportOutcome, ExportError> {
    if options.mask_contacts && options.full_contacts {
        return Err(ExportError::MaskConflict);
    }
    store.require_fair()?;
    let scope = match &options.org {
        Some(reference) => {
            let org = Lookup::organization(&*store, reference).map_err(ExportError::Org)?;
            Some(store.exhibitor_scope(&org.id)?)
        }
        None => None,
    };
    let mask_all = if options.format.is_public() {
        !options.full_contacts
    } else {
        options.mask_contacts
    };
    if options.full_contacts && options.format.is_public() {
        store.record_full_contacts_export(
            options.format.name(),
            &options.out.display().to_string(),
            scope.as_ref().map(|s| s.organization_id.as_str()),
        )?;
    }
    let masking = Masking {
        all: mask_all,
        exhibitor: scope.as_ref().map(|s| s.organization_id.clone()),
    };
    let out = options.out.as_path();
    // The whole export reads one moment of the file, even while other desks write.
    let _snapshot = store.read_snapshot()?;
    let store = &*store;
    let files = match options.format {
        ExportFormat::Json => {
            json_dump::write_dump(store, out, scope.as_ref(), &masking, progress)?;
            vec![out.to_path_buf()]
        }
        format => {
            let tables = tables::Tables::build(store, options.lang, scope, masking)?;
            match format {
                ExportFormat::Csv => csv_out::write_csv(&tables, out, options.encoding, progress)?,
                ExportFormat::Xlsx => {
                    xlsx_out::write_xlsx(&tables, out, progress)?;
                    vec![out.to_path_buf()]
                }
                ExportFormat::Md => {
                    let report = report::Report::build(&tables, progress)?;
                    write_text(out, &markdown::render(&report))?;
                    vec![out.to_path_buf()]
                }
                _ => {
                    let report = report::Report::build(&tables, progress)?;
                    write_text(out, &html::render(&report))?;
                    vec![out.to_path_buf()]
                }
            }
        }
    };
    Ok(ExportOutcome {
        files,
        masked: mask_all,
    })
}

fn write_text(path: &Path, text: &str) -> Result<(), ExportError> {
    atomic::write_bytes(path, text.as_bytes()).map_err(|e| ExportError::Io(path.to_path_buf(), e))
}

#[cfg(test)]
mod golden_tests;
#[cfg(test)]
mod tests;
