//! End-to-end tests of `fairdesk recommend`: the real binary on a demo fair file.
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

fn demo_db(dir: &Path) -> PathBuf {
    let db = dir.join("fair.db");
    fairdesk(dir)
        .args(["init", "--demo", "--db"])
        .arg(&db)
        .assert()
        .success();
    db
}

#[test]
fn recommends_achievements_for_a_need_by_code_with_reasons() {
    let dir = tempfile::tempdir().unwrap();
    demo_db(dir.path());
    fairdesk(dir.path())
        .args(["recommend", "--need", "N005", "--limit", "3"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "需求 N005 稀土储氢合金性能提升需求（包头正信磁材股份有限公司，稀土）\n推荐成果 3 项",
        ))
        .stdout(predicate::str::contains("   1  A023 "))
        .stdout(predicate::str::contains(
            "同领域：稀土；3 个共同关键词：储氢合金、性能提升、稀土",
        ))
        .stdout(predicate::str::contains("   4  ").not());
    fairdesk(dir.path())
        .args([
            "recommend",
            "--need",
            "n005",
            "--limit",
            "1",
            "--lang",
            "en",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 suggested results"))
        .stdout(predicate::str::contains(
            "same field: Rare earths; 3 shared keywords: 储氢合金, 性能提升, 稀土",
        ));
}

#[test]
fn recommends_enterprises_for_an_achievement_and_marks_linked_pairs() {
    let dir = tempfile::tempdir().unwrap();
    demo_db(dir.path());
    // S02 signed A001 with 包头市兴荣稀土功能材料有限公司; the pair is marked, not new.
    fairdesk(dir.path())
        .args(["recommend", "--achievement", "A001", "--limit", "20"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("成果 A001 "))
        .stdout(
            predicate::str::is_match("包头市兴荣稀土功能材料有限公司 +[0-9.]+  已签约 S02")
                .unwrap(),
        );
}

#[test]
fn json_output_carries_ids_scores_links_and_reasons_in_both_forms() {
    let dir = tempfile::tempdir().unwrap();
    demo_db(dir.path());
    let out = fairdesk(dir.path())
        .args([
            "recommend",
            "--need",
            "N003",
            "--json",
            "--limit",
            "2",
            "--lang",
            "en",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["target"]["kind"], "need");
    assert_eq!(v["target"]["code"], "N003");
    let first = &v["suggestions"][0];
    assert_eq!(first["rank"], 1);
    assert_eq!(first["achievement"]["code"], "A032");
    assert!(first["achievement"]["id"].as_str().unwrap().len() > 10);
    assert!(first["score"].as_f64().unwrap() > 0.0);
    assert!(first["link"].is_null());
    assert_eq!(first["reasons"][0]["kind"], "same_field");
    assert!(
        first["reasons_text"]
            .as_str()
            .unwrap()
            .starts_with("same field: Rare earths; 2 shared keywords: 含氟废水, 稀土")
    );
    assert_eq!(v["suggestions"].as_array().unwrap().len(), 2);
}

#[test]
fn bad_references_and_usage_exit_2_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    demo_db(dir.path());
    fairdesk(dir.path())
        .args(["recommend", "--need", "N999"])
        .assert()
        .code(2)
        .stderr("fairdesk: 找不到需求：N999\n");
    fairdesk(dir.path())
        .args(["recommend", "--achievement", "A999", "--lang", "en"])
        .assert()
        .code(2)
        .stderr("fairdesk: achievement not found: A999\n");
    fairdesk(dir.path()).args(["recommend"]).assert().code(2);
    fairdesk(dir.path())
        .args(["recommend", "--need", "N001", "--achievement", "A001"])
        .assert()
        .code(2);
    fairdesk(dir.path())
        .args(["recommend", "--need", "N001", "--limit", "0"])
        .assert()
        .code(2);
    fairdesk(dir.path())
        .args(["recommend", "--need", "N001", "--db", "missing.db"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.db"));
}
