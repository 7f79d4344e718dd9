//! CSV: one file per table in a folder, UTF-8 with a BOM (so Excel shows Chinese) or
//! GB18030 on request; every cell that a spreadsheet would run as a formula is made inert.
use crate::domain::lang::Lang;
use crate::domain::money::Money;
use crate::export::cells::neutralize;
use crate::export::local_time::push_minutes;
use crate::export::tables::{RowSink, TABLES, Tables, flag_text};
use crate::export::writeback::WritebackFile;
use crate::export::{CsvEncoding, ExportError, ExportProgress};
use chrono::{NaiveDate, NaiveDateTime};
use encoding_rs::GB18030;
use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Re-encodes UTF-8 written to it as GB18030 (a stateless encoding, so whole characters
/// can be encoded chunk by chunk; a character split between writes waits for its end).
pub struct Gb18030Writer<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> Gb18030Writer<W> {
    pub fn new(inner: W) -> Self {
        Gb18030Writer {
            inner,
            pending: Vec::new(),
        }
    }

    pub fn into_inner(mut self) -> std::io::Result<W> {
        self.flush()?;
        Ok(self.inner)
    }
}

impl<W: Write> Write for Gb18030Writer<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(s) => s.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(e) => return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, e)),
        };
        let text = std::str::from_utf8(&self.pending[..valid]).unwrap_or_default();
        let (bytes, _, _) = GB18030.encode(text);
        self.inner.write_all(&bytes)?;
        self.pending.drain(..valid);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes every table into the folder `dir` (created when missing); returns the files.
pub fn write_csv(
    tables: &Tables,
    dir: &Path,
    encoding: CsvEncoding,
    progress: ExportProgress,
) -> Result<Vec<PathBuf>, ExportError> {
    std::fs::create_dir_all(dir).map_err(|e| ExportError::Io(dir.to_path_buf(), e))?;
    let mut files = Vec::new();
    for kind in TABLES {
        let path = dir.join(format!("{}.csv", kind.key()));
        let total = tables.row_estimate(kind);
        let label = kind.title(tables.lang);
        crate::export::atomic::write_with(
            &path,
            |temp| {
                let io = |e: std::io::Error| ExportError::Io(path.clone(), e);
                let file = std::fs::File::create(temp).map_err(io)?;
                let buffered = BufWriter::with_capacity(1 << 16, WritebackFile::new(file));
                match encoding {
                    CsvEncoding::Utf8 => {
                        let mut out = buffered;
                        out.write_all(b"\xEF\xBB\xBF").map_err(io)?;
                        let out = write_table(tables, kind, out, &path, label, total, progress)?;
                        out.into_inner()
                            .map_err(|e| io(e.into_error()))?
                            .finish()
                            .map_err(io)
                    }
                    CsvEncoding::Gb18030 => {
                        let out = Gb18030Writer::new(buffered);
                        let out = write_table(tables, kind, out, &path, label, total, progress)?;
                        out.into_inner()
                            .map_err(io)?
                            .into_inner()
                            .map_err(|e| io(e.into_error()))?
                            .finish()
                            .map_err(io)
                    }
                }
            },
            |e| ExportError::Io(path.clone(), e),
        )?;
        files.push(path);
    }
    Ok(files)
}

/// Writes each cell as text straight into the CSV writer: money as exact yuan
/// (`125000.50`), times as `YYYY-MM-DD HH:MM`, every cell made inert if it would run as
/// a formula.
struct CsvSink<'p, W: Write> {
    writer: csv::Writer<W>,
    lang: Lang,
    path: &'p Path,
    /// Text of the cell being made (numbers, times).
    scratch: String,
    label: &'p str,
    total: usize,
    done: usize,
    progress: ExportProgress<'p>,
}

impl<W: Write> CsvSink<'_, W> {
    fn error(&self, e: csv::Error) -> ExportError {
        ExportError::Io(self.path.to_path_buf(), std::io::Error::other(e))
    }

    fn field(&mut self, text: &str) -> Result<(), ExportError> {
        let result = self.writer.write_field(neutralize(text).as_bytes());
        result.map_err(|e| self.error(e))
    }

    fn scratch_field(&mut self) -> Result<(), ExportError> {
        let result = self
            .writer
            .write_field(neutralize(&self.scratch).as_bytes());
        result.map_err(|e| self.error(e))
    }
}

impl<W: Write> RowSink for CsvSink<'_, W> {
    fn empty(&mut self) -> Result<(), ExportError> {
        self.field("")
    }

    fn text(&mut self, text: &str) -> Result<(), ExportError> {
        self.field(text)
    }

    fn code(&mut self, text: &str) -> Result<(), ExportError> {
        self.field(text)
    }

    fn int(&mut self, value: i64) -> Result<(), ExportError> {
        self.scratch.clear();
        let _ = write!(self.scratch, "{value}");
        self.scratch_field()
    }

    fn money(&mut self, value: Money) -> Result<(), ExportError> {
        self.field(&value.format_plain())
    }

    fn time(&mut self, local: NaiveDateTime) -> Result<(), ExportError> {
        self.scratch.clear();
        push_minutes(&mut self.scratch, local);
        self.scratch_field()
    }

    fn date(&mut self, value: NaiveDate) -> Result<(), ExportError> {
        self.field(&value.format("%Y-%m-%d").to_string())
    }

    fn flag(&mut self, value: bool) -> Result<(), ExportError> {
        self.field(flag_text(value, self.lang))
    }

    fn end_row(&mut self) -> Result<(), ExportError> {
        let result = self.writer.write_record(None::<&[u8]>);
        result.map_err(|e| self.error(e))?;
        self.done += 1;
        if self.done.is_multiple_of(2000) {
            (self.progress)(self.label, self.done, self.total.max(self.done));
        }
        Ok(())
    }
}

fn write_table<W: Write>(
    tables: &Tables,
    kind: crate::export::tables::TableKind,
    out: W,
    path: &Path,
    label: &str,
    total: usize,
    progress: ExportProgress,
) -> Result<W, ExportError> {
    let csv_error = |e: csv::Error| ExportError::Io(path.to_path_buf(), std::io::Error::other(e));
    let mut writer = csv::WriterBuilder::new().from_writer(out);
    writer
        .write_record(tables.header(kind))
        .map_err(csv_error)?;
    let mut sink = CsvSink {
        writer,
        lang: tables.lang,
        path,
        scratch: String::new(),
        label,
        total,
        done: 0,
        progress,
    };
    tables.rows(kind, &mut sink)?;
    (sink.progress)(label, sink.done, total.max(sink.done));
    sink.writer
        .into_inner()
        .map_err(|e| ExportError::Io(path.to_path_buf(), std::io::Error::other(e.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb18030_writer_handles_characters_split_between_writes() {
        let text = "成果名称,稀土永磁\n";
        let bytes = text.as_bytes();
        let mut w = Gb18030Writer::new(Vec::new());
        w.write_all(&bytes[..4]).unwrap();
        w.write_all(&bytes[4..]).unwrap();
        let out = w.into_inner().unwrap();
        let (decoded, _, bad) = GB18030.decode(&out);
        assert!(!bad);
        assert_eq!(decoded, text);
    }
}
