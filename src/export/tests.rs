//! Exports read back: XLSX with calamine, CSV with the csv crate, JSON restored into a
//! new file; masking and formula neutralisation checked on the written bytes.
use super::*;
use crate::app::generate::{GenSpec, fill};
use crate::domain::agreement::AgreementInput;
use crate::domain::meeting::MeetingInput;
use crate::import::{ImportKind, ImportOptions, import_file};
use calamine::{Data, Reader, open_workbook_auto};
use std::path::PathBuf;

/// A generated fair with a withdrawn achievement, a voided agreement, a meeting and a
/// check-in, so every table and status appears.
pub(crate) fn fair() -> Store {
    let mut s = crate::store::test_support::store();
    fill(
        &mut s,
        &GenSpec {
            organizations: 30,
            achievements: 120,
            interests: 200,
            agreements: 8,
            seed: 5,
        },
        &mut |_, _, _| {},
    )
    .unwrap();
    add_every_status(&mut s, 3, 1);
    s
}

/// Withdraws achievement `withdrawn`, voids the first agreement, books a meeting and
/// checks in the first enterprise, and signs an agreement with it on the first `signed`
/// achievements it does not hold. Returns the enterprise and those achievements.
pub(crate) fn add_every_status(
    s: &mut Store,
    withdrawn: usize,
    signed: usize,
) -> (
    crate::domain::organization::Organization,
    Vec<crate::domain::achievement::Achievement>,
) {
    let achievements = s.achievements(true).unwrap();
    s.withdraw_achievement(&achievements[withdrawn].id, "持有单位撤展")
        .unwrap();
    let agreements = s.agreements().unwrap();
    s.void_agreement(&agreements[0].id, "录入错误").unwrap();
    let orgs = s.organizations(true).unwrap();
    let enterprise = orgs
        .into_iter()
        .find(|o| o.data.kind == "enterprise")
        .unwrap();
    let targets: Vec<_> = achievements
        .into_iter()
        .filter(|a| a.data.holder_id != enterprise.id)
        .take(signed)
        .collect();
    s.book_meeting(&MeetingInput {
        enterprise: enterprise.id.clone(),
        achievement: targets[0].id.clone(),
        table_no: "3".into(),
        slot_start: "2019-12-10 10:00".into(),
        ..Default::default()
    })
    .unwrap();
    s.check_in(&enterprise.id, "王小明", "B-001").unwrap();
    s.create_agreement(&AgreementInput {
        buyer: enterprise.id.clone(),
        achievements: targets
            .iter()
            .map(|a| a.id.as_str())
            .collect::<Vec<_>>()
            .join(","),
        contract_type: "技术许可".into(),
        contract_amount: "123456.78".into(),
        tech_amount: "100000".into(),
        ceremony: "true".into(),
        ..Default::default()
    })
    .unwrap();
    (enterprise, targets)
}

fn options(format: ExportFormat, out: PathBuf) -> ExportOptions {
    ExportOptions {
        format,
        out,
        mask_contacts: false,
        full_contacts: false,
        org: None,
        encoding: CsvEncoding::Utf8,
        lang: Lang::Zh,
    }
}

fn run(s: &mut Store, options: &ExportOptions) -> ExportOutcome {
    export(s, options, &mut |_, _, _| {}).unwrap()
}

/// Whether `text` holds an 11-digit mainland mobile number (1[3-9] and nine digits,
/// not part of a longer number or of an identifier). A run touching an ASCII letter,
/// digit or hyphen is part of something else — the last group of a UUID can be
/// twelve hex characters of which eleven are digits — so it does not count.
fn has_mobile(text: &str) -> bool {
    let glued = |c: &char| c.is_ascii_alphanumeric() || *c == '-';
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len().saturating_sub(10)).any(|i| {
        let window = &chars[i..i + 11];
        let before = i.checked_sub(1).map(|j| glued(&chars[j]));
        let after = chars.get(i + 11).map(glued);
        window.iter().all(|c| c.is_ascii_digit())
            && window[0] == '1'
            && ('3'..='9').contains(&window[1])
            && before != Some(true)
            && after != Some(true)
    })
}

#[test]
fn mobile_detector_skips_uuid_groups_but_sees_real_numbers() {
    assert!(has_mobile("联系电话 13812345678。"));
    assert!(has_mobile("\"mobile\":\"13812345678\""));
    assert!(!has_mobile(
        "\"id\":\"0193a1b2-7c3d-7e4f-8a5b-a13812345678\""
    ));
    assert!(!has_mobile(
        "\"id\":\"0193a1b2-7c3d-7e4f-8a5b-13812345678f\""
    ));
    assert!(!has_mobile("138123456789"));
}

fn xlsx_cells(path: &std::path::Path) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut workbook = open_workbook_auto(path).unwrap();
    workbook
        .sheet_names()
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).unwrap();
            let rows = range.rows().map(|r| r.to_vec()).collect();
            (name, rows)
        })
        .collect()
}

fn text(cell: &Data) -> String {
    crate::import::sheet::cell_text(cell)
}

#[test]
fn xlsx_reads_back_with_calamine_and_matches_the_store() {
    let mut s = fair();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fair.xlsx");
    run(&mut s, &options(ExportFormat::Xlsx, path.clone()));
    let sheets = xlsx_cells(&path);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        vec!["汇总", "单位", "成果", "技术需求", "意向", "洽谈", "签约"]
    );
    let fair_row = s.require_fair().unwrap();
    let tallies = s.tallies().unwrap();
    let summary = &sheets[0].1;
    assert_eq!(
        text(&summary[1][0]),
        crate::app::summary::headline(&fair_row, &tallies, Lang::Zh)
    );

    let achievements = &sheets[2].1;
    assert_eq!(text(&achievements[0][0]), "编号");
    assert_eq!(text(&achievements[0][9]), "意向价格（元）");
    let stored = s.achievements(true).unwrap();
    assert_eq!(achievements.len(), stored.len() + 1);
    let orgs = s.organizations(true).unwrap();
    for (row, a) in achievements[1..].iter().zip(&stored) {
        assert_eq!(text(&row[0]), a.code);
        assert_eq!(text(&row[1]), a.data.title);
        let holder = orgs.iter().find(|o| o.id == a.data.holder_id).unwrap();
        assert_eq!(text(&row[2]), holder.data.name);
        match (&row[3], &holder.data.credit_code) {
            (Data::String(code), Some(stored)) => assert_eq!(code, stored),
            (Data::Empty, None) => {}
            other => panic!("credit code cell {other:?}"),
        }
        match (&row[9], a.data.asking_price) {
            (Data::Float(yuan), Some(price)) => {
                assert_eq!((yuan * 100.0).round() as i64, price.fen())
            }
            (Data::Empty, None) => {}
            other => panic!("price cell {other:?}"),
        }
        assert_eq!(text(&row[17]), a.id);
    }
    let agreements = &sheets[6].1;
    let small = agreements
        .iter()
        .find(|r| matches!(r[6], Data::Float(v) if (v - 123_456.78).abs() < 1e-9))
        .expect("the 123456.78 agreement, as a number");
    assert_eq!(text(&small[9]), "是");
    let organizations = &sheets[1].1;
    let phone_column = 7;
    assert!(
        organizations[1..]
            .iter()
            .all(|r| matches!(r[phone_column], Data::String(_) | Data::Empty)),
        "phone numbers are text"
    );
}

#[test]
fn csv_parses_back_and_matches_the_store_in_both_encodings() {
    let mut s = fair();
    for encoding in [CsvEncoding::Utf8, CsvEncoding::Gb18030] {
        let dir = tempfile::tempdir().unwrap();
        let mut o = options(ExportFormat::Csv, dir.path().join("csv"));
        o.encoding = encoding;
        let outcome = run(&mut s, &o);
        assert_eq!(outcome.files.len(), 6);
        let bytes = std::fs::read(dir.path().join("csv/achievements.csv")).unwrap();
        let text = match encoding {
            CsvEncoding::Utf8 => {
                assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM");
                String::from_utf8(bytes[3..].to_vec()).unwrap()
            }
            CsvEncoding::Gb18030 => {
                assert!(std::str::from_utf8(&bytes).is_err(), "really GB18030");
                let (t, _, bad) = encoding_rs::GB18030.decode(&bytes);
                assert!(!bad);
                t.into_owned()
            }
        };
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        let stored = s.achievements(true).unwrap();
        assert_eq!(records.len(), stored.len());
        for (r, a) in records.iter().zip(&stored) {
            assert_eq!(&r[0], a.code);
            assert_eq!(&r[1], a.data.title);
            assert_eq!(
                &r[9],
                a.data
                    .asking_price
                    .map(|m| m.format_plain())
                    .unwrap_or_default()
            );
            assert_eq!(&r[17], a.id);
        }
    }
}

#[test]
fn an_exported_achievements_csv_imports_into_another_fair() {
    let mut s = fair();
    let dir = tempfile::tempdir().unwrap();
    run(&mut s, &options(ExportFormat::Csv, dir.path().join("csv")));
    let mut other = crate::store::test_support::store();
    let report = import_file(
        &mut other,
        ImportKind::Achievements,
        &dir.path().join("csv/achievements.csv"),
        ImportOptions::default(),
        &mut |_, _, _| {},
    )
    .unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems.first());
    assert_eq!(report.imported.len(), 120);
    let mine = s.achievements(true).unwrap();
    let theirs = other.achievements(true).unwrap();
    let price = |list: &[crate::domain::achievement::Achievement], code: &str| {
        list.iter()
            .find(|a| a.code == code)
            .map(|a| (a.data.title.clone(), a.data.asking_price))
    };
    assert_eq!(price(&mine, "A007"), price(&theirs, "A007"));
}

#[test]
fn formula_text_comes_out_inert() {
    let mut s = crate::import::tests::base();
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/import/achievements-injection.csv");
    let report = import_file(
        &mut s,
        ImportKind::Achievements,
        &fixture,
        ImportOptions::default(),
        &mut |_, _, _| {},
    )
    .unwrap();
    assert!(report.written, "{:?}", report.problems);
    let dir = tempfile::tempdir().unwrap();
    run(&mut s, &options(ExportFormat::Csv, dir.path().join("csv")));
    let bytes = std::fs::read(dir.path().join("csv/achievements.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let mut seen_risky = 0;
    for record in reader.records() {
        for field in record.unwrap().iter() {
            let first = field.chars().next();
            assert!(
                !matches!(
                    first,
                    Some('=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠')
                ),
                "live formula: {field}"
            );
            if field.starts_with('\'') {
                seen_risky += 1;
            }
        }
    }
    assert_eq!(
        seen_risky, 4,
        "two titles and two summaries were neutralised"
    );

    let xlsx = dir.path().join("fair.xlsx");
    run(&mut s, &options(ExportFormat::Xlsx, xlsx.clone()));
    let mut workbook = open_workbook_auto(&xlsx).unwrap();
    let formulas = workbook.worksheet_formula("成果").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell is a formula"
    );
    let sheets = xlsx_cells(&xlsx);
    let titles: Vec<String> = sheets[2].1[1..].iter().map(|r| text(&r[1])).collect();
    assert!(titles.contains(&"=HYPERLINK(\"http://example.com\",\"点击\")".to_string()));
}

#[test]
fn json_round_trip_reproduces_every_table_exactly() {
    let mut s = fair();
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("fair.json");
    run(&mut s, &options(ExportFormat::Json, dump.clone()));
    let restored_path = dir.path().join("restored.db");
    let counts = json_dump::restore_file(&dump, &restored_path, "desk-other").unwrap();
    assert!(counts.iter().any(|(t, n)| t == "audit" && *n > 300));
    let restored = Store::open(&restored_path, "desk-other").unwrap();
    let tables = s.dump_tables().unwrap();
    assert_eq!(tables, restored.dump_tables().unwrap());
    for table in &tables {
        let collect = |store: &Store| {
            let mut rows = Vec::new();
            store
                .each_raw_row(table, |r| {
                    rows.push(r);
                    Ok::<(), crate::store::StoreError>(())
                })
                .unwrap();
            rows
        };
        let (a, b) = (collect(&s), collect(&restored));
        assert_eq!(a.len(), b.len(), "{table}");
        assert_eq!(a, b, "{table}");
    }
    assert_eq!(s.tallies().unwrap(), restored.tallies().unwrap());
    // Restoring again into a file that now holds a fair is refused.
    assert!(matches!(
        json_dump::restore_file(&dump, &restored_path, "d"),
        Err(json_dump::DumpError::Exists(_))
    ));
}

#[test]
fn masked_exports_hold_no_mobile_number() {
    let mut s = fair();
    let dir = tempfile::tempdir().unwrap();
    // Unmasked, the fair's contacts do show up (so the check below can fail).
    let plain = dir.path().join("plain.json");
    run(&mut s, &options(ExportFormat::Json, plain.clone()));
    assert!(has_mobile(&std::fs::read_to_string(&plain).unwrap()));

    for format in [ExportFormat::Csv, ExportFormat::Json, ExportFormat::Xlsx] {
        let out = dir.path().join(format!("masked.{}", format.name()));
        let mut o = options(format, out.clone());
        o.mask_contacts = true;
        assert!(run(&mut s, &o).masked);
        let text = match format {
            ExportFormat::Csv => std::fs::read_dir(&out)
                .unwrap()
                .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
                .collect::<String>(),
            ExportFormat::Xlsx => xlsx_cells(&out)
                .iter()
                .flat_map(|(_, rows)| rows.iter().flatten().map(text))
                .collect::<Vec<_>>()
                .join("\n"),
            _ => std::fs::read_to_string(&out).unwrap(),
        };
        assert!(!has_mobile(&text), "{format:?} leaks a mobile number");
        assert!(text.contains("****"), "{format:?} shows masked numbers");
    }
    // Reports mask by default.
    for format in [ExportFormat::Md, ExportFormat::Html] {
        let out = dir.path().join(format!("report.{}", format.name()));
        assert!(run(&mut s, &options(format, out.clone())).masked);
        assert!(!has_mobile(&std::fs::read_to_string(&out).unwrap()));
    }
}

#[test]
fn full_contacts_in_a_report_are_written_to_the_audit_log() {
    let mut s = fair();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("full.html");
    let mut o = options(ExportFormat::Html, out.clone());
    o.full_contacts = true;
    let before = crate::store::audit::count(s.conn()).unwrap();
    assert!(!run(&mut s, &o).masked);
    assert!(has_mobile(&std::fs::read_to_string(&out).unwrap()));
    assert_eq!(crate::store::audit::count(s.conn()).unwrap(), before + 1);
    let uid = s.require_fair().unwrap().uid;
    let history = crate::store::audit::history(s.conn(), "fair", &uid).unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.action, "export_full_contacts");
    assert_eq!(last.changes["format"], "html");
    o.mask_contacts = true;
    assert!(matches!(
        export(&mut s, &o, &mut |_, _, _| {}),
        Err(ExportError::MaskConflict)
    ));
}

#[test]
fn reports_carry_the_summary_headline_in_both_languages() {
    let mut s = fair();
    let dir = tempfile::tempdir().unwrap();
    let fair_row = s.require_fair().unwrap();
    let tallies = s.tallies().unwrap();
    for lang in [Lang::Zh, Lang::En] {
        for format in [ExportFormat::Md, ExportFormat::Html] {
            let out = dir.path().join(format!("r.{}", format.name()));
            let mut o = options(format, out.clone());
            o.lang = lang;
            run(&mut s, &o);
            let written = std::fs::read_to_string(&out).unwrap();
            let headline = crate::app::summary::headline(&fair_row, &tallies, lang);
            let expected = match format {
                ExportFormat::Html => html::escape(&headline),
                _ => headline,
            };
            assert!(written.contains(&expected), "{format:?} {lang:?}");
        }
    }
    let html = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "self-contained, no scripts");
    assert!(!html.contains("src=\"http"), "no outside resources");
    assert!(html.contains("@media print"));
}

#[test]
fn one_exhibitor_export_holds_only_its_results_and_their_interest() {
    let mut s = fair();
    let holder = {
        let achievements = s.achievements(true).unwrap();
        achievements[0].data.holder_id.clone()
    };
    let holder_org = s.organization(&holder).unwrap();
    let own: Vec<String> = s
        .achievements(true)
        .unwrap()
        .into_iter()
        .filter(|a| a.data.holder_id == holder)
        .map(|a| a.code)
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut o = options(ExportFormat::Xlsx, dir.path().join("one.xlsx"));
    o.org = Some(holder_org.code.clone());
    run(&mut s, &o);
    let sheets = xlsx_cells(&dir.path().join("one.xlsx"));
    let codes: Vec<String> = sheets[2].1[1..].iter().map(|r| text(&r[0])).collect();
    assert_eq!(codes, own);
    let interest_codes: Vec<String> = sheets[4].1[1..].iter().map(|r| text(&r[1])).collect();
    assert!(!interest_codes.is_empty());
    assert!(interest_codes.iter().all(|c| own.contains(c)));

    let mut o = options(ExportFormat::Md, dir.path().join("one.md"));
    o.org = Some(holder_org.data.name.clone());
    run(&mut s, &o);
    let md = std::fs::read_to_string(dir.path().join("one.md")).unwrap();
    assert_eq!(md.matches("\n### ").count(), 1, "one exhibitor section");

    let mut o = options(ExportFormat::Json, dir.path().join("one.json"));
    o.org = Some("没有这个单位".into());
    assert!(matches!(
        export(&mut s, &o, &mut |_, _, _| {}),
        Err(ExportError::Org(_))
    ));
}

#[test]
fn an_exported_workbook_imports_from_its_achievements_sheet() {
    let mut s = fair();
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("fair.xlsx");
    run(&mut s, &options(ExportFormat::Xlsx, xlsx.clone()));
    let mut other = crate::store::test_support::store();
    let report = import_file(
        &mut other,
        ImportKind::Achievements,
        &xlsx,
        ImportOptions::default(),
        &mut |_, _, _| {},
    )
    .unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems.first());
    assert_eq!(report.imported.len(), 120);
    let prices = |store: &Store| {
        store
            .achievements(true)
            .unwrap()
            .into_iter()
            .map(|a| (a.code, a.data.title, a.data.asking_price, a.data.trl))
            .collect::<Vec<_>>()
    };
    assert_eq!(prices(&s), prices(&other));
}

#[test]
fn the_dump_progress_counts_towards_each_tables_rows() {
    use crate::app::generate::{GenSpec, fill};
    let mut s = crate::store::test_support::store();
    fill(
        &mut s,
        &GenSpec {
            organizations: 100,
            achievements: 200,
            interests: 5_200,
            agreements: 0,
            seed: 5,
        },
        &mut |_, _, _| {},
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut calls: Vec<(String, usize, usize)> = Vec::new();
    export(
        &mut s,
        &options(ExportFormat::Json, dir.path().join("fair.json")),
        &mut |table, done, total| calls.push((table.to_string(), done, total)),
    )
    .unwrap();
    for table in s.dump_tables().unwrap() {
        let rows = s.table_row_count(&table).unwrap();
        let seen: Vec<_> = calls.iter().filter(|(t, _, _)| *t == table).collect();
        assert!(!seen.is_empty(), "{table}");
        for (_, done, total) in &seen {
            assert_eq!(*total, rows, "{table}: {done} of {total}");
        }
        assert_eq!(seen.last().unwrap().1, rows, "{table}");
    }
    // The interests pass 5,000 on the way: the bar shows them part done.
    let interests = s.table_row_count("interest").unwrap();
    assert!(interests > 5_000);
    assert!(calls.contains(&("interest".to_string(), 5_000, interests)));
}
