//! Importing the fixture files in fixtures/import/ into a small fair.
use super::*;
use crate::domain::achievement::AchievementInput;
use crate::domain::organization::OrganizationInput;
use crate::import::decode::TextEncoding;
use crate::store::test_support::store;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/import")
        .join(name)
}

/// A fair with two registered organizations and one achievement.
pub(crate) fn base() -> Store {
    let mut s = store();
    s.create_organization(&OrganizationInput {
        name: "内蒙古大学".into(),
        kind: "university".into(),
        credit_code: "121501045905851407".into(),
        region: "呼和浩特市".into(),
        ..Default::default()
    })
    .unwrap();
    s.create_organization(&OrganizationInput {
        name: "中科院包头稀土研发中心".into(),
        kind: "institute".into(),
        region: "包头市".into(),
        ..Default::default()
    })
    .unwrap();
    s.create_achievement(&AchievementInput {
        title: "胡芪降脂胶囊".into(),
        holder: "内蒙古大学".into(),
        field: "蒙医药".into(),
        ..Default::default()
    })
    .unwrap();
    s
}

fn import(s: &mut Store, kind: ImportKind, name: &str, options: ImportOptions) -> ImportReport {
    import_path(s, kind, &fixture(name), options).unwrap()
}

/// Imports the file at `path` without reporting progress.
fn import_path(
    s: &mut Store,
    kind: ImportKind,
    path: &Path,
    options: ImportOptions,
) -> Result<ImportReport, ImportError> {
    import_file(s, kind, path, options, &mut |_, _, _| {})
}

fn audit_rows(s: &Store) -> i64 {
    crate::store::audit::count(s.conn()).unwrap()
}

#[test]
fn every_good_fixture_imports_the_same_five_achievements() {
    for (name, encoding) in [
        ("achievements-utf8.csv", Some(TextEncoding::Utf8)),
        ("achievements-utf8-bom.csv", Some(TextEncoding::Utf8Bom)),
        ("achievements-gb18030.csv", Some(TextEncoding::Gb18030)),
        ("achievements.xlsx", None),
    ] {
        let mut s = base();
        let report = import(
            &mut s,
            ImportKind::Achievements,
            name,
            ImportOptions::default(),
        );
        assert!(report.problems.is_empty(), "{name}: {:?}", report.problems);
        assert!(report.written, "{name}");
        assert_eq!(report.encoding, encoding, "{name}");
        assert_eq!(report.rows_read, 5, "{name}");
        let codes: Vec<&str> = report.imported.iter().map(|(_, c)| c.as_str()).collect();
        assert_eq!(
            codes,
            vec!["A002", "A003", "A004", "A005", "A006"],
            "{name}"
        );
        let created: Vec<&str> = report
            .created_orgs
            .iter()
            .map(|o| o.name.as_str())
            .collect();
        assert_eq!(
            created,
            vec!["内蒙古农牧业科学院", "包头市绿源环保科技有限公司"],
            "{name}"
        );
        assert_eq!(
            report.ignored_columns.len(),
            1,
            "{name}: {:?}",
            report.ignored_columns
        );

        let orgs = s.organizations(true).unwrap();
        assert_eq!(orgs.len(), 4, "{name}");
        let green = orgs
            .iter()
            .find(|o| o.data.name == "包头市绿源环保科技有限公司")
            .unwrap();
        assert_eq!(
            green.data.credit_code.as_deref(),
            Some("91150200MA0N000018")
        );
        assert_eq!(green.data.kind, "enterprise");
        let institute = orgs
            .iter()
            .find(|o| o.data.name == "内蒙古农牧业科学院")
            .unwrap();
        assert_eq!(institute.data.kind, "institute");

        let achievements = s.achievements(true).unwrap();
        let by_code = |code: &str| achievements.iter().find(|a| a.code == code).unwrap();
        let a = by_code("A002");
        assert_eq!(a.data.title, "高性能钕铁硼永磁材料晶界扩散技术");
        assert_eq!(a.data.asking_price.map(|m| m.fen()), Some(800_000_000));
        assert_eq!(a.data.field, "稀土");
        assert_eq!(a.data.booth.as_deref(), Some("A-13"));
        assert_eq!(by_code("A004").data.asking_price, None);
        assert_eq!(by_code("A005").data.holder_id, green.id);
        assert_eq!(by_code("A006").data.holder_id, green.id);
        if name.ends_with(".csv") {
            assert_eq!(
                by_code("A003").data.transfer_modes,
                vec!["合作开发".to_string()]
            );
        }
    }
}

#[test]
fn xlsx_numbers_read_as_typed() {
    let mut s = base();
    import(
        &mut s,
        ImportKind::Achievements,
        "achievements.xlsx",
        ImportOptions::default(),
    );
    let achievements = s.achievements(true).unwrap();
    let polish = achievements.iter().find(|a| a.code == "A006").unwrap();
    assert_eq!(polish.data.asking_price.map(|m| m.fen()), Some(300_500_000));
    let potato = achievements.iter().find(|a| a.code == "A004").unwrap();
    assert_eq!(potato.data.trl, Some(9));
}

#[test]
fn bad_rows_are_named_by_row_and_column_and_nothing_is_written() {
    let mut s = base();
    let before = (
        s.achievements(true).unwrap().len(),
        s.organizations(true).unwrap().len(),
        audit_rows(&s),
    );
    let report = import(
        &mut s,
        ImportKind::Achievements,
        "achievements-bad.csv",
        ImportOptions::default(),
    );
    assert!(!report.written);
    let found: Vec<(usize, &str)> = report
        .problems
        .iter()
        .map(|p| (p.row, p.column.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        found,
        vec![
            (3, "统一社会信用代码"),
            (4, "意向价格"),
            (5, "成果名称"),
            (6, "成果名称"),
            (7, "成果名称"),
        ]
    );
    let lines = report.problem_lines(Lang::Zh);
    assert!(
        lines[0].starts_with("第3行「统一社会信用代码」："),
        "{}",
        lines[0]
    );
    assert!(lines[2].contains("必填"), "{}", lines[2]);
    assert!(lines[3].contains("已存在：A001"), "{}", lines[3]);
    assert!(lines[4].contains("与第2行重复"), "{}", lines[4]);
    let english = report.problem_lines(Lang::En);
    assert!(
        english[1].starts_with("row 4, column “意向价格”: "),
        "{}",
        english[1]
    );
    assert_eq!(report.good_rows, 1);
    let after = (
        s.achievements(true).unwrap().len(),
        s.organizations(true).unwrap().len(),
        audit_rows(&s),
    );
    assert_eq!(before, after, "a file with a bad row writes nothing");
}

#[test]
fn skip_bad_imports_the_good_rows_and_writes_the_rest_to_a_file() {
    let mut s = base();
    let report = import(
        &mut s,
        ImportKind::Achievements,
        "achievements-bad.csv",
        ImportOptions {
            skip_bad: true,
            ..Default::default()
        },
    );
    assert!(report.written);
    assert_eq!(report.imported, vec![(2, "A002".to_string())]);
    assert!(
        report.created_orgs.is_empty(),
        "the bad row's new holder is not created"
    );
    let dir = tempfile::tempdir().unwrap();
    let rejected = dir.path().join("rejected.csv");
    report.write_rejected(&rejected, Lang::Zh).unwrap();
    let sheet = sheet::read_sheet(&rejected).unwrap();
    assert_eq!(sheet.encoding, Some(TextEncoding::Utf8Bom));
    assert_eq!(sheet.rows.len(), 6);
    assert_eq!(sheet.rows[0].cells.last().unwrap(), "问题");
    assert_eq!(sheet.rows[1].cells[6], "3");
    assert!(sheet.rows[1].cells[7].contains("统一社会信用代码"));
    // The rejected file has the import's own headers, so once fixed it imports again.
    let map = ColumnMap::locate(ImportKind::Achievements, &sheet).unwrap();
    assert_eq!(map.ignored, vec!["原行号", "问题"]);
}

#[test]
fn a_dry_run_reports_what_it_would_do_and_writes_nothing() {
    let mut s = base();
    let audit = audit_rows(&s);
    let report = import(
        &mut s,
        ImportKind::Achievements,
        "achievements-utf8.csv",
        ImportOptions {
            dry_run: true,
            ..Default::default()
        },
    );
    assert!(!report.written);
    assert_eq!(report.good_rows, 5);
    assert_eq!(report.created_orgs.len(), 2);
    assert!(report.created_orgs.iter().all(|o| o.code.is_none()));
    assert_eq!(audit_rows(&s), audit);
    let summary = report.summary_lines(Lang::Zh, true).join("\n");
    assert!(summary.contains("试运行"), "{summary}");
    assert!(summary.contains("将新建单位 2 家"), "{summary}");
}

#[test]
fn importing_the_same_file_twice_reports_every_row_as_a_duplicate() {
    let mut s = base();
    import(
        &mut s,
        ImportKind::Achievements,
        "achievements-utf8.csv",
        ImportOptions::default(),
    );
    let again = import(
        &mut s,
        ImportKind::Achievements,
        "achievements-gb18030.csv",
        ImportOptions::default(),
    );
    assert!(!again.written);
    assert_eq!(again.bad_rows(), 5);
    assert!(again.problems.iter().all(|p| matches!(
        p.error.problem,
        crate::domain::error::Problem::Duplicate { .. }
    )));
    assert_eq!(s.achievements(true).unwrap().len(), 6);
}

#[test]
fn organizations_and_needs_import_and_duplicates_are_caught() {
    let mut s = base();
    let orgs = import(
        &mut s,
        ImportKind::Organizations,
        "organizations.csv",
        ImportOptions::default(),
    );
    assert!(orgs.written, "{:?}", orgs.problems);
    assert_eq!(orgs.imported.len(), 2);
    let ordos = s
        .organizations(true)
        .unwrap()
        .into_iter()
        .find(|o| o.data.name == "鄂尔多斯市蒙泰新能源有限公司")
        .unwrap();
    assert_eq!(ordos.data.region.as_deref(), Some("鄂尔多斯市"));
    assert_eq!(ordos.data.contact_phone.as_deref(), Some("0477-8123456"));
    assert!(!ordos.data.contact_consent);
    let twice = import(
        &mut s,
        ImportKind::Organizations,
        "organizations.csv",
        ImportOptions::default(),
    );
    assert_eq!(twice.bad_rows(), 2);
    assert_eq!(
        twice.problems[0].column.as_deref(),
        Some("统一社会信用代码")
    );

    let needs = import(
        &mut s,
        ImportKind::Needs,
        "needs.csv",
        ImportOptions::default(),
    );
    assert!(needs.written, "{:?}", needs.problems);
    assert_eq!(needs.created_orgs[0].name, "乌海市新源化工有限公司");
    let all = s.needs().unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].data.budget.map(|m| m.fen()), Some(200_000_000));
}

#[test]
fn a_file_missing_the_holder_column_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.csv");
    std::fs::write(&path, "成果名称,技术领域\n永磁,稀土\n").unwrap();
    let mut s = base();
    let err = import_codes(&mut s, &path).unwrap_err();
    assert!(
        err.message(Lang::Zh).contains("持有单位"),
        "{}",
        err.message(Lang::Zh)
    );
    assert!(err.is_bad_input());
}

/// The counter tables the triggers keep, as rows of text.
fn counters(s: &Store) -> Vec<String> {
    let mut stmt = s
        .conn()
        .prepare(
            "SELECT 'a' || key || '=' || n FROM achievement_tally
             UNION ALL SELECT 'h' || holder_id || '=' || n FROM holder_count
             UNION ALL SELECT 'o' || status || kind || '=' || n FROM organization_tally
             ORDER BY 1",
        )
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn generation(s: &Store, table: &str) -> i64 {
    s.conn()
        .query_row(
            &format!("SELECT n FROM {table} WHERE kind = 'achievement'"),
            [],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn after_an_import_every_counter_equals_a_recount() {
    let mut s = base();
    let search = generation(&s, "search_generation");
    let changes = generation(&s, "change_generation");
    let report = import(
        &mut s,
        ImportKind::Achievements,
        "achievements-utf8.csv",
        ImportOptions::default(),
    );
    assert!(report.written);
    assert!(
        crate::store::check::recount::compare(&s)
            .unwrap()
            .is_empty()
    );
    let kept = counters(&s);
    s.repair_counters().unwrap();
    assert_eq!(kept, counters(&s), "the counters are those a recount gives");
    // Every new row moved the search and change counters, as its trigger would have.
    assert_eq!(generation(&s, "search_generation"), search + 5);
    assert_eq!(generation(&s, "change_generation"), changes + 5);
    // The triggers are in place for the writes that follow.
    let a = s
        .create_achievement(&AchievementInput {
            title: "导入之后".into(),
            holder: "内蒙古大学".into(),
            field: "稀土".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(generation(&s, "search_generation"), search + 6);
    let kept = counters(&s);
    s.repair_counters().unwrap();
    assert_eq!(kept, counters(&s));
    assert!(
        kept.iter()
            .any(|c| c.starts_with(&format!("h{}=", a.data.holder_id)))
    );
}

/// A CSV file of achievements held by 内蒙古大学, one row per (code, title).
/// Imports a file `codes_file` made, as achievements with the default options.
fn import_codes(s: &mut Store, path: &Path) -> Result<ImportReport, ImportError> {
    import_path(s, ImportKind::Achievements, path, ImportOptions::default())
}

fn codes_file(dir: &Path, rows: &[(&str, &str)]) -> PathBuf {
    let mut text = String::from("编号,成果名称,持有单位,技术领域\n");
    for (code, title) in rows {
        text.push_str(&format!("{code},{title},内蒙古大学,稀土\n"));
    }
    let path = dir.join("codes.csv");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_fresh_code_skips_codes_rows_of_the_file_took_and_a_taken_code_names_its_row() {
    let dir = tempfile::tempdir().unwrap();
    // A001 is registered; row 2 asks for A003, rows 3 and 4 for none.
    let mut s = base();
    let path = codes_file(dir.path(), &[("A003", "甲"), ("", "乙"), ("", "丙")]);
    let report = import_codes(&mut s, &path).unwrap();
    let codes: Vec<&str> = report.imported.iter().map(|(_, c)| c.as_str()).collect();
    assert_eq!(codes, vec!["A003", "A002", "A004"]);
    // Row 2 takes the next free code (A002 here), which row 3 asks for by name: the
    // write refuses row 3's code and writes nothing.
    let mut s = base();
    let before = audit_rows(&s);
    let path = codes_file(dir.path(), &[("", "甲"), ("A002", "乙")]);
    let result = import_codes(&mut s, &path);
    match result {
        Err(ImportError::Rows(problems)) => {
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].row, 3);
            assert_eq!(problems[0].column.as_deref(), Some("编号"));
            assert!(problems[0].message(Lang::Zh).contains("A002"));
        }
        other => panic!("{:?}", other.map(|r| r.imported)),
    }
    assert_eq!(s.achievements(true).unwrap().len(), 1);
    assert_eq!(audit_rows(&s), before);
    assert_eq!(counters(&s), {
        s.repair_counters().unwrap();
        counters(&s)
    });
}

#[test]
fn a_registered_code_is_found_whether_the_codes_are_read_at_once_or_row_by_row() {
    let dir = tempfile::tempdir().unwrap();
    // Base holds A001. A file as long as the table reads its codes at once; a shorter
    // one looks each row's code up.
    for (rows, extra) in [(1, 0), (2, 0), (1, 2)] {
        let mut s = base();
        for i in 0..extra {
            s.create_achievement(&AchievementInput {
                title: format!("另一项{i}"),
                holder: "内蒙古大学".into(),
                field: "稀土".into(),
                ..Default::default()
            })
            .unwrap();
        }
        let file: Vec<(&str, &str)> = [("A001", "新成果"), ("", "又一项")][..rows].to_vec();
        let path = codes_file(dir.path(), &file);
        let report = import_codes(&mut s, &path).unwrap();
        assert!(!report.written, "{rows} rows, {extra} more registered");
        assert_eq!(report.problems.len(), 1);
        assert_eq!(report.problems[0].row, 2);
        assert_eq!(report.problems[0].column.as_deref(), Some("编号"));
        assert!(
            report.problems[0]
                .message(Lang::Zh)
                .contains("已存在：A001")
        );
    }
}

#[test]
fn a_code_another_desk_took_after_the_check_is_refused_by_the_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fair.db");
    let mut s = Store::open(&db, "desk-a").unwrap();
    s.create_fair(&crate::domain::fair::FairInput {
        name: "测试对接会".into(),
        ..Default::default()
    })
    .unwrap();
    s.create_organization(&OrganizationInput {
        name: "内蒙古大学".into(),
        kind: "university".into(),
        ..Default::default()
    })
    .unwrap();
    let path = codes_file(dir.path(), &[("", "甲"), ("A005", "乙")]);
    let sheet = sheet::read_sheet(&path).unwrap();
    let map = ColumnMap::locate(ImportKind::Achievements, &sheet).unwrap();
    let checked = plan::plan(&s, &sheet, &map, &mut |_, _| {}).unwrap();
    assert!(checked.problems.is_empty());
    let marker = s.change_marker().unwrap();
    // Another desk registers A005 after the check.
    let mut other = Store::open(&db, "desk-b").unwrap();
    other
        .create_achievement(&AchievementInput {
            code: "A005".into(),
            title: "另一台登记".into(),
            holder: "内蒙古大学".into(),
            field: "稀土".into(),
            ..Default::default()
        })
        .unwrap();
    let column_of = |field: &str| map.header_of(field).map(str::to_string);
    match write::write_plan(&mut s, checked, Some(marker), &column_of, &mut |_, _| {}) {
        Err(write::WriteFailure::Row(problems)) => {
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].row, 3);
            assert_eq!(problems[0].column.as_deref(), Some("编号"));
            assert!(problems[0].message(Lang::En).contains("A005"));
        }
        Err(write::WriteFailure::Store(e)) => panic!("{e:?}"),
        Ok(written) => panic!("written: {:?}", written.imported),
    }
    assert_eq!(
        s.achievements(true).unwrap().len(),
        1,
        "only the other desk's"
    );
}
