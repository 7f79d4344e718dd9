//! The dashboard (看板): headline figures and breakdowns, from the one tallies module.
use crate::domain::lang::Lang;
use crate::domain::text::{display_safe, display_width, pad_to_width, truncate_to_width};
use crate::domain::vocab::{CONTRACT_TYPES, REGIONS, TECH_FIELDS};
use crate::store::tallies::Breakdown;
use crate::tui::i18n::Msg;
use crate::tui::state::State;
use crate::tui::theme::{Role, style};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

pub struct Dashboard<'a> {
    pub state: &'a State,
}

impl Widget for Dashboard<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height < 3 || area.width < 20 {
            return;
        }
        let lang = self.state.lang;
        let t = &self.state.snapshot.tallies;
        let figures: Vec<(Msg, String)> = vec![
            (Msg::DashAchievements, t.achievements.to_string()),
            (Msg::DashHolders, t.holders.to_string()),
            (
                Msg::DashEnterprises,
                format!(
                    "{} ({} {})",
                    t.enterprises,
                    Msg::DashCheckedIn.text(lang),
                    t.checked_in
                ),
            ),
            (Msg::DashInterests, t.interests.total.to_string()),
            (
                Msg::DashEnquiry,
                format!(
                    "{} · {} {} · {} {}",
                    t.interests.enquiry,
                    Msg::DashInterested.text(lang),
                    t.interests.interested,
                    Msg::DashInDepth.text(lang),
                    t.interests.in_depth
                ),
            ),
            (
                Msg::DashMeetingsHeld,
                format!(
                    "{} ({} {})",
                    t.meetings.held,
                    Msg::DashNoShow.text(lang),
                    t.meetings.no_show
                ),
            ),
            (
                Msg::DashAgreements,
                format!(
                    "{} ({} {})",
                    t.agreements,
                    Msg::DashCeremony.text(lang),
                    t.ceremony_agreements
                ),
            ),
            (Msg::DashContractTotal, t.contract_amount.format_auto(lang)),
            (Msg::DashTechTotal, t.tech_amount.format_auto(lang)),
        ];
        let label_w = figures
            .iter()
            .map(|(m, _)| display_width(m.text(lang)))
            .max()
            .unwrap_or(0)
            + 1;
        // Headline block on the left (or on top when narrow), breakdowns beside it.
        let content_w = figures
            .iter()
            .map(|(_, v)| label_w + display_width(v))
            .chain(std::iter::once(display_width(
                Msg::DashIntentNote.text(lang),
            )))
            .max()
            .unwrap_or(0) as u16
            + 2;
        let wide = area.width >= 100;
        let head_w = if wide {
            content_w.clamp(30, area.width / 2)
        } else {
            area.width
        };
        let head_h = if wide {
            area.height
        } else {
            (figures.len() as u16 + 2).min(area.height)
        };
        let head = Rect::new(area.x, area.y, head_w, head_h);
        let block = Block::default().borders(Borders::ALL).title(Span::styled(
            format!(" {} ", Msg::DashHeadline.text(lang)),
            style(Role::Title),
        ));
        let inner = block.inner(head);
        block.render(head, buf);
        for (n, (label, value)) in figures.iter().enumerate() {
            let y = inner.y + n as u16;
            if y >= inner.y + inner.height {
                break;
            }
            let line = Line::from(vec![
                Span::styled(pad_to_width(label.text(lang), label_w), style(Role::Muted)),
                Span::styled(value.clone(), style(Role::Figure)),
            ]);
            buf.set_line(inner.x, y, &line, inner.width);
        }
        let note_y = inner.y + figures.len() as u16 + 1;
        if note_y < inner.y + inner.height {
            buf.set_line(
                inner.x,
                note_y,
                &Line::from(Span::styled(
                    Msg::DashIntentNote.text(lang),
                    style(Role::Muted),
                )),
                inner.width,
            );
        }

        // Breakdowns.
        let rest = if wide {
            Rect::new(
                area.x + head_w + 1,
                area.y,
                area.width - head_w - 1,
                area.height,
            )
        } else {
            Rect::new(area.x, area.y + head_h, area.width, area.height - head_h)
        };
        if rest.height < 3 {
            return;
        }
        let field_rows: Vec<(String, i64)> = t
            .by_field
            .iter()
            .map(|b| (TECH_FIELDS.label(&b.key, lang), b.achievements))
            .collect();
        let type_rows = amount_rows(&t.by_contract_type, |k| CONTRACT_TYPES.label(k, lang));
        let region_rows = amount_rows(&t.by_region, |k| REGIONS.label(k, lang));
        let top_rows: Vec<(String, i64)> = t
            .top_achievements
            .iter()
            .map(|a| (format!("{} {}", a.code, a.title), a.interests))
            .collect();
        let hour_rows: Vec<(String, i64)> = t
            .agreements_by_hour
            .iter()
            .map(|(h, n)| (format!("{h:02}:00"), *n))
            .collect();
        let sections: Vec<(Msg, Vec<(String, i64)>)> = vec![
            (Msg::DashByField, field_rows),
            (Msg::DashByType, type_rows),
            (Msg::DashByHour, hour_rows),
            (Msg::DashByRegion, region_rows),
            (Msg::DashTop, top_rows),
        ];
        if wide && rest.width >= 80 {
            let half = rest.width / 2;
            let left = Rect::new(rest.x, rest.y, half, rest.height);
            let right = Rect::new(
                rest.x + half + 1,
                rest.y,
                rest.width - half - 1,
                rest.height,
            );
            draw_sections(&sections[..3], left, buf, lang);
            draw_sections(&sections[3..], right, buf, lang);
        } else {
            draw_sections(&sections, rest, buf, lang);
        }
    }
}

fn amount_rows(rows: &[Breakdown], label: impl Fn(&str) -> String) -> Vec<(String, i64)> {
    rows.iter()
        .filter(|b| b.agreements > 0)
        .map(|b| (label(&b.key), b.agreements))
        .collect()
}

/// Stacks titled bar lists into `area` while they fit.
fn draw_sections(sections: &[(Msg, Vec<(String, i64)>)], area: Rect, buf: &mut Buffer, lang: Lang) {
    let mut y = area.y;
    let bottom = area.y + area.height;
    for (title, rows) in sections {
        if y + 2 > bottom {
            break;
        }
        buf.set_line(
            area.x,
            y,
            &Line::from(Span::styled(title.text(lang), style(Role::Title))),
            area.width,
        );
        y += 1;
        let room = (bottom - y) as usize;
        let shown = rows.len().min(room).min(12);
        draw_bars(
            &rows[..shown],
            Rect::new(area.x, y, area.width, shown as u16),
            buf,
        );
        y += shown as u16 + 1;
    }
}

/// Horizontal bars: label (by display width), bar, value.
pub fn draw_bars(rows: &[(String, i64)], area: Rect, buf: &mut Buffer) {
    let max = rows.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let label_w = rows
        .iter()
        .map(|(l, _)| display_width(&display_safe(l)))
        .max()
        .unwrap_or(0)
        .min((area.width as usize) / 2);
    for (n, (label, value)) in rows.iter().enumerate() {
        let y = area.y + n as u16;
        if y >= area.y + area.height {
            break;
        }
        let value_text = value.to_string();
        let bar_room = (area.width as usize).saturating_sub(label_w + 2 + value_text.len());
        let bar_len = ((*value as usize) * bar_room) / (max as usize);
        let label = truncate_to_width(&display_safe(label), label_w).into_owned();
        let line = Line::from(vec![
            Span::raw(pad_to_width(&label, label_w)),
            Span::raw(" "),
            Span::styled("█".repeat(bar_len), style(Role::Bar)),
            Span::raw(" "),
            Span::styled(value_text, style(Role::Figure)),
        ]);
        buf.set_line(area.x, y, &line, area.width);
    }
}
