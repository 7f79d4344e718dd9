//! End to end in a real pseudo-terminal: register an achievement with a Chinese title,
//! find it by pinyin initials, change its asking price to 12.5万, quit, start again and
//! see the change kept.
mod support;

use support::pty::{Tui, keys};

#[test]
fn register_find_by_initials_edit_price_and_it_persists() {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_fairdesk"))
        .args(["init", "--demo", "--db", "fair.db"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(status.status.success());

    let mut tui = Tui::spawn(
        dir.path(),
        &["--db", "fair.db", "--desk", "desk-9"],
        110,
        32,
    );
    tui.wait_for("346 条", 15);
    // New achievement: title, holder by pinyin initials, field by pinyin, save.
    tui.send("n");
    tui.wait_for("新建成果", 5);
    tui.send("牛羊肉冷链物流溯源系统");
    tui.send(keys::TAB);
    tui.send(keys::ENTER);
    tui.send("nmgdx");
    tui.wait_for("内蒙古大学 O001", 5);
    tui.send(keys::ENTER);
    tui.send(keys::ENTER);
    tui.send("dzxx");
    tui.send(keys::ENTER);
    tui.send(keys::CTRL_S);
    tui.wait_for("已保存 A347", 5);

    // Find it by the initials of its title and open it for editing.
    tui.send("/");
    tui.send("nyrll");
    let screen = tui.wait_for("条匹配", 5);
    let first_row = screen.lines().find(|l| l.starts_with('A')).unwrap_or("");
    assert!(
        first_row.starts_with("A347 "),
        "best match first:\n{screen}"
    );
    tui.send(keys::ENTER);
    tui.send("e");
    tui.wait_for("编辑成果", 5);
    for _ in 0..6 {
        tui.send(keys::TAB);
    }
    tui.send(keys::CTRL_U);
    tui.send("12.5万");
    tui.send(keys::CTRL_S);
    tui.wait_for("已保存 A347", 5);
    tui.send(keys::ESC);
    tui.send("q");
    assert!(tui.wait_exit(10), "fairdesk exits cleanly");

    // Start again: the change is there.
    let mut tui = Tui::spawn(dir.path(), &["--db", "fair.db"], 110, 32);
    tui.wait_for("347 条", 15);
    tui.send(keys::END);
    let screen = tui.wait_for("牛羊肉冷链物流溯源系统", 5);
    assert!(screen.contains("12.50万元"), "{screen}");
    tui.send("q");
    assert!(tui.wait_exit(10));
}
