//! What each list tab shows: its columns, and the cells of one row, in the UI language.
use crate::app::views::Snapshot;
use crate::domain::lang::Lang;
use crate::domain::vocab::{
    CONTRACT_TYPES, INTEREST_LEVELS, MATURITY, REGIONS, TECH_FIELDS, meeting_status_label,
    org_kind_label,
};
use crate::tui::i18n::Msg;
use crate::tui::tabs::Tab;
use crate::tui::theme::Role;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// How wide a column is: exactly `width`, or at least `min` sharing the spare width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Width {
    Fixed(u16),
    Flex { min: u16 },
}

/// One column: header, width, and priority (lower numbers are dropped first when the
/// terminal is too narrow).
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub header: Msg,
    pub width: Width,
    pub priority: u8,
    /// Right-aligned (numbers, money).
    pub right: bool,
}

const fn col(header: Msg, width: Width, priority: u8) -> Column {
    Column {
        header,
        width,
        priority,
        right: false,
    }
}

const fn num(header: Msg, width: u16, priority: u8) -> Column {
    Column {
        header,
        width: Width::Fixed(width),
        priority,
        right: true,
    }
}

pub fn columns(tab: Tab) -> &'static [Column] {
    use Msg::*;
    use Width::*;
    match tab {
        Tab::Achievements => {
            const C: &[Column] = &[
                col(ColCode, Fixed(7), 9),
                col(ColTitle, Flex { min: 20 }, 9),
                col(ColHolder, Flex { min: 14 }, 7),
                col(ColField, Fixed(10), 6),
                col(ColMaturity, Fixed(8), 3),
                num(ColPrice, 11, 5),
                num(ColInterests, 8, 4),
                col(ColBooth, Fixed(6), 2),
            ];
            C
        }
        Tab::Organizations => {
            const C: &[Column] = &[
                col(ColCode, Fixed(7), 9),
                col(ColName, Flex { min: 20 }, 9),
                col(ColKind, Fixed(10), 6),
                col(ColRegion, Fixed(12), 7),
                col(ColIndustry, Fixed(10), 3),
                col(ColContact, Fixed(8), 4),
                col(ColCheckedIn, Fixed(6), 5),
            ];
            C
        }
        Tab::Interests => {
            const C: &[Column] = &[
                col(ColTime, Fixed(11), 8),
                col(ColEnterprise, Flex { min: 16 }, 9),
                col(ColAchievement, Flex { min: 20 }, 9),
                col(ColLevel, Fixed(10), 8),
                col(ColDesk, Fixed(8), 4),
            ];
            C
        }
        Tab::Meetings => {
            const C: &[Column] = &[
                col(ColSlot, Fixed(11), 9),
                num(ColTable, 6, 8),
                col(ColEnterprise, Flex { min: 16 }, 9),
                col(ColAchievement, Flex { min: 20 }, 7),
                col(ColStatus, Fixed(8), 8),
            ];
            C
        }
        Tab::Agreements => {
            const C: &[Column] = &[
                col(ColCode, Fixed(4), 9),
                col(ColTime, Fixed(11), 4),
                col(ColBuyer, Flex { min: 14 }, 9),
                col(ColSeller, Flex { min: 14 }, 7),
                col(ColAchievement, Flex { min: 14 }, 3),
                col(ColType, Fixed(10), 6),
                num(ColContractAmount, 12, 8),
                num(ColTechAmount, 12, 5),
                col(ColCeremony, Fixed(8), 2),
            ];
            C
        }
        Tab::Needs => {
            const C: &[Column] = &[
                col(ColCode, Fixed(7), 9),
                col(ColTitle, Flex { min: 20 }, 9),
                col(ColEnterprise, Flex { min: 14 }, 8),
                col(ColField, Fixed(10), 6),
                num(ColBudget, 11, 5),
                col(ColDeadline, Fixed(10), 4),
            ];
            C
        }
        Tab::Dashboard => &[],
    }
}

/// The column whose text a search highlights (the first of `search_text`).
pub fn main_column(tab: Tab) -> usize {
    match tab {
        Tab::Meetings | Tab::Agreements => 2,
        _ => 1,
    }
}

/// One row's cells and its style role.
pub struct RowCells {
    pub cells: Vec<String>,
    pub role: Role,
}

fn local(t: DateTime<Utc>, zone: Tz) -> String {
    t.with_timezone(&zone).format("%m-%d %H:%M").to_string()
}

/// The cells of row `index` (an index into the snapshot's vector for `tab`).
pub fn row(tab: Tab, snapshot: &Snapshot, index: usize, lang: Lang) -> RowCells {
    let zone = snapshot
        .fair
        .as_ref()
        .map(|f| f.zone())
        .unwrap_or(chrono_tz::Asia::Shanghai);
    let dash = || "—".to_string();
    match tab {
        Tab::Achievements => {
            let a = &snapshot.achievements[index];
            let withdrawn = &*a.status != "active";
            let mut title = a.title().to_string();
            if withdrawn {
                title = format!("{title}（{}）", Msg::Withdrawn.text(lang));
            }
            RowCells {
                cells: vec![
                    a.code().to_string(),
                    title,
                    snapshot.org_name(&a.holder_id).to_string(),
                    TECH_FIELDS.label(&a.field, lang),
                    a.maturity
                        .as_deref()
                        .map(|m| MATURITY.label(m, lang))
                        .unwrap_or_else(dash),
                    a.asking_price
                        .map(|m| m.format_auto(lang))
                        .unwrap_or_else(dash),
                    a.interests.to_string(),
                    a.booth().map(str::to_string).unwrap_or_else(dash),
                ],
                role: if withdrawn { Role::Muted } else { Role::Normal },
            }
        }
        Tab::Organizations => {
            let o = &snapshot.organizations[index];
            let withdrawn = o.status != "active";
            let mut name = o.data.name.clone();
            if withdrawn {
                name = format!("{name}（{}）", Msg::Withdrawn.text(lang));
            }
            RowCells {
                cells: vec![
                    o.code.clone(),
                    name,
                    org_kind_label(&o.data.kind, lang).to_string(),
                    o.data
                        .region
                        .as_deref()
                        .map(|r| REGIONS.label(r, lang))
                        .unwrap_or_else(dash),
                    o.data
                        .industry
                        .as_deref()
                        .map(|f| TECH_FIELDS.label(f, lang))
                        .unwrap_or_else(dash),
                    o.data.contact_name.clone().unwrap_or_else(dash),
                    snapshot
                        .checked_in
                        .get(&o.id)
                        .map(|t| t.with_timezone(&zone).format("%H:%M").to_string())
                        .unwrap_or_default(),
                ],
                role: if withdrawn { Role::Muted } else { Role::Normal },
            }
        }
        Tab::Interests => {
            // A row not loaded yet is drawn empty for the one frame before it is.
            let Some(i) = snapshot.interests.at(index) else {
                return RowCells {
                    cells: vec![String::new(); 5],
                    role: Role::Muted,
                };
            };
            RowCells {
                cells: vec![
                    local(i.logged_at, zone),
                    snapshot.org_name(&i.enterprise_id).to_string(),
                    snapshot.achievement_label(&i.achievement_id),
                    INTEREST_LEVELS.label(&i.level, lang),
                    i.desk.clone(),
                ],
                role: Role::Normal,
            }
        }
        Tab::Meetings => {
            let m = &snapshot.meetings[index];
            RowCells {
                cells: vec![
                    local(m.data.slot_start, zone),
                    m.data.table_no.to_string(),
                    snapshot.org_name(&m.data.enterprise_id).to_string(),
                    snapshot.achievement_label(&m.data.achievement_id),
                    meeting_status_label(&m.data.status, lang).to_string(),
                ],
                role: if m.data.status == "cancelled" {
                    Role::Muted
                } else {
                    Role::Normal
                },
            }
        }
        Tab::Agreements => {
            let g = &snapshot.agreements[index];
            let voided = g.status == "voided";
            let achievements = g
                .achievement_ids
                .iter()
                .map(|id| snapshot.achievement_label(id))
                .collect::<Vec<_>>()
                .join("、");
            let mut buyer = snapshot.org_name(&g.buyer_id).to_string();
            if voided {
                buyer = format!("{buyer}（{}）", Msg::Voided.text(lang));
            }
            RowCells {
                cells: vec![
                    g.code.clone(),
                    local(g.signed_at, zone),
                    buyer,
                    snapshot.org_name(&g.seller_id).to_string(),
                    achievements,
                    CONTRACT_TYPES.label(&g.contract_type, lang),
                    g.contract_amount.format_auto(lang),
                    g.tech_amount.format_auto(lang),
                    if g.ceremony {
                        Msg::Yes.text(lang).to_string()
                    } else {
                        String::new()
                    },
                ],
                role: if voided { Role::Muted } else { Role::Normal },
            }
        }
        Tab::Needs => {
            let n = &snapshot.needs[index];
            RowCells {
                cells: vec![
                    n.code.clone(),
                    n.data.title.clone(),
                    snapshot.org_name(&n.data.organization_id).to_string(),
                    n.data
                        .field
                        .as_deref()
                        .map(|f| TECH_FIELDS.label(f, lang))
                        .unwrap_or_else(dash),
                    n.data
                        .budget
                        .map(|m| m.format_auto(lang))
                        .unwrap_or_else(dash),
                    n.data.deadline.map(|d| d.to_string()).unwrap_or_else(dash),
                ],
                role: if n.status == "active" {
                    Role::Normal
                } else {
                    Role::Muted
                },
            }
        }
        Tab::Dashboard => RowCells {
            cells: Vec::new(),
            role: Role::Normal,
        },
    }
}
