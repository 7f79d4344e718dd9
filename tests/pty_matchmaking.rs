//! End to end in a real pseudo-terminal: log an interest in a few keystrokes and find it
//! under the achievement's details; book a meeting, then see a clashing booking refused
//! with its reason.
mod support;

use std::time::Duration;
use support::pty::{PtySession, keys};

#[test]
fn log_interest_book_a_meeting_and_a_clash_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_fairdesk"))
        .args(["init", "--demo", "--db", "fair.db"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(status.status.success());
    let mut tui = PtySession::spawn(
        &["--db", "fair.db", "--desk", "booth-3"],
        dir.path(),
        120,
        36,
    );
    tui.wait_for("346 条", Duration::from_secs(15));

    // Interest: from the interest tab, n, enterprise by initials, achievement by code.
    tui.press("3");
    tui.press("n");
    tui.wait_for("登记意向", Duration::from_secs(5));
    tui.press("xhkj");
    tui.press(keys::ENTER);
    tui.press("A012");
    tui.press(keys::ENTER);
    tui.press(keys::CTRL_S);
    tui.wait_for("已登记意向（有意向）", Duration::from_secs(5));
    // Under the achievement's details.
    tui.press("1");
    tui.press("/");
    tui.press("A012");
    tui.press(keys::ENTER);
    tui.press(keys::ENTER);
    let screen = tui.wait_for("意向企业", Duration::from_secs(5)).text;
    assert!(screen.contains("内蒙古显鸿科技股份有限公司"), "{screen}");

    // A meeting for this achievement, at the slot offered.
    tui.press("m");
    tui.wait_for("预约洽谈", Duration::from_secs(5));
    tui.press("xhkj");
    tui.press(keys::ENTER);
    tui.wait_for("2019-12-10 09:00", Duration::from_secs(5));
    tui.press(keys::CTRL_S);
    tui.wait_for("已预约：1 号桌", Duration::from_secs(5));
    tui.press(keys::ESC);
    std::thread::sleep(std::time::Duration::from_millis(300));

    // Another enterprise at the same table and time: refused, with the reason.
    tui.press("4");
    tui.press("n");
    tui.wait_for("预约洽谈", Duration::from_secs(5));
    tui.press("cfxh");
    tui.press(keys::ENTER);
    tui.press("A002");
    tui.press(keys::ENTER);
    tui.press(keys::CTRL_U);
    tui.press("1");
    tui.press(keys::TAB);
    tui.press(keys::CTRL_U);
    tui.press("2019-12-10 09:00");
    tui.press(keys::CTRL_S);
    tui.wait_for("该桌在此时段已有预约", Duration::from_secs(5));
    tui.press(keys::ESC);
    std::thread::sleep(std::time::Duration::from_millis(300));
    tui.press("y");
    tui.press("q");
    assert_eq!(tui.wait_exit(Duration::from_secs(10)), Some(0));
}
