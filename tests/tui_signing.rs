//! The signing desk and the dashboard: recording an agreement from an achievement,
//! voiding with a reason (out of the totals, kept in history), correcting amounts
//! (audited), tallies against the demo fixtures counted independently, and snapshots of
//! the dashboard and its big screen in both languages.
mod support;

use crossterm::event::KeyCode;
use fairdesk::app::demo;
use fairdesk::domain::lang::Lang;
use fairdesk::domain::money::Money;
use fairdesk::tui::action::Action;
use fairdesk::tui::overlay::Overlay;
use fairdesk::tui::tabs::Tab;
use std::collections::HashMap;
use support::desk::Desk;

#[test]
fn an_agreement_from_an_achievement_with_amounts_as_people_type_them() {
    let mut d = Desk::at(Lang::Zh, 10, 8);
    let before = d.store.tallies().unwrap();
    d.key(KeyCode::Enter); // A001's details
    d.key(KeyCode::Char('s'));
    d.keys("xhkj"); // the buyer by initials
    d.key(KeyCode::Enter);
    d.key(KeyCode::Tab); // achievements already A001
    d.keys("jszr"); // 技术转让
    d.key(KeyCode::Enter);
    d.key(KeyCode::Tab); // transfer mode left blank
    d.keys("300万");
    d.key(KeyCode::Tab);
    d.keys("1.2亿");
    d.ctrl('s');
    let screen = d.text(120, 40);
    assert!(screen.contains("技术交易额不能高于合同成交额"), "{screen}");
    assert_eq!(d.store.tallies().unwrap().agreements, before.agreements);
    d.ctrl('u');
    d.keys("120万");
    d.ctrl('s');
    assert_eq!(d.status(), "已保存 S22");
    let after = d.store.tallies().unwrap();
    assert_eq!(after.agreements, before.agreements + 1);
    assert_eq!(
        after.contract_amount.fen() - before.contract_amount.fen(),
        300_000_000
    );
    assert_eq!(
        after.tech_amount.fen() - before.tech_amount.fen(),
        120_000_000
    );
    assert_eq!(
        after.interests, before.interests,
        "an agreement is not an interest"
    );
}

#[test]
fn achievements_of_two_holders_need_a_multi_party_agreement() {
    let mut d = Desk::at(Lang::Zh, 10, 8);
    // From A001 (held by 中科院包头稀土研发中心): s, the buyer, then tick A005 too
    // (held by 内蒙古科技大学) in the achievements' multi-choice list.
    d.key(KeyCode::Char('s'));
    d.keys("xhkj");
    d.key(KeyCode::Enter);
    d.key(KeyCode::Enter);
    d.keys("A005");
    d.key(KeyCode::Tab);
    d.key(KeyCode::Enter);
    let Some(Overlay::Form(form)) = d.state.overlays.last() else {
        panic!()
    };
    assert_eq!(form.value("achievements"), "A001、A005");
    d.keys("jskf");
    d.key(KeyCode::Enter);
    d.key(KeyCode::Tab);
    d.keys("500万");
    d.ctrl('s');
    let screen = d.text(120, 40);
    assert!(screen.contains("所选成果属于不同持有单位"), "{screen}");
}

#[test]
fn voiding_asks_a_reason_shows_the_change_and_keeps_the_history() {
    let mut d = Desk::at(Lang::Zh, 10, 8);
    let before = d.store.tallies().unwrap();
    d.key(KeyCode::Char('5'));
    d.key(KeyCode::Char('x'));
    let screen = d.text(120, 40);
    assert!(screen.contains("作废后：签约 21 → 20"), "{screen}");
    d.key(KeyCode::Enter);
    assert!(matches!(d.state.overlays.last(), Some(Overlay::Void(v)) if v.missing));
    d.keys("双方协商解除");
    d.key(KeyCode::Enter);
    assert!(d.status().starts_with("已作废 S01"), "{}", d.status());
    let after = d.store.tallies().unwrap();
    assert_eq!(
        (after.agreements, after.agreements_voided),
        (before.agreements - 1, 1)
    );
    assert!(after.contract_amount < before.contract_amount);
    assert_eq!(d.store.agreements().unwrap().len(), 21, "never deleted");
    // Its history shows the void with the reason.
    d.key(KeyCode::Enter);
    let screen = d.text(140, 50);
    assert!(screen.contains("修改记录"));
    assert!(screen.contains("作废"), "{screen}");
    assert!(screen.contains("双方协商解除"));
}

#[test]
fn correcting_amounts_is_audited_and_checked() {
    let mut d = Desk::at(Lang::Zh, 10, 8);
    d.key(KeyCode::Char('5'));
    d.key(KeyCode::Char('e'));
    assert!(
        matches!(d.state.overlays.last(), Some(Overlay::Correct(_))),
        "{:?}",
        d.state.context()
    );
    d.ctrl('u');
    d.keys("100");
    d.key(KeyCode::Enter);
    assert!(
        matches!(d.state.overlays.last(), Some(Overlay::Correct(_))),
        "refused: tech above contract"
    );
    assert!(
        d.status().contains("技术交易额不能高于合同成交额"),
        "{}",
        d.status()
    );
    d.ctrl('u');
    d.keys("8000万");
    d.key(KeyCode::Enter);
    assert_eq!(d.status(), "已更正 S01 的金额（已留痕）");
    d.key(KeyCode::Enter);
    let screen = d.text(140, 50);
    let before = d.store.agreements().unwrap()[0].clone();
    assert_eq!(before.contract_amount.fen(), 8_000_000_000);
    assert!(screen.contains("更正金额"), "{screen}");
    assert!(screen.contains("→ 8000.00万元"), "{screen}");
}

/// Tallies by field, region and type equal what the fixture files say, counted here
/// without the store.
#[test]
fn tallies_equal_counts_made_from_the_fixture_files() {
    let d = Desk::at(Lang::Zh, 10, 8);
    let t = d.store.tallies().unwrap();
    let lines = |text: &str| -> Vec<serde_json::Value> {
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let achievements = lines(demo::ACHIEVEMENTS);
    let agreements = lines(demo::AGREEMENTS);
    let organizations = lines(demo::ORGANIZATIONS);
    let interests = lines(demo::INTERESTS);
    let mut by_field: HashMap<String, i64> = HashMap::new();
    for a in &achievements {
        *by_field
            .entry(a["field"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    for b in &t.by_field {
        assert_eq!(
            by_field.get(&b.key).copied().unwrap_or(0),
            b.achievements,
            "field {}",
            b.key
        );
    }
    let region_of: HashMap<&str, &str> = organizations
        .iter()
        .map(|o| {
            (
                o["name"].as_str().unwrap(),
                o["region"].as_str().unwrap_or(""),
            )
        })
        .collect();
    let mut by_region: HashMap<String, (i64, i64)> = HashMap::new();
    let mut by_type: HashMap<String, (i64, i64)> = HashMap::new();
    let mut total = 0;
    for g in &agreements {
        let amount = Money::parse(g["contract_amount"].as_str().unwrap())
            .unwrap()
            .fen();
        total += amount;
        let region = region_of[g["buyer"].as_str().unwrap()].to_string();
        let e = by_region.entry(region).or_default();
        e.0 += 1;
        e.1 += amount;
        let e = by_type
            .entry(g["contract_type"].as_str().unwrap().to_string())
            .or_default();
        e.0 += 1;
        e.1 += amount;
    }
    assert_eq!(t.contract_amount.fen(), total);
    assert_eq!(t.agreements, agreements.len() as i64);
    for b in t.by_region.iter().filter(|b| b.agreements > 0) {
        assert_eq!(
            by_region[&b.key],
            (b.agreements, b.contract_amount.fen()),
            "region {}",
            b.key
        );
    }
    for b in &t.by_contract_type {
        assert_eq!(
            by_type[&b.key],
            (b.agreements, b.contract_amount.fen()),
            "type {}",
            b.key
        );
    }
    assert_eq!(t.interests.total, interests.len() as i64);
    // Interest is never counted as signed: in-depth talks far outnumber agreements.
    assert!(t.interests.in_depth > t.agreements);
}

#[test]
fn dashboard_and_big_screen_snapshots_in_both_languages() {
    for (lang, tag) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
        let mut d = Desk::at(lang, 10, 8);
        d.state.apply(Action::GoTab(Tab::Dashboard));
        for (w, h) in [(80, 24), (200, 60)] {
            insta::assert_snapshot!(format!("{tag}_dashboard_{w}x{h}"), d.screen(w, h).backend());
        }
        d.key(KeyCode::Char('b'));
        assert!(d.state.big_screen);
        for (w, h) in [(80, 24), (200, 60)] {
            insta::assert_snapshot!(
                format!("{tag}_big_screen_{w}x{h}"),
                d.screen(w, h).backend()
            );
        }
        d.key(KeyCode::Esc);
        assert!(!d.state.big_screen);
    }
}

/// An empty void reason is refused in the void's own words, not the withdraw's.
#[test]
fn an_empty_void_reason_is_refused_with_the_void_wording() {
    for (lang, wanted, not_wanted) in [
        (Lang::Zh, "请填写作废原因", "撤回原因"),
        (Lang::En, "a void reason is required", "withdraw"),
    ] {
        let mut d = Desk::at(lang, 10, 8);
        d.key(KeyCode::Char('5'));
        d.key(KeyCode::Char('x'));
        d.key(KeyCode::Enter);
        assert!(matches!(d.state.overlays.last(), Some(Overlay::Void(v)) if v.missing));
        let screen = d.text(120, 40);
        assert!(screen.contains(wanted), "{screen}");
        assert!(!screen.contains(not_wanted), "{screen}");
    }
}
