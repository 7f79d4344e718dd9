//! End to end in a real pseudo-terminal: register an achievement with a Chinese title,
//! find it by pinyin initials, change its asking price to 12.5万, quit, start again and
//! see the change kept.
mod support;

use std::time::Duration;
use support::pty::{PtySession, keys};

#[test]
fn register_find_by_initials_edit_price_and_it_persists() {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_fairdesk"))
        .args(["init", "--demo", "--db", "fair.db"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(status.status.success());

    let mut tui = PtySession::spawn(
        &["--db", "fair.db", "--desk", "desk-9"],
        dir.path(),
        110,
        32,
    );
    tui.wait_for("346 条", Duration::from_secs(15));
    // New achievement: title, holder by pinyin initials, field by pinyin, save.
    tui.press("n");
    tui.wait_for("新建成果", Duration::from_secs(5));
    tui.press("牛羊肉冷链物流溯源系统");
    tui.press(keys::TAB);
    tui.press(keys::ENTER);
    tui.press("nmgdx");
    tui.wait_for("内蒙古大学 O001", Duration::from_secs(5));
    tui.press(keys::ENTER);
    tui.press(keys::ENTER);
    tui.press("dzxx");
    tui.press(keys::ENTER);
    tui.press(keys::CTRL_S);
    tui.wait_for("已保存 A347", Duration::from_secs(5));

    // Find it by the initials of its title and open it for editing.
    tui.press("/");
    tui.press("nyrll");
    let screen = tui.wait_for("条匹配", Duration::from_secs(5)).text;
    let first_row = screen.lines().find(|l| l.starts_with('A')).unwrap_or("");
    assert!(
        first_row.starts_with("A347 "),
        "best match first:\n{screen}"
    );
    tui.press(keys::ENTER);
    tui.press("e");
    tui.wait_for("编辑成果", Duration::from_secs(5));
    for _ in 0..6 {
        tui.press(keys::TAB);
    }
    tui.press(keys::CTRL_U);
    tui.press("12.5万");
    tui.press(keys::CTRL_S);
    tui.wait_for("已保存 A347", Duration::from_secs(5));
    tui.press(keys::ESC);
    tui.press("q");
    assert_eq!(
        tui.wait_exit(Duration::from_secs(10)),
        Some(0),
        "fairdesk exits cleanly"
    );

    // Start again: the change is there.
    let mut tui = PtySession::spawn(&["--db", "fair.db"], dir.path(), 110, 32);
    tui.wait_for("347 条", Duration::from_secs(15));
    tui.press(keys::END);
    let screen = tui
        .wait_for("牛羊肉冷链物流溯源系统", Duration::from_secs(5))
        .text;
    assert!(screen.contains("12.50万元"), "{screen}");
    tui.press("q");
    assert_eq!(tui.wait_exit(Duration::from_secs(10)), Some(0));
}
