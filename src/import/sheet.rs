//! Reading a spreadsheet file into rows of text: CSV (any encoding `decode` knows, comma,
//! semicolon or tab separated), XLSX, XLS and ODS (calamine). Row numbers are the ones the
//! spreadsheet program shows, so a report can point at them.
use crate::import::ImportError;
use crate::import::decode::{TextEncoding, decode};
use calamine::{Data, Reader, open_workbook_auto};
use std::path::Path;

/// What kind of file it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    Csv,
    Workbook,
}

/// One row: its number as the spreadsheet shows it (1-based) and its cells as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    pub number: usize,
    pub cells: Vec<String>,
}

impl SheetRow {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// Every row of the first sheet that holds data.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub format: SheetFormat,
    pub encoding: Option<TextEncoding>,
    pub rows: Vec<SheetRow>,
}

/// Reads `path`, choosing the reader by its extension, else by its first bytes.
pub fn read_sheet(path: &Path) -> Result<Sheet, ImportError> {
    read_sheet_named(path, &[])
}

/// Like [`read_sheet`]; in a workbook, the first sheet whose name is one of `preferred`
/// (e.g. the 成果 sheet of an exported workbook) is read instead of the first sheet.
pub fn read_sheet_named(path: &Path, preferred: &[&str]) -> Result<Sheet, ImportError> {
    let bytes = std::fs::read(path).map_err(|e| ImportError::Io(path.to_path_buf(), e))?;
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let is_workbook = match extension.as_str() {
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => true,
        "csv" | "txt" | "tsv" => false,
        // ZIP (xlsx, ods) or OLE compound file (xls).
        _ => bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]),
    };
    if is_workbook {
        drop(bytes);
        read_workbook(path, preferred)
    } else {
        let decoded = decode(&bytes);
        // The file's bytes are not needed once decoded; the rows are made from the text.
        drop(bytes);
        let (text, encoding) = decoded.ok_or_else(|| ImportError::Encoding(path.to_path_buf()))?;
        read_csv_text(path, &text, encoding)
    }
}

/// Parses CSV text already in memory (`path` only names it in errors).
pub fn read_csv(path: &Path, bytes: &[u8]) -> Result<Sheet, ImportError> {
    let (text, encoding) =
        decode(bytes).ok_or_else(|| ImportError::Encoding(path.to_path_buf()))?;
    read_csv_text(path, &text, encoding)
}

fn read_csv_text(path: &Path, text: &str, encoding: TextEncoding) -> Result<Sheet, ImportError> {
    let first_line = text.lines().next().unwrap_or("");
    let count = |c: char| first_line.matches(c).count();
    let delimiter = if count('\t') > count(',') && count('\t') > count(';') {
        b'\t'
    } else if count(';') > count(',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // The csv reader skips blank lines, which a spreadsheet shows as rows; a quoted cell
    // may span lines but is one row. Count rows as the spreadsheet would.
    let mut number = 0;
    let mut expected_line = 1;
    let mut line = 1;
    let mut scanned = 0;
    let count_breaks = |bytes: &[u8]| memchr::memchr_iter(b'\n', bytes).count();
    // Records are read as bytes and checked as UTF-8 once each (the whole text already
    // is: a field is the text between separators, less its quotes).
    let mut record = csv::ByteRecord::new();
    loop {
        let more = reader
            .read_byte_record(&mut record)
            .map_err(|e| ImportError::Csv {
                path: path.to_path_buf(),
                row: number + 1,
                message: e.to_string(),
            })?;
        if !more {
            break;
        }
        // The line a record starts on, counted from its byte offset.
        let start = record
            .position()
            .map_or(scanned, |p| (p.byte() as usize).min(text.len()));
        // A record's position may include the blank lines skipped before it.
        let start = start
            + text.as_bytes()[start..]
                .iter()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .count();
        line += count_breaks(&text.as_bytes()[scanned.min(start)..start]);
        scanned = start.max(scanned);
        number += 1 + line.saturating_sub(expected_line);
        let fields =
            simdutf8::basic::from_utf8(record.as_slice()).map_err(|_| ImportError::Csv {
                path: path.to_path_buf(),
                row: number,
                message: "invalid UTF-8".to_string(),
            })?;
        expected_line = line + 1 + count_breaks(fields.as_bytes());
        let mut cells = Vec::with_capacity(record.len());
        for i in 0..record.len() {
            let cell = record
                .range(i)
                .and_then(|range| fields.get(range))
                .unwrap_or_default();
            cells.push(cell.to_string());
        }
        rows.push(SheetRow { number, cells });
    }
    Ok(Sheet {
        format: SheetFormat::Csv,
        encoding: Some(encoding),
        rows,
    })
}

fn read_workbook(path: &Path, preferred: &[&str]) -> Result<Sheet, ImportError> {
    let workbook_error = |message: String| ImportError::Workbook {
        path: path.to_path_buf(),
        message,
    };
    let mut workbook = open_workbook_auto(path).map_err(|e| workbook_error(e.to_string()))?;
    let mut names = workbook.sheet_names();
    // Preferred sheets first, the rest in workbook order.
    names.sort_by_key(|n| !preferred.iter().any(|p| p.eq_ignore_ascii_case(n)));
    for name in names {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| workbook_error(e.to_string()))?;
        let Some((first_row, first_col)) = range.start() else {
            continue;
        };
        let lead = first_col as usize;
        let rows: Vec<SheetRow> = range
            .rows()
            .enumerate()
            .map(|(i, cells)| SheetRow {
                number: first_row as usize + i + 1,
                cells: std::iter::repeat_n(String::new(), lead)
                    .chain(cells.iter().map(cell_text))
                    .collect(),
            })
            .collect();
        if rows.iter().any(|r| !r.is_blank()) {
            return Ok(Sheet {
                format: SheetFormat::Workbook,
                encoding: None,
                rows,
            });
        }
    }
    Ok(Sheet {
        format: SheetFormat::Workbook,
        encoding: None,
        rows: Vec::new(),
    })
}

/// A cell as the text a person would have typed: whole numbers without `.0` (phone
/// numbers and codes typed as numbers), dates as `2019-12-10`.
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.format("%Y-%m-%d").to_string(),
            Some(t) => t.format("%Y-%m-%d %H:%M").to_string(),
            None => d.as_f64().to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

fn float_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_are_numbered_like_a_spreadsheet_and_tabs_are_detected() {
        let sheet = read_csv(
            Path::new("x.tsv"),
            "成果名称\t持有单位\n稀土永磁\t内蒙古大学\n\n\"两行\n标题\"\t乙\n".as_bytes(),
        )
        .unwrap();
        let numbers: Vec<usize> = sheet.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, vec![1, 2, 4]);
        assert_eq!(sheet.rows[1].cells, vec!["稀土永磁", "内蒙古大学"]);
        assert_eq!(sheet.rows[2].cells[0], "两行\n标题");
    }

    #[test]
    fn numbers_read_as_typed() {
        assert_eq!(cell_text(&Data::Float(13800001234.0)), "13800001234");
        assert_eq!(cell_text(&Data::Float(12.5)), "12.5");
        assert_eq!(cell_text(&Data::Int(7)), "7");
        assert_eq!(cell_text(&Data::Empty), "");
    }

    #[test]
    fn undecodable_bytes_name_the_file() {
        let err = read_csv(Path::new("bad.csv"), &[0x81, 0x20, 0xFF, 0xFF]).unwrap_err();
        assert!(matches!(err, ImportError::Encoding(_)));
    }
}
