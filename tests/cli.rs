//! End-to-end tests of the command line: the real binary on real files.
use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

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

fn demo_db(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("x.db");
    fairdesk(dir)
        .args(["init", "--demo", "--db"])
        .arg(&db)
        .assert()
        .success();
    db
}

/// A digest of the main file's bytes and its WAL's, to prove a failed command changed
/// nothing (a digest keeps a failure message short).
fn file_state(db: &Path) -> (u64, Option<u64>) {
    let wal = std::fs::read(format!("{}-wal", db.display())).ok();
    (digest(&std::fs::read(db).unwrap()), wal.map(|w| digest(&w)))
}

fn digest(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
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
fn init_demo_then_summary_shows_the_demo_fair() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let json = summary_json(dir.path(), &db);
    assert_eq!(json["achievements"], 346);
    assert_eq!(json["agreements"], 21);
    assert!(json["enterprises"].as_i64().unwrap() >= 150);
    assert!(json["interests"]["total"].as_i64().unwrap() >= 600);
    assert!(json["contract_amount_fen"].as_i64().unwrap() > 0);
    // The text summary tells the same figures.
    fairdesk(dir.path())
        .args(["summary", "--db"])
        .arg(&db)
        .assert()
        .success()
        .stdout(predicate::str::contains("共展示科技成果346项"))
        .stdout(predicate::str::contains("现场签署合作协议21项"));
}

#[test]
fn a_bad_credit_code_exits_2_names_the_field_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let before = file_state(&db);
    fairdesk(dir.path())
        .args(["add", "organization", "--db"])
        .arg(&db)
        .write_stdin(r#"{"name": "内蒙古某某科技有限公司", "kind": "enterprise", "credit_code": "91350100M000100Y4Z", "region": "包头市"}"#)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("统一社会信用代码"));
    assert_eq!(file_state(&db), before);
    // In English the field is named too.
    fairdesk(dir.path())
        .args(["add", "organization", "--lang", "en", "--db"])
        .arg(&db)
        .write_stdin(r#"{"name": "X Co.", "credit_code": "91350100M000100Y4Z"}"#)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("credit code"));
}

#[test]
fn a_bad_amount_on_an_agreement_exits_2_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let before = summary_json(dir.path(), &db);
    let state = file_state(&db);
    fairdesk(dir.path())
        .args(["add", "agreement", "--db"])
        .arg(&db)
        .write_stdin(r#"{"buyer": "O050", "achievements": ["A001"], "contract_type": "技术转让", "contract_amount": "三百万"}"#)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("合同成交额"));
    fairdesk(dir.path())
        .args(["add", "agreement", "--db"])
        .arg(&db)
        .write_stdin(r#"{"buyer": "O050", "achievements": ["A001"], "contract_type": "技术转让", "contract_amount": "100万", "tech_amount": "120万"}"#)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("技术交易额不能高于合同成交额"));
    assert_eq!(file_state(&db), state);
    assert_eq!(summary_json(dir.path(), &db), before);
}

#[test]
fn add_json_lines_prints_ids_and_is_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.db");
    fairdesk(dir.path())
        .args(["init", "--name", "测试对接会", "--db"])
        .arg(&db)
        .assert()
        .success();
    let lines = "{\"name\": \"内蒙古显鸿科技股份有限公司\", \"kind\": \"enterprise\", \"credit_code\": \"91350100M000100Y43\", \"region\": \"包头市\"}\n{\"name\": \"内蒙古大学\", \"kind\": \"university\"}\n";
    let out = fairdesk(dir.path())
        .args(["add", "organization", "--desk", "desk-9", "--db"])
        .arg(&db)
        .write_stdin(lines)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 2);
    assert!(text.lines().nth(1).unwrap().ends_with("\tO002"));
    // An achievement referring to its holder by name and its price as people type it.
    fairdesk(dir.path())
        .args(["add", "achievement", "--db"])
        .arg(&db)
        .write_stdin(r#"{"title": "胡芪降脂胶囊", "holder": "内蒙古大学", "field": "蒙医药", "asking_price": "12.5万"}"#)
        .assert()
        .success();
    // The second line refers to a missing holder: nothing of the batch is written.
    let batch = "{\"title\": \"甲\", \"holder\": \"内蒙古大学\", \"field\": \"稀土\"}\n{\"title\": \"乙\", \"holder\": \"不存在的大学\", \"field\": \"稀土\"}\n";
    fairdesk(dir.path())
        .args(["add", "achievement", "--db"])
        .arg(&db)
        .write_stdin(batch)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("第2条记录").and(predicate::str::contains("持有单位")));
    let json = summary_json(dir.path(), &db);
    assert_eq!(json["achievements"], 1);
    assert_eq!(json["organizations"], 2);
}

#[test]
fn a_text_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "展位安排：A区 1-20 号\n").unwrap();
    let before = file_state(&path);
    for args in [vec!["summary"], vec!["add", "organization"]] {
        fairdesk(dir.path())
            .args(&args)
            .arg("--db")
            .arg(&path)
            .write_stdin("{\"name\":\"x\"}")
            .assert()
            .code(2)
            .stderr(predicate::str::contains("不是 SQLite 数据库"));
    }
    assert_eq!(file_state(&path), before);
    assert!(!dir.path().join("notes.txt-wal").exists());
}

#[test]
fn a_foreign_sqlite_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let before = file_state(&path);
    fairdesk(dir.path())
        .args(["summary", "--lang", "en", "--db"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a fairdesk fair"));
    assert_eq!(file_state(&path), before);
}

#[test]
fn a_newer_fairdesk_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    fairdesk(dir.path())
        .args(["init", "--name", "对接会", "--db"])
        .arg(&db)
        .assert()
        .success();
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = file_state(&db);
    fairdesk(dir.path())
        .args(["summary", "--db"])
        .arg(&db)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("更新版本的 fairdesk"));
    assert_eq!(file_state(&db), before);
}

#[test]
fn usage_errors_exit_2_and_help_exits_0_on_every_command() {
    let dir = tempfile::tempdir().unwrap();
    fairdesk(dir.path()).arg("--no-such-flag").assert().code(2);
    fairdesk(dir.path())
        .args(["add", "planet"])
        .assert()
        .code(2);
    fairdesk(dir.path()).args(["init"]).assert().code(2);
    for cmd in [
        vec![],
        vec!["demo"],
        vec!["init"],
        vec!["add"],
        vec!["summary"],
    ] {
        fairdesk(dir.path())
            .args(&cmd)
            .arg("--help")
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage"));
    }
}

#[test]
fn commands_other_than_the_tui_never_create_a_file() {
    let dir = tempfile::tempdir().unwrap();
    fairdesk(dir.path())
        .args(["summary", "--db", "missing.db"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fairdesk init"));
    assert!(!dir.path().join("missing.db").exists());
    // Bad init input leaves no file behind either.
    fairdesk(dir.path())
        .args([
            "init",
            "--name",
            "对接会",
            "--starts-on",
            "明天",
            "--db",
            "bad.db",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("开始日期"));
    assert!(!dir.path().join("bad.db").exists());
}

#[test]
fn init_refuses_to_overwrite_a_fair() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    fairdesk(dir.path())
        .args(["init", "--demo", "--db"])
        .arg(&db)
        .assert()
        .code(2);
    fairdesk(dir.path())
        .args(["init", "--name", "另一个", "--db"])
        .arg(&db)
        .assert()
        .code(2);
    assert_eq!(
        summary_json(dir.path(), &db)["fair"],
        "2019年内蒙古自治区科技成果转化对接会"
    );
}

#[test]
fn search_prints_matching_titles_best_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let out = fairdesk(dir.path())
        .args(["search", "xtyc", "--db"])
        .arg(&db)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let first = text.lines().next().unwrap_or("");
    assert!(
        first.starts_with("稀土永磁"),
        "initials find 稀土永磁 first: {text}"
    );
    let all = fairdesk(dir.path())
        .args(["search", "--db"])
        .arg(&db)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(all).unwrap().lines().count(), 346);
    fairdesk(dir.path())
        .args([
            "search",
            "nmgdx",
            "--kind",
            "organizations",
            "--limit",
            "1",
            "--db",
        ])
        .arg(&db)
        .assert()
        .success()
        .stdout("内蒙古大学\n");
}

/// A wrong flag is named in the user's language and points to --help; exit code 2.
#[test]
fn usage_errors_speak_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let zh = |args: &[&str]| {
        let out = fairdesk(dir.path()).args(args).assert().code(2);
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    };
    let text = zh(&["summary", "--jsn"]);
    assert!(text.contains("无法识别的参数 '--jsn'"), "{text}");
    assert!(text.contains("'--json'"), "{text}");
    assert!(text.contains("fairdesk summary --help"), "{text}");
    assert!(!text.contains("unexpected argument"), "{text}");
    let text = zh(&["--lang", "zh", "init"]);
    assert!(text.contains("缺少必填参数 --name"), "{text}");
    let text = zh(&["export", "--format", "pdf", "--out", "x"]);
    assert!(
        text.contains("参数 '--format <FORMAT>' 的值 'pdf' 无效"),
        "{text}"
    );
    assert!(text.contains("csv、xlsx"), "{text}");
    assert!(text.contains("fairdesk export --help"), "{text}");
    let text = zh(&["imprt"]);
    assert!(text.contains("无法识别的子命令 'imprt'"), "{text}");
    let text = zh(&["recommend", "--limit", "0"]);
    assert!(text.contains("须在 1 到 1000 之间"), "{text}");

    // English keeps clap's own wording, by --lang or by the environment.
    let out = fairdesk(dir.path())
        .args(["--lang", "en", "summary", "--jsn"])
        .assert()
        .code(2);
    let text = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(text.contains("unexpected argument '--jsn' found"), "{text}");
    assert!(text.contains("--help"), "{text}");
    let out = fairdesk(dir.path())
        .env("LANG", "en_US.UTF-8")
        .args(["init"])
        .assert()
        .code(2);
    let text = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        text.contains("required arguments were not provided"),
        "{text}"
    );
    assert!(text.contains("--name"), "{text}");
}

/// `check` finds counters damaged behind the triggers' back; `check --repair` counts them
/// again and then passes.
#[test]
fn check_repair_recounts_damaged_tallies() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    fairdesk(dir.path())
        .args(["check", "--db"])
        .arg(&db)
        .assert()
        .success();
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "UPDATE agreement_tally SET n = n + 1 WHERE dimension = 'region';
         UPDATE achievement_tally SET n = n + 5 WHERE dimension = 'field';",
    )
    .unwrap();
    drop(conn);
    fairdesk(dir.path())
        .args(["--lang", "en", "check", "--db"])
        .arg(&db)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("agreements by region differ"));
    fairdesk(dir.path())
        .args(["--lang", "en", "check", "--repair", "--db"])
        .arg(&db)
        .assert()
        .success()
        .stdout(predicate::str::contains("counted again"))
        .stdout(predicate::str::contains("All checks hold"));
    fairdesk(dir.path())
        .args(["check", "--db"])
        .arg(&db)
        .assert()
        .success();
}

#[test]
fn merging_a_file_that_is_not_there_says_so_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let before = file_state(&db);
    fairdesk(dir.path())
        .args(["merge", "desk-b.db", "--db"])
        .arg(&db)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("找不到文件 desk-b.db")
                .and(predicate::str::contains("entity not found").not()),
        );
    fairdesk(dir.path())
        .args(["--lang", "en", "merge", "desk-b.db", "--db"])
        .arg(&db)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("desk-b.db does not exist"));
    assert_eq!(file_state(&db), before);
}
