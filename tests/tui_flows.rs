//! The registration desk's flows driven key by key through the TUI state, with the
//! store underneath (the same path the event loop takes), plus snapshots of forms,
//! pickers, search and dialogs in both languages.
mod support;

use crossterm::event::{KeyCode, KeyModifiers};
use fairdesk::domain::lang::Lang;
use fairdesk::tui::overlay::Overlay;
use fairdesk::tui::state::Status;
use fairdesk::tui::tabs::Tab;
use fairdesk::tui::view;
use ratatui::layout::Rect;
use support::desk::Desk;

#[test]
fn a_new_achievement_in_a_few_keys_then_found_by_pinyin_initials() {
    let mut d = Desk::at(Lang::Zh, 10, 2);
    d.key(KeyCode::Char('n'));
    d.keys("牛羊肉冷链物流溯源系统");
    d.key(KeyCode::Tab);
    d.key(KeyCode::Enter); // holder picker
    d.keys("nmgdx");
    d.key(KeyCode::Enter);
    d.key(KeyCode::Enter); // field picker
    d.keys("dzxx");
    d.key(KeyCode::Enter);
    for _ in 0..3 {
        d.key(KeyCode::Tab);
    }
    d.keys("12.5万");
    d.ctrl('s');
    assert!(d.state.overlays.is_empty(), "the form closed after saving");
    assert_eq!(d.state.status, Some(Status::Info("已保存 A347".into())));
    let saved = d.store.achievements(false).unwrap().pop().unwrap();
    assert_eq!(saved.data.title, "牛羊肉冷链物流溯源系统");
    assert_eq!(saved.data.field, "电子信息");
    assert_eq!(saved.data.asking_price.map(|m| m.fen()), Some(12_500_000));
    assert_eq!(
        d.store
            .organization(&saved.data.holder_id)
            .unwrap()
            .data
            .name,
        "内蒙古大学"
    );
    // Find it by the initials of its title.
    d.key(KeyCode::Char('/'));
    d.keys("nyrll");
    let first = d.state.list(Tab::Achievements).selected().unwrap();
    assert_eq!(d.state.snapshot.achievements[first].code(), "A347");
    let screen = d.text(100, 30);
    assert!(screen.contains("搜索：nyrll"));
    // The matched characters are highlighted on screen.
    let list = d.state.list(Tab::Achievements);
    assert_eq!(list.highlights.get(&first), Some(&vec![0, 1, 2, 3, 4]));
}

#[test]
fn a_refused_save_keeps_the_typing_and_names_the_field_in_both_languages() {
    for (lang, expected) in [(Lang::Zh, "无法识别的金额"), (Lang::En, "not an amount")] {
        let mut d = Desk::at(lang, 10, 2);
        d.key(KeyCode::Char('n'));
        d.keys("测试成果");
        for _ in 0..6 {
            d.key(KeyCode::Tab);
        }
        d.keys("十二万");
        d.ctrl('s');
        let Some(Overlay::Form(form)) = d.state.overlays.last() else {
            panic!("the form stays open");
        };
        assert_eq!(form.value("title"), "测试成果");
        assert_eq!(form.value("asking_price"), "十二万");
        let screen = d.text(100, 30);
        assert!(screen.contains(expected), "{lang:?}: {screen}");
        assert_eq!(
            d.store.achievements(true).unwrap().len(),
            346,
            "nothing was written"
        );
    }
}

#[test]
fn esc_on_a_dirty_form_asks_before_discarding() {
    let mut d = Desk::at(Lang::Zh, 10, 2);
    d.key(KeyCode::Char('n'));
    d.key(KeyCode::Esc);
    assert!(d.state.overlays.is_empty(), "a clean form closes at once");
    d.key(KeyCode::Char('n'));
    d.keys("q"); // q types a q in a form, it does not quit
    assert!(!d.state.quit);
    d.key(KeyCode::Esc);
    assert!(matches!(d.state.overlays.last(), Some(Overlay::Confirm(_))));
    d.key(KeyCode::Char('n')); // no: back to the form, typing intact
    let Some(Overlay::Form(form)) = d.state.overlays.last() else {
        panic!("back in the form");
    };
    assert_eq!(form.value("title"), "q");
    d.key(KeyCode::Esc);
    d.key(KeyCode::Char('y'));
    assert!(d.state.overlays.is_empty());
    // Quitting with a dirty form asks too.
    d.key(KeyCode::Char('n'));
    d.keys("x");
    d.ctrl('c');
    assert!(!d.state.quit);
    assert!(matches!(d.state.overlays.last(), Some(Overlay::Confirm(_))));
    d.ctrl('c');
    assert!(d.state.quit, "Ctrl-C twice quits");
}

#[test]
fn editing_the_price_is_saved_and_audited() {
    let mut d = Desk::at(Lang::Zh, 10, 2);
    d.key(KeyCode::Char('e'));
    for _ in 0..6 {
        d.key(KeyCode::Tab);
    }
    d.ctrl('u');
    d.keys("12.5万");
    d.ctrl('s');
    let a = d.store.achievements(false).unwrap().remove(0);
    assert_eq!(a.data.asking_price.map(|m| m.fen()), Some(12_500_000));
    let history = fairdesk::store::audit::history(d.store.conn(), "achievement", &a.id).unwrap();
    assert_eq!(history.last().unwrap().action, "update");
}

#[test]
fn check_in_twice_tells_when_and_where_and_counts_once() {
    let mut d = Desk::at(Lang::Zh, 10, 2);
    d.key(KeyCode::Char('2'));
    d.key(KeyCode::Char('c'));
    d.key(KeyCode::Enter);
    assert!(matches!(d.state.status, Some(Status::Info(ref s)) if s.contains("签到")));
    d.key(KeyCode::Char('c'));
    d.key(KeyCode::Enter);
    match &d.state.status {
        Some(Status::Error(s)) => {
            assert!(s.contains("已于"));
            assert!(s.contains("desk-1"));
            assert!(s.contains("不重复计数"));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(d.store.tallies().unwrap().checked_in, 1);
}

#[test]
fn withdrawing_asks_for_a_reason_and_hides_the_row() {
    let mut d = Desk::at(Lang::Zh, 10, 2);
    d.key(KeyCode::Char('x'));
    d.key(KeyCode::Enter);
    let Some(Overlay::Withdraw(dialog)) = d.state.overlays.last() else {
        panic!("the reason dialog stays");
    };
    assert!(dialog.missing);
    d.keys("持有单位撤展");
    d.key(KeyCode::Enter);
    assert!(d.state.overlays.is_empty());
    assert_eq!(d.state.row_count(Tab::Achievements), 345);
    d.key(KeyCode::Char('w'));
    assert_eq!(
        d.state.row_count(Tab::Achievements),
        346,
        "w shows withdrawn rows"
    );
    let withdrawn = d.store.achievements(true).unwrap().remove(0);
    assert_eq!(withdrawn.status_reason.as_deref(), Some("持有单位撤展"));
}

#[test]
fn a_similar_name_warns_and_use_existing_opens_it() {
    let mut d = Desk::at(Lang::Zh, 10, 2);
    d.key(KeyCode::Char('2'));
    d.key(KeyCode::Char('n'));
    d.keys("显鸿科技有限公司");
    d.ctrl('s');
    assert!(matches!(d.state.overlays.last(), Some(Overlay::Similar(_))));
    let screen = d.text(100, 30);
    assert!(screen.contains("内蒙古显鸿科技股份有限公司"));
    d.key(KeyCode::Char('u'));
    assert!(matches!(d.state.overlays.last(), Some(Overlay::Details(_))));
    assert_eq!(d.state.overlays.len(), 1, "the new form was dropped");
    assert_eq!(
        d.store.organizations(true).unwrap().len(),
        216,
        "nothing registered"
    );
}

#[test]
fn paste_of_chinese_text_goes_into_the_focused_field() {
    let mut d = Desk::at(Lang::Zh, 10, 2);
    d.key(KeyCode::Char('n'));
    d.state.paste("稀土永磁\n电机\x1b[2J");
    let Some(Overlay::Form(form)) = d.state.overlays.last() else {
        panic!()
    };
    assert_eq!(form.value("title"), "稀土永磁 电机[2J");
}

#[test]
fn clicking_a_tab_and_a_row() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let d = Desk::at(Lang::Zh, 10, 2);
    let screen = Rect::new(0, 0, 100, 30);
    let click = |column, row| MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    let tabs = view::tab_positions(&d.state, 100);
    let (x, _, tab) = tabs[4];
    assert_eq!(
        fairdesk::tui::run::mouse_action(click(x + 1, 0), &d.state, screen),
        Some(fairdesk::tui::action::Action::GoTab(tab))
    );
    assert_eq!(
        fairdesk::tui::run::mouse_action(click(3, 5), &d.state, screen),
        Some(fairdesk::tui::action::Action::SelectVisibleRow(3))
    );
}

#[test]
fn snapshots_of_forms_pickers_search_and_dialogs_in_both_languages() {
    for lang in [Lang::Zh, Lang::En] {
        let tag = match lang {
            Lang::Zh => "zh",
            Lang::En => "en",
        };
        let mut d = Desk::at(lang, 10, 2);
        d.key(KeyCode::Char('n'));
        d.keys("牛羊肉冷链物流溯源系统");
        d.key(KeyCode::Tab);
        d.key(KeyCode::Enter);
        d.keys("nmg");
        insta::assert_snapshot!(
            format!("{tag}_achievement_form_holder_picker"),
            d.screen(100, 30).backend()
        );
        d.key(KeyCode::Esc);
        d.ctrl('s');
        insta::assert_snapshot!(
            format!("{tag}_achievement_form_errors"),
            d.screen(100, 30).backend()
        );
        d.key(KeyCode::Esc);
        insta::assert_snapshot!(format!("{tag}_confirm_discard"), d.screen(80, 24).backend());
        d.key(KeyCode::Char('y'));
        d.key(KeyCode::Char('2'));
        d.key(KeyCode::Char('e'));
        insta::assert_snapshot!(
            format!("{tag}_organization_form"),
            d.screen(100, 30).backend()
        );
        d.key(KeyCode::Esc);
        d.key(KeyCode::Char('/'));
        d.keys("xitu");
        insta::assert_snapshot!(
            format!("{tag}_search_organizations"),
            d.screen(100, 30).backend()
        );
        d.key(KeyCode::Esc);
        d.key(KeyCode::Char('c'));
        insta::assert_snapshot!(format!("{tag}_check_in_dialog"), d.screen(80, 24).backend());
    }
}
