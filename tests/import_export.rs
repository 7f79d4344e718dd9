//! The import, export and gen commands end to end: the real binary on real files.
use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn fairdesk(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("fairdesk").unwrap();
    cmd.current_dir(dir)
        .env_remove("FAIRDESK_DB")
        .env_remove("FAIRDESK_DESK")
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    cmd
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/import")
        .join(name)
}

/// A fair with 内蒙古大学, 中科院包头稀土研发中心 and one achievement (A001).
fn base_db(dir: &Path) -> PathBuf {
    let db = dir.join("fair.db");
    fairdesk(dir)
        .args(["init", "--name", "测试对接会", "--db"])
        .arg(&db)
        .assert()
        .success();
    fairdesk(dir)
        .args(["add", "organization", "--db"])
        .arg(&db)
        .write_stdin(
            r#"{"name":"内蒙古大学","kind":"university","credit_code":"121501045905851407"}
{"name":"中科院包头稀土研发中心","kind":"institute"}"#,
        )
        .assert()
        .success();
    fairdesk(dir)
        .args(["add", "achievement", "--db"])
        .arg(&db)
        .write_stdin(r#"{"title":"胡芪降脂胶囊","holder":"内蒙古大学","field":"蒙医药"}"#)
        .assert()
        .success();
    db
}

fn digest(path: &Path) -> (Vec<u8>, Option<Vec<u8>>) {
    (
        std::fs::read(path).unwrap(),
        std::fs::read(format!("{}-wal", path.display())).ok(),
    )
}

fn summary_json(dir: &Path, db: &Path) -> serde_json::Value {
    let out = fairdesk(dir)
        .args(["summary", "--json", "--db"])
        .arg(db)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn a_bad_file_exits_2_names_each_row_and_column_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_db(dir.path());
    let before = digest(&db);
    fairdesk(dir.path())
        .args(["import", "achievements", "--db"])
        .arg(&db)
        .arg(fixture("achievements-bad.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("第3行「统一社会信用代码」"))
        .stderr(predicate::str::contains("第4行「意向价格」"))
        .stderr(predicate::str::contains("第5行「成果名称」：必填"))
        .stderr(predicate::str::contains("第6行「成果名称」：已存在：A001"))
        .stderr(predicate::str::contains("第7行「成果名称」：与第2行重复"));
    assert!(before == digest(&db), "the file is unchanged");
}

#[test]
fn a_good_file_imports_and_skip_bad_writes_the_rejected_rows() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_db(dir.path());
    fairdesk(dir.path())
        .args(["import", "achievements", "--db"])
        .arg(&db)
        .arg(fixture("achievements.xlsx"))
        .assert()
        .success()
        .stdout(predicate::str::contains("已导入成果 5 条 A002–A006"))
        .stdout(predicate::str::contains("新建单位 2 家"))
        .stdout(predicate::str::contains("已忽略无法识别的列：录入人"));
    assert_eq!(summary_json(dir.path(), &db)["achievements"], 6);
    let rejected = dir.path().join("rejected.csv");
    fairdesk(dir.path())
        .args([
            "--lang",
            "en",
            "import",
            "achievements",
            "--skip-bad",
            "--report",
        ])
        .arg(&rejected)
        .arg("--db")
        .arg(&db)
        .arg(fixture("achievements-bad.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("1 achievements imported"))
        .stderr(predicate::str::contains("row 3, column “统一社会信用代码”"));
    let text = std::fs::read_to_string(&rejected).unwrap();
    assert_eq!(text.lines().count(), 6, "header and five bad rows");
    assert_eq!(summary_json(dir.path(), &db)["achievements"], 7);
}

#[test]
fn templates_are_written_for_each_kind() {
    let dir = tempfile::tempdir().unwrap();
    fairdesk(dir.path())
        .args(["import", "--template", "organizations", "--out"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("organizations-template.xlsx"));
    let csv = std::fs::read_to_string(dir.path().join("organizations-template.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}编号,单位名称*,单位类型,统一社会信用代码"));
}

#[test]
fn the_report_headline_matches_fairdesk_summary() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    fairdesk(dir.path())
        .args([
            "gen",
            "--achievements",
            "300",
            "--orgs",
            "40",
            "--interests",
            "500",
            "--agreements",
            "12",
            "--seed",
            "3",
            "--db",
        ])
        .arg(&db)
        .assert()
        .success()
        .stdout(predicate::str::contains("成果 300 项"));
    for lang in ["zh", "en"] {
        let summary = fairdesk(dir.path())
            .args(["--lang", lang, "summary", "--db"])
            .arg(&db)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let headline = String::from_utf8(summary)
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .to_string();
        for format in ["md", "html"] {
            let out = dir.path().join(format!("report-{lang}.{format}"));
            fairdesk(dir.path())
                .args(["--lang", lang, "export", "--format", format, "--out"])
                .arg(&out)
                .arg("--db")
                .arg(&db)
                .assert()
                .success();
            let written = std::fs::read_to_string(&out).unwrap();
            assert!(written.contains(&headline), "{lang} {format}: {headline}");
        }
    }
}

#[test]
fn gen_refuses_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    std::fs::write(&db, b"keep").unwrap();
    fairdesk(dir.path())
        .args(["gen", "--achievements", "10", "--db"])
        .arg(&db)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("已存在"));
    assert_eq!(std::fs::read(&db).unwrap(), b"keep");
}

#[test]
fn a_json_dump_restores_into_a_new_file_with_the_same_tallies() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    fairdesk(dir.path())
        .args(["init", "--demo", "--db"])
        .arg(&db)
        .assert()
        .success();
    let dump = dir.path().join("dump.json");
    fairdesk(dir.path())
        .args(["export", "--format", "json", "--out"])
        .arg(&dump)
        .arg("--db")
        .arg(&db)
        .assert()
        .success();
    let restored = dir.path().join("restored.db");
    fairdesk(dir.path())
        .args(["import", "json"])
        .arg(&dump)
        .arg("--db")
        .arg(&restored)
        .assert()
        .success()
        .stdout(predicate::str::contains("已还原"));
    assert_eq!(
        summary_json(dir.path(), &db),
        summary_json(dir.path(), &restored)
    );
    fairdesk(dir.path())
        .args(["import", "json"])
        .arg(&dump)
        .arg("--db")
        .arg(&restored)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("已有对接会"));
}

/// Ctrl-C during a long import leaves the file with all of the rows or none.
#[cfg(unix)]
#[test]
fn an_interrupted_import_writes_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_db(dir.path());
    let csv = dir.path().join("many.csv");
    let mut text = String::from("成果名称,持有单位,技术领域\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "稀土永磁材料制备技术第{i}号,中科院包头稀土研发中心,稀土\n"
        ));
    }
    std::fs::write(&csv, text).unwrap();
    let binary = assert_cmd::cargo::cargo_bin("fairdesk");
    let mut child = std::process::Command::new(binary)
        .current_dir(dir.path())
        .env("LANG", "zh_CN.UTF-8")
        .args(["import", "achievements"])
        .arg(&csv)
        .arg("--db")
        .arg(&db)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1000));
    let _ = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let _ = child.wait();
    let count = summary_json(dir.path(), &db)["achievements"]
        .as_i64()
        .unwrap();
    assert!(count == 1 || count == 20_001, "partial import: {count}");
}
