//! Two processes on one file: A shows the dashboard in a pseudo-terminal, B records an
//! agreement with `fairdesk add agreement`; A shows the new count and total within two
//! seconds, without a key pressed.
mod support;

use support::pty::Tui;

#[test]
fn another_desk_s_agreement_reaches_the_dashboard_within_two_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_fairdesk");
    let init = std::process::Command::new(bin)
        .args(["init", "--demo", "--db", "fair.db"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(init.status.success());
    let tui = Tui::spawn(
        dir.path(),
        &["dashboard", "--db", "fair.db", "--desk", "stage"],
        120,
        40,
    );
    let screen = tui.wait_for("合同成交额   5.15亿元", 15);
    assert!(screen.contains("签约         21"), "{screen}");

    let mut add = std::process::Command::new(bin)
        .args([
            "add",
            "agreement",
            "--db",
            "fair.db",
            "--desk",
            "signing-desk",
        ])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    add.stdin
        .take()
        .unwrap()
        .write_all(
            r#"{"buyer": "内蒙古显鸿科技股份有限公司", "achievements": ["A001"], "contract_type": "技术转让", "contract_amount": "1亿", "tech_amount": "8000万", "ceremony": true}"#
                .as_bytes(),
        )
        .unwrap();
    let out = add.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // The promise under test is "within two seconds" (the screen polls the file's
    // data_version every 0.4 s), so that is the deadline given.
    let screen = tui.wait_for("签约         22", 2);
    assert!(screen.contains("合同成交额   6.15亿元"), "{screen}");
}
