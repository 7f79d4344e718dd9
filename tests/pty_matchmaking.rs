//! End to end in a real pseudo-terminal: log an interest in a few keystrokes and find it
//! under the achievement's details; book a meeting, then see a clashing booking refused
//! with its reason.
mod support;

use support::pty::{Tui, keys};

#[test]
fn log_interest_book_a_meeting_and_a_clash_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_fairdesk"))
        .args(["init", "--demo", "--db", "fair.db"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(status.status.success());
    let mut tui = Tui::spawn(
        dir.path(),
        &["--db", "fair.db", "--desk", "booth-3"],
        120,
        36,
    );
    tui.wait_for("346 条", 15);

    // Interest: from the interest tab, n, enterprise by initials, achievement by code.
    tui.send("3");
    tui.send("n");
    tui.wait_for("登记意向", 5);
    tui.send("xhkj");
    tui.send(keys::ENTER);
    tui.send("A012");
    tui.send(keys::ENTER);
    tui.send(keys::CTRL_S);
    tui.wait_for("已登记意向（有意向）", 5);
    // Under the achievement's details.
    tui.send("1");
    tui.send("/");
    tui.send("A012");
    tui.send(keys::ENTER);
    tui.send(keys::ENTER);
    let screen = tui.wait_for("意向企业", 5);
    assert!(screen.contains("内蒙古显鸿科技股份有限公司"), "{screen}");

    // A meeting for this achievement, at the slot offered.
    tui.send("m");
    tui.wait_for("预约洽谈", 5);
    tui.send("xhkj");
    tui.send(keys::ENTER);
    tui.wait_for("2019-12-10 09:00", 5);
    tui.send(keys::CTRL_S);
    tui.wait_for("已预约：1 号桌", 5);
    tui.send(keys::ESC);
    std::thread::sleep(std::time::Duration::from_millis(300));

    // Another enterprise at the same table and time: refused, with the reason.
    tui.send("4");
    tui.send("n");
    tui.wait_for("预约洽谈", 5);
    tui.send("cfxh");
    tui.send(keys::ENTER);
    tui.send("A002");
    tui.send(keys::ENTER);
    tui.send(keys::CTRL_U);
    tui.send("1");
    tui.send(keys::TAB);
    tui.send(keys::CTRL_U);
    tui.send("2019-12-10 09:00");
    tui.send(keys::CTRL_S);
    tui.wait_for("该桌在此时段已有预约", 5);
    tui.send(keys::ESC);
    std::thread::sleep(std::time::Duration::from_millis(300));
    tui.send("y");
    tui.send("q");
    assert!(tui.wait_exit(10));
}
