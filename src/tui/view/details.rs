//! A record's details: every field, then what links to it (interests, agreements,
//! achievements held, check-in).
use crate::app::desk::RecordKind;
use crate::app::views::Snapshot;
use crate::domain::error::field_label;
use crate::domain::lang::Lang;
use crate::domain::text::{display_safe, display_width, pad_to_width};
use crate::domain::vocab::{
    CONTRACT_TYPES, INTEREST_LEVELS, MATURITY, REGIONS, TECH_FIELDS, TRANSFER_MODES, org_kind_label,
};
use crate::tui::i18n::Msg;
use crate::tui::overlay::Details;
use crate::tui::theme::{Role, style};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

/// One line of the details: a labelled field, a section title, or a list item.
enum Item {
    Field(String, String),
    Section(String),
    Entry(String, Role),
}

fn lines(details: &Details, snapshot: &Snapshot, lang: Lang) -> Option<(String, Vec<Item>)> {
    let zone = snapshot
        .fair
        .as_ref()
        .map(|f| f.zone())
        .unwrap_or(chrono_tz::Asia::Shanghai);
    let time =
        |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&zone).format("%m-%d %H:%M").to_string();
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut items = Vec::new();
    let mut field = |name: &str, value: String| {
        items.push(Item::Field(field_label(name, lang).to_string(), value))
    };
    let status = |s: &str| {
        if s == "active" {
            Msg::Active.text(lang)
        } else {
            Msg::Withdrawn.text(lang)
        }
    };
    match details.kind {
        RecordKind::Achievement => {
            // The whole record is read when the details open (drawn from the next frame).
            let a = details.achievement.as_deref()?;
            let d = &a.data;
            field("code", a.code.clone());
            field("title", d.title.clone());
            field("holder", snapshot.org_name(&d.holder_id).to_string());
            field("field", TECH_FIELDS.label(&d.field, lang));
            field(
                "maturity",
                d.maturity
                    .as_deref()
                    .map(|m| MATURITY.label(m, lang))
                    .unwrap_or_default(),
            );
            field("trl", d.trl.map(|t| t.to_string()).unwrap_or_default());
            field(
                "transfer_modes",
                d.transfer_modes
                    .iter()
                    .map(|m| TRANSFER_MODES.label(m, lang))
                    .collect::<Vec<_>>()
                    .join("、"),
            );
            field(
                "asking_price",
                d.asking_price
                    .map(|m| m.format_auto(lang))
                    .unwrap_or_default(),
            );
            field("patents", d.patents.join(", "));
            field("keywords", d.keywords.join("、"));
            field("summary", opt(&d.summary));
            field("booth", opt(&d.booth));
            let mut status_text = status(&a.status).to_string();
            if let Some(reason) = &a.status_reason {
                status_text.push_str(&format!("（{reason}）"));
            }
            items.push(Item::Field(
                Msg::DetailsStatus.text(lang).to_string(),
                status_text,
            ));
            items.push(Item::Section(Msg::DetailsInterests.text(lang).to_string()));
            let mut any = false;
            for i in details.interests.iter().flatten() {
                any = true;
                items.push(Item::Entry(
                    format!(
                        "{}  {}  {}  {}",
                        time(i.logged_at),
                        INTEREST_LEVELS.label(&i.level, lang),
                        snapshot.org_name(&i.enterprise_id),
                        i.note.clone().unwrap_or_default()
                    ),
                    Role::Normal,
                ));
            }
            if !any {
                items.push(Item::Entry(
                    Msg::DetailsNone.text(lang).to_string(),
                    Role::Muted,
                ));
            }
            items.push(Item::Section(Msg::DetailsAgreements.text(lang).to_string()));
            let mut any = false;
            for g in snapshot
                .agreements
                .iter()
                .filter(|g| g.achievement_ids.contains(&a.id))
            {
                any = true;
                let role = if g.status == "voided" {
                    Role::Muted
                } else {
                    Role::Normal
                };
                items.push(Item::Entry(
                    format!(
                        "{}  {}  {}  {}",
                        g.code,
                        snapshot.org_name(&g.buyer_id),
                        CONTRACT_TYPES.label(&g.contract_type, lang),
                        g.contract_amount.format_auto(lang)
                    ),
                    role,
                ));
            }
            if !any {
                items.push(Item::Entry(
                    Msg::DetailsNone.text(lang).to_string(),
                    Role::Muted,
                ));
            }
            Some((Msg::DetailsAchievement.text(lang).to_string(), items))
        }
        RecordKind::Organization => {
            let o = snapshot.organization(&details.id)?;
            let d = &o.data;
            field("code", o.code.clone());
            field("name", d.name.clone());
            field("kind", org_kind_label(&d.kind, lang).to_string());
            field("credit_code", opt(&d.credit_code));
            field(
                "region",
                d.region
                    .as_deref()
                    .map(|r| REGIONS.label(r, lang))
                    .unwrap_or_default(),
            );
            field(
                "industry",
                d.industry
                    .as_deref()
                    .map(|f| TECH_FIELDS.label(f, lang))
                    .unwrap_or_default(),
            );
            field("contact_name", opt(&d.contact_name));
            field("contact_phone", opt(&d.contact_phone));
            field("contact_email", opt(&d.contact_email));
            field(
                "contact_consent",
                if d.contact_consent {
                    Msg::Yes.text(lang).to_string()
                } else {
                    "—".to_string()
                },
            );
            field("note", opt(&d.note));
            let checkin = match snapshot.checked_in.get(&o.id) {
                Some(t) => time(*t),
                None => Msg::DetailsNotCheckedIn.text(lang).to_string(),
            };
            items.push(Item::Field(
                Msg::DetailsCheckin.text(lang).to_string(),
                checkin,
            ));
            let mut status_text = status(&o.status).to_string();
            if let Some(reason) = &o.status_reason {
                status_text.push_str(&format!("（{reason}）"));
            }
            items.push(Item::Field(
                Msg::DetailsStatus.text(lang).to_string(),
                status_text,
            ));
            let held: Vec<_> = snapshot
                .achievements
                .iter()
                .filter(|a| *a.holder_id == *o.id)
                .collect();
            if !held.is_empty() {
                items.push(Item::Section(Msg::DetailsHeld.text(lang).to_string()));
                for a in held {
                    items.push(Item::Entry(
                        format!("{} {}", a.code(), a.title()),
                        Role::Normal,
                    ));
                }
            }
            items.push(Item::Section(
                Msg::DetailsOwnInterests.text(lang).to_string(),
            ));
            let mut any = false;
            for i in details.interests.iter().flatten() {
                any = true;
                items.push(Item::Entry(
                    format!(
                        "{}  {}  {}",
                        time(i.logged_at),
                        INTEREST_LEVELS.label(&i.level, lang),
                        snapshot.achievement_label(&i.achievement_id)
                    ),
                    Role::Normal,
                ));
            }
            if !any {
                items.push(Item::Entry(
                    Msg::DetailsNone.text(lang).to_string(),
                    Role::Muted,
                ));
            }
            Some((Msg::DetailsOrganization.text(lang).to_string(), items))
        }
        RecordKind::Agreement => {
            let g = snapshot.agreements.iter().find(|g| g.id == details.id)?;
            field("code", g.code.clone());
            field("buyer", snapshot.org_name(&g.buyer_id).to_string());
            field("seller", snapshot.org_name(&g.seller_id).to_string());
            field(
                "achievements",
                g.achievement_ids
                    .iter()
                    .map(|id| snapshot.achievement_label(id))
                    .collect::<Vec<_>>()
                    .join("、"),
            );
            field(
                "contract_type",
                CONTRACT_TYPES.label(&g.contract_type, lang),
            );
            field(
                "transfer_mode",
                g.transfer_mode
                    .as_deref()
                    .map(|m| TRANSFER_MODES.label(m, lang))
                    .unwrap_or_default(),
            );
            field("contract_amount", g.contract_amount.format_auto(lang));
            field("tech_amount", g.tech_amount.format_auto(lang));
            field("signed_at", time(g.signed_at));
            field(
                "ceremony",
                if g.ceremony {
                    Msg::Yes.text(lang).to_string()
                } else {
                    "—".into()
                },
            );
            field(
                "multi_party",
                if g.multi_party {
                    Msg::Yes.text(lang).to_string()
                } else {
                    "—".into()
                },
            );
            field("note", opt(&g.note));
            let mut status_text = if g.status == "voided" {
                Msg::Voided.text(lang).to_string()
            } else {
                Msg::Active.text(lang).to_string()
            };
            if let Some(reason) = &g.void_reason {
                status_text.push_str(&format!("（{reason}）"));
            }
            items.push(Item::Field(
                Msg::DetailsStatus.text(lang).to_string(),
                status_text,
            ));
            // What a technology contract registration asks of both parties.
            items.push(Item::Section(Msg::DetailsParties.text(lang).to_string()));
            for id in [&g.buyer_id, &g.seller_id] {
                if let Some(o) = snapshot.organization(id) {
                    items.push(Item::Entry(
                        format!(
                            "{}  {}  {}  {}",
                            o.data.name,
                            org_kind_label(&o.data.kind, lang),
                            o.data
                                .region
                                .as_deref()
                                .map(|r| REGIONS.label(r, lang))
                                .unwrap_or_default(),
                            o.data.credit_code.clone().unwrap_or_default()
                        ),
                        Role::Normal,
                    ));
                }
            }
            items.push(Item::Section(Msg::DetailsHistory.text(lang).to_string()));
            match &details.history {
                None => items.push(Item::Entry(
                    Msg::DetailsLoading.text(lang).to_string(),
                    Role::Muted,
                )),
                Some(entries) => {
                    for e in entries {
                        items.push(Item::Entry(
                            format!(
                                "{}  {}  {}  {}",
                                time(e.at),
                                e.desk,
                                crate::tui::i18n::action_label(&e.action, lang),
                                history_changes(&e.changes, lang)
                            ),
                            Role::Normal,
                        ));
                    }
                }
            }
            Some((Msg::DetailsAgreement.text(lang).to_string(), items))
        }
        RecordKind::Interest | RecordKind::Meeting | RecordKind::Need => None,
    }
}

/// An audit row's changes as `field: old → new`, amounts in the UI's money format.
fn history_changes(changes: &serde_json::Value, lang: Lang) -> String {
    let Some(object) = changes.as_object() else {
        return String::new();
    };
    let show = |key: &str, v: &serde_json::Value| -> String {
        match v {
            serde_json::Value::Null => "—".to_string(),
            serde_json::Value::Number(n) if key.ends_with("amount") => n
                .as_i64()
                .map(|f| crate::domain::money::Money::from_fen(f).format_auto(lang))
                .unwrap_or_else(|| n.to_string()),
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Bool(true) => lang.pick("是", "yes").to_string(),
            serde_json::Value::Bool(false) => lang.pick("否", "no").to_string(),
            other => other.to_string(),
        }
    };
    object
        .iter()
        .filter(|(k, _)| k.as_str() != "achievement_ids" && !k.ends_with("_id"))
        .map(|(k, v)| match v.as_array().map(Vec::as_slice) {
            Some([old, new]) => format!(
                "{}: {} → {}",
                field_label(k, lang),
                show(k, old),
                show(k, new)
            ),
            _ => format!("{}: {}", field_label(k, lang), show(k, v)),
        })
        .collect::<Vec<_>>()
        .join("；")
}

pub struct DetailsView<'a> {
    pub details: &'a Details,
    pub snapshot: &'a Snapshot,
    pub lang: Lang,
}

impl Widget for DetailsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        Clear.render(area, buf);
        let Some((title, items)) = lines(self.details, self.snapshot, lang) else {
            buf.set_string(
                area.x + 1,
                area.y + 1,
                Msg::NotFound.text(lang),
                style(Role::Error),
            );
            return;
        };
        let hint = match self.details.kind {
            RecordKind::Organization => Msg::DetailsOrgHint,
            RecordKind::Agreement => Msg::DetailsAgreementHint,
            _ => Msg::DetailsHint,
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(format!(" {title} "), style(Role::Title)))
            .title_bottom(Span::styled(
                format!(" {} ", hint.text(lang)),
                style(Role::Muted),
            ));
        let inner = block.inner(area);
        block.render(area, buf);
        let label_w = items
            .iter()
            .filter_map(|i| match i {
                Item::Field(l, _) => Some(display_width(l)),
                _ => None,
            })
            .max()
            .unwrap_or(0)
            + 2;
        let scroll = self.details.scroll.min(items.len().saturating_sub(1));
        for (n, item) in items
            .iter()
            .skip(scroll)
            .take(inner.height as usize)
            .enumerate()
        {
            let y = inner.y + n as u16;
            let line = match item {
                Item::Field(label, value) => Line::from(vec![
                    Span::styled(pad_to_width(label, label_w), style(Role::Muted)),
                    Span::raw(display_safe(value).into_owned()),
                ]),
                Item::Section(title) => {
                    Line::from(Span::styled(title.clone(), style(Role::Header)))
                }
                Item::Entry(text, role) => Line::from(Span::styled(
                    format!("  {}", display_safe(text)),
                    style(*role),
                )),
            };
            buf.set_line(inner.x + 1, y, &line, inner.width.saturating_sub(1));
        }
    }
}
