//! Whole exports of a small fair with every kind of row, compared with snapshots of the
//! written files, so a changed cell, order, format or escaping fails a test. The ids that
//! edits draw at random are replaced by their order of first appearance.
use super::*;
use crate::app::generate::{GenSpec, fill};
use crate::domain::clock::FixedClock;
use crate::domain::fair::FairInput;
use crate::domain::interest::InterestInput;
use crate::domain::need::NeedInput;
use calamine::{Data, Reader, open_workbook_auto};
use chrono::{TimeZone, Utc};
use std::collections::HashMap;
use std::sync::Arc;

/// A small generated fair in `timezone`, with a withdrawn achievement, a voided
/// agreement, an agreement on two achievements, a meeting, a check-in, a need, and
/// interests whose note and contact need quoting or neutralising.
fn small_fair(timezone: &str) -> Store {
    let clock = FixedClock::at(Utc.with_ymd_and_hms(2019, 12, 10, 1, 0, 0).unwrap());
    let mut s = Store::open_in_memory("desk-test", Arc::new(clock)).unwrap();
    s.create_fair(&FairInput {
        name: "测试对接会".into(),
        timezone: timezone.into(),
        ..Default::default()
    })
    .unwrap();
    fill(
        &mut s,
        &GenSpec {
            organizations: 8,
            achievements: 12,
            interests: 30,
            agreements: 3,
            seed: 11,
        },
        &mut |_, _, _| {},
    )
    .unwrap();
    let (enterprise, targets) = super::tests::add_every_status(&mut s, 2, 2);
    s.create_need(&NeedInput {
        organization: enterprise.id.clone(),
        title: "=稀土废料回收".into(),
        field: "新材料".into(),
        description: "含逗号, 引号\" 与换行\n的描述".into(),
        budget: "50万".into(),
        deadline: "2020-03-01".into(),
        ..Default::default()
    })
    .unwrap();
    let orgs = s.organizations(true).unwrap();
    let other = orgs
        .iter()
        .filter(|o| o.data.kind == "enterprise")
        .nth(1)
        .unwrap_or(&enterprise);
    s.log_interest(&InterestInput {
        enterprise: other.id.clone(),
        achievement: targets[1].id.clone(),
        level: "深度洽谈".into(),
        note: "+86 报价, 含 \"引号\"".into(),
        contact_person: "李四".into(),
        logged_at: "2019-12-11 23:59".into(),
        ..Default::default()
    })
    .unwrap();
    s
}

/// Replaces every UUID-shaped run by `<id N>`, N counting first appearances.
fn stable_ids(text: &str) -> String {
    let bytes = text.as_bytes();
    let is_uuid = |w: &[u8]| {
        w.len() == 36
            && w.iter().enumerate().all(|(i, b)| match i {
                8 | 13 | 18 | 23 => *b == b'-',
                _ => b.is_ascii_hexdigit(),
            })
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        if i + 36 <= bytes.len() && is_uuid(&bytes[i..i + 36]) {
            let next = seen.len() + 1;
            let n = *seen.entry(text[i..i + 36].to_string()).or_insert(next);
            out.push_str(&format!("<id {n}>"));
            i += 36;
        } else {
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

fn csv_text(s: &mut Store, lang: Lang, mask: bool, org: Option<String>) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("csv");
    let options = ExportOptions {
        format: ExportFormat::Csv,
        out: out.clone(),
        mask_contacts: mask,
        full_contacts: false,
        org,
        encoding: CsvEncoding::Utf8,
        lang,
    };
    let outcome = export(s, &options, &mut |_, _, _| {}).unwrap();
    let mut all = String::new();
    for file in outcome.files {
        let bytes = std::fs::read(&file).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        all.push_str(&format!("== {name}\n"));
        all.push_str(std::str::from_utf8(&bytes[3..]).unwrap());
    }
    stable_ids(&all)
}

fn xlsx_text(s: &mut Store, lang: Lang) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("fair.xlsx");
    let options = ExportOptions {
        format: ExportFormat::Xlsx,
        out: out.clone(),
        mask_contacts: false,
        full_contacts: false,
        org: None,
        encoding: CsvEncoding::Utf8,
        lang,
    };
    export(s, &options, &mut |_, _, _| {}).unwrap();
    let mut workbook = open_workbook_auto(&out).unwrap();
    let mut all = String::new();
    for name in workbook.sheet_names() {
        all.push_str(&format!("== {name}\n"));
        let range = workbook.worksheet_range(&name).unwrap();
        for row in range.rows() {
            let cells: Vec<String> = row
                .iter()
                .map(|cell| match cell {
                    Data::Empty => String::new(),
                    Data::String(t) => format!("s:{t:?}"),
                    Data::Float(f) => format!("f:{f}"),
                    Data::Int(i) => format!("i:{i}"),
                    Data::Bool(b) => format!("b:{b}"),
                    Data::DateTime(d) => format!("t:{}", d.as_f64()),
                    other => format!("{other:?}"),
                })
                .collect();
            all.push_str(&cells.join(" | "));
            all.push('\n');
        }
    }
    stable_ids(&all)
}

#[test]
fn csv_export_is_unchanged_in_chinese() {
    let mut s = small_fair("Asia/Shanghai");
    insta::assert_snapshot!(csv_text(&mut s, Lang::Zh, false, None));
}

#[test]
fn csv_export_is_unchanged_in_english_masked_in_new_york() {
    // New York: five hours behind UTC in December, so local days differ from UTC ones.
    let mut s = small_fair("America/New_York");
    insta::assert_snapshot!(csv_text(&mut s, Lang::En, true, None));
}

#[test]
fn csv_export_of_one_exhibitor_is_unchanged() {
    let mut s = small_fair("Asia/Shanghai");
    let holder = s.achievements(true).unwrap()[0].data.holder_id.clone();
    insta::assert_snapshot!(csv_text(&mut s, Lang::Zh, false, Some(holder)));
}

#[test]
fn xlsx_export_is_unchanged_cell_by_cell() {
    let mut s = small_fair("Asia/Shanghai");
    insta::assert_snapshot!(xlsx_text(&mut s, Lang::Zh));
}

#[test]
fn xlsx_export_in_english_is_unchanged_cell_by_cell() {
    let mut s = small_fair("America/New_York");
    insta::assert_snapshot!(xlsx_text(&mut s, Lang::En));
}

fn json_text(s: &mut Store, mask: bool, org: Option<String>) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("fair.json");
    let options = ExportOptions {
        format: ExportFormat::Json,
        out: out.clone(),
        mask_contacts: mask,
        full_contacts: false,
        org,
        encoding: CsvEncoding::Utf8,
        lang: Lang::Zh,
    };
    export(s, &options, &mut |_, _, _| {}).unwrap();
    std::fs::read_to_string(&out).unwrap()
}

/// The dump with its schema version left out: a new migration does not change a row.
fn without_schema_version(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.trim_start().starts_with("\"schema_version\":") {
                "  \"schema_version\": (this build's),"
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn json_rows_are_each_stored_row_as_a_serde_json_map() {
    let mut s = small_fair("Asia/Shanghai");
    let written = json_text(&mut s, false, None);
    let mut expected = Vec::new();
    for table in s.dump_tables().unwrap() {
        s.each_raw_row(&table, |row| {
            expected.push(serde_json::to_string(&row).unwrap());
            Ok::<(), crate::store::StoreError>(())
        })
        .unwrap();
    }
    let rows: Vec<&str> = written
        .lines()
        .filter(|l| l.starts_with("      {"))
        .map(|l| l.trim_start().trim_end_matches(','))
        .collect();
    assert!(expected.len() > 100);
    assert_eq!(rows, expected);
}

#[test]
fn json_export_masked_is_unchanged() {
    let mut s = small_fair("Asia/Shanghai");
    insta::assert_snapshot!(stable_ids(&without_schema_version(&json_text(
        &mut s, true, None
    ))));
}

#[test]
fn json_export_of_one_exhibitor_is_unchanged() {
    let mut s = small_fair("Asia/Shanghai");
    let holder = s.achievements(true).unwrap()[0].data.holder_id.clone();
    let text = json_text(&mut s, false, Some(holder));
    insta::assert_snapshot!(stable_ids(&without_schema_version(&text)));
}
