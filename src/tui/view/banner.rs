//! The warnings about the file itself, drawn over the start of the status bar where they
//! cannot be missed: read-only, failed check; and the last backup at its end.
use crate::domain::text::{display_safe, display_width, truncate_to_width};
use crate::tui::i18n::Msg;
use crate::tui::safety::BackupNote;
use crate::tui::state::State;
use crate::tui::theme::{Role, style};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

pub fn render(state: &State, status: Rect, buf: &mut Buffer) {
    if status.height == 0 {
        return;
    }
    let lang = state.lang;
    let safety = &state.safety;
    let mut warnings = Vec::new();
    if safety.read_only {
        warnings.push(Msg::BannerReadOnly.text(lang));
    }
    if safety.integrity_problems > 0 {
        warnings.push(Msg::BannerIntegrity.text(lang));
    }
    if !warnings.is_empty() {
        let text = format!(" {} ", warnings.join(" │ "));
        let text = truncate_to_width(&text, status.width as usize).into_owned();
        let alarm = Style::default()
            .fg(Color::White)
            .bg(Color::Red)
            .add_modifier(Modifier::BOLD);
        buf.set_line(
            status.x,
            status.y,
            &Line::from(Span::styled(text, alarm)),
            status.width,
        );
    }
    let note = match &safety.backup {
        BackupNote::None => return,
        BackupNote::Saved(at) => {
            let zone = state
                .snapshot
                .fair
                .as_ref()
                .map(|f| f.zone())
                .unwrap_or(chrono_tz::Asia::Shanghai);
            format!(
                " {} {} ",
                Msg::BackupSaved.text(lang),
                at.with_timezone(&zone).format("%H:%M")
            )
        }
        BackupNote::Failed(message) => format!(
            " {}：{} ",
            Msg::BackupFailed.text(lang),
            display_safe(message)
        ),
    };
    let note = truncate_to_width(&note, (status.width / 3) as usize).into_owned();
    // Just left of the help hint at the right end.
    let hint = display_width(Msg::StatusHelpHint.text(lang)) + 2;
    let x = status.x + (status.width as usize).saturating_sub(hint + display_width(&note)) as u16;
    let role = if matches!(safety.backup, BackupNote::Failed(_)) {
        Role::Error
    } else {
        Role::StatusBar
    };
    buf.set_line(
        x,
        status.y,
        &Line::from(Span::styled(note, style(role))),
        status.width,
    );
}
