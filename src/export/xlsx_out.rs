//! XLSX: a summary sheet, then one sheet per table, written in rust_xlsxwriter's
//! constant-memory mode. Bold frozen headers, column widths that fit Chinese text,
//! amounts as numbers with a money format, codes and phone numbers as text, times as
//! real date-times in the fair's zone.
use crate::domain::text::display_width;
use crate::export::summary_rows::{SummaryValue, summary_rows};
use crate::export::tables::{Cell, ColumnKind, TABLES, Tables};
use crate::export::{ExportError, ExportProgress};
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
        let mut widths: Vec<usize> = headers.iter().map(|h| display_width(h)).collect();
        for (col, header) in headers.iter().enumerate() {
            sheet
                .write_string_with_format(0, col as u16, *header, &formats.header)
                .map_err(xlsx_error)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        let label = kind.title(tables.lang);
        let total = tables.row_estimate(kind);
        let mut row_number: u32 = 0;
        let zone = tables.zone;
        tables.rows(kind, &mut |row| {
            row_number += 1;
            for (col, cell) in row.iter().enumerate() {
                let c = col as u16;
                let width = match cell {
                    Cell::Empty => 0,
                    Cell::Text(s) => {
                        sheet
                            .write_string(row_number, c, s.as_ref())
                            .map_err(xlsx_error)?;
                        width_of(s)
                    }
                    Cell::Code(s) => {
                        sheet
                            .write_string_with_format(row_number, c, s.as_ref(), &formats.text)
                            .map_err(xlsx_error)?;
                        width_of(s)
                    }
                    Cell::Int(i) => {
                        sheet
                            .write_number(row_number, c, *i as f64)
                            .map_err(xlsx_error)?;
                        6
                    }
                    Cell::Money(m) => {
                        // Exact for any amount below 2^53 fen (about 90 trillion yuan).
                        let yuan = m.fen() as f64 / 100.0;
                        sheet
                            .write_number_with_format(row_number, c, yuan, &formats.money)
                            .map_err(xlsx_error)?;
                        16
                    }
                    Cell::Time(t) => {
                        let local = t.with_timezone(&zone).naive_local();
                        sheet
                            .write_datetime_with_format(row_number, c, local, &formats.time)
                            .map_err(xlsx_error)?;
                        16
                    }
                    Cell::Date(d) => {
                        sheet
                            .write_datetime_with_format(row_number, c, d, &formats.date)
                            .map_err(xlsx_error)?;
                        10
                    }
                    Cell::Bool(_) => {
                        let text = cell.text(tables.lang, zone);
                        sheet
                            .write_string(row_number, c, text.as_ref())
                            .map_err(xlsx_error)?;
                        4
                    }
                };
                if width > widths[col] {
                    widths[col] = width;
                }
            }
            if row_number.is_multiple_of(5000) {
                progress(label, row_number as usize, total.max(row_number as usize));
            }
            Ok(())
        })?;
        progress(label, row_number as usize, total.max(row_number as usize));
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
        |temp| workbook.save(temp).map_err(xlsx_error),
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
