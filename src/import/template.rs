//! `fairdesk import --template KIND`: an empty XLSX and CSV with the expected headers
//! (required ones marked `*`), and in the XLSX a sheet explaining each column.
use crate::domain::lang::Lang;
use crate::domain::vocab::{MATURITY, ORG_KINDS, REGIONS, TECH_FIELDS, TRANSFER_MODES, Vocabulary};
use crate::import::columns::{ColumnSpec, ImportKind, specs};
use rust_xlsxwriter::{Format, Workbook};
use std::path::{Path, PathBuf};

/// The header a template writes for a column.
pub fn template_header(spec: &ColumnSpec, lang: Lang) -> String {
    let unit = if spec.money {
        lang.pick("（万元）", " (10k yuan)")
    } else {
        ""
    };
    let mark = if spec.required { "*" } else { "" };
    format!("{}{unit}{mark}", spec.header(lang))
}

fn vocabulary_of(field: &str) -> Option<&'static Vocabulary> {
    match field {
        "field" | "industry" => Some(&TECH_FIELDS),
        "maturity" => Some(&MATURITY),
        "transfer_modes" | "cooperation_modes" => Some(&TRANSFER_MODES),
        "region" | "holder_region" | "organization_region" => Some(&REGIONS),
        "kind" | "holder_kind" => Some(&ORG_KINDS),
        _ => None,
    }
}

/// What to write in a column, in the user's language.
pub fn column_hint(spec: &ColumnSpec, lang: Lang) -> String {
    if let Some(vocab) = vocabulary_of(spec.field) {
        let values: Vec<String> = vocab
            .terms
            .iter()
            .map(|t| lang.pick(t.zh, t.en).to_string())
            .collect();
        let many = matches!(spec.field, "transfer_modes" | "cooperation_modes");
        let lead = match (lang, many) {
            (Lang::Zh, true) => "可填多个，用顿号分隔：",
            (Lang::Zh, false) => "可选值：",
            (Lang::En, true) => "one or more, separated by commas: ",
            (Lang::En, false) => "one of: ",
        };
        return format!("{lead}{}", values.join(lang.pick("、", ", ")));
    }
    let (zh, en) = match spec.field {
        "code" => ("可留空，自动编号", "may be blank: numbered automatically"),
        "holder_credit_code" | "organization_credit_code" | "credit_code" => (
            "18位统一社会信用代码，可留空；按代码或名称匹配已登记单位，新单位自动登记",
            "18-character unified social credit code, may be blank; matches a registered organization by code or name, new ones are registered",
        ),
        "holder" | "organization" => (
            "单位全称；未登记的单位将自动登记",
            "full name; organizations not yet registered are registered",
        ),
        "trl" => ("1–9 的整数", "a whole number 1–9"),
        "asking_price" | "budget" => (
            "金额，如 120000、12万、1.5亿；表头写“（万元）”时纯数字按万元计",
            "an amount such as 120000, 12万 or 1.5亿; plain numbers are 万 when the header says (万元)",
        ),
        "patents" | "keywords" => ("多个用顿号或逗号分隔", "several separated by commas"),
        "contact_phone" => (
            "手机或座机，如 0471-1234567",
            "mobile or landline, e.g. 0471-1234567",
        ),
        "contact_consent" => ("是 / 否", "yes / no"),
        "deadline" => ("日期，如 2019-12-31", "a date such as 2019-12-31"),
        _ => ("", ""),
    };
    lang.pick(zh, en).to_string()
}

/// Writes `<dir>/<kind>-template.xlsx` and `.csv`; returns their paths.
pub fn write_templates(
    kind: ImportKind,
    dir: &Path,
    lang: Lang,
) -> Result<Vec<PathBuf>, std::io::Error> {
    let columns = specs(kind);
    let headers: Vec<String> = columns.iter().map(|s| template_header(s, lang)).collect();
    let csv_path = dir.join(format!("{}-template.csv", kind.stem()));
    let mut writer = csv::Writer::from_writer(Vec::from(*b"\xEF\xBB\xBF"));
    writer
        .write_record(&headers)
        .map_err(std::io::Error::other)?;
    let bytes = writer
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    crate::export::atomic::write_bytes(&csv_path, &bytes)?;

    let xlsx_path = dir.join(format!("{}-template.xlsx", kind.stem()));
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let sheet = workbook.add_worksheet();
    sheet
        .set_name(kind.label(lang))
        .map_err(std::io::Error::other)?;
    for (i, header) in headers.iter().enumerate() {
        let col = i as u16;
        sheet
            .write_string_with_format(0, col, header, &bold)
            .map_err(std::io::Error::other)?;
        let width = crate::domain::text::display_width(header).max(10) + 2;
        sheet
            .set_column_width(col, width as f64)
            .map_err(std::io::Error::other)?;
        // Codes, phone numbers and dates stay as typed instead of becoming numbers.
        sheet
            .set_column_format(col, &text)
            .map_err(std::io::Error::other)?;
    }
    sheet
        .set_freeze_panes(1, 0)
        .map_err(std::io::Error::other)?;
    let notes = workbook.add_worksheet();
    notes
        .set_name(lang.pick("填写说明", "Notes"))
        .map_err(std::io::Error::other)?;
    let titles = [
        lang.pick("列名", "Column"),
        lang.pick("必填", "Required"),
        lang.pick("说明", "What to write"),
    ];
    for (i, title) in titles.iter().enumerate() {
        notes
            .write_string_with_format(0, i as u16, *title, &bold)
            .map_err(std::io::Error::other)?;
    }
    for (i, spec) in columns.iter().enumerate() {
        let row = i as u32 + 1;
        let required = if spec.required {
            lang.pick("是", "yes")
        } else {
            ""
        };
        notes
            .write_string(row, 0, &headers[i])
            .and_then(|s| s.write_string(row, 1, required))
            .and_then(|s| s.write_string(row, 2, column_hint(spec, lang)))
            .map_err(std::io::Error::other)?;
    }
    notes
        .set_column_width(0, 24)
        .and_then(|s| s.set_column_width(1, 8))
        .and_then(|s| s.set_column_width(2, 90))
        .map_err(std::io::Error::other)?;
    crate::export::atomic::write_with(
        &xlsx_path,
        |temp| workbook.save(temp).map_err(std::io::Error::other),
        |e| e,
    )?;
    Ok(vec![xlsx_path, csv_path])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::columns::ColumnMap;

    #[test]
    fn templates_read_back_with_every_column_recognised() {
        let dir = tempfile::tempdir().unwrap();
        for kind in [
            ImportKind::Achievements,
            ImportKind::Organizations,
            ImportKind::Needs,
        ] {
            for lang in [Lang::Zh, Lang::En] {
                let paths = write_templates(kind, dir.path(), lang).unwrap();
                for path in paths {
                    let sheet = crate::import::sheet::read_sheet(&path).unwrap();
                    let map = ColumnMap::locate(kind, &sheet).unwrap();
                    assert!(map.ignored.is_empty(), "{path:?}: {:?}", map.ignored);
                    for spec in specs(kind) {
                        assert!(
                            map.column(spec.field).is_some(),
                            "{:?} {}",
                            kind,
                            spec.field
                        );
                    }
                }
            }
        }
    }
}
