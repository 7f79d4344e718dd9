//! XLSX: a summary sheet, then one sheet per table, written in rust_xlsxwriter's
//! constant-memory mode. Bold frozen headers, column widths that fit Chinese text,
//! amounts as numbers with a money format, codes and phone numbers as text, times as
//! real date-times in the fair's zone.
use crate::domain::lang::Lang;
use crate::domain::money::Money;
use crate::domain::text::display_width;
use crate::export::summary_rows::{SummaryValue, summary_rows};
use crate::export::tables::{ColumnKind, RowSink, TABLES, Tables, flag_text};
use crate::export::{ExportError, ExportProgress};
use chrono::{NaiveDate, NaiveDateTime};
use rust_xlsxwriter::{Format, FormatBorder, Workbook, Worksheet, XlsxError};
use std::path::Path;

/// Widest column, in Excel's character units.
const MAX_WIDTH: usize = 60;

struct Formats {
    header: Format,
    title: Format,
    money: Format,
    text: Format,
    time: Format,
    date: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_border_bottom(FormatBorder::Thin)
                .set_background_color("#E8EEF7"),
            title: Format::new().set_bold().set_font_size(14),
            money: Format::new().set_num_format("¥#,##0.00"),
            text: Format::new().set_num_format("@"),
            time: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
        }
    }
}

fn xlsx_error(e: XlsxError) -> ExportError {
    ExportError::Xlsx(e.to_string())
}

/// Display width of a cell's text, stopping early once it is wider than any column.
fn width_of(text: &str) -> usize {
    if text.len() > MAX_WIDTH * 4 {
        return MAX_WIDTH;
    }
    display_width(text)
}

fn column_width(width: usize) -> f64 {
    (width.min(MAX_WIDTH) + 2) as f64
}

/// Writes each cell into the sheet as it comes, typed, and keeps the widest text of each
/// column for its width.
struct XlsxSink<'a, 'p> {
    sheet: &'a mut Worksheet,
    formats: &'a Formats,
    lang: Lang,
    /// The row being written (the header is row 0).
    row: u32,
    col: u16,
    widths: Vec<usize>,
    label: &'a str,
    total: usize,
    progress: ExportProgress<'p>,
}

impl XlsxSink<'_, '_> {
    /// Moves to the next cell, widening the column for a cell `width` wide.
    fn next(&mut self, width: usize) {
        let w = &mut self.widths[usize::from(self.col)];
        if width > *w {
            *w = width;
        }
        self.col += 1;
    }

    /// The display width of `text`, when it may widen the current column: a text is
    /// never wider than its bytes, and a column no wider than `MAX_WIDTH`.
    fn text_width(&self, text: &str) -> usize {
        let current = self.widths[usize::from(self.col)];
        if text.len() <= current || current >= MAX_WIDTH {
            0
        } else {
            width_of(text)
        }
    }
}

impl RowSink for XlsxSink<'_, '_> {
    fn empty(&mut self) -> Result<(), ExportError> {
        self.next(0);
        Ok(())
    }

    fn text(&mut self, text: &str) -> Result<(), ExportError> {
        self.sheet
            .write_string(self.row, self.col, text)
            .map_err(xlsx_error)?;
        self.next(self.text_width(text));
        Ok(())
    }

    fn code(&mut self, text: &str) -> Result<(), ExportError> {
        self.sheet
            .write_string_with_format(self.row, self.col, text, &self.formats.text)
            .map_err(xlsx_error)?;
        self.next(self.text_width(text));
        Ok(())
    }

    fn int(&mut self, value: i64) -> Result<(), ExportError> {
        self.sheet
            .write_number(self.row, self.col, value as f64)
            .map_err(xlsx_error)?;
        self.next(6);
        Ok(())
    }

    fn money(&mut self, value: Money) -> Result<(), ExportError> {
        // Exact for any amount below 2^53 fen (about 90 trillion yuan).
        let yuan = value.fen() as f64 / 100.0;
        self.sheet
            .write_number_with_format(self.row, self.col, yuan, &self.formats.money)
            .map_err(xlsx_error)?;
        self.next(16);
        Ok(())
    }

    fn time(&mut self, local: NaiveDateTime) -> Result<(), ExportError> {
        self.sheet
            .write_datetime_with_format(self.row, self.col, local, &self.formats.time)
            .map_err(xlsx_error)?;
        self.next(16);
        Ok(())
    }

    fn date(&mut self, value: NaiveDate) -> Result<(), ExportError> {
        self.sheet
            .write_datetime_with_format(self.row, self.col, value, &self.formats.date)
            .map_err(xlsx_error)?;
        self.next(10);
        Ok(())
    }

    fn flag(&mut self, value: bool) -> Result<(), ExportError> {
        self.sheet
            .write_string(self.row, self.col, flag_text(value, self.lang))
            .map_err(xlsx_error)?;
        self.next(4);
        Ok(())
    }

    fn end_row(&mut self) -> Result<(), ExportError> {
        let done = self.row as usize;
        if done.is_multiple_of(5000) {
            (self.progress)(self.label, done, self.total.max(done));
        }
        self.row += 1;
        self.col = 0;
        Ok(())
    }
}

pub fn write_xlsx(
    tables: &Tables,
    path: &Path,
    progress: ExportProgress,
) -> Result<(), ExportError> {
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    // Level 1 deflates several times faster than the default 6, for a file about a
    // third larger.
    workbook.set_zip_compression_level(1);
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        // Constant-memory sheets spill to temporary files: keep them beside the output.
        workbook.set_tempdir(dir).map_err(xlsx_error)?;
    }
    write_summary(tables, workbook.add_worksheet(), &formats)?;
    for kind in TABLES {
        let sheet = workbook
            .add_worksheet_with_constant_memory()
            .map_err(xlsx_error)?;
        sheet
            .set_name(kind.title(tables.lang))
            .map_err(xlsx_error)?;
        let columns = kind.columns();
        let headers = tables.header(kind);
        let widths: Vec<usize> = headers.iter().map(|h| display_width(h)).collect();
        for (col, header) in headers.iter().enumerate() {
            sheet
                .write_string_with_format(0, col as u16, *header, &formats.header)
                .map_err(xlsx_error)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        let label = kind.title(tables.lang);
        let total = tables.row_estimate(kind);
        let mut sink = XlsxSink {
            sheet,
            formats: &formats,
            lang: tables.lang,
            row: 1,
            col: 0,
            widths,
            label,
            total,
            progress: &mut *progress,
        };
        tables.rows(kind, &mut sink)?;
        let rows = sink.row as usize - 1;
        (sink.progress)(label, rows, total.max(rows));
        let (sheet, widths) = (sink.sheet, sink.widths);
        for (col, width) in widths.iter().enumerate() {
            let width = match columns[col].kind {
                ColumnKind::Money | ColumnKind::Time => (*width).max(16),
                _ => *width,
            };
            sheet
                .set_column_width(col as u16, column_width(width))
                .map_err(xlsx_error)?;
        }
    }
    crate::export::atomic::write_with(
        path,
        |temp| {
            workbook.save(temp).map_err(xlsx_error)?;
            // The workbook writes and closes the file itself: synced here, before the
            // rename, like every other export (opened for writing: Windows syncs only
            // such a handle).
            std::fs::OpenOptions::new()
                .write(true)
                .open(temp)
                .and_then(|f| f.sync_all())
                .map_err(|e| ExportError::Io(path.to_path_buf(), e))
        },
        |e| ExportError::Io(path.to_path_buf(), e),
    )
}

/// The summary sheet: the headline, the key figures and the breakdowns.
fn write_summary(
    tables: &Tables,
    sheet: &mut Worksheet,
    formats: &Formats,
) -> Result<(), ExportError> {
    let lang = tables.lang;
    sheet
        .set_name(lang.pick("汇总", "Summary"))
        .map_err(xlsx_error)?;
    let rows = summary_rows(tables)?;
    let mut widths = [10usize; 4];
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32;
        for (col, value) in row.iter().enumerate() {
            let c = col as u16;
            match value {
                SummaryValue::Title(s) => {
                    sheet
                        .write_string_with_format(r, c, s, &formats.title)
                        .map_err(xlsx_error)?;
                }
                SummaryValue::Header(s) => {
                    sheet
                        .write_string_with_format(r, c, s, &formats.header)
                        .map_err(xlsx_error)?;
                    widths[col.min(3)] = widths[col.min(3)].max(display_width(s));
                }
                SummaryValue::Text(s) => {
                    sheet.write_string(r, c, s).map_err(xlsx_error)?;
                    if row.len() > 1 {
                        widths[col.min(3)] = widths[col.min(3)].max(width_of(s));
                    }
                }
                SummaryValue::Count(n) => {
                    sheet.write_number(r, c, *n as f64).map_err(xlsx_error)?;
                }
                SummaryValue::Money(m) => {
                    sheet
                        .write_number_with_format(r, c, m.fen() as f64 / 100.0, &formats.money)
                        .map_err(xlsx_error)?;
                    widths[col.min(3)] = widths[col.min(3)].max(16);
                }
                SummaryValue::Empty => {}
            }
        }
    }
    for (col, width) in widths.iter().enumerate() {
        sheet
            .set_column_width(col as u16, column_width(*width))
            .map_err(xlsx_error)?;
    }
    Ok(())
}
