//! End to end in a pseudo-terminal: open a need, see suggested achievements with their
//! reasons, press one key, and find the new interest record.
mod support;

use std::time::Duration;
use support::pty::{PtySession, keys};

#[test]
fn a_suggestion_becomes_an_interest_in_one_key() {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_fairdesk");
    let init = std::process::Command::new(bin)
        .args(["init", "--demo", "--db", "fair.db"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(init.status.success());
    let mut tui = PtySession::spawn(&["--db", "fair.db"], dir.path(), 120, 36);
    tui.wait_for("346 条", Duration::from_secs(15));
    tui.press("7");
    tui.wait_for("N001", Duration::from_secs(5));
    tui.press(keys::ENTER);
    let seen = tui.wait_for("为需求推荐的成果 N001", Duration::from_secs(5));
    assert!(seen.text.contains("同领域：稀土"), "{}", seen.text);
    assert!(seen.text.contains("共同关键词"), "{}", seen.text);
    tui.press("i");
    tui.wait_for("已登记意向（有意向）：A037", Duration::from_secs(5));
    tui.press(keys::ESC);
    tui.press("q");
    assert_eq!(tui.wait_exit(Duration::from_secs(10)), Some(0));
    // The record is in the file, noted as coming from a suggestion.
    let conn = rusqlite::Connection::open(dir.path().join("fair.db")).unwrap();
    let note: String = conn
        .query_row(
            "SELECT i.note FROM interest i JOIN achievement a ON a.id = i.achievement_id
             JOIN organization o ON o.id = i.enterprise_id
             WHERE a.code = 'A037' AND o.name = '包头金和稀土材料有限公司'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(note, "来自匹配推荐");
}
